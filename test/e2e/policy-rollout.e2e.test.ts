import { randomUUID } from 'node:crypto';
import { TOPICS } from '../../schemas/topics';
import type { DecisionEvent, RawPrompt } from '../../schemas/types';
import { topicName } from '../../workers/config/env';
import { chString } from '../../workers/adapters/clickhouse/clickhouse-client';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { verifyTenantChain } from '../../workers/audit/verify-chain';
import { setShadowPolicy } from '../../workers/policy/policy-pins.repo';
import { activatePolicy, publishPolicy } from '../../workers/policy/policy.repo';
import { shadowReport } from '../../workers/policy/shadow-report';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { CLEAN_PROMPTS } from '../support/fixtures';
import { collect } from '../support/kafka-collect';
import { rulesetV } from '../support/policy-fixtures';
import { isolatedEnv } from '../support/test-env';
import { startWorkerProcess } from '../support/worker-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 4's proofs with a real `sentinel worker all` process: a newly activated version is used
 * within 5 s without a restart, and a shadow candidate is audited (shadow = 1) but never enforced.
 */
describe('policy rollout with a running worker', () => {
  const { env, vars } = isolatedEnv('policy');
  let ctx: AppContext;
  let worker: ReturnType<typeof startWorkerProcess>;
  const reloadTenant = randomUUID();
  const shadowTenant = randomUUID();
  const tenantStarted = Date.now();

  const prompt = (tenantId: string, requestId: string, text: string): { key: string; value: Buffer } => {
    const p: RawPrompt = { tenant_id: tenantId, request_id: requestId, text, conversation_id: 'c1', user_id: null, metadata: null, ts: Date.now() };
    return { key: tenantId, value: ctx.codecs.promptsRaw.encode(p) };
  };
  const decisionsOf = async (tenantId: string, n: number): Promise<DecisionEvent[]> => {
    const topic = topicName(TOPICS.decisions, env);
    const all = await collect(ctx.kafka, [topic], (m) => m.filter((x) => x.key?.toString() === tenantId).length >= n, 60_000);
    return Promise.all(all.filter((x) => x.key?.toString() === tenantId).map((x) => ctx.codecs.decisions.decode(x.value)));
  };

  beforeAll(async () => {
    ctx = await createAppContext('e2e-policy', env);
    await bootstrap(ctx);
    for (const [id, slug] of [[reloadTenant, 'reload'], [shadowTenant, 'shadow']] as const) {
      await createTenant(ctx.pg.admin, { id, name: `E2E ${slug}`, slug: `e2e-${slug}-${id.slice(0, 8)}`, region: 'eu-west-1' });
      await publishPolicy(ctx.pg.admin, { tenantId: id, version: '1.0.0', ruleset: rulesetV('encrypt'), activate: true });
      await publishPolicy(ctx.pg.admin, { tenantId: id, version: '2.0.0', ruleset: rulesetV('block') });
    }
    await setShadowPolicy(ctx.pg.admin, shadowTenant, '2.0.0');
    worker = startWorkerProcess('all', vars);
  });

  afterAll(async () => {
    const code = await worker?.stop();
    expect(code).toBe(0);
    await ctx?.close();
  });

  it('enforces a newly activated version within 5 s, without a restart', async () => {
    const producer = ctx.kafka.producer();
    await producer.connect();
    const raw = topicName(TOPICS.promptsRaw, env);
    // Warm-up: the worker has joined its group and cached v1 before the change.
    await producer.send({ topic: raw, messages: [prompt(reloadTenant, 'warm', 'Reply to warm.up@example.com please.')] });
    expect((await decisionsOf(reloadTenant, 1))[0]?.policy_version).toBe('1.0.0');

    let activatedAt = 0;
    const total = 100;
    for (let i = 0; i < total; i++) {
      await producer.send({ topic: raw, messages: [prompt(reloadTenant, `r-${i}`, `Please forward this to user${i}@example.com today.`)] });
      if (i === 20) {
        await activatePolicy(ctx.pg.admin, reloadTenant, '2.0.0');
        activatedAt = Date.now(); // the COMMIT (and with it the NOTIFY) has happened
      }
      await sleep(50);
    }
    await producer.disconnect();
    const events = (await decisionsOf(reloadTenant, total + 1)).filter((e) => e.request_id !== 'warm').sort((a, b) => a.ts - b.ts);
    expect(events).toHaveLength(total);
    for (const e of events) expect(e.decision).toBe(e.policy_version === '2.0.0' ? 'block' : 'encrypt');
    const firstNew = events.find((e) => e.policy_version === '2.0.0');
    const lastOld = [...events].reverse().find((e) => e.policy_version === '1.0.0');
    expect(firstNew).toBeDefined();
    const reloadMs = (firstNew as DecisionEvent).ts - activatedAt;
    const staleMs = (lastOld?.ts ?? 0) - activatedAt;
    process.stdout.write(`policy reload: first decision with the new version ${reloadMs} ms after activation; last old-version decision ${staleMs} ms after it\n`);
    expect(reloadMs).toBeLessThan(5_000);
    expect(staleMs).toBeLessThan(5_000);
    // Once switched, never back: every decision after the first v2 one uses v2.
    expect(events.slice(events.indexOf(firstNew as DecisionEvent)).every((e) => e.policy_version === '2.0.0')).toBe(true);
  });

  it('audits a shadow candidate with shadow=1 and enforces only the active version', async () => {
    const producer = ctx.kafka.producer();
    await producer.connect();
    const messages = [
      ...Array.from({ length: 10 }, (_, i) => prompt(shadowTenant, `s-${i}`, `Send the contract to person${i}@example.com.`)),
      ...CLEAN_PROMPTS.map((t, i) => prompt(shadowTenant, `c-${i}`, t)),
    ];
    await producer.send({ topic: topicName(TOPICS.promptsRaw, env), messages });
    await producer.disconnect();

    const sanitizedTopic = topicName(TOPICS.promptsSanitized, env);
    const blockedTopic = topicName(TOPICS.promptsBlocked, env);
    const outputs = (await collect(ctx.kafka, [sanitizedTopic, blockedTopic], (m) => m.filter((x) => x.key?.toString() === shadowTenant).length >= 15, 60_000)).filter(
      (x) => x.key?.toString() === shadowTenant,
    );
    expect(outputs.filter((o) => o.topic === blockedTopic)).toHaveLength(0);
    const sanitized = await Promise.all(outputs.map((o) => ctx.codecs.promptsSanitized.decode(o.value)));
    expect(sanitized).toHaveLength(15);
    for (const s of sanitized) expect(s.policy_version).toBe('1.0.0');
    for (const s of sanitized.filter((x) => x.request_id.startsWith('s-'))) expect(s.text).not.toMatch(/person\d@example\.com/);

    const events = await decisionsOf(shadowTenant, 30);
    const shadow = events.filter((e) => e.shadow);
    expect(shadow).toHaveLength(15);
    expect(shadow.every((e) => e.policy_version === '2.0.0' && e.token_count === 0)).toBe(true);
    expect(shadow.filter((e) => e.decision === 'block').map((e) => e.request_id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `s-${i}`).sort());

    // ClickHouse: every decision chained, shadow rows marked.
    const rows = async () => {
      const r = await ctx.ch.query({ query: `SELECT shadow, count() AS n FROM sentinel.events WHERE tenant_id = ${chString(shadowTenant)} GROUP BY shadow ORDER BY shadow`, format: 'JSONEachRow' });
      return (await r.json()) as { shadow: number; n: string }[];
    };
    for (let i = 0; i < 80; i++) {
      const r = await rows();
      if (r.reduce((a, x) => a + Number(x.n), 0) >= 30) break;
      await sleep(250);
    }
    expect((await rows()).map((r) => [Number(r.shadow), Number(r.n)])).toEqual([[0, 15], [1, 15]]);
    expect(await verifyTenantChain(ctx.ch, 'sentinel', shadowTenant)).toMatchObject({ ok: true, verified: 30 });

    const report = await shadowReport(ctx.ch, 'sentinel', shadowTenant, tenantStarted - 1_000, Date.now() + 1_000);
    expect(report).toMatchObject({ enforcedEvents: 15, shadowEvents: 15, compared: 15, agreed: 5, enforcedVersions: ['1.0.0'], shadowVersions: ['2.0.0'] });
    expect(report.confusion['encrypt']?.['block']).toBe(10);
    expect(report.confusion['allow']?.['allow']).toBe(5);
  });
});
