import type { ClickHouseClient } from '@clickhouse/client';
import { ACTIONS } from '../../pipelines/policy';
import { chIdent, chString, chUInt } from '../adapters/clickhouse/clickhouse-client';
import { DependencyUnavailableError } from '../errors';

export interface ShadowReport {
  readonly tenantId: string;
  readonly from: string;
  readonly until: string;
  /** Enforced (shadow = 0) and candidate (shadow = 1) decision events in the window. */
  readonly enforcedEvents: number;
  readonly shadowEvents: number;
  /** Requests that have both an enforced and a shadow decision: the compared population. */
  readonly compared: number;
  readonly agreed: number;
  /** agreed / compared, or null when nothing was compared. */
  readonly agreementRate: number | null;
  /** confusion[enforced][shadow] = number of requests. */
  readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly enforcedVersions: readonly string[];
  readonly shadowVersions: readonly string[];
}

interface PairRow {
  enforced: string;
  candidate: string;
  n: string;
}

/**
 * Compares enforced and shadow decisions of one tenant over [fromMs, untilMs) from the audit
 * table. Requests are paired by request_id inside ClickHouse (one row per action pair comes back,
 * whatever the traffic volume). CH 18.16 has no bound parameters: every value is escaped.
 */
export async function shadowReport(ch: ClickHouseClient, database: string, tenantId: string, fromMs: number, untilMs: number): Promise<ShadowReport> {
  const table = `${chIdent(database)}.events`;
  const where = [
    `tenant_id = ${chString(tenantId)}`,
    "event_type = 'decision'",
    'isNotNull(request_id)',
    // ts (seconds) prunes partitions; ts_ms gives the exact bounds.
    `ts >= toDateTime(${chUInt(Math.floor(fromMs / 1000))})`,
    `ts <= toDateTime(${chUInt(Math.ceil(untilMs / 1000))})`,
    `ts_ms >= ${chUInt(Math.floor(fromMs))}`,
    `ts_ms < ${chUInt(Math.floor(untilMs))}`,
  ].join(' AND ');
  const pairs = await select<PairRow>(
    ch,
    `SELECT enforced, candidate, count() AS n FROM (
       SELECT ifNull(request_id, '') AS rid, ifNull(source, '') AS src,
              anyIf(ifNull(decision, ''), shadow = 0) AS enforced, anyIf(ifNull(decision, ''), shadow = 1) AS candidate,
              countIf(shadow = 0) AS ne, countIf(shadow = 1) AS ns
       FROM ${table} WHERE ${where} GROUP BY rid, src
     ) WHERE ne > 0 AND ns > 0 GROUP BY enforced, candidate`,
  );
  const totals = await select<{ shadow: number | string; n: string; versions: string[] }>(
    ch,
    `SELECT shadow, count() AS n, groupUniqArray(ifNull(policy_version, '')) AS versions FROM ${table} WHERE ${where} GROUP BY shadow`,
  );
  const confusion: Record<string, Record<string, number>> = {};
  for (const a of ACTIONS) confusion[a] = Object.fromEntries(ACTIONS.map((b) => [b, 0]));
  let compared = 0;
  let agreed = 0;
  for (const p of pairs) {
    const n = Number(p.n);
    const row = (confusion[p.enforced] ??= {});
    row[p.candidate] = (row[p.candidate] ?? 0) + n;
    compared += n;
    if (p.enforced === p.candidate) agreed += n;
  }
  const total = (s: number) => totals.find((t) => Number(t.shadow) === s);
  return {
    tenantId,
    from: new Date(fromMs).toISOString(),
    until: new Date(untilMs).toISOString(),
    enforcedEvents: Number(total(0)?.n ?? 0),
    shadowEvents: Number(total(1)?.n ?? 0),
    compared,
    agreed,
    agreementRate: compared === 0 ? null : agreed / compared,
    confusion,
    enforcedVersions: [...(total(0)?.versions ?? [])].sort(),
    shadowVersions: [...(total(1)?.versions ?? [])].sort(),
  };
}

async function select<T>(ch: ClickHouseClient, query: string): Promise<T[]> {
  try {
    const res = await ch.query({ query, format: 'JSONEachRow' });
    return (await res.json()) as T[];
  } catch (err) {
    throw new DependencyUnavailableError('clickhouse', err);
  }
}

/** Renders the report as a few aligned lines for the terminal. */
export function formatShadowReport(r: ShadowReport): string {
  const lines = [
    `tenant ${r.tenantId}  window ${r.from} .. ${r.until}`,
    `enforced events ${r.enforcedEvents} (versions ${r.enforcedVersions.join(', ') || '-'})  shadow events ${r.shadowEvents} (versions ${r.shadowVersions.join(', ') || '-'})`,
    `compared ${r.compared}  agreed ${r.agreed}  agreement ${r.agreementRate === null ? 'n/a' : `${(r.agreementRate * 100).toFixed(1)}%`}`,
    '',
    `${'enforced \\ shadow'.padEnd(18)}${ACTIONS.map((a) => a.padStart(9)).join('')}`,
  ];
  for (const [a, row] of Object.entries(r.confusion)) lines.push(`${a.padEnd(18)}${ACTIONS.map((b) => String(row[b] ?? 0).padStart(9)).join('')}`);
  return `${lines.join('\n')}\n`;
}
