import type { Pool, PoolClient } from 'pg';
import semver from 'semver';
import { rulesetHash, type PathError, type PolicyStatus } from '../../pipelines/policy';
import { SentinelError } from '../errors';
import { inTransaction } from '../adapters/postgres/pools';

/** An operator request the policy store refuses (invalid ruleset, bad transition, unknown version). */
export class PolicyRefusal extends SentinelError {
  constructor(
    message: string,
    /** Every validation error (JSON pointer + reason) when the refusal is an invalid ruleset. */
    readonly errors: readonly PathError[] = [],
  ) {
    super(message, false, 'policy_refused');
  }
}

export interface StoredPolicy {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly version: string;
  readonly status: PolicyStatus;
  readonly description: string | null;
  readonly rulesetHash: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PolicyRow {
  id: string;
  tenant_id: string;
  name: string;
  version: string;
  status: PolicyStatus;
  description: string | null;
  ruleset_json: unknown;
  created_at: Date;
  updated_at: Date;
}

export const POLICY_COLUMNS = 'id, tenant_id, name, version, status, description, ruleset_json, created_at, updated_at';

export function toStored(r: PolicyRow): StoredPolicy {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    name: r.name,
    version: r.version,
    status: r.status,
    description: r.description,
    rulesetHash: rulesetHash(r.ruleset_json),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Policy name used when an operator gives none (a tenant has one policy name in practice). */
export const DEFAULT_POLICY_NAME = 'default';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Arbitrary namespace for the per-tenant policy advisory lock (the migration lock uses 727274). */
const POLICY_LOCK_NS = 727275;

export function checkTenantId(tenantId: string): string {
  if (!UUID.test(tenantId)) throw new PolicyRefusal(`tenant id "${tenantId.slice(0, 60)}" is not a UUID`);
  return tenantId.toLowerCase();
}

export function checkVersion(version: string): string {
  if (semver.valid(version) === null) throw new PolicyRefusal(`version "${version.slice(0, 60)}" is not a semantic version (e.g. 1.2.0)`);
  return version;
}

/**
 * Runs fn in one owner transaction holding the tenant's policy advisory lock, so two operators
 * changing the same tenant's policies serialize (the second sees the first's committed result)
 * while other tenants proceed. The lock is released at COMMIT/ROLLBACK.
 */
export async function withTenantPolicyLock<T>(admin: Pool, tenantId: string, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const id = checkTenantId(tenantId);
  return inTransaction(admin, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [POLICY_LOCK_NS, id]);
    const t = await client.query('SELECT 1 FROM tenants WHERE id = $1', [id]);
    if (t.rowCount === 0) throw new PolicyRefusal(`tenant ${id} does not exist`);
    return fn(client);
  });
}

/** The row of (tenant, name, version), locked for update; refuses when it does not exist. */
export async function lockVersion(c: PoolClient, tenantId: string, name: string, version: string): Promise<PolicyRow> {
  const res = await c.query<PolicyRow>(`SELECT ${POLICY_COLUMNS} FROM policies WHERE tenant_id = $1 AND name = $2 AND version = $3 FOR UPDATE`, [tenantId, name, version]);
  const row = res.rows[0];
  if (!row) throw new PolicyRefusal(`policy "${name}" version ${version} does not exist for tenant ${tenantId}`);
  return row;
}
