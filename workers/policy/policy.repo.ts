import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import semver from 'semver';
import { canTransition, rulesetHash, validateRuleset, type PathError, type Ruleset } from '../../pipelines/policy';
import { checkTenantId, checkVersion, DEFAULT_POLICY_NAME, lockVersion, PolicyRefusal, POLICY_COLUMNS, toStored, withTenantPolicyLock, type PolicyRow, type StoredPolicy } from './policy-tx';

export { DEFAULT_POLICY_NAME, PolicyRefusal, type StoredPolicy } from './policy-tx';

export interface PublishInput {
  readonly tenantId: string;
  readonly version: string;
  /** Parsed JSON of the ruleset file; validated here, before anything is stored. */
  readonly ruleset: unknown;
  readonly name?: string;
  readonly description?: string;
  readonly activate?: boolean;
}

export interface PublishResult {
  readonly policy: StoredPolicy;
  /** false when the same version with the same ruleset already existed (re-publishing is idempotent). */
  readonly created: boolean;
  readonly warnings: readonly PathError[];
  /** Versions deprecated by the activation (when `activate`). */
  readonly deprecated: readonly StoredPolicy[];
}

export interface ActivateResult {
  readonly activated: StoredPolicy;
  readonly deprecated: readonly StoredPolicy[];
  /** The tenant's pin, if any: while set, the pinned version applies instead of the active one. */
  readonly pinnedTo: string | null;
}

/**
 * Stores a new draft version (status 'draft', or 'active' with `activate` in the same transaction).
 * An invalid ruleset is refused with every error's path and reason and nothing is written.
 */
export async function publishPolicy(admin: Pool, input: PublishInput): Promise<PublishResult> {
  const checked = validateRuleset(input.ruleset);
  if (!checked.ok) throw new PolicyRefusal(`ruleset is invalid (${checked.errors.length} error(s)); nothing was stored`, checked.errors);
  const version = checkVersion(input.version);
  const name = input.name ?? DEFAULT_POLICY_NAME;
  return withTenantPolicyLock(admin, input.tenantId, async (c) => {
    const tenantId = checkTenantId(input.tenantId);
    const existing = await c.query<PolicyRow>(`SELECT ${POLICY_COLUMNS} FROM policies WHERE tenant_id = $1 AND name = $2 AND version = $3`, [tenantId, name, version]);
    let row = existing.rows[0];
    const created = row === undefined;
    // Hash the caller's document, not the validated clone: equal content, and a structuredClone made
    // under a test VM is not a plain object to the canonicalizer.
    if (row && rulesetHash(row.ruleset_json) !== rulesetHash(input.ruleset)) {
      throw new PolicyRefusal(`policy "${name}" version ${version} already exists with a different ruleset; publish a new version`);
    }
    if (!row) {
      const ins = await c.query<PolicyRow>(
        `INSERT INTO policies (id, tenant_id, name, version, description, ruleset_json, status) VALUES ($1, $2, $3, $4, $5, $6, 'draft') RETURNING ${POLICY_COLUMNS}`,
        [randomUUID(), tenantId, name, version, input.description ?? checked.ruleset.description ?? null, JSON.stringify(checked.ruleset)],
      );
      row = ins.rows[0] as PolicyRow;
    }
    if (!input.activate) return { policy: toStored(row), created, warnings: checked.warnings, deprecated: [] };
    const act = await activateLocked(c, tenantId, name, version);
    return { policy: act.activated, created, warnings: checked.warnings, deprecated: act.deprecated };
  });
}

/**
 * Makes (name, version) the tenant's one active version: in one transaction under the tenant's
 * advisory lock, the currently active row becomes 'deprecated' first, then the target 'active'
 * (the partial unique index would refuse the other order), so no reader ever sees zero or two.
 */
export async function activatePolicy(admin: Pool, tenantId: string, version: string, name = DEFAULT_POLICY_NAME): Promise<ActivateResult> {
  return withTenantPolicyLock(admin, tenantId, (c) => activateLocked(c, checkTenantId(tenantId), name, version));
}

