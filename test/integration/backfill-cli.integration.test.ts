import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '../../schemas/topics';
import type { RawPrompt, SanitizedPrompt } from '../../schemas/types';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import type { Checkpoint } from '../../workers/ops/checkpoint';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { collect } from '../support/kafka-collect';
import { jsonOf, sentinelCli, sentinelCliAsync } from '../support/sentinel-cli';
import { isolatedEnv } from '../support/test-env';
import { startWorkerProcess } from '../support/worker-process';
import { tempDir } from '../support/temp-dir';

const VALID = 24;

/**
 * `sentinel backfill --from-file` from the built CLI against a real `sentinel worker pipeline`:
 * rate-limited, stopped with SIGTERM half-way, resumed from its checkpoint — every valid line comes
 * out sanitized, every invalid one lands in the DLQ, and no line reaches the raw topic twice.
 */
describe('sentinel backfill CLI (built, real stack)', () => {
  const { env, vars } = isolatedEnv('backfill');
  let ctx: AppContext;
  let worker: ReturnType<typeof startWorkerProcess>;
  const tenantId = randomUUID();
  const dir = tempDir('backfill-');

  beforeAll(async () => {
    ctx = await createAppContext('it-backfill', env);
    await bootstrap(ctx);
    await createTenant(ctx.pg.admin, { id: tenantId, name: 'Backfill', slug: `bf-${tenantId.slice(0, 8)}`, region: 'eu-west-1' });
    worker = startWorkerProcess('pipeline', vars);
  });

  afterAll(async () => {
    expect(await worker?.stop()).toBe(0);
    await ctx?.close();
  });

  it('stops on SIGTERM after an acked batch and resumes without sending any line twice', async () => {
    const lines: Buffer[] = [];
    const invalid = [
      Buffer.from('{"tenant_id": "not json'),
      Buffer.from(JSON.stringify({ tenant_id: tenantId, request_id: 'no-text' })),
      Buffer.from(JSON.stringify({ tenant_id: tenantId, text: 42 })),
      Buffer.from(JSON.stringify({ tenant_id: tenantId, text: 'hello', colour: 'blue' })),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      Buffer.from('[1, 2, 3]'),
    ];
    for (let i = 0; i < VALID; i++) {
      // Half carry their own request id, half get the deterministic `<run id>-<line>`.
      const rec = { tenant_id: tenantId, text: `history ${i}: mail hist${i}@example.com`, ...(i % 2 ? { request_id: `hist-${i}` } : {}) };
      lines.push(Buffer.from(JSON.stringify(rec)));
      if (i % 4 === 3) lines.push(invalid[(i - 3) / 4]!);
    }
    lines.splice(10, 0, Buffer.from('   ')); // a blank line: skipped, not sent
    const file = join(dir, 'history.jsonl');
    writeFileSync(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
    const checkpoint = join(dir, 'cp.json');
    const args = ['backfill', '--from-file', file, '--rate', '6/s', '--checkpoint', checkpoint, '--json'];

    const first = sentinelCliAsync(vars, ...args);
    // Stop it once at least one batch is acknowledged and checkpointed (start-up time varies).
    const progressed = () => existsSync(checkpoint) && (JSON.parse(readFileSync(checkpoint, 'utf8')) as Checkpoint).counts.sent > 0;
    for (let i = 0; i < 300 && !progressed(); i++) await new Promise((r) => setTimeout(r, 100));
    first.signal('SIGTERM');
    const stopped = await first.done;
    expect(stopped.code).toBe(0);
    expect(jsonOf(stopped)).toMatchObject({ complete: false, stoppedBy: 'SIGTERM' });
    const cp = JSON.parse(readFileSync(checkpoint, 'utf8')) as Checkpoint;
    const done = (cp.position as { lines: number }).lines;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(lines.length);
    expect(cp.done).toBe(false);

    const resumed = sentinelCli(vars, ...args);
    expect(resumed.code).toBe(0);
    const summary = jsonOf<{ runId: string; sent: number; invalid: number; invalidLines: number[]; skipped: number; complete: boolean }>(resumed);
    expect(summary).toMatchObject({ runId: cp.runId, sent: VALID + invalid.length, invalid: invalid.length, skipped: 1, complete: true });
    expect(summary.invalidLines).toHaveLength(invalid.length);
    expect(resumed.stderr).toContain(`resuming ${cp.runId}`);
    // A third run with the finished checkpoint sends nothing.
    expect(jsonOf(sentinelCli(vars, ...args))).toMatchObject({ sent: VALID + invalid.length, complete: true });

    // The raw topic: exactly one record per non-blank line, all tagged with the run id.
    const raw = topicName(TOPICS.promptsRaw, env);
    const admin = ctx.kafka.admin();
    await admin.connect();
    const marks = await admin.fetchTopicOffsets(raw);
    await admin.disconnect();
    expect(marks.reduce((n, m) => n + Number(m.high) - Number(m.low), 0)).toBe(VALID + invalid.length);
    const rawRecords = await collect(ctx.kafka, [raw], (all) => all.length >= VALID + invalid.length, 30_000);
    expect(rawRecords.every((m) => m.headers['sentinel-backfill'] === cp.runId)).toBe(true);
    const decoded: RawPrompt[] = [];
    for (const m of rawRecords) if (m.value[0] === 0) decoded.push(await ctx.codecs.promptsRaw.decode(m.value));
    const ids = decoded.map((p) => p.request_id);
    expect(ids).toHaveLength(VALID);
    expect(new Set(ids).size).toBe(VALID);
    expect(ids.filter((id) => id.startsWith(`${cp.runId}-`))).toHaveLength(VALID / 2);

    // Downstream: every valid line sanitized, every invalid one dead-lettered.
    const sanitizedTopic = topicName(TOPICS.promptsSanitized, env);
    const dlqTopic = topicName(TOPICS.dlq, env);
    const out = await collect(ctx.kafka, [sanitizedTopic, dlqTopic], (all) => all.length >= VALID + invalid.length, 90_000);
    const passed: SanitizedPrompt[] = await Promise.all(out.filter((m) => m.topic === sanitizedTopic).map((m) => ctx.codecs.promptsSanitized.decode(m.value)));
    expect(passed.map((p) => p.request_id).sort()).toEqual([...ids].sort());
    for (const p of passed) expect(p.text).not.toMatch(/hist\d+@example\.com/);
    const dead = out.filter((m) => m.topic === dlqTopic);
    expect(dead).toHaveLength(invalid.length);
    expect(new Set(dead.map((m) => m.headers['reason-code']))).toEqual(new Set(['decode_failed', 'schema_violation', 'invalid_utf8']));
  }, 240_000);
});
