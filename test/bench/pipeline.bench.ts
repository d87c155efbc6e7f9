import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import type { Kafka } from 'kafkajs';
import { TOPICS } from '../../schemas/topics';
import type { RawPrompt } from '../../schemas/types';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { isolatedEnv } from '../support/test-env';
import { startWorkerProcess } from '../support/worker-process';
import { makePrompts } from './detect.bench';
import { cpuBreakdown, cpuSnapshot, stackPids, type CpuBreakdown, type CpuSnapshot } from './cpu-account';

export type BenchTopology = 'fused' | 'split' | 'passthrough';

export interface PipelineBenchResult {
  readonly topology: BenchTopology;
  readonly processes: number;
  readonly prompts: number;
  /** Outputs drained before the measured window (see DEFAULT_WARMUP_PROMPTS). */
  readonly warmupPrompts: number;
  /** Length of each prompt's text (the synthetic mix of detect.bench, cut to this many characters). */
  readonly promptChars: number;
  /** Backlog drain rate: outputs per second between the first and the last output of the measured N. */
  readonly promptsPerSec: number;
  /** End to end (produce → visible to a read_committed consumer) at a steady rate below capacity. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly steadyRate: number;
  /** CPU per prompt during the drain, by process group (workers, bench, each stack service); Linux only. */
  readonly cpu?: CpuBreakdown;
}

const WORKERS: Record<BenchTopology, string[]> = { fused: ['pipeline'], split: ['detect', 'decide', 'protect'], passthrough: ['passthrough'] };

/**
 * Throughput: a warm-up backlog and then N prompts are produced first, then the workers start; the
 * drain rate is measured from the first to the last output of the N, so process start-up and the
 * JIT warm-up of each isolate (and of the broker) are excluded. Latency: afterwards prompts are
 * produced at a steady rate and each one's time to reach a read_committed consumer recorded.
 */
