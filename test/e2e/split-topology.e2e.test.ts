import { randomBytes, randomUUID } from 'node:crypto';
import { findPlaceholders } from '../../pipelines/cipher';
import { TOPICS } from '../../schemas/topics';
import type { RawLog } from '../../schemas/types';
import { topicName, type Env } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { email, luhnCard, prng } from '../support/fixtures';
import { compareShape } from '../support/json-shape';
import { collect } from '../support/kafka-collect';
import { leaks } from '../support/pipeline-audit';
import { PromptLoad } from '../support/prompt-load';
import { isolatedEnv } from '../support/test-env';
import type { WorkerProc } from '../support/worker-chaos';
import { startWorkerProcess } from '../support/worker-process';

jest.setTimeout(240_000);

const PROMPTS = 300;
const LOGS = 60;

/** Structured log records with secrets in nested string leaves, next to numbers, booleans and nulls. */
function logRecords(seed: number): { record: object; secrets: string[] }[] {
  const rand = prng(seed);
  return Array.from({ length: LOGS }, (_, i) => {
    const mail = email(rand);
    const card = luhnCard(rand);
    const record = { level: i % 2 ? 'info' : 'warn', msg: `payment by ${mail} failed`, attempt: i, ok: i % 3 === 0, ratio: i / 7, trace: null, user: { contact: mail, id: 1000 + i, tags: ['vip', `card ${card}`] } };
    return { record, secrets: [mail, card] };
  });
}

/**
 * Issue 6's topology proof: the same prompts and structured logs for the SAME tenant through the
 * fused worker (prefix A) and the split detect → decide → protect workers (prefix B) give
 * identical sanitized texts (token ids are keyed HMACs / FF1, so they are reproducible), and
 * sanitized logs keep their JSON structure with string leaves tokenized. The fused worker detects on
 * two pool threads, the split detect worker inline, so this also proves the pool changes nothing.
 */
describe('split topology ≡ fused, and structured logs keep their shape', () => {
  const suffix = randomBytes(3).toString('hex');
  const tenantId = randomUUID();
  const fused = isolatedEnv('fused');
  const split = isolatedEnv('split');
  const procs: WorkerProc[] = [];
  let a: AppContext;
  let b: AppContext;

  const produceAll = async (ctx: AppContext): Promise<PromptLoad> => {
    const load = new PromptLoad(ctx, [tenantId], `topo-${suffix}`, 51);
    await load.produce(PROMPTS);
    const producer = ctx.kafka.producer();
    await producer.connect();
    const messages = logRecords(52).map(({ record }, i) => {
      const log: RawLog = { tenant_id: tenantId, request_id: `log-${suffix}-${i}`, line: JSON.stringify(record), service: 'billing', metadata: null, ts: Date.now() };
      return { key: tenantId, value: ctx.codecs.logsRaw.encode(log) };
    });
    // Nested deeper than the detect stage accepts: its rejection must reach the DLQ from a pool
    // thread (fused) and from inline detection (split) alike.
    const deep: RawLog = { tenant_id: tenantId, request_id: `log-${suffix}-deep`, line: `${'{"a":'.repeat(100)}"x"${'}'.repeat(100)}`, service: 'billing', metadata: null, ts: Date.now() };
    messages.push({ key: tenantId, value: ctx.codecs.logsRaw.encode(deep) });
    await producer.send({ topic: topicName(TOPICS.logsRaw, ctx.env), messages });
    await producer.disconnect();
    await load.close();
    return load;
  };
  const read = async (e: Env, ctx: AppContext) => {
    const [san, blk, logs, dlq] = [TOPICS.promptsSanitized, TOPICS.promptsBlocked, TOPICS.logsSanitized, TOPICS.dlq].map((t) => topicName(t, e));
    const all = await collect(ctx.kafka, [san!, blk!, logs!, dlq!], (m) => m.length >= PROMPTS + LOGS + 1, 120_000, 2_000);
    const dead = all.filter((m) => m.topic === dlq).map((m) => m.headers['reason-code']);
    const prompts = await Promise.all(all.filter((m) => m.topic === san).map((m) => ctx.codecs.promptsSanitized.decode(m.value)));
    const sanitizedLogs = await Promise.all(all.filter((m) => m.topic === logs).map((m) => ctx.codecs.logsSanitized.decode(m.value)));
    return { prompts: new Map(prompts.map((p) => [p.request_id, p.text])), logs: new Map(sanitizedLogs.map((l) => [l.request_id, l.line])), dead, total: all.length };
  };

  beforeAll(async () => {
    a = await createAppContext('e2e-fused', fused.env);
    b = await createAppContext('e2e-split', split.env);
    await bootstrap(a);
    await bootstrap(b);
    await createTenant(a.pg.admin, { id: tenantId, name: 'E2E topology', slug: `e2e-topo-${tenantId.slice(0, 8)}`, region: 'eu-west-1' });
    procs.push(startWorkerProcess('pipeline', { ...fused.vars, WORKER_INSTANCE_ID: `topo-f-${suffix}`, DETECT_THREADS: '2' }));
    // The fused worker detects on two pool threads, the split detect worker on its main thread:
    // the identical outputs below also cover the pool against inline detection.
    for (const w of ['detect', 'decide', 'protect']) procs.push(startWorkerProcess(w, { ...split.vars, WORKER_INSTANCE_ID: `topo-s-${suffix}`, DETECT_THREADS: '0' }));
  });

  afterAll(async () => {
    const codes = await Promise.all(procs.map((p) => p.stop()));
    await Promise.all([a?.close(), b?.close()]);
    expect(codes).toEqual([0, 0, 0, 0]);
  });

  it('gives byte-identical sanitized prompts and logs, logs keep their JSON structure', async () => {
    const load = await produceAll(a);
    await produceAll(b);
    const [fo, so] = await Promise.all([read(fused.env, a), read(split.env, b)]);
    expect(fo.total).toBe(PROMPTS + LOGS + 1);
    expect(so.total).toBe(PROMPTS + LOGS + 1);
    expect(fo.dead).toEqual(['schema_violation']);
    expect(so.dead).toEqual(['schema_violation']);
    expect(so.prompts.size).toBe(fo.prompts.size);
    let differing = 0;
    for (const [id, text] of fo.prompts) if (so.prompts.get(id) !== text) differing++;
    expect(differing).toBe(0);
    const tokenized = [...fo.prompts.values()].filter((t) => findPlaceholders(t).length > 0).length;
    expect(tokenized).toBeGreaterThan(PROMPTS / 2);
    for (const [id, text] of fo.prompts) expect(leaks(text, load.sent.get(id)!.secrets)).toBe(false);

    const records = logRecords(52);
    let changedLeaves = 0;
    records.forEach(({ record, secrets }, i) => {
      const id = `log-${suffix}-${i}`;
      const line = fo.logs.get(id)!;
      expect(so.logs.get(id)).toBe(line);
      const shape = compareShape(record, JSON.parse(line));
      expect(shape.mismatches).toEqual([]);
      expect(shape.changedStrings).toEqual(expect.arrayContaining(['$.msg', '$.user.contact', '$.user.tags[1]']));
      changedLeaves += shape.changedStrings.length;
      expect(leaks(line, secrets)).toBe(false);
    });
    console.log(`split-topology: ${fo.prompts.size} sanitized prompts (${tokenized} tokenized) identical fused vs split, ${records.length} logs identical and shape-preserving (${changedLeaves} string leaves tokenized)`);
  });
});
