import type { PoolClient } from 'pg';
import type { VaultRecord } from '../../../pipelines/stages/stage.types';

const COLS = 9;

/**
 * Writes vault rows in one multi-row INSERT. Idempotent on (tenant_id, token_id): a replay after
 * a crash re-derives the same token ids and inserts nothing twice. The caller's client is inside
 * withTenant(), so RLS's WITH CHECK rejects rows of another tenant.
 */
export async function insertVaultRows(client: PoolClient, rows: readonly VaultRecord[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values: unknown[] = [];
  const tuples: string[] = [];
  rows.forEach((r, i) => {
    const b = i * COLS;
    tuples.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9})`);
    values.push(r.id, r.tenantId, r.conversationId, r.tokenId, r.sealed, r.fpeTweak, r.dataClass, r.fieldType, r.expiresAt);
  });
  const res = await client.query(
    `INSERT INTO redaction_maps (id, tenant_id, conversation_id, token_id, enc_value_aead, fpe_tweak, data_class, field_type, expires_at)
     VALUES ${tuples.join(', ')} ON CONFLICT (tenant_id, token_id) DO NOTHING`,
    values,
  );
  return res.rowCount ?? 0;
}

export interface StoredVaultRow {
  token_id: string;
  enc_value_aead: Buffer;
  fpe_tweak: Buffer | null;
  data_class: string;
  field_type: string | null;
  expires_at: Date;
}

export async function findVaultRows(client: PoolClient, tenantId: string, tokenIds: readonly string[]): Promise<StoredVaultRow[]> {
  const res = await client.query<StoredVaultRow>(
    'SELECT token_id, enc_value_aead, fpe_tweak, data_class, field_type, expires_at FROM redaction_maps WHERE tenant_id = $1 AND token_id = ANY($2)',
    [tenantId, tokenIds],
  );
  return res.rows;
}
