import { readFileSync } from 'node:fs';
import type { Admin, Kafka } from 'kafkajs';
import { startWorkerProcess } from './worker-process';

export type WorkerProc = ReturnType<typeof startWorkerProcess>;

/** Resident set size of a process in MiB, from /proc/<pid>/status (VmRSS). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export function sigkill(w: WorkerProc): Promise<void> {
  return new Promise((resolve) => {
    if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
    w.child.once('exit', () => resolve());
    w.child.kill('SIGKILL');
  });
}

/** SIGTERM and measure: exit code and how long the graceful stop took. */
export async function terminate(w: WorkerProc): Promise<{ code: number | null; ms: number }> {
  const t0 = Date.now();
  const code = await w.stop();
  return { code, ms: Date.now() - t0 };
}

/** Sum of a group's committed offsets over `topics` (-1 for partitions without a commit). */
export async function committedTotal(admin: Admin, groupId: string, topics: string[]): Promise<bigint> {
  const offsets = await admin.fetchOffsets({ groupId, topics });
  return offsets.flatMap((t) => t.partitions).reduce((s, p) => s + BigInt(p.offset), 0n);
}

export interface ChaosResult<P extends WorkerProc = WorkerProc> {
  proc: P;
  kills: number;
  /** Kills that hit a worker after it had committed at least one transaction since its start. */
  killedWhileProcessing: number;
  logs: string[];
}

/**
 * One worker slot under SIGKILL: start it, wait until it has committed progress, kill it at a
 * random point 0–`jitterMs` later, restart it at once with the SAME environment (same
 * WORKER_INSTANCE_ID, so the new producer fences the old transaction). `beforeRestart` runs
 * while the slot is down (e.g. produce the next wave). Returns the last, still running process.
 */
export async function chaosKills<P extends WorkerProc = WorkerProc>(opts: {
  name: string;
  vars: Record<string, string>;
  kills: number;
  kafka: Kafka;
  groupId: string;
  topics: string[];
  rand: () => number;
  jitterMs?: number;
  progressTimeoutMs?: number;
  beforeRestart?: (i: number) => Promise<void>;
  /** How the slot's process is started (default: startWorkerProcess; the fault suite supervises it). */
  start?: () => P;
}): Promise<ChaosResult<P>> {
  const start = opts.start ?? (() => startWorkerProcess(opts.name, opts.vars) as P);
  const admin = opts.kafka.admin();
  await admin.connect();
  const logs: string[] = [];
  let killedWhileProcessing = 0;
  let proc = start();
  try {
    for (let i = 0; i < opts.kills; i++) {
      const base = await committedTotal(admin, opts.groupId, opts.topics);
      const until = Date.now() + (opts.progressTimeoutMs ?? 30_000);
      let progressed = false;
      while (Date.now() < until && !progressed && proc.child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
        progressed = (await committedTotal(admin, opts.groupId, opts.topics).catch(() => base)) > base;
      }
      if (progressed) killedWhileProcessing++;
      await new Promise((r) => setTimeout(r, Math.floor(opts.rand() * (opts.jitterMs ?? 600))));
      await sigkill(proc);
      logs.push(proc.logs());
      await opts.beforeRestart?.(i);
      proc = start();
    }
  } finally {
    await admin.disconnect();
  }
  return { proc, kills: opts.kills, killedWhileProcessing, logs };
}
