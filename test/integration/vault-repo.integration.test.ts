import { randomUUID } from 'node:crypto';
import type { VaultRecord } from '../../pipelines/stages/stage.types';
import { loadEnv } from '../../workers/config/env';
import { migratePostgres } from '../../workers/adapters/postgres/migrate';
import { createPools, withTenant, type PgPools } from '../../workers/adapters/postgres/pools';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { insertVaultRows } from '../../workers/adapters/postgres/vault.repo';
import { findVaultRows, vaultRecord } from '../support/vault-rows';

/**
 * insertVaultRows sends each column as one array parameter (unnest). Arrays travel as Postgres
 * array literals, so these tests pin what that encoding could get wrong: bytes that need escaping,
 * token ids with array-literal metacharacters, NULLs, timestamps to the millisecond, and batches
 * far larger than the old per-row placeholder limit allowed.
 */
describe('vault repo: column-array INSERT (real Postgres, RLS)', () => {
  let pg: PgPools;
  let tenantId: string;
  beforeAll(async () => {
    pg = createPools(loadEnv());
    await migratePostgres(pg.admin);
    tenantId = (await createTenant(pg.admin, { name: 'Vault repo', slug: `vault-repo-${randomUUID().slice(0, 8)}`, region: 'eu' })).id;
  });
  afterAll(async () => {
    await pg.admin.query('DELETE FROM redaction_maps WHERE tenant_id = $1', [tenantId]).catch(() => undefined);
    await pg.end();
  });

  const row = (tokenId: string, over: Partial<VaultRecord> = {}): VaultRecord => vaultRecord(tenantId, tokenId, over);
  const insert = (rows: readonly VaultRecord[]) => withTenant(pg.app, tenantId, (c) => insertVaultRows(c, rows));
  const find = (ids: readonly string[]) => withTenant(pg.app, tenantId, (c) => findVaultRows(c, tenantId, ids));

  it('round-trips every column byte for byte, including escapes, NULLs and non-ASCII', async () => {
    const tricky = Buffer.from([0x00, 0x5c, 0x22, 0x2c, 0x7b, 0x7d, 0x27, 0xff, 0x0a]); // \0 \ " , { } ' 0xff \n
    const rows = [
      row(`fpe:CREDIT_CARD:4111${randomUUID().slice(0, 8)}`, { fpeTweak: tricky, sealed: Buffer.concat([tricky, tricky]), conversationId: randomUUID(), fieldType: 'CREDIT_CARD' }),
      row(`tok "quoted", {braced} \\ back'slash ${randomUUID()}`, { dataClass: 'secret' }),
      row(`ünïcødé-€-${randomUUID()}`, { expiresAt: new Date(Date.UTC(2031, 0, 2, 3, 4, 5, 678)) }),
      row(`NULL`.concat(randomUUID()), { fpeTweak: Buffer.alloc(0) }),
    ];
    expect(await insert(rows)).toBe(rows.length);
    const stored = new Map((await find(rows.map((r) => r.tokenId))).map((s) => [s.token_id, s]));
    for (const r of rows) {
      const s = stored.get(r.tokenId);
      expect(s).toBeDefined();
      expect(s!.enc_value_aead.equals(r.sealed)).toBe(true);
      expect(s!.fpe_tweak === null ? null : Buffer.from(s!.fpe_tweak)).toEqual(r.fpeTweak);
      expect([s!.data_class, s!.field_type, s!.expires_at.getTime()]).toEqual([r.dataClass, r.fieldType, r.expiresAt.getTime()]);
    }
    const conv = await withTenant(pg.app, tenantId, (c) => c.query<{ conversation_id: string | null }>('SELECT conversation_id FROM redaction_maps WHERE token_id = $1', [rows[0]!.tokenId]));
    expect(conv.rows[0]!.conversation_id).toBe(rows[0]!.conversationId);
  });

  it('writes a 10,000-row batch in one statement and replays it (plus duplicates inside a batch) as no-ops', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => row(`bulk-${i}-${randomUUID()}`));
    expect(await insert(rows)).toBe(10_000);
    // A replay re-derives the same token ids under fresh row ids: nothing is inserted twice.
    const fresh = [row(`bulk-new-${randomUUID()}`)];
    expect(await insert([...rows.slice(0, 500).map((r) => ({ ...r, id: randomUUID() })), ...fresh, ...fresh.map((r) => ({ ...r, id: randomUUID() }))])).toBe(1);
    const n = await withTenant(pg.app, tenantId, (c) => c.query<{ n: number }>("SELECT count(*)::int AS n FROM redaction_maps WHERE token_id LIKE 'bulk-%'"));
    expect(n.rows[0]!.n).toBe(10_001);
  });

  it("refuses a batch holding another tenant's row, writing none of it (RLS WITH CHECK)", async () => {
    const other = (await createTenant(pg.admin, { name: 'Vault repo other', slug: `vault-repo-o-${randomUUID().slice(0, 8)}`, region: 'eu' })).id;
    const mine = row(`mine-${randomUUID()}`);
    await expect(insert([mine, row(`theirs-${randomUUID()}`, { tenantId: other })])).rejects.toThrow(/row-level security/);
    expect(await find([mine.tokenId])).toEqual([]);
  });

  it('returns 0 for an empty batch without a round trip', async () => {
    expect(await insert([])).toBe(0);
  });
});
