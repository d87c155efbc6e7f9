import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { REJECTION_CODES } from '../../pipelines/errors';
import { TOPICS } from '../../schemas/topics';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { badValues, record, avro, type RawKey } from '../support/fuzz-inputs';
import { framingOf, waitForStack } from '../support/fuzz-context';
import { fuzzText } from '../support/fuzz-stages';
import { Counter, expectSuiteTotalAtLeast, recordTally } from '../support/fuzz-tally';
import { collect } from '../support/kafka-collect';
import { isolatedEnv } from '../support/test-env';
import { startWorkerProcess } from '../support/worker-process';

const GOOD = Number(process.env.FUZZ_WORKER_GOOD ?? 1_000);
const BAD = Number(process.env.FUZZ_WORKER_BAD ?? 1_500);
/** No lone surrogates (they cannot be encoded as UTF-8, so no producer can send them). */
const wellFormed = (t: string) => !/[\uD800-\uDFFF]/.test(t.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));

/**
 * (d) Generated good and bad messages through a real `sentinel worker pipeline` process: every good
 * one ends sanitized or blocked (by request id, exactly once), every bad one on the DLQ with a known
 * reason (by count), the worker stays up and no partition stalls. `npm run build` first.
 */
describe('fuzz: a real pipeline worker absorbs generated bad input', () => {
  const { env, vars } = isolatedEnv('fuzzworker', { MAX_MESSAGE_BYTES: '65536' });
  let ctx: AppContext;
  let worker: ReturnType<typeof startWorkerProcess>;
  const tenantId = randomUUID();

  beforeAll(async () => {
    ctx = await createAppContext('fuzz-worker', env);
    await waitForStack(ctx);
    await bootstrap(ctx);
    await createTenant(ctx.pg.admin, { id: tenantId, name: 'Fuzz worker', slug: `fuzz-worker-${tenantId.slice(0, 8)}`, region: 'eu-west-1' });
    worker = startWorkerProcess('pipeline', vars);
  });
  afterAll(async () => {
    await worker?.stop();
    await ctx?.close();
    expectSuiteTotalAtLeast(100_000);
  });

  it('ends every message processed or dead-lettered with a reason; the worker survives', async () => {
    const t0 = performance.now();
    const framing = await framingOf(ctx);
    const raw: Record<RawKey, string> = { promptsRaw: topicName(TOPICS.promptsRaw, env), logsRaw: topicName(TOPICS.logsRaw, env) };
    const messages: { topic: string; key: string; value: Buffer }[] = [];
    // Good: arbitrary (well-formed) texts up to 4 KB, prompts and logs, Avro and plain JSON.
    const texts = fc.sample(fuzzText.filter((t) => wellFormed(t) && !t.includes('\uFFFD') && t.length <= 4_000), { seed: 3, numRuns: GOOD });
    const goodIds = new Set<string>();
    texts.forEach((text, i) => {
      const key: RawKey = i % 4 === 3 ? 'logsRaw' : 'promptsRaw';
      const requestId = `good-${i}-${randomUUID().slice(0, 8)}`;
      goodIds.add(requestId);
      const rec = record(key, tenantId, requestId, text);
      messages.push({ topic: raw[key], key: tenantId, value: i % 2 ? avro(key, framing, rec) : Buffer.from(JSON.stringify(rec)) });
    });
    // Bad: every kind of broken value (unknown tenant wherever a mutation could still decode),
    // plus oversized and too deeply nested values for the real tenant.
    let bad = 0;
    const kinds = (['promptsRaw', 'logsRaw'] as const).flatMap((key) => Object.entries(badValues(key, framing, randomUUID())).map(([name, arb]) => ({ key, name, arb })));
    const perKind = Math.ceil(BAD / kinds.length);
    for (const { key, name, arb } of kinds) {
      for (const value of fc.sample(arb, { seed: 5, numRuns: name === 'huge_metadata' || name === 'nested_metadata' ? 10 : perKind })) {
        messages.push({ topic: raw[key], key: `bad-${bad++}`, value });
      }
    }
    const big = 'x'.repeat(70_000);
    for (let i = 0; i < 5; i++) messages.push({ topic: raw.promptsRaw, key: tenantId, value: Buffer.from(JSON.stringify(record('promptsRaw', tenantId, `big-${i}`, big))) });
    const deep = `${'{"a":'.repeat(100)}"x"${'}'.repeat(100)}`;
    for (let i = 0; i < 5; i++) messages.push({ topic: raw.logsRaw, key: tenantId, value: Buffer.from(JSON.stringify(record('logsRaw', tenantId, `deep-${i}`, deep))) });
    bad += 10;

    const producer = ctx.kafka.producer();
    await producer.connect();
    for (let i = 0; i < messages.length; i += 200) {
      const slice = messages.slice(i, i + 200);
      await producer.sendBatch({ topicMessages: [...new Set(slice.map((m) => m.topic))].map((topic) => ({ topic, messages: slice.filter((m) => m.topic === topic).map(({ key, value }) => ({ key, value })) })) });
    }
    await producer.disconnect();

    const outTopics = ['promptsSanitized', 'promptsBlocked', 'logsSanitized'].map((k) => topicName(TOPICS[k as keyof typeof TOPICS], env));
    const dlq = topicName(TOPICS.dlq, env);
    const out = await collect(ctx.kafka, [...outTopics, dlq], (all) => all.length >= goodIds.size + bad, 240_000, 3_000);

    const counter = new Counter();
    const seen: string[] = [];
    for (const m of out.filter((o) => o.topic !== dlq)) {
      const codec = m.topic === outTopics[0] ? ctx.codecs.promptsSanitized : m.topic === outTopics[1] ? ctx.codecs.promptsBlocked : ctx.codecs.logsSanitized;
      const v = (await codec.decode(m.value)) as { request_id: string; decision?: string };
      seen.push(v.request_id);
      counter.add(`good:${v.decision ?? 'blocked'}`, 0);
    }
    const dead = out.filter((o) => o.topic === dlq);
    for (const d of dead) counter.add(`dlq:${d.headers['reason-code']}`, 0);
    recordTally({ ...counter.row('worker:pipeline process'), seconds: (performance.now() - t0) / 1000 });

    expect(worker.child.exitCode).toBeNull(); // never crashed
    expect(seen.filter((id) => goodIds.has(id)).sort()).toEqual([...goodIds].sort()); // each good one exactly once
    expect(seen.filter((id) => !goodIds.has(id))).toEqual([]); // nothing bad came out as processed
    expect(dead).toHaveLength(bad);
    for (const d of dead) expect(REJECTION_CODES).toContain(d.headers['reason-code']);
  });
});