async function activateLocked(c: PoolClient, tenantId: string, name: string, version: string): Promise<ActivateResult> {
  const target = await lockVersion(c, tenantId, name, version);
  const pin = await c.query<{ policy_version_pin: string | null }>('SELECT policy_version_pin FROM tenants WHERE id = $1', [tenantId]);
  const pinnedTo = pin.rows[0]?.policy_version_pin ?? null;
  if (target.status === 'active') return { activated: toStored(target), deprecated: [], pinnedTo };
  if (!canTransition(target.status, 'active')) throw new PolicyRefusal(`cannot activate policy "${name}" ${version}: it is ${target.status}`);
  const old = await c.query<PolicyRow>(
    `UPDATE policies SET status = 'deprecated', updated_at = now() WHERE tenant_id = $1 AND status = 'active' AND id <> $2 RETURNING ${POLICY_COLUMNS}`,
    [tenantId, target.id],
  );
  const act = await c.query<PolicyRow>(`UPDATE policies SET status = 'active', updated_at = now() WHERE id = $1 RETURNING ${POLICY_COLUMNS}`, [target.id]);
  // A promoted shadow candidate is now the real thing; shadowing it against itself is pointless.
  await c.query('UPDATE tenants SET policy_shadow_id = NULL, updated_at = now() WHERE id = $1 AND policy_shadow_id = $2', [tenantId, target.id]);
  return { activated: toStored(act.rows[0] as PolicyRow), deprecated: old.rows.map(toStored), pinnedTo };
}

/**
 * Moves a version to 'deprecated' or 'archived' (lifecycle rules of canTransition). Archiving a
 * version the tenant is pinned to or shadows is refused: its traffic would fail or silently stop.
 */
export async function retirePolicy(admin: Pool, tenantId: string, version: string, to: 'deprecated' | 'archived', name = DEFAULT_POLICY_NAME): Promise<StoredPolicy> {
  return withTenantPolicyLock(admin, tenantId, async (c) => {
    const id = checkTenantId(tenantId);
    const row = await lockVersion(c, id, name, version);
    if (row.status === to) return toStored(row);
    if (!canTransition(row.status, to)) throw new PolicyRefusal(`cannot move policy "${name}" ${version} from ${row.status} to ${to}`);
    if (to === 'archived') {
      const t = await c.query<{ pin: string | null; shadow: string | null }>('SELECT policy_version_pin AS pin, policy_shadow_id AS shadow FROM tenants WHERE id = $1', [id]);
      const ref = t.rows[0];
      if (ref?.pin === row.id) throw new PolicyRefusal(`cannot archive ${version}: the tenant is pinned to it (unpin first)`);
      if (ref?.shadow === row.id) throw new PolicyRefusal(`cannot archive ${version}: it is the tenant's shadow candidate (shadow --off first)`);
    }
    const res = await c.query<PolicyRow>(`UPDATE policies SET status = $2, updated_at = now() WHERE id = $1 RETURNING ${POLICY_COLUMNS}`, [row.id, to]);
    return toStored(res.rows[0] as PolicyRow);
  });
}

/** A tenant's versions, highest semver first (optionally of one policy name). */
export async function listPolicies(admin: Pool, tenantId: string, name?: string): Promise<StoredPolicy[]> {
  const id = checkTenantId(tenantId);
  const res = await admin.query<PolicyRow>(
    `SELECT ${POLICY_COLUMNS} FROM policies WHERE tenant_id = $1 AND ($2::text IS NULL OR name = $2) ORDER BY name, created_at`,
    [id, name ?? null],
  );
  return res.rows.map(toStored).sort((a, b) => a.name.localeCompare(b.name) || semver.rcompare(a.version, b.version));
}

/** One stored version with its ruleset (for `policy diff --tenant`). */
export async function getPolicyRuleset(admin: Pool, tenantId: string, version: string, name = DEFAULT_POLICY_NAME): Promise<{ policy: StoredPolicy; ruleset: Ruleset }> {
  const res = await admin.query<PolicyRow>(`SELECT ${POLICY_COLUMNS} FROM policies WHERE tenant_id = $1 AND name = $2 AND version = $3`, [checkTenantId(tenantId), name, version]);
  const row = res.rows[0];
  if (!row) throw new PolicyRefusal(`policy "${name}" version ${version} does not exist for tenant ${tenantId}`);
  return { policy: toStored(row), ruleset: row.ruleset_json as Ruleset };
}
