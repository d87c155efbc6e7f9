import type { PoolClient } from 'pg';
import { recordAuditRow, type OutboxRow } from '../../audit/outbox-rows';

/** A vault row released for detokenization (the sealed original, still encrypted). */
export interface ClaimedVaultRow {
  token_id: string;
  enc_value_aead: Buffer;
  data_class: string;
}

/**
 * Marks the tenant's unexpired rows for `tokenIds` as accessed (reason code, now) and returns them,
 * in one statement: the access stamp and the read are the same act, so no row is read unstamped.
 * The same statement writes the grant's audit event to audit_outbox, only if every requested token
 * was claimed; the event therefore commits exactly with the stamp. The caller runs inside
 * withTenant(): other tenants' rows are invisible (RLS) and come back as absent, exactly like ids
 * that never existed. Expiry is judged by the database clock, one clock for every worker. The
 * caller rolls the transaction back if it refuses the request after all.
 */
export async function claimVaultRowsWithGrant(client: PoolClient, tenantId: string, tokenIds: readonly string[], reasonCode: string, grant: OutboxRow): Promise<ClaimedVaultRow[]> {
  if (tokenIds.length === 0) {
    await recordAuditRow(client, grant);
    return [];
  }
  // Named: parsed and planned once per connection, not on every detokenization.
  const res = await client.query<ClaimedVaultRow>({
    name: 'vault-claim-with-grant',
    text: `WITH claimed AS (
       UPDATE redaction_maps SET access_reason_code = $3, last_accessed_at = now()
       WHERE tenant_id = $1 AND token_id = ANY($2) AND expires_at > now()
       RETURNING token_id, enc_value_aead, data_class
     ), audited AS (
       INSERT INTO audit_outbox (tenant_id, event_id, topic, event)
       SELECT $4::uuid, $5::uuid, $6::text, $7::jsonb WHERE (SELECT count(*) FROM claimed) = cardinality($2::text[])
     )
     SELECT token_id, enc_value_aead, data_class FROM claimed`,
    values: [tenantId, tokenIds, reasonCode, ...grant.params],
  });
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
