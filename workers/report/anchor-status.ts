import type { Pool } from 'pg';
import type { AnchorStatus } from '../../pipelines/report/report-model';

interface AnchorRow {
  tree_size: string;
  root_hex: string;
  anchored_at_ms: string;
}

/**
 * The tenant's latest signed Merkle tree head, read straight from Postgres `audit_anchors`.
 * Anchoring is optional (a deployment without the job, or before migration 008, has no table),
 * so a missing table is a status to show ("no anchors yet"), not an error.
 */
export async function loadAnchorStatus(admin: Pool, tenantId: string): Promise<AnchorStatus> {
  const exists = await admin.query<{ t: string | null }>(`SELECT to_regclass('public.audit_anchors')::text AS t`);
  if (!exists.rows[0]?.t) return { available: false, latest: null };
  const res = await admin.query<AnchorRow>(
    `SELECT tree_size::text AS tree_size, encode(root_hash, 'hex') AS root_hex,
            (extract(epoch FROM anchored_at) * 1000)::bigint::text AS anchored_at_ms
       FROM audit_anchors WHERE tenant_id = $1 ORDER BY tree_size DESC LIMIT 1`,
    [tenantId],
  );
  const r = res.rows[0];
  return {
    available: true,
    latest: r ? { treeSize: Number(r.tree_size), rootHashHex: r.root_hex, anchoredAtMs: Number(r.anchored_at_ms) } : null,
  };
}
