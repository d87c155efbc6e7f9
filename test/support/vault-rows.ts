import { randomBytes, randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { VaultRecord } from '../../pipelines/stages/stage.types';

/** A vault row to insert: a random sealed value, class pii, expiring in an hour unless `over` says otherwise. */
export function vaultRecord(tenantId: string, tokenId: string, over: Partial<VaultRecord> = {}): VaultRecord {
  return {
    id: randomUUID(), tenantId, conversationId: null, tokenId, sealed: randomBytes(40), fpeTweak: null,
    dataClass: 'pii', fieldType: 'EMAIL_ADDRESS', expiresAt: new Date(Date.now() + 3600_000), ...over,
  };
}

/** A vault row as stored, every column the tests check (the sealed value still encrypted). */
export interface StoredVaultRow {
  token_id: string;
  enc_value_aead: Buffer;
  fpe_tweak: Buffer | null;
  data_class: string;
  field_type: string | null;
  expires_at: Date;
}

/**
 * The tenant's rows among `tokenIds`, for tests to inspect what the pipeline stored. Not a
 * production path: `token_id = ANY(...)` on a tenant loaded since the last ANALYZE can plan as a
 * walk of the tenant's whole range (sql/postgres/022), which detokenization's lookups avoid.
 */
export async function findVaultRows(client: PoolClient, tenantId: string, tokenIds: readonly string[]): Promise<StoredVaultRow[]> {
  const res = await client.query<StoredVaultRow>(
    'SELECT token_id, enc_value_aead, fpe_tweak, data_class, field_type, expires_at FROM redaction_maps WHERE tenant_id = $1 AND token_id = ANY($2)',
    [tenantId, tokenIds],
  );
  return res.rows;
}
