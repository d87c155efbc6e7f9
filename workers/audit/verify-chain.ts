import type { ClickHouseClient } from '@clickhouse/client';
import { ChainVerifier, type ChainBreak } from '../../pipelines/audit/chain-verifier';
import { auditEventFromStored } from '../../pipelines/stages/audit.stage';
import { chIdent, chString, chUInt } from '../adapters/clickhouse/clickhouse-client';

export interface VerifyReport {
  readonly tenantId: string;
  readonly from: number;
  readonly verified: number;
  readonly ok: boolean;
  readonly firstBreak: ChainBreak | null;
}

interface StoredRow {
  tenant_id: string;
  seq: string;
  event_id: string;
  event_type: string;
  ts_ms: string;
  decision: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

/**
 * Recomputes a tenant's chain from ClickHouse, streaming rows in seq order through the O(1)-memory
 * ChainVerifier, and names the first broken link. Starting mid-chain (`from` > 0) trusts the
 * stored hash of row from-1 as the starting point.
 */
export async function verifyTenantChain(ch: ClickHouseClient, database: string, tenantId: string, range: { from?: number; to?: number } = {}): Promise<VerifyReport> {
  const table = `${chIdent(database)}.events`;
  const from = range.from ?? 0;
  let startPrevHash: Buffer | undefined;
  if (from > 0) {
    const prev = await ch.query({ query: `SELECT hash FROM ${table} WHERE tenant_id = ${chString(tenantId)} AND seq = ${chUInt(from - 1)} LIMIT 1`, format: 'JSONEachRow' });
    const rows = (await prev.json()) as { hash: string }[];
    if (!rows[0]) throw new Error(`no event with seq ${from - 1} for tenant ${tenantId}`);
    startPrevHash = Buffer.from(rows[0].hash, 'hex');
  }
  const upper = range.to !== undefined ? ` AND seq <= ${chUInt(range.to)}` : '';
  const result = await ch.query({
    query: `SELECT tenant_id, seq, event_id, event_type, ts_ms, decision, payload, prev_hash, hash FROM ${table}
            WHERE tenant_id = ${chString(tenantId)} AND seq >= ${chUInt(from)}${upper} ORDER BY seq`,
    format: 'JSONEachRow',
  });
  const verifier = new ChainVerifier({ startSeq: from, startPrevHash });
  for await (const rows of result.stream()) {
    for (const r of rows) {
      const row = r.json<StoredRow>();
      const seq = Number(row.seq);
      let event: object;
      try {
        event = auditEventFromStored({ ...row, seq, ts_ms: Number(row.ts_ms) });
      } catch {
        event = { unparsable_payload: true, seq };
      }
      if (verifier.push({ seq, prevHash: Buffer.from(row.prev_hash, 'hex'), hash: Buffer.from(row.hash, 'hex'), event })) break;
    }
    if (verifier.firstBreak) break;
  }
  result.close();
  return { tenantId, from, verified: verifier.verifiedCount, ok: verifier.firstBreak === null, firstBreak: verifier.firstBreak };
}
