import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { TOPICS } from '../../schemas/topics';
import type { RawPrompt } from '../../schemas/types';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext } from '../../workers/runtime/app-context';
import { isolatedEnv } from '../support/test-env';
import { startWorkerProcess } from '../support/worker-process';
import { makePrompts } from './detect.bench';

export interface SoakSample {
  readonly atSec: number;
  readonly rssMb: number;
  readonly lag: number;
  readonly produced: number;
}

export interface SoakResult {
  readonly samples: readonly SoakSample[];
  /**
   * Median RSS of the last third of the run over the middle third (1.0 = flat). Medians, because RSS
   * follows the garbage collector's sawtooth (±20 % within seconds): a leak moves the median, one
   * sample taken just before or after a collection does not.
   */
  readonly rssGrowth: number;
  readonly maxLag: number;
  readonly finalLag: number;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/**
 * Steady load on the fused pipeline: `rate` prompts/s for `seconds`, sampling the worker's RSS and
 * its consumer-group lag every `sampleSec`. Memory is "flat" when the last third's median RSS is close
 * to the middle third's (the first third is warm-up); lag is bounded when it never exceeds a few
 * seconds of input and drains at the end.
 */
export async function runSoak(opts: { seconds: number; rate: number; sampleSec?: number; log?: (s: string) => void }): Promise<SoakResult> {
  const sampleSec = opts.sampleSec ?? 10;
  const { env, vars } = isolatedEnv('soak', { LOG_LEVEL: 'error', KAFKA_SESSION_TIMEOUT_MS: '6000' });
  const ctx = await createAppContext('soak', env);
  const worker = startWorkerProcess('pipeline', { ...vars, WORKER_INSTANCE_ID: 'soak-0' });
  const samples: SoakSample[] = [];
  const admin = ctx.kafka.admin();
  try {
    await bootstrap(ctx);
    await admin.connect();
    const tenant = (await createTenant(ctx.pg.admin, { name: 'soak', slug: `soak-${randomUUID().slice(0, 10)}`, region: 'eu' })).id;
    const texts = makePrompts(2000, 11);
    const producer = ctx.kafka.producer();
    await producer.connect();
    const raw = topicName(TOPICS.promptsRaw, env);
    const group = `${env.TOPIC_PREFIX}sentinel-pipeline`;
    const lag = async (): Promise<number> => {
      const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(raw), admin.fetchOffsets({ groupId: group, topics: [raw] })]);
      const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Math.max(0, Number(p.offset))]));
      return ends.reduce((sum, p) => sum + Number(p.high) - (done.get(p.partition) ?? 0), 0);
    };
    const start = Date.now();
    let produced = 0;
    let nextSample = start + sampleSec * 1000;
    while (Date.now() - start < opts.seconds * 1000) {
      const tick = Date.now();
      const messages = Array.from({ length: Math.max(1, Math.round(opts.rate / 10)) }, () => {
        const p: RawPrompt = { tenant_id: tenant, request_id: `s-${produced}`, text: texts[produced++ % texts.length]!, conversation_id: null, user_id: null, metadata: null, ts: Date.now() };
        return { key: tenant, value: ctx.codecs.promptsRaw.encode(p) };
      });
      await producer.send({ topic: raw, messages });
      if (Date.now() >= nextSample) {
        nextSample += sampleSec * 1000;
        const s = { atSec: Math.round((Date.now() - start) / 1000), rssMb: rssMb(worker.child.pid!), lag: await lag(), produced };
        samples.push(s);
        opts.log?.(`t=${s.atSec}s rss=${s.rssMb}MB lag=${s.lag} produced=${s.produced}`);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, tick + 100 - Date.now())));
    }
    await producer.disconnect();
    let finalLag = await lag();
    for (let i = 0; i < 60 && finalLag > 0; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      finalLag = await lag();
    }
    const third = Math.max(1, Math.floor(samples.length / 3));
    const median = (xs: readonly SoakSample[]) => {
      const v = xs.map((x) => x.rssMb).sort((a, b) => a - b);
      return v.length === 0 ? 0 : v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
    };
    const middle = samples.slice(third, 2 * third);
    const last = samples.slice(samples.length - third);
    return { samples, rssGrowth: median(last) / Math.max(1, median(middle.length ? middle : samples)), maxLag: Math.max(0, ...samples.map((s) => s.lag)), finalLag };
  } finally {
    await admin.disconnect().catch(() => undefined);
    await worker.stop();
    await ctx.close();
  }
}

if (require.main === module) {
  const seconds = Number(process.env.SOAK_SECONDS ?? 1800);
  const rate = Number(process.env.SOAK_RATE ?? 500);
  runSoak({ seconds, rate, log: (s) => process.stderr.write(`${s}\n`) })
    .then((r) => {
      process.stdout.write(`soak ${seconds}s at ${rate}/s: RSS growth ${r.rssGrowth.toFixed(2)}x (last third / middle third), max lag ${r.maxLag}, final lag ${r.finalLag}\n`);
      process.exit(r.rssGrowth < 1.25 && r.finalLag === 0 ? 0 : 1);
    })
    .catch((err: unknown) => {
      process.stderr.write(`soak failed: ${String(err)}\n`);
      process.exit(1);
    });
}
