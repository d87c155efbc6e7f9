import type { PoolClient } from 'pg';

/** A vault row released for detokenization (the sealed original, still encrypted). */
export interface ClaimedVaultRow {
  token_id: string;
  enc_value_aead: Buffer;
  data_class: string;
}

/**
 * Marks the tenant's unexpired rows for `tokenIds` as accessed (reason code, now) and returns them,
 * in one statement: the access stamp and the read are the same act, so no row is read unstamped.
 * The caller runs inside withTenant(): other tenants' rows are invisible (RLS) and come back as
 * absent, exactly like ids that never existed. Expiry is judged by the database clock, one clock
 * for every worker. The caller rolls the transaction back if it refuses the request after all.
 */
export async function claimVaultRows(client: PoolClient, tenantId: string, tokenIds: readonly string[], reasonCode: string): Promise<ClaimedVaultRow[]> {
  if (tokenIds.length === 0) return [];
  const res = await client.query<ClaimedVaultRow>(
    `UPDATE redaction_maps SET access_reason_code = $3, last_accessed_at = now()
     WHERE tenant_id = $1 AND token_id = ANY($2) AND expires_at > now()
     RETURNING token_id, enc_value_aead, data_class`,
    [tenantId, tokenIds, reasonCode],
  );
  return res.rows;
}

/** Of `tokenIds` (already known not to be claimable), those that exist but have expired. */
export async function findExpiredTokenIds(client: PoolClient, tenantId: string, tokenIds: readonly string[]): Promise<Set<string>> {
  if (tokenIds.length === 0) return new Set();
  const res = await client.query<{ token_id: string }>(
    'SELECT token_id FROM redaction_maps WHERE tenant_id = $1 AND token_id = ANY($2) AND expires_at <= now()',
    [tenantId, tokenIds],
  );
  return new Set(res.rows.map((r) => r.token_id));
}