export async function benchPipeline(topology: BenchTopology, opts: { prompts?: number; warmupPrompts?: number; processes?: number; promptChars?: number; steadyRate?: number; steadySeconds?: number } = {}): Promise<PipelineBenchResult> {
  const n = opts.prompts ?? 60_000;
  const warmup = opts.warmupPrompts ?? DEFAULT_WARMUP_PROMPTS;
  const processes = opts.processes ?? 1;
  const steadyRate = opts.steadyRate ?? 500;
  const steadySeconds = opts.steadySeconds ?? 6;
  const { env, vars } = isolatedEnv(`bench-${topology}`, { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error', TOPIC_PARTITIONS: '6', KAFKA_SESSION_TIMEOUT_MS: '6000' });
  const ctx = await createAppContext('bench', env);
  const children: { child: ChildProcess; stop: () => Promise<number | null> }[] = [];
  try {
    await bootstrap(ctx);
    const tenants = await Promise.all([0, 1, 2, 3, 4, 5].map(async (i) => (await createTenant(ctx.pg.admin, { name: `bench ${i}`, slug: `bench-${randomUUID().slice(0, 12)}`, region: 'eu' })).id));
    const promptChars = opts.promptChars ?? 500;
    const texts = makePrompts(warmup + n + steadyRate * steadySeconds, 7, promptChars);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let outputs = 0;
    let first = 0;
    let last = 0;
    // CPU readings at the first and the last output of the measured N: the same window as the drain rate.
    let cpuAtFirst: CpuSnapshot | null = null;
    let cpuAtLast: CpuSnapshot | null = null;
    const consumer = await outputConsumer(ctx, topology, (requestId, at) => {
      outputs++;
      if (outputs === warmup + 1) {
        first = at;
        cpuAtFirst = cpuSnapshot();
      }
      if (outputs === warmup + n) {
        last = at;
        cpuAtLast = cpuSnapshot();
      }
      const s = sentAt.get(requestId);
      if (s !== undefined) latencies.push(at - s);
    });
    await produce(ctx, tenants, texts.slice(0, warmup + n), 0, undefined);
    for (const name of WORKERS[topology]) {
      for (let p = 0; p < (topology === 'split' && name !== 'detect' ? 1 : processes); p++) {
        children.push(startWorkerProcess(name, { ...vars, WORKER_INSTANCE_ID: `bench-${name}-${p}`, DETECT_THREADS: vars.DETECT_THREADS ?? detectThreadsPerProcess(processes) }));
      }
    }
    await until(() => outputs >= warmup + n, 600_000);
    const promptsPerSec = Math.round((n - 1) / ((last - first) / 1000));
    const groups = { workers: children.flatMap((c) => (c.child.pid ? [c.child.pid] : [])), bench: [process.pid], ...stackPids(process.env.STACK_DIR ?? join(process.cwd(), '.stack')) };
    const cpu = cpuAtFirst && cpuAtLast ? cpuBreakdown(cpuAtFirst, cpuAtLast, groups, n - 1) : undefined;
    // Steady phase: a fixed rate, well below capacity, so latency is not queueing behind a backlog.
    const steadyTexts = texts.slice(warmup + n);
    for (let s = 0; s < steadySeconds; s++) {
      const batch = steadyTexts.slice(s * steadyRate, (s + 1) * steadyRate);
      const t0 = Date.now();
      for (let i = 0; i < 10; i++) {
        await produce(ctx, tenants, batch.slice((i * batch.length) / 10, ((i + 1) * batch.length) / 10), warmup + n + s * steadyRate + (i * batch.length) / 10, sentAt);
        await sleep(Math.max(0, t0 + (i + 1) * 100 - Date.now()));
      }
    }
    await until(() => outputs >= warmup + n + steadyTexts.length, 120_000);
    await consumer.disconnect();
    latencies.sort((a, b) => a - b);
    const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    return { topology, processes, prompts: n, warmupPrompts: warmup, promptChars, promptsPerSec, p50Ms: pct(0.5), p99Ms: pct(0.99), steadyRate, ...(cpu ? { cpu } : {}) };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await ctx.close();
  }
}

/**
 * Outputs before the measured window. A fresh worker compiles its hot code once per isolate (three
 * per fused process) and the broker's JVM warms up too: a long-running worker pays neither.
 */
export const DEFAULT_WARMUP_PROMPTS = 10_000;

/** Processes sharing a host share its cores: each gets its part as detect threads (at least one). */
function detectThreadsPerProcess(processes: number): string {
  return String(Math.max(1, Math.floor(availableParallelism() / processes)));
}

async function produce(ctx: AppContext, tenants: string[], texts: string[], offset: number, sentAt: Map<string, number> | undefined): Promise<void> {
  const producer = ctx.kafka.producer();
  await producer.connect();
  const topic = topicName(TOPICS.promptsRaw, ctx.env);
  for (let i = 0; i < texts.length; i += 1000) {
    const now = Date.now();
    const messages = texts.slice(i, i + 1000).map((text, j) => {
      const tenant = tenants[(offset + i + j) % tenants.length]!;
      const prompt: RawPrompt = { tenant_id: tenant, request_id: `b-${offset + i + j}`, text, conversation_id: `c-${(offset + i + j) % 50}`, user_id: null, metadata: null, ts: now };
      sentAt?.set(prompt.request_id, now);
      return { key: tenant, value: ctx.codecs.promptsRaw.encode(prompt) };
    });
    await producer.send({ topic, messages });
  }
  await producer.disconnect();
}

async function outputConsumer(ctx: AppContext, topology: BenchTopology, onOutput: (requestId: string, at: number) => void): Promise<ReturnType<Kafka['consumer']>> {
  const sanitized = topicName(TOPICS.promptsSanitized, ctx.env);
  const blocked = topicName(TOPICS.promptsBlocked, ctx.env);
  const consumer = ctx.kafka.consumer({ groupId: `bench-out-${randomUUID()}`, readUncommitted: false, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topics: [sanitized, blocked], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const at = Date.now();
      for (const m of batch.messages) {
        if (!m.value) continue;
        const decoded =
          topology === 'passthrough'
            ? await ctx.codecs.promptsRaw.decode(m.value)
            : batch.topic === blocked
              ? await ctx.codecs.promptsBlocked.decode(m.value)
              : await ctx.codecs.promptsSanitized.decode(m.value);
        onOutput(decoded.request_id, at);
      }
    },
  });
  return consumer;
}

async function until(cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('benchmark timed out waiting for outputs');
    await sleep(100);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
