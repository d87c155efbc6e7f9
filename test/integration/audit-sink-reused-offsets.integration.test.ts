import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { chainAppend, type AuditRow, type ChainHead } from '../../pipelines/stages/audit.stage';
import { TOPICS } from '../../schemas/topics';
import { chString } from '../../workers/adapters/clickhouse/clickhouse-client';
import { EventsStore } from '../../workers/audit/events.store';
import { verifyTenantChain } from '../../workers/audit/verify-chain';
import { topicName } from '../../workers/config/env';
import { bootstrap, createAppContext, startAuditSink, type AppContext, type RunningWorker } from '../support/audit-app';
import { waitFor } from '../support/pipeline-audit';
import { seedEvent } from '../support/seed-events';
import { isolatedEnv } from '../support/test-env';

/**
 * The audit sink resumes a partition after the highest source offset ClickHouse holds for it. When
 * the decisions topic is recreated (or the broker's log lost) while ClickHouse keeps its chains,
 * the new events reuse offsets already stored for other events, and skipping by offset alone
 * dropped them without a trace (the demo on a long-lived stack lost its 60 prompt decisions this
 * way). An event at or below the resume offset must be skipped only if the row stored from its
 * offset is this very event: the crash-replay case, which must still store nothing twice.
 */
describe('audit sink on a partition whose offsets were used before (real Kafka, ClickHouse)', () => {
  const { env } = isolatedEnv('sinkreuse');
  let ctx: AppContext;
  let sink: RunningWorker | undefined;

  beforeAll(async () => {
    ctx = await createAppContext('it-sinkreuse', env);
    await bootstrap(ctx);
  });
  afterAll(async () => {
    await sink?.stop();
    await ctx?.close();
  });

  it('appends the new events stored offsets belonged to, and skips the one already stored from its offset', async () => {
    const topic = topicName(TOPICS.decisions, env);
    const store = new EventsStore(ctx.ch, env.CLICKHOUSE_DATABASE);
    const tenant = randomUUID();
    const events = Array.from({ length: 8 }, (_, i) => seedEvent(tenant, i, Date.now(), { request_id: `reuse-${i}` }));

    // ClickHouse as a recreated topic leaves it: offsets 0–4 of partition 0 hold another tenant's
    // events, and offset 5 holds events[5], stored just before a crash (it will arrive there again).
    let oldHead: ChainHead | null = null;
    const oldRows: AuditRow[] = [];
    for (let offset = 0; offset < 5; offset++) {
      const next = chainAppend(oldHead, seedEvent(randomUUID(), offset, Date.now(), {}), { topic, partition: 0, offset: String(offset) });
      oldRows.push(next.row);
      oldHead = next.head;
    }
    await store.insert(oldRows);
    await store.insert([chainAppend(null, events[5]!, { topic, partition: 0, offset: '5' }).row]);

    const producer = ctx.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      await producer.send({ topic, messages: events.map((ev) => ({ key: tenant, partition: 0, value: ctx.codecs.decisions.encode(ev) })) });
    } finally {
      await producer.disconnect();
    }
    sink = await startAuditSink(ctx);

    const stored = async (): Promise<Array<{ event_id: string; seq: string; src_offset: string }>> => {
      const r = await ctx.ch.query({ query: `SELECT event_id, seq, src_offset FROM ${env.CLICKHOUSE_DATABASE}.events WHERE tenant_id = ${chString(tenant)} ORDER BY seq`, format: 'JSONEachRow' });
      return r.json();
    };
    expect(await waitFor(async () => (await stored()).length >= 8, 20_000, 200)).toBe(true);
    // Whatever else the sink would do has had time to happen: still every event exactly once.
    await new Promise((r) => setTimeout(r, 1_500));
    const rows = await stored();
    expect(rows.map((r) => r.event_id).sort()).toEqual(events.map((e) => e.event_id).sort());
    expect(rows.map((r) => Number(r.seq))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // events[5] kept its pre-crash row (seq 0); the rest follow in offset order.
    expect(rows.map((r) => Number(r.src_offset))).toEqual([5, 0, 1, 2, 3, 4, 6, 7]);
    const chain = await verifyTenantChain(ctx.ch, env.CLICKHOUSE_DATABASE, tenant);
    expect(chain).toMatchObject({ ok: true, verified: 8 });
  });
});
