import { randomUUID } from 'node:crypto';
import { TOPICS } from '../../schemas/topics';
import type { SanitizedPrompt } from '../../schemas/types';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { collect } from '../support/kafka-collect';
import { jsonOf, sentinelCli } from '../support/sentinel-cli';
import { isolatedEnv } from '../support/test-env';
import { startWorkerProcess } from '../support/worker-process';

interface ListJson {
  count: number;
  complete: boolean;
  deadLetters: { partition: number; offset: string; reason: string; tenantId: string | null; originalTopic: string; sealedBytes: number }[];
}

/**
 * `sentinel dlq list|inspect|replay` from the built CLI against a real `sentinel worker pipeline`:
 * prompts for a tenant that does not exist yet are dead-lettered; once the tenant is created,
 * replay sends them through again and they come out sanitized — once, however often replay runs.
 */
describe('sentinel dlq CLI (built, real stack)', () => {
  const { env, vars } = isolatedEnv('dlqcli');
  let ctx: AppContext;
  let worker: ReturnType<typeof startWorkerProcess>;
  const ghost = randomUUID();
  const emails = Array.from({ length: 5 }, (_, i) => `ghost${i}.user@example.com`);
  const cli = (...args: string[]) => sentinelCli(vars, ...args);

  beforeAll(async () => {
    ctx = await createAppContext('it-dlq-cli', env);
    await bootstrap(ctx);
    worker = startWorkerProcess('pipeline', vars);
  });

  afterAll(async () => {
    expect(await worker?.stop()).toBe(0);
    await ctx?.close();
  });

  it('lists, inspects, reveals (audited) and replays unknown-tenant dead letters exactly once', async () => {
    const producer = ctx.kafka.producer();
    await producer.connect();
    const raw = topicName(TOPICS.promptsRaw, env);
    await producer.send({ topic: raw, messages: emails.map((e, i) => ({ key: ghost, value: Buffer.from(JSON.stringify({ tenant_id: ghost, request_id: `ghost-${i}`, text: `please write to ${e} today` })), headers: { 'trace-id': `t-${i}`, 'x-contact': e } })) });
    await producer.disconnect();
    const dlqTopic = topicName(TOPICS.dlq, env);
    const dead = await collect(ctx.kafka, [dlqTopic], (all) => all.length >= 5, 60_000);
    expect(dead).toHaveLength(5);

    const list = cli('dlq', 'list', '--reason', 'unknown_tenant', '--json');
    expect(list.code).toBe(0);
    for (const e of emails) expect(list.stdout + list.stderr).not.toContain(e);
    const listed = jsonOf<ListJson>(list);
    expect(listed).toMatchObject({ count: 5, complete: true });
    // The trace id is carried for replay; the header holding an address is dropped, and counted.
    for (const d of listed.deadLetters) expect(d).toMatchObject({ reason: 'unknown_tenant', tenantId: ghost, originalTopic: raw, headersCarried: 1, headersDropped: 1 });
    expect(jsonOf(cli('dlq', 'list', '--reason', 'decode_failed', '--json'))).toMatchObject({ count: 0 });
    const text = cli('dlq', 'list', '--max', '2');
    expect(text.stdout.trim().split('\n')).toHaveLength(2);
    expect(text.stdout).toContain('unknown_tenant');
    expect(text.stdout).toContain('headers=1 (1 dropped)');

    const first = listed.deadLetters[0]!;
    const at = ['--partition', String(first.partition), '--offset', first.offset];
    const meta = cli('dlq', 'inspect', ...at, '--json');
    expect(meta.code).toBe(0);
    expect(jsonOf(meta)).toMatchObject({ reason: 'unknown_tenant', sealedBytes: first.sealedBytes });
    expect(meta.stdout).not.toMatch(/example\.com/);
    const refused = cli('dlq', 'inspect', ...at, '--reveal', '--actor', 'ops@example.org');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('reveal refused: reason_missing');
    expect(refused.stdout).not.toMatch(/ghost\d\.user/);
    const bogus = cli('dlq', 'inspect', ...at, '--reveal', '--reason', 'curiosity', '--actor', 'ops');
    expect(bogus.stderr).toContain('reason_not_allowed');
    // Unknown tenant: revealed, with a structured audit line on stderr instead of a chain event.
    const shown = cli('dlq', 'inspect', ...at, '--reveal', '--reason', 'support_ticket', '--actor', 'ops@example.org');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/please write to ghost\d\.user@example\.com today/);
    const auditLine = shown.stderr.split('\n').find((l) => l.includes('"dlq_reveal"'))!;
    expect(JSON.parse(auditLine)).toMatchObject({ level: 'audit', actor: 'ops@example.org', reason: 'support_ticket', outcome: 'granted', tenant_id: null, claimed_tenant_id: ghost });

    // The fix: the tenant now exists. The worker's tenant cache forgets a miss after 5 s.
    await createTenant(ctx.pg.admin, { id: ghost, name: 'Ghost', slug: `ghost-${ghost.slice(0, 8)}`, region: 'eu-west-1' });
    await new Promise((r) => setTimeout(r, 6_000));
    expect(jsonOf(cli('dlq', 'replay', '--reason', 'unknown_tenant', '--dry-run', '--json'))).toMatchObject({ selected: 5, replayed: 0, dryRun: true });
    const replay = cli('dlq', 'replay', '--reason', 'unknown_tenant', '--actor', 'it', '--json');
    expect(replay.code).toBe(0);
    expect(jsonOf(replay)).toMatchObject({ selected: 5, replayed: 5, alreadyReplayed: 0, refused: 0, unopenable: 0 });

    const sanitizedTopic = topicName(TOPICS.promptsSanitized, env);
    const out = await collect(ctx.kafka, [sanitizedTopic, raw], (all) => all.filter((m) => m.topic === sanitizedTopic).length >= 5, 60_000);
    const passed: SanitizedPrompt[] = await Promise.all(out.filter((m) => m.topic === sanitizedTopic).map((m) => ctx.codecs.promptsSanitized.decode(m.value)));
    expect(passed.map((p) => p.request_id).sort()).toEqual(emails.map((_, i) => `ghost-${i}`));
    for (const p of passed) for (const e of emails) expect(p.text).not.toContain(e);
    const replayed = out.filter((m) => m.topic === raw && m.headers['sentinel-replay-of']);
    expect(replayed).toHaveLength(5);
    for (const m of replayed) expect(m.key?.toString()).toBe(ghost);
    // Carried headers come back on the replay; the dropped one does not.
    expect(replayed.map((m) => m.headers['trace-id']).sort()).toEqual(emails.map((_, i) => `t-${i}`));
    for (const m of replayed) expect(m.headers['x-contact']).toBeUndefined();
    expect(new Set(replayed.map((m) => m.headers['sentinel-replay-of']))).toEqual(new Set(listed.deadLetters.map((d) => `${dlqTopic}/${d.partition}/${d.offset}`)));

    // Twice: nothing more is sent (unless --force).
    const again = cli('dlq', 'replay', '--reason', 'unknown_tenant', '--json');
    expect(jsonOf(again)).toMatchObject({ selected: 5, replayed: 0, alreadyReplayed: 5 });
    expect(cli('dlq', 'replay').code).toBe(2);

    // The tenant is known now: a reveal is a chained audit event, acknowledged before the payload prints.
    const audited = cli('dlq', 'inspect', ...at, '--reveal', '--reason', 'support_ticket', '--actor', 'ops@example.org', '--json');
    expect(audited).toMatchObject({ stderr: '', code: 0 });
    const revealed = jsonOf<{ auditEventId: string; payload: string }>(audited);
    expect(revealed.payload).toContain('@example.com');
    const decisions = await collect(ctx.kafka, [topicName(TOPICS.decisions, env)], (all) => all.some((m) => m.value.includes(Buffer.from(revealed.auditEventId))), 30_000);
    const events = await Promise.all(decisions.map((m) => ctx.codecs.decisions.decode(m.value)));
    const event = events.find((e) => e.event_id === revealed.auditEventId)!;
    expect(event).toMatchObject({ tenant_id: ghost, event_type: 'detokenize', decision: 'granted' });
    expect(event.metadata).toMatchObject({ actor: 'ops@example.org', reason: 'support_ticket', mode: 'dlq_reveal', dlq_ref: `${dlqTopic}/${first.partition}/${first.offset}` });
    // The replayed outputs and no more: still five sanitized prompts for the tenant.
    const final = await collect(ctx.kafka, [sanitizedTopic], () => false, 3_000);
    expect(final).toHaveLength(5);
  }, 240_000);
});
