import { randomUUID } from 'node:crypto';
import { chainAppend, type AuditRow, type ChainHead } from '../../pipelines/stages/audit.stage';
import type { DecisionEvent } from '../../schemas/types';
import { chString } from '../../workers/adapters/clickhouse/clickhouse-client';
import { EventsStore } from '../../workers/audit/events.store';
import { EVENT_COLUMNS } from '../../workers/audit/events-tsv';
import { verifyTenantChain } from '../../workers/audit/verify-chain';
import { bootstrap, createAppContext, type AppContext } from '../support/audit-app';
import { syntheticDecision } from '../support/audit-fixtures';
import { isolatedEnv } from '../support/test-env';

/**
 * EventsStore writes TabSeparated instead of JSONEachRow (cheaper on both ends). Stored rows must
 * be exactly what the JSON insert stored, including strings with every character TabSeparated
 * treats specially, so the same rows are written both ways under two tenants and read back.
 */
const NASTY = ['tab\there', 'nl\nx', 'cr\rx', 'back\\slash\\', "quo'te", 'dq"x', 'nul\u0000x', 'bs\bff\f', '\\N', 'é€😀\u2028', '\t\n\\'];

function nastyEvent(tenantId: string, i: number): DecisionEvent {
  const s = NASTY[i % NASTY.length]!;
  const ev = syntheticDecision(tenantId, i);
  return {
    ...ev,
    event_id: `${s}-${i}`,
    request_id: i % 4 === 0 ? null : s,
    source: s,
    decision: i % 5 === 0 ? null : 'encrypt',
    matched_rules: i % 3 === 0 ? [] : [s, `r'${i}`, '\\'],
    policy_id: s,
    findings: i % 2 === 0 ? [] : [{ entity: s, data_class: `c\t${i}`, start: 1, end: 2, score: 0.1 + 0.2, action: 'encrypt', path: s }],
    injection_score: i * 1e-7,
    latency_ms: 1 / 3,
    shadow: i % 2 === 1,
    metadata: i % 3 === 1 ? {} : { [s]: s, z: 'y' },
    ts: 1_700_000_000_000 + i * 86_400_123,
  };
}

describe('EventsStore TabSeparated insert', () => {
  const { env } = isolatedEnv('eventstsv');
  let ctx: AppContext;
  let store: EventsStore;

  beforeAll(async () => {
    ctx = await createAppContext('it-events-tsv', env);
    await bootstrap(ctx);
    store = new EventsStore(ctx.ch, ctx.env.CLICKHOUSE_DATABASE);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  async function stored(tenantId: string): Promise<Record<string, unknown>[]> {
    const res = await ctx.ch.query({
      query: `SELECT ${EVENT_COLUMNS.filter((c) => c !== 'tenant_id').join(', ')} FROM ${ctx.env.CLICKHOUSE_DATABASE}.events WHERE tenant_id = ${chString(tenantId)} ORDER BY seq`,
      format: 'JSONEachRow',
    });
    return (await res.json()) as Record<string, unknown>[];
  }

  it('stores exactly what the JSONEachRow insert stored, and the chain verifies', async () => {
    const viaTsv = randomUUID();
    const viaJson = randomUUID();
    const rows: AuditRow[] = [];
    let head: ChainHead | null = null;
    for (let i = 0; i < 60; i++) {
      const next = chainAppend(head, nastyEvent(viaTsv, i), { topic: 'tsv\ttopic', partition: 3, offset: String(1_000_000_000_000 + i) });
      rows.push(next.row);
      head = next.head;
    }
    await store.insert(rows);
    await ctx.ch.insert({ table: `${ctx.env.CLICKHOUSE_DATABASE}.events`, values: rows.map((r) => ({ ...r, tenant_id: viaJson })), format: 'JSONEachRow' });

    const [tsv, json] = [await stored(viaTsv), await stored(viaJson)];
    expect(tsv).toHaveLength(60);
    expect(tsv).toEqual(json);
    // And both are the values that were sent (spot-check the escaped columns).
    expect(tsv.map((r) => [r.event_id, r.source, r.matched_rules, r.payload])).toEqual(rows.map((r) => [r.event_id, r.source, r.matched_rules, r.payload]));

    const report = await verifyTenantChain(ctx.ch, ctx.env.CLICKHOUSE_DATABASE, viaTsv);
    expect(report).toMatchObject({ ok: true, verified: 60 });
    expect(await store.head(viaTsv)).toEqual(head);
    expect(await store.lastOffset('tsv\ttopic', 3)).toBe(1_000_000_000_059n);
  });

  it('stores rows TabSeparated cannot carry exactly (DateTime edges, NaN) as the JSON insert would', async () => {
    const viaStore = randomUUID();
    const viaJson = randomUUID();
    const src = { topic: 'edge', partition: 0, offset: '0' };
    const base = chainAppend(null, syntheticDecision(viaStore, 0), src).row;
    // ts 0 and 5 need zero padding; 2^32 is outside DateTime and NaN has no text form: both fall
    // back. A negative UInt32 is refused by ClickHouse either way.
    const batches: AuditRow[][] = [
      [{ ...base, seq: 0, ts: 0 }, { ...base, seq: 1, ts: 5 }, { ...base, seq: 2, ts: 0xffffffff }],
      [{ ...base, seq: 3, ts: 2 ** 32 }],
      [{ ...base, seq: 4, latency_ms: Number.NaN }],
      [{ ...base, seq: 5, token_count: -1 }],
    ];
    for (const batch of batches) {
      const viaStoreErr = await store.insert(batch).then(() => null, (e: unknown) => String(e));
      const viaJsonErr = await ctx.ch
        .insert({ table: `${ctx.env.CLICKHOUSE_DATABASE}.events`, values: batch.map((r) => ({ ...r, tenant_id: viaJson })), format: 'JSONEachRow' })
        .then(() => null, () => 'failed');
      expect(viaStoreErr === null).toBe(viaJsonErr === null);
    }
    expect(await stored(viaStore)).toEqual(await stored(viaJson));
    expect((await stored(viaStore)).map((r) => Number(r.seq))).toEqual(expect.arrayContaining([0, 1, 2]));
  });
});
