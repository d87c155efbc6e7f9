import type { Pool } from 'pg';
import { selectApplicable } from '../../pipelines/policy';
import { checkTenantId, DEFAULT_POLICY_NAME, lockVersion, PolicyRefusal, POLICY_COLUMNS, toStored, withTenantPolicyLock, type PolicyRow, type StoredPolicy } from './policy-tx';

export interface TenantPolicyState {
  /** The version the tenant's traffic is decided with (null: none stored, the built-in default applies). */
  readonly applies: StoredPolicy | null;
  readonly pinned: StoredPolicy | null;
  readonly shadow: StoredPolicy | null;
}

/**
 * Pins a tenant to one version (tenants.policy_version_pin = policy id): it applies instead of the
 * active version until unpinned, also after it is deprecated. Only active or deprecated versions
 * can be pinned; workers reject a tenant's traffic when its pin resolves to nothing usable.
 */
export async function pinPolicy(admin: Pool, tenantId: string, version: string, name = DEFAULT_POLICY_NAME): Promise<StoredPolicy> {
  return withTenantPolicyLock(admin, tenantId, async (c) => {
    const id = checkTenantId(tenantId);
    const row = await lockVersion(c, id, name, version);
    if (row.status !== 'active' && row.status !== 'deprecated') throw new PolicyRefusal(`cannot pin ${version}: it is ${row.status} (only active or deprecated versions can be pinned)`);
    await c.query('UPDATE tenants SET policy_version_pin = $2, updated_at = now() WHERE id = $1', [id, row.id]);
    return toStored(row);
  });
}

export async function unpinPolicy(admin: Pool, tenantId: string): Promise<void> {
  await withTenantPolicyLock(admin, tenantId, async (c) => {
    await c.query('UPDATE tenants SET policy_version_pin = NULL, updated_at = now() WHERE id = $1', [checkTenantId(tenantId)]);
  });
}

/**
 * Sets the shadow candidate: workers evaluate it beside the applicable version and audit its
 * decisions with shadow = true, never enforcing them. Drafts are the usual candidates.
 */
export async function setShadowPolicy(admin: Pool, tenantId: string, version: string, name = DEFAULT_POLICY_NAME): Promise<StoredPolicy> {
  return withTenantPolicyLock(admin, tenantId, async (c) => {
    const id = checkTenantId(tenantId);
    const row = await lockVersion(c, id, name, version);
    if (row.status === 'archived') throw new PolicyRefusal(`cannot shadow ${version}: it is archived`);
    await c.query('UPDATE tenants SET policy_shadow_id = $2, updated_at = now() WHERE id = $1', [id, row.id]);
    return toStored(row);
  });
}

export async function clearShadowPolicy(admin: Pool, tenantId: string): Promise<void> {
  await withTenantPolicyLock(admin, tenantId, async (c) => {
    await c.query('UPDATE tenants SET policy_shadow_id = NULL, updated_at = now() WHERE id = $1', [checkTenantId(tenantId)]);
  });
}

/** What applies, what is pinned and what is shadowed, resolved exactly as PolicyStore does. */
export async function tenantPolicyState(admin: Pool, tenantId: string): Promise<TenantPolicyState> {
  const id = checkTenantId(tenantId);
  const t = await admin.query<{ pin: string | null; shadow: string | null }>('SELECT policy_version_pin AS pin, policy_shadow_id AS shadow FROM tenants WHERE id = $1', [id]);
  const ref = t.rows[0];
  if (!ref) throw new PolicyRefusal(`tenant ${id} does not exist`);
  const rows = (await admin.query<PolicyRow>(`SELECT ${POLICY_COLUMNS} FROM policies WHERE tenant_id = $1`, [id])).rows;
  const byId = (pid: string | null) => (pid ? (rows.find((r) => r.id === pid) ?? null) : null);
  const pinned = byId(ref.pin);
  const applies = ref.pin ? (pinned && (pinned.status === 'active' || pinned.status === 'deprecated') ? pinned : null) : (selectApplicable(rows) ?? null);
  const shadow = byId(ref.shadow);
  return { applies: applies && toStored(applies), pinned: pinned && toStored(pinned), shadow: shadow && toStored(shadow) };
}
