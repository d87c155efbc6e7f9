import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { withTenant } from '../../workers/adapters/postgres/pools';
import { TenantDirectory } from '../../workers/adapters/postgres/tenants.repo';
import { PolicyStore } from '../../workers/policy/policy-store';
import { publishPolicy } from '../../workers/policy/policy.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { isDetokenizeRefused } from '../../workers/vault/detokenize.errors';
import { createVaultServices, type VaultServices } from '../../workers/vault/vault-services';
import { rulesetV } from '../support/policy-fixtures';
import { isolatedEnv } from '../support/test-env';
import { newTenant, sanitizeAndStore, stageContext, storeValue } from '../support/vault-fixture';

const ACTOR = 'isolation@sec.example';

/**
 * Tenant isolation: the app role (sentinel_app, under row-level security) never sees or changes
 * another tenant's vault rows, keys, policies or signatures — also through queries that "forget"
 * their tenant filter, because RLS, not application code, does the filtering.
 */
describe('tenant isolation under row-level security (real Postgres)', () => {
  const { env } = isolatedEnv('isolation');
  let ctx: AppContext;
  let vault: VaultServices;
  let a: string;
  let b: string;
  const sig = { global: randomUUID(), a: randomUUID(), b: randomUUID() };

  const asTenant = <T>(tenant: string, fn: (c: PoolClient) => Promise<T>) => withTenant(ctx.pg.app, tenant, fn);
  const tenantIdsOf = async (tenant: string, sql: string) => new Set((await asTenant(tenant, (c) => c.query<{ tenant_id: string | null }>(sql))).rows.map((r) => r.tenant_id));
  const refusalOf = async (p: Promise<unknown>) => p.then(() => 'granted', (err: unknown) => (isDetokenizeRefused(err) ? err.code : `error: ${(err as Error).message}`));

  beforeAll(async () => {
    ctx = await createAppContext('it-isolation', env);
    await bootstrap(ctx);
    vault = await createVaultServices(ctx);
    a = await newTenant(ctx, 'iso-a');
    b = await newTenant(ctx, 'iso-b');
    await publishPolicy(ctx.pg.admin, { tenantId: a, version: '1.0.0', ruleset: rulesetV('block', 'tenant a'), activate: true });
    await publishPolicy(ctx.pg.admin, { tenantId: b, version: '7.0.0', ruleset: rulesetV('allow', 'tenant b'), activate: true });
    const insertSig = 'INSERT INTO signatures (id, tenant_id, vector_id, label, source, reviewed_by) VALUES ($1, $2, $3, $4, $5, $6)';
    await ctx.pg.admin.query(insertSig, [sig.global, null, `iso-global-${sig.global}`, 'global', 'test', 'reviewer']);
    await asTenant(a, (c) => c.query(insertSig, [sig.a, a, `iso-a-${sig.a}`, 'tenant-a', 'test', 'reviewer']));
    await asTenant(b, (c) => c.query(insertSig, [sig.b, b, `iso-b-${sig.b}`, 'tenant-b', 'test', 'reviewer']));
  });
  afterAll(async () => {
    await ctx?.pg.admin.query('DELETE FROM signatures WHERE id = ANY($1::uuid[])', [Object.values(sig)]).catch(() => undefined);
    await vault?.close();
    await ctx?.close();
  });

  it("refuses detokenizing tenant A's tokens for tenant B (not found), by token and by text", async () => {
    const stageA = await stageContext(vault.keyring, a);
    const token = await storeValue(ctx, stageA, 'zed.isolation@example.com');
    const sanitized = await sanitizeAndStore(ctx, stageA, 'mail zed.isolation@example.com please');
    const req = { reason: 'customer_request', actor: ACTOR };
    expect(await refusalOf(vault.detokenizer.detokenize({ ...req, tenantId: b, tokens: [token] }))).toBe('not_found');
    expect(await refusalOf(vault.detokenizer.detokenize({ ...req, tenantId: b, text: sanitized.text }))).toBe('not_found');
    // The owner gets it back: the refusal above is isolation, not a broken token.
    const own = await vault.detokenizer.detokenize({ ...req, tenantId: a, tokens: [token] });
    expect(own.values).toEqual([{ token, value: 'zed.isolation@example.com' }]);
  });

  it('shows each tenant only its own vault rows, keys and tenant row, even without a WHERE tenant_id', async () => {
    await stageContext(vault.keyring, b); // keys for B too
    await storeValue(ctx, await stageContext(vault.keyring, b), 'b-only@example.com');
    for (const [me, other] of [[a, b], [b, a]] as const) {
      for (const sql of ['SELECT * FROM redaction_maps', 'SELECT * FROM tenant_keys', 'SELECT *, id AS tenant_id FROM tenants']) {
        const seen = await tenantIdsOf(me, sql);
        expect(seen).toEqual(new Set([me]));
        expect(seen.has(other)).toBe(false);
      }
      const probe = await asTenant(me, (c) => c.query('SELECT count(*)::int AS n FROM redaction_maps WHERE tenant_id = $1', [other]));
      expect(probe.rows[0].n).toBe(0);
    }
    // Without a tenant in the transaction nothing at all is visible.
    for (const t of ['redaction_maps', 'tenant_keys', 'policies', 'tenants']) expect((await ctx.pg.app.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n).toBe(0);
  });

  it("keeps policies per tenant: the store, a filterless SELECT and writes to another tenant's rows", async () => {
    const directory = new TenantDirectory(ctx.pg.app);
    const store = new PolicyStore(ctx.pg.app);
    const effA = await store.forTenant((await directory.find(a))!);
    expect(effA.ref.version).toBe('1.0.0');
    expect(effA.ruleset.description).toContain('tenant a');
    expect(await tenantIdsOf(a, 'SELECT * FROM policies')).toEqual(new Set([a]));
    expect((await asTenant(a, (c) => c.query('SELECT * FROM policies WHERE tenant_id = $1', [b]))).rowCount).toBe(0);
    const upd = await asTenant(a, (c) => c.query("UPDATE policies SET status = 'archived' WHERE tenant_id = $1", [b]));
    expect(upd.rowCount).toBe(0);
    await expect(asTenant(a, (c) => c.query("INSERT INTO policies (id, tenant_id, name, version, ruleset_json) VALUES ($1, $2, 'default', '9.9.9', '{}')", [randomUUID(), b]))).rejects.toThrow(/row-level security/);
    expect((await store.forTenant((await directory.find(b))!)).ref.version).toBe('7.0.0');
  });

  it('shows tenant signatures only to their tenant and global ones to all, which the app role cannot change', async () => {
    const seenBy = async (t: string) => new Set((await asTenant(t, (c) => c.query<{ id: string }>('SELECT * FROM signatures'))).rows.map((r) => r.id));
    const byA = await seenBy(a);
    const byB = await seenBy(b);
    expect([byA.has(sig.global), byA.has(sig.a), byA.has(sig.b)]).toEqual([true, true, false]);
    expect([byB.has(sig.global), byB.has(sig.a), byB.has(sig.b)]).toEqual([true, false, true]);
    expect([...(await tenantIdsOf(a, 'SELECT * FROM signatures'))].every((t) => t === a || t === null)).toBe(true);

    const attempts = [
      "UPDATE signatures SET label = 'hijacked' WHERE id = $1",
      'UPDATE signatures SET tenant_id = sentinel_current_tenant() WHERE id = $1',
      'UPDATE signatures SET active = false WHERE id = $1',
      'DELETE FROM signatures WHERE id = $1',
    ];
    for (const sql of attempts) {
      await asTenant(a, (c) => c.query(sql, [sig.global])).catch(() => undefined); // refused or no-op: the row decides
      await asTenant(a, (c) => c.query(sql, [sig.b])).catch(() => undefined);
    }
    const after = await ctx.pg.admin.query<{ id: string; tenant_id: string | null; label: string; active: boolean }>('SELECT id, tenant_id, label, active FROM signatures WHERE id = ANY($1::uuid[]) ORDER BY label', [[sig.global, sig.b]]);
    expect(after.rows.map(({ tenant_id, label, active }) => ({ tenant_id, label, active }))).toEqual([
      { tenant_id: null, label: 'global', active: true },
      { tenant_id: b, label: 'tenant-b', active: true },
    ]);
    await expect(asTenant(a, (c) => c.query("INSERT INTO signatures (id, tenant_id, vector_id, label) VALUES ($1, NULL, 'x', 'x')", [randomUUID()]))).rejects.toThrow(/row-level security/);
  });
});
