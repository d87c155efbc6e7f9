import { randomUUID } from 'node:crypto';
import { loadEnv } from '../../workers/config/env';
import { migratePostgres } from '../../workers/adapters/postgres/migrate';
import { createPools, type PgPools } from '../../workers/adapters/postgres/pools';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { clearShadowPolicy, pinPolicy, setShadowPolicy, tenantPolicyState, unpinPolicy } from '../../workers/policy/policy-pins.repo';
import { activatePolicy, listPolicies, PolicyRefusal, publishPolicy, retirePolicy } from '../../workers/policy/policy.repo';
import { rulesetV } from '../support/policy-fixtures';

/** Issue 4's storage rules against the real Postgres: validate before store, exactly one active, pins. */
describe('policy repo (real Postgres)', () => {
  let pg: PgPools;
  beforeAll(async () => {
    pg = createPools(loadEnv());
    await migratePostgres(pg.admin);
  });
  afterAll(() => pg.end());

  const newTenant = async () => (await createTenant(pg.admin, { name: 'Policy', slug: `pol-${randomUUID().slice(0, 12)}`, region: 'eu' })).id;
  const statuses = async (t: string) => Object.fromEntries((await listPolicies(pg.admin, t)).map((p) => [p.version, p.status]));

  it('publishes a valid ruleset as a draft, idempotently for the same content', async () => {
    const t = await newTenant();
    const r = await publishPolicy(pg.admin, { tenantId: t, version: '1.0.0', ruleset: rulesetV('encrypt') });
    expect(r).toMatchObject({ created: true, policy: { status: 'draft', name: 'default', version: '1.0.0' } });
    expect(r.policy.rulesetHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const again = await publishPolicy(pg.admin, { tenantId: t, version: '1.0.0', ruleset: rulesetV('encrypt') });
    expect(again).toMatchObject({ created: false, policy: { id: r.policy.id } });
    await expect(publishPolicy(pg.admin, { tenantId: t, version: '1.0.0', ruleset: rulesetV('block') })).rejects.toThrow(/different ruleset/);
  });

  it('refuses an invalid ruleset with every error path and stores nothing', async () => {
    const t = await newTenant();
    const bad = { schemaVersion: 1, defaultAction: 'explode', classes: [{ dataClass: 'pii', action: 'encrypt', minScore: 7 }], bogus: true };
    const err = await publishPolicy(pg.admin, { tenantId: t, version: '1.0.0', ruleset: bad, activate: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PolicyRefusal);
    const paths = (err as PolicyRefusal).errors.map((e) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['/bogus', '/classes/0/minScore', '/defaultAction']));
    for (const e of (err as PolicyRefusal).errors) expect(e.message.length).toBeGreaterThan(0);
    expect(await listPolicies(pg.admin, t)).toEqual([]);
    await expect(publishPolicy(pg.admin, { tenantId: t, version: 'v1', ruleset: rulesetV('allow') })).rejects.toThrow(/not a semantic version/);
    await expect(publishPolicy(pg.admin, { tenantId: randomUUID(), version: '1.0.0', ruleset: rulesetV('allow') })).rejects.toThrow(/does not exist/);
  });

  it('keeps exactly one active version through activations, including concurrent ones', async () => {
    const t = await newTenant();
    for (const v of ['1.0.0', '1.1.0', '2.0.0', '2.1.0']) await publishPolicy(pg.admin, { tenantId: t, version: v, ruleset: rulesetV('encrypt', v) });
    await activatePolicy(pg.admin, t, '1.0.0');
    const r = await activatePolicy(pg.admin, t, '1.1.0');
    expect(r.deprecated.map((d) => d.version)).toEqual(['1.0.0']);
    expect(await statuses(t)).toEqual({ '1.0.0': 'deprecated', '1.1.0': 'active', '2.0.0': 'draft', '2.1.0': 'draft' });
    // Ten racing activations of two versions: the advisory lock serializes them; one active remains.
    await Promise.all(Array.from({ length: 10 }, (_, i) => activatePolicy(pg.admin, t, i % 2 ? '2.0.0' : '2.1.0')));
    const after = await listPolicies(pg.admin, t);
    expect(after.filter((p) => p.status === 'active')).toHaveLength(1);
    // Rollback: a deprecated version can be re-activated; the index forbids a second active row.
    await activatePolicy(pg.admin, t, '1.0.0');
    expect((await listPolicies(pg.admin, t)).filter((p) => p.status === 'active').map((p) => p.version)).toEqual(['1.0.0']);
    await expect(pg.admin.query("UPDATE policies SET status = 'active' WHERE tenant_id = $1 AND version = '1.1.0'", [t])).rejects.toThrow(/uq_policies_one_active/);
    expect((await tenantPolicyState(pg.admin, t)).applies?.version).toBe('1.0.0');
  });

  it('enforces the lifecycle: no archive of an active version, archived is terminal', async () => {
    const t = await newTenant();
    await publishPolicy(pg.admin, { tenantId: t, version: '1.0.0', ruleset: rulesetV('encrypt'), activate: true });
    await publishPolicy(pg.admin, { tenantId: t, version: '1.1.0', ruleset: rulesetV('block') });
    await expect(retirePolicy(pg.admin, t, '1.0.0', 'archived')).rejects.toThrow(/from active to archived/);
    await retirePolicy(pg.admin, t, '1.1.0', 'archived');
    await expect(activatePolicy(pg.admin, t, '1.1.0')).rejects.toThrow(/archived/);
    await retirePolicy(pg.admin, t, '1.0.0', 'deprecated');
    expect((await tenantPolicyState(pg.admin, t)).applies).toBeNull(); // built-in default applies
  });

  it('pins and unpins; a pin beats the active version and blocks archiving', async () => {
    const t = await newTenant();
    await publishPolicy(pg.admin, { tenantId: t, version: '1.0.0', ruleset: rulesetV('encrypt'), activate: true });
    await publishPolicy(pg.admin, { tenantId: t, version: '2.0.0', ruleset: rulesetV('block') });
    await expect(pinPolicy(pg.admin, t, '2.0.0')).rejects.toThrow(/draft/);
    const pinned = await pinPolicy(pg.admin, t, '1.0.0');
    const activation = await activatePolicy(pg.admin, t, '2.0.0');
    expect(activation.pinnedTo).toBe(pinned.id);
    let state = await tenantPolicyState(pg.admin, t);
    expect(state.applies?.version).toBe('1.0.0');
    expect(state.pinned?.status).toBe('deprecated');
    const row = await pg.admin.query<{ pin: string }>('SELECT policy_version_pin AS pin FROM tenants WHERE id = $1', [t]);
    expect(row.rows[0]?.pin).toBe(pinned.id);
    await expect(retirePolicy(pg.admin, t, '1.0.0', 'archived')).rejects.toThrow(/pinned/);
    await unpinPolicy(pg.admin, t);
    state = await tenantPolicyState(pg.admin, t);
    expect(state).toMatchObject({ pinned: null, applies: { version: '2.0.0' } });
  });

  it('sets and clears a shadow candidate; activating the candidate clears it', async () => {
    const t = await newTenant();
    await publishPolicy(pg.admin, { tenantId: t, version: '1.0.0', ruleset: rulesetV('encrypt'), activate: true });
    await publishPolicy(pg.admin, { tenantId: t, version: '1.1.0', ruleset: rulesetV('block') });
    await setShadowPolicy(pg.admin, t, '1.1.0');
    expect((await tenantPolicyState(pg.admin, t)).shadow?.version).toBe('1.1.0');
    await expect(retirePolicy(pg.admin, t, '1.1.0', 'archived')).rejects.toThrow(/shadow/);
    await clearShadowPolicy(pg.admin, t);
    expect((await tenantPolicyState(pg.admin, t)).shadow).toBeNull();
    await setShadowPolicy(pg.admin, t, '1.1.0');
    await activatePolicy(pg.admin, t, '1.1.0');
    expect(await tenantPolicyState(pg.admin, t)).toMatchObject({ shadow: null, applies: { version: '1.1.0' } });
  });
});
