/**
 * Where a benchmark's CPU goes, per process group, read from /proc (Linux). A pipeline bench on
 * this machine shares two cores between the workers, the broker, the registry, Postgres and the
 * bench's own producer and consumer, so "prompts per second" alone cannot say what limits it: this
 * splits the CPU spent during the measured window into those parts, per prompt.
 *
 * Counts are the kernel's utime + stime in clock ticks (USER_HZ, 100 on Linux), summed over a
 * process and all its descendants (Postgres backends are children of the postmaster), so each
 * group's figure has a resolution of 10 ms per process over the window.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Linux exports CPU times in USER_HZ, fixed at 100 for userspace since 2.6. */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  readonly ppid: number;
  readonly ticks: number;
}

export interface CpuSnapshot {
  readonly atMs: number;
  readonly procs: ReadonlyMap<number, ProcStat>;
  /** Whole-machine idle and total ticks from /proc/stat (all cores). */
  readonly idleTicks: number;
  readonly totalTicks: number;
}

/** µs of CPU per prompt for each named group, plus everything else and the machine's idle time. */
export interface CpuBreakdown {
  readonly usPerPrompt: Readonly<Record<string, number>>;
  /** Share of all cores' time left idle during the window, in percent. */
  readonly idlePct: number;
}

/** One reading of every process's CPU time; null where /proc is not available. */
export function cpuSnapshot(): CpuSnapshot | null {
  if (!existsSync('/proc/stat')) return null;
  const procs = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readOrNull(`/proc/${name}/stat`);
    if (stat === null) continue; // exited between readdir and read
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    procs.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  // user nice system idle iowait irq softirq steal (guest time is already counted in user and nice).
  const cpu = (readOrNull('/proc/stat') ?? '').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const idleTicks = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { atMs: Date.now(), procs, idleTicks, totalTicks: cpu.reduce((a, b) => a + b, 0) };
}

/**
 * CPU between two snapshots, per group of root pids (each with its descendants), the rest of the
 * machine as "other", per prompt. A process alive in only one snapshot counts from zero / to its
 * last reading, which undercounts short-lived processes; none run during a bench's drain.
 */
export function cpuBreakdown(from: CpuSnapshot, to: CpuSnapshot, groups: Readonly<Record<string, readonly number[]>>, prompts: number): CpuBreakdown {
  const owner = new Map<number, string>();
  for (const [group, roots] of Object.entries(groups)) for (const pid of roots) owner.set(pid, group);
  const groupOf = (pid: number): string => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      const g = owner.get(p);
      if (g !== undefined) return g;
      p = to.procs.get(p)?.ppid ?? from.procs.get(p)?.ppid ?? 0;
    }
    return 'other';
  };
  const ticks: Record<string, number> = Object.fromEntries([...Object.keys(groups), 'other'].map((g) => [g, 0]));
  for (const [pid, now] of to.procs) {
    const spent = now.ticks - (from.procs.get(pid)?.ticks ?? 0);
    if (spent > 0) ticks[groupOf(pid)]! += spent;
  }
  const usPerTick = 1e6 / TICKS_PER_SECOND;
  const usPerPrompt = Object.fromEntries(Object.entries(ticks).map(([g, t]) => [g, Math.round((t * usPerTick) / prompts)]));
  const total = to.totalTicks - from.totalTicks;
  return { usPerPrompt, idlePct: total > 0 ? Math.round((100 * (to.idleTicks - from.idleTicks)) / total) : 0 };
}

/** Pids of the local stack's services (scripts/stack/up.sh writes `.stack/run/<svc>.pid`). */
export function stackPids(stackDir: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const run = join(stackDir, 'run');
  if (!existsSync(run)) return out;
  for (const file of readdirSync(run)) {
    if (!file.endsWith('.pid')) continue;
    const pid = Number((readOrNull(join(run, file)) ?? '').trim());
    if (Number.isInteger(pid) && pid > 1) out[file.slice(0, -4)] = [pid];
  }
  return out;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
