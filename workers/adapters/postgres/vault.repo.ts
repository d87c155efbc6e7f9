import type { PoolClient } from 'pg';
import type { VaultRecord } from '../../../pipelines/stages/stage.types';

/**
 * One statement text for every batch size: the nine columns travel as nine bound arrays and
 * unnest() turns them back into rows. A multi-row VALUES list with 9 placeholders per row made
 * Postgres parse and plan a new ~9,000-parameter statement for every batch; this one is prepared
 * once per connection (named) and then only bound and executed.
 */
const INSERT_VAULT_ROWS = {
  name: 'vault.insert-rows.v1',
  text: `INSERT INTO redaction_maps (id, tenant_id, conversation_id, token_id, enc_value_aead, fpe_tweak, data_class, field_type, expires_at)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::bytea[], $6::bytea[], $7::varchar[], $8::varchar[], $9::timestamptz[])
    ON CONFLICT (tenant_id, token_id) DO NOTHING`,
} as const;

/**
 * Writes vault rows in one INSERT. Idempotent on (tenant_id, token_id): a replay after a crash
 * re-derives the same token ids and inserts nothing twice. The caller's client is inside
 * withTenant(), so RLS's WITH CHECK rejects rows of another tenant.
 */
export async function insertVaultRows(client: PoolClient, rows: readonly VaultRecord[]): Promise<number> {
  if (rows.length === 0) return 0;
  // Column-wise copies: nine cheap passes, so each column is one array parameter.
  const values = [
    rows.map((r) => r.id),
    rows.map((r) => r.tenantId),
    rows.map((r) => r.conversationId),
    rows.map((r) => r.tokenId),
    rows.map((r) => r.sealed),
    rows.map((r) => r.fpeTweak),
    rows.map((r) => r.dataClass),
    rows.map((r) => r.fieldType),
    rows.map((r) => r.expiresAt),
  ];
  const res = await client.query({ ...INSERT_VAULT_ROWS, values });
  return res.rowCount ?? 0;
}
