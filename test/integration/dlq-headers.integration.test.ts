import { randomUUID } from 'node:crypto';
import { TOPICS } from '../../schemas/topics';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { collect } from '../support/kafka-collect';
import { jsonOf, sentinelCli } from '../support/sentinel-cli';
import { isolatedEnv } from '../support/test-env';
import { startWorkerProcess } from '../support/worker-process';

const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/**
 * Dead letters keep the original message's headers (prefixed, minus any that trip the detector)
 * and `sentinel dlq replay` restores them: a real `sentinel worker pipeline` dead-letters prompts
 * of an unknown tenant, the tenant is created, the built CLI replays them.
 */
describe('dead-letter headers survive a replay (built CLI, real stack)', () => {
  const { env, vars } = isolatedEnv('dlqhdr');
  let ctx: AppContext;
  let worker: ReturnType<typeof startWorkerProcess>;
  const ghost = randomUUID();

  beforeAll(async () => {
    ctx = await createAppContext('it-dlq-headers', env);
    await bootstrap(ctx);
    worker = startWorkerProcess('pipeline', vars);
  });

  afterAll(async () => {
    expect(await worker?.stop()).toBe(0);
    await ctx?.close();
  });

  it('carries safe headers onto the DLQ, drops a sensitive one, and replays the rest', async () => {
    const producer = ctx.kafka.producer();
    await producer.connect();
    const raw = topicName(TOPICS.promptsRaw, env);
    const headers = (i: number) => ({ traceparent: TRACE, 'x-app': 'helpdesk', 'x-seq': String(i), 'x-user': `ghost${i}@example.com` });
    await producer.send({ topic: raw, messages: [0, 1].map((i) => ({ key: ghost, value: Buffer.from(JSON.stringify({ tenant_id: ghost, request_id: `hdr-${i}`, text: 'hello' })), headers: headers(i) })) });
    await producer.disconnect();

    const dlqTopic = topicName(TOPICS.dlq, env);
    const dead = await collect(ctx.kafka, [dlqTopic], (all) => all.length >= 2, 60_000);
    expect(dead).toHaveLength(2);
    for (const d of dead) {
      expect(d.headers).toMatchObject({ 'reason-code': 'unknown_tenant', 'original-header.traceparent': TRACE, 'original-header.x-app': 'helpdesk', 'original-headers-dropped': '1' });
      expect(JSON.stringify(d.headers)).not.toContain('@example.com');
    }

    await createTenant(ctx.pg.admin, { id: ghost, name: 'Ghost headers', slug: `ghost-h-${ghost.slice(0, 8)}`, region: 'eu-west-1' });
    await new Promise((r) => setTimeout(r, 6_000)); // the worker's tenant cache forgets a miss after 5 s
    const replay = sentinelCli(vars, 'dlq', 'replay', '--reason', 'unknown_tenant', '--actor', 'it', '--json');
    expect(replay.code).toBe(0);
    expect(jsonOf(replay)).toMatchObject({ selected: 2, replayed: 2 });

    const sanitized = topicName(TOPICS.promptsSanitized, env);
    const out = await collect(ctx.kafka, [raw, sanitized], (all) => all.filter((m) => m.topic === sanitized).length >= 2, 60_000);
    const replayed = out.filter((m) => m.topic === raw && m.headers['sentinel-replay-of']).sort((a, b) => a.headers['x-seq']!.localeCompare(b.headers['x-seq']!));
    expect(replayed).toHaveLength(2);
    replayed.forEach((m, i) => {
      const { 'x-user': _dropped, ...kept } = headers(i);
      expect(m.headers).toEqual({ ...kept, 'sentinel-replay-of': expect.stringMatching(new RegExp(`^${dlqTopic.replace(/\./g, '\\.')}/\\d+/\\d+$`)) });
    });
    expect(out.filter((m) => m.topic === sanitized)).toHaveLength(2);
  }, 180_000);
});
