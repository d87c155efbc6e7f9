import { randomUUID } from 'node:crypto';
import { loadEnv } from '../../workers/config/env';
import { migratePostgres } from '../../workers/adapters/postgres/migrate';
import { createPools, withTenant, type PgPools } from '../../workers/adapters/postgres/pools';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { insertVaultRows } from '../../workers/adapters/postgres/vault.repo';

describe('postgres: migrations and row-level security (real server)', () => {
  let pg: PgPools;
  beforeAll(async () => {
    pg = createPools(loadEnv());
    await migratePostgres(pg.admin);
  });
  afterAll(() => pg.end());

  it('applies nothing when run a second time', async () => {
    expect(await migratePostgres(pg.admin)).toEqual([]);
  });

  it('has every table of the seed model and pgvector >= 0.8', async () => {
    const tables = await pg.admin.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['tenants', 'policies', 'redaction_maps', 'signatures', 'tenant_keys']));
    const ext = await pg.admin.query<{ extversion: string }>("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
    const [major, minor] = ext.rows[0]!.extversion.split('.').map(Number);
    expect(major! > 0 || minor! >= 8).toBe(true);
    const col = await pg.admin.query<{ t: string }>("SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'signatures'::regclass AND attname = 'embedding'");
    expect(col.rows[0]!.t).toBe('vector(768)');
  });

  it('shows the app role only its own tenant, even to a query without a tenant filter', async () => {
    const a = await createTenant(pg.admin, { name: 'RLS A', slug: `rls-a-${randomUUID().slice(0, 8)}`, region: 'eu' });
    const b = await createTenant(pg.admin, { name: 'RLS B', slug: `rls-b-${randomUUID().slice(0, 8)}`, region: 'eu' });
    const row = (tenantId: string, tokenId: string) => ({
      id: randomUUID(), tenantId, conversationId: null, tokenId, sealed: Buffer.from([1, 2, 3]), fpeTweak: null, dataClass: 'pii', fieldType: 'EMAIL_ADDRESS', expiresAt: new Date(Date.now() + 3600_000),
    });
    await withTenant(pg.app, a.id, (c) => insertVaultRows(c, [row(a.id, `tok-a-${a.id}`)]));
    await withTenant(pg.app, b.id, (c) => insertVaultRows(c, [row(b.id, `tok-b-${b.id}`)]));
    // The "forgotten filter" query: no WHERE tenant_id at all.
    const seenByA = await withTenant(pg.app, a.id, (c) => c.query<{ tenant_id: string }>('SELECT tenant_id FROM redaction_maps'));
    expect(seenByA.rows.length).toBeGreaterThan(0);
    expect(new Set(seenByA.rows.map((r) => r.tenant_id))).toEqual(new Set([a.id]));
    const tenantsSeen = await withTenant(pg.app, a.id, (c) => c.query<{ id: string }>('SELECT id FROM tenants'));
    expect(tenantsSeen.rows.map((r) => r.id)).toEqual([a.id]);
    // Writing a row for another tenant is refused by the policy's check.
    await expect(withTenant(pg.app, a.id, (c) => insertVaultRows(c, [row(b.id, `tok-x-${b.id}`)]))).rejects.toThrow(/row-level security/);
    // Without a tenant set, nothing is visible.
    const none = await pg.app.query('SELECT count(*)::int AS n FROM redaction_maps');
    expect(none.rows[0].n).toBe(0);
  });

  it('is idempotent on (tenant_id, token_id): a replayed batch inserts nothing', async () => {
    const t = await createTenant(pg.admin, { name: 'Idem', slug: `idem-${randomUUID().slice(0, 8)}`, region: 'eu' });
    const rows = [0, 1, 2].map((i) => ({
      id: randomUUID(), tenantId: t.id, conversationId: null, tokenId: `tok-${i}-${t.id}`, sealed: Buffer.from([i]), fpeTweak: null, dataClass: 'pii', fieldType: 'EMAIL_ADDRESS', expiresAt: new Date(Date.now() + 3600_000),
    }));
    expect(await withTenant(pg.app, t.id, (c) => insertVaultRows(c, rows))).toBe(3);
    expect(await withTenant(pg.app, t.id, (c) => insertVaultRows(c, rows.map((r) => ({ ...r, id: randomUUID() }))))).toBe(0);
  });
});
