import { randomUUID } from 'node:crypto';
import { TOPICS } from '../../schemas/topics';
import type { RawLog, RawPrompt, SanitizedPrompt } from '../../schemas/types';
import { InvalidRecordError, SentinelConsumer, SentinelProducer } from '../../workers/client';
import { topicName } from '../../workers/config/env';
import { ensureTopics } from '../../workers/adapters/kafka/topics';
import { createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { collect } from '../support/kafka-collect';
import { isolatedEnv } from '../support/test-env';

/** The package's client against the real broker and registry, on topics of its own prefix. */
describe('SentinelProducer / SentinelConsumer', () => {
  const { env } = isolatedEnv('client');
  const config = { brokers: env.KAFKA_BROKERS.split(','), registryUrl: env.SCHEMA_REGISTRY_URL, topicPrefix: env.TOPIC_PREFIX };
  const tenantId = randomUUID();
  let ctx: AppContext;

  beforeAll(async () => {
    ctx = await createAppContext('client-test', env);
    await ensureTopics(ctx.kafka, env);
    await Promise.all([ctx.codecs.promptsRaw.init(), ctx.codecs.logsRaw.init(), ctx.codecs.promptsSanitized.init()]);
  });
  afterAll(() => ctx?.close());

  it('produces Avro and plain-JSON prompts and logs keyed by tenant, and rejects invalid records before sending', async () => {
    const avro = new SentinelProducer(config);
    const json = new SentinelProducer({ ...config, format: 'json' });
    await Promise.all([avro.connect(), json.connect()]);
    const ids = await avro.sendBatch([{ tenant_id: tenantId, text: 'first' }, { tenant_id: tenantId, text: 'second', request_id: 'r-2' }]);
    await json.send({ tenant_id: tenantId, text: 'third', request_id: 'r-3' });
    await avro.sendLog({ tenant_id: tenantId, line: '{"msg":"hello"}', service: 'api' });
    await expect(avro.send({ tenant_id: tenantId, text: 5 as unknown as string })).rejects.toBeInstanceOf(InvalidRecordError);
    await Promise.all([avro.disconnect(), json.disconnect()]);
    expect(ids[1]).toBe('r-2');

    const raw = topicName(TOPICS.promptsRaw, env);
    const logs = topicName(TOPICS.logsRaw, env);
    const seen = await collect(ctx.kafka, [raw, logs], (all) => all.length >= 4, 20_000);
    expect(seen.every((m) => m.key?.toString() === tenantId)).toBe(true);
    const prompts = await Promise.all(seen.filter((m) => m.topic === raw).map((m) => ctx.codecs.promptsRaw.decode(m.value)));
    expect(prompts.map((p: RawPrompt) => p.text).sort()).toEqual(['first', 'second', 'third']);
    expect(seen.filter((m) => m.topic === raw).map((m) => m.value[0] === 0).sort()).toEqual([false, true, true]);
    const log: RawLog = await ctx.codecs.logsRaw.decode(seen.find((m) => m.topic === logs)!.value);
    expect(log).toMatchObject({ tenant_id: tenantId, service: 'api' });
  });

  it('consumes sanitized prompts decoded into typed callbacks', async () => {
    const sanitized: SanitizedPrompt = { tenant_id: tenantId, request_id: 'r-s', text: 'mail [[tok:EMAIL_ADDRESS:abc]]', decision: 'encrypt', token_count: 1, policy_version: '1.0.0', conversation_id: null, user_id: null, metadata: null, ts: Date.now() };
    const producer = ctx.kafka.producer();
    await producer.connect();
    await producer.send({ topic: topicName(TOPICS.promptsSanitized, env), messages: [{ key: tenantId, value: ctx.codecs.promptsSanitized.encode(sanitized) }] });
    await producer.disconnect();

    const consumer = new SentinelConsumer({ ...config, fromBeginning: true });
    const got = new Promise<SanitizedPrompt>((resolve) => void consumer.run({ onPrompt: (p) => resolve(p) }));
    let timer: NodeJS.Timeout | undefined;
    const received = await Promise.race([got, new Promise<null>((r) => (timer = setTimeout(() => r(null), 20_000)))]);
    clearTimeout(timer);
    await consumer.disconnect();
    expect(received).toEqual(sanitized);
  });
});
