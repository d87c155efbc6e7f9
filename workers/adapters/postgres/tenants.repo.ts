import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { withTenant } from './pools';
import { DependencyUnavailableError } from '../../errors';

export interface TenantRecord {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly status: 'active' | 'suspended' | 'deleted';
  readonly region: string;
  readonly kmsKeyArn: string | null;
  readonly policyVersionPin: string | null;
}

interface TenantRow {
  id: string;
  name: string;
  slug: string;
  status: TenantRecord['status'];
  region: string;
  kms_key_arn: string | null;
  policy_version_pin: string | null;
}

const COLUMNS = 'id, name, slug, status, region, kms_key_arn, policy_version_pin';

function toRecord(r: TenantRow): TenantRecord {
  return { id: r.id, name: r.name, slug: r.slug, status: r.status, region: r.region, kmsKeyArn: r.kms_key_arn, policyVersionPin: r.policy_version_pin };
}

/**
 * Tenant lookups for workers (through RLS, as the tenant itself) with a short cache: a hot path
 * must not hit Postgres per message, and a newly created tenant becomes visible within `ttlMs`.
 */
export class TenantDirectory {
  private readonly cache = new Map<string, { tenant: TenantRecord | null; until: number }>();

  constructor(
    private readonly app: Pool,
    private readonly ttlMs = 5_000,
  ) {}

  async find(tenantId: string): Promise<TenantRecord | null> {
    const hit = this.cache.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.tenant;
    let tenant: TenantRecord | null;
    try {
      const res = await withTenant(this.app, tenantId, (c) => c.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE id = $1`, [tenantId]));
      tenant = res.rows[0] ? toRecord(res.rows[0]) : null;
    } catch (err) {
      throw new DependencyUnavailableError('postgres', err);
    }
    // A miss is cached briefly only: a tenant created a moment ago must not stay "unknown" (its
    // INSERT also notifies workers, which invalidate this cache).
    this.cache.set(tenantId, { tenant, until: Date.now() + (tenant ? this.ttlMs : Math.min(this.ttlMs, 1_000)) });
    return tenant;
  }

  /** Drops a cached tenant (a status change is notified like a policy change). */
  invalidate(tenantId?: string): void {
    if (tenantId) this.cache.delete(tenantId);
    else this.cache.clear();
  }
}

/** Operator-side tenant management (owner connection; RLS does not apply to the owner). */
export async function createTenant(admin: Pool, input: { name: string; slug: string; region: string; kmsKeyArn?: string | null; id?: string }): Promise<TenantRecord> {
  const res = await admin.query<TenantRow>(
    `INSERT INTO tenants (id, name, slug, region, kms_key_arn) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    [input.id ?? randomUUID(), input.name, input.slug, input.region, input.kmsKeyArn ?? null],
  );
  return toRecord(res.rows[0] as TenantRow);
}

export async function listTenants(admin: Pool): Promise<TenantRecord[]> {
  const res = await admin.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants ORDER BY created_at`);
  return res.rows.map(toRecord);
}
