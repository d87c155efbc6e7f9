import type { ClickHouseClient } from '@clickhouse/client';
import type { Pool } from 'pg';
import { bucketFor, bucketStarts, type DecisionBucket, type InjectionBucket, type NamedCount, type ReportData } from '../../pipelines/report/report-model';
import { chIdent, chString, chUInt } from '../adapters/clickhouse/clickhouse-client';
import { verifyTenantChain } from '../audit/verify-chain';
import { loadAnchorStatus } from './anchor-status';

export interface ReportSources {
  readonly ch: ClickHouseClient;
  readonly database: string;
  /** Owner connection: reads the tenant's name and its anchors without a tenant session. */
  readonly admin: Pool;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INJECTION = `decision IN ('block', 'reframe') AND arrayExists(r -> r LIKE 'injection:%', matched_rules)`;
const REASON = `visitParamExtractString(visitParamExtractRaw(payload, 'metadata'), 'reason')`;

async function rows<T>(ch: ClickHouseClient, query: string): Promise<T[]> {
  const res = await ch.query({ query, format: 'JSONEachRow' });
  return (await res.json()) as T[];
}

/**
 * Loads everything a tenant report shows. Buckets are computed with integer arithmetic on the
 * epoch (not toStartOfDay) so they are UTC whatever the ClickHouse server's time zone is.
 */
export async function loadReportData(src: ReportSources, tenantId: string, fromMs: number, toMs: number): Promise<ReportData> {
  if (!UUID.test(tenantId)) throw new Error('tenant id must be a UUID');
  const tenant = await src.admin.query<{ name: string }>('SELECT name FROM tenants WHERE id = $1', [tenantId]);
  if (tenant.rowCount === 0) throw new Error(`unknown tenant ${tenantId}`);
  const bucket = bucketFor(fromMs, toMs);
  const step = bucket === 'hour' ? 3600 : 86400;
  const table = `${chIdent(src.database)}.events`;
  const where = `tenant_id = ${chString(tenantId)} AND toUInt32(ts) >= ${chUInt(Math.floor(fromMs / 1000))} AND toUInt32(ts) <= ${chUInt(Math.ceil(toMs / 1000))}`;
  const b = `intDiv(toUInt32(ts), ${step}) * ${step}`;

  const [decisionRows, entityRows, injectionRows, reasonRows, chain, anchor] = await Promise.all([
    rows<{ b: string; d: string; n: string }>(src.ch, `SELECT ${b} AS b, ifNull(decision, '') AS d, count() AS n FROM ${table} WHERE ${where} AND event_type = 'decision' GROUP BY b, d`),
    rows<{ e: string; n: string }>(src.ch, `SELECT e, count() AS n FROM ${table} ARRAY JOIN finding_entities AS e WHERE ${where} AND event_type = 'decision' GROUP BY e ORDER BY n DESC, e LIMIT 10`),
    rows<{ b: string; p: string; i: string }>(
      src.ch,
      `SELECT ${b} AS b, count() AS p, sum(if(${INJECTION}, 1, 0)) AS i FROM ${table} WHERE ${where} AND event_type = 'decision' AND source = 'prompt' GROUP BY b`,
    ),
    rows<{ r: string; n: string }>(src.ch, `SELECT ${REASON} AS r, count() AS n FROM ${table} WHERE ${where} AND event_type = 'detokenize' GROUP BY r ORDER BY n DESC, r LIMIT 10`),
    verifyTenantChain(src.ch, src.database, tenantId),
    loadAnchorStatus(src.admin, tenantId),
  ]);

  const starts = bucketStarts(fromMs, toMs, bucket);
  const byStart = new Map<number, Record<string, number>>(starts.map((s) => [s, {}]));
  for (const r of decisionRows) {
    const counts = byStart.get(Number(r.b) * 1000);
    if (counts) counts[r.d || 'none'] = Number(r.n);
  }
  const decisions: DecisionBucket[] = starts.map((start) => ({ start, counts: byStart.get(start)! }));
  const inj = new Map(injectionRows.map((r) => [Number(r.b) * 1000, { prompts: Number(r.p), injections: Number(r.i) }]));
  const injections: InjectionBucket[] = starts.map((start) => ({ start, ...(inj.get(start) ?? { prompts: 0, injections: 0 }) }));
  const topEntities: NamedCount[] = entityRows.map((r) => ({ name: r.e, count: Number(r.n) }));
  const detokenizationsByReason: NamedCount[] = reasonRows.map((r) => ({ name: r.r || '(no reason)', count: Number(r.n) }));

  return {
    tenantId,
    tenantName: tenant.rows[0]!.name,
    fromMs,
    toMs,
    generatedAtMs: Date.now(),
    bucket,
    decisions,
    topEntities,
    injections,
    detokenizationsByReason,
    chain: { ok: chain.ok, verified: chain.verified, firstBreak: chain.firstBreak ? { seq: chain.firstBreak.seq, reason: chain.firstBreak.reason } : null },
    anchor,
  };
}
