import type { PoolClient } from 'pg';
import type { OutboxRow } from '../../audit/outbox-rows';

/** A tenant's vault row as read for detokenization (the sealed original, still encrypted). */
export interface SealedVaultRow {
  token_id: string;
  enc_value_aead: Buffer;
  data_class: string;
  /** Not yet expired, by the database clock (one clock for every worker). */
  live: boolean;
}

/** SQLSTATE raised by sentinel_vault_claim when a row expired or vanished after the read. */
const CLAIM_LOST = 'SN001';

/**
 * The tenant's rows among `tokenIds`, live or expired (sql/postgres/021). Other tenants' rows are
 * invisible (RLS) and come back as absent, exactly like ids that never existed. Reading a sealed
 * value is not an access: only the claim below, after which values may be released, is stamped.
 */
export async function readVaultRows(client: PoolClient, tenantId: string, tokenIds: readonly string[]): Promise<SealedVaultRow[]> {
  if (tokenIds.length === 0) return [];
  // Named: parsed and planned once per connection, not on every detokenization.
  const res = await client.query<SealedVaultRow>({ name: 'vault-read', text: 'SELECT * FROM sentinel_vault_read($1, $2)', values: [tenantId, tokenIds] });
  return res.rows;
}

/**
 * Stamps access_reason_code / last_accessed_at on every row of `tokenIds` and writes the grant's
 * audit event to the outbox, in one statement that commits on return; resolves false (and changes
 * nothing) if any row expired or vanished since it was read. Run outside a transaction block.
 */
export async function claimVaultRows(client: PoolClient, tenantId: string, tokenIds: readonly string[], reasonCode: string, grant: OutboxRow): Promise<boolean> {
  const [eventTenant, eventId, topic, event] = grant.params;
  if (eventTenant !== tenantId) throw new Error('claimVaultRows: the grant event names another tenant');
  try {
    await client.query({ name: 'vault-claim', text: 'SELECT sentinel_vault_claim($1, $2, $3, $4, $5, $6)', values: [tenantId, tokenIds, reasonCode, eventId, topic, event] });
    return true;
  } catch (err) {
    if ((err as { code?: unknown }).code === CLAIM_LOST) return false;
    throw err;
  }
}
