import type { Pool } from 'pg';
import { DEFAULT_POLICY_REF, DEFAULT_RULESET, rulesetHash, selectApplicable, validateRuleset, type PolicyStatus, type PolicyRef, type Ruleset } from '../../pipelines/policy';
import { PipelineRejection } from '../../pipelines/errors';
import { withTenant } from '../adapters/postgres/pools';
import { DependencyUnavailableError } from '../errors';
import type { TenantRecord } from '../adapters/postgres/tenants.repo';

export interface EffectivePolicy {
  readonly ruleset: Ruleset;
  readonly ref: PolicyRef;
  /** Shadow candidate (tenants.policy_shadow_id): evaluated and audited beside, never enforced. */
  readonly shadow?: { readonly ruleset: Ruleset; readonly ref: PolicyRef };
}

interface PolicyRow {
  id: string;
  version: string;
  status: PolicyStatus;
  ruleset_json: unknown;
}

/**
 * The policy that applies to a tenant right now: its pinned version (tenants.policy_version_pin,
 * a policy id) or else its highest active version, or the built-in default when it has none.
 * Cached per tenant for `ttlMs`; workers also drop entries on a Postgres NOTIFY
 * (PolicyChangeListener), so the TTL is only the safety net for a lost notification.
 * The pin and shadow ids are read here, in the same snapshot as the policies, rather than from
 * the (separately cached) TenantRecord, so one invalidation is enough to see a new pin.
 */
export class PolicyStore {
  private readonly cache = new Map<string, { policy: EffectivePolicy; until: number }>();
  private readonly generations = new Map<string, number>();
  private allGeneration = 0;

  constructor(
    private readonly app: Pool,
    private readonly ttlMs = 2_000,
  ) {}

  async forTenant(tenant: TenantRecord): Promise<EffectivePolicy> {
    const hit = this.cache.get(tenant.id);
    if (hit && hit.until > Date.now()) return hit.policy;
    const generation = this.generation(tenant.id);
    const policy = await this.load(tenant);
    // A change notified while this load was in flight may not be in its snapshot: use, don't cache.
    if (generation === this.generation(tenant.id)) this.cache.set(tenant.id, { policy, until: Date.now() + this.ttlMs });
    return policy;
  }

  /** Drops a tenant's cached policy (called on a change notification). */
  invalidate(tenantId?: string): void {
    if (tenantId) {
      this.cache.delete(tenantId);
      this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
    } else {
      this.cache.clear();
      this.allGeneration++;
    }
  }

  private generation(tenantId: string): string {
    return `${this.allGeneration}:${this.generations.get(tenantId) ?? 0}`;
  }

  private async load(tenant: TenantRecord): Promise<EffectivePolicy> {
    let rows: PolicyRow[];
    let pin: string | null;
    let shadowId: string | null;
    try {
      ({ rows, pin, shadowId } = await withTenant(this.app, tenant.id, async (c) => {
        const t = await c.query<{ pin: string | null; shadow: string | null }>('SELECT policy_version_pin AS pin, policy_shadow_id AS shadow FROM tenants WHERE id = $1', [tenant.id]);
        const ref = t.rows[0] ?? { pin: tenant.policyVersionPin, shadow: null };
        const p = await c.query<PolicyRow>(
          "SELECT id, version, status, ruleset_json FROM policies WHERE tenant_id = $1 AND (status IN ('active', 'deprecated') OR id = $2)",
          [tenant.id, ref.shadow],
        );
        return { rows: p.rows, pin: ref.pin, shadowId: ref.shadow };
      }));
    } catch (err) {
      throw new DependencyUnavailableError('postgres', err);
    }
    const usable = rows.filter((r) => r.status === 'active' || r.status === 'deprecated');
    const chosen = pin ? usable.find((r) => r.id === pin) : selectApplicable(usable);
    if (!chosen && pin) throw new PipelineRejection('invalid_policy', `tenant's pinned policy ${pin} is not active or deprecated`);
    const base = chosen ? toEffective(chosen) : { ruleset: DEFAULT_RULESET, ref: DEFAULT_POLICY_REF };
    const shadowRow = rows.find((r) => r.id === shadowId && r.status !== 'archived' && r.id !== chosen?.id);
    if (!shadowRow) return base;
    try {
      return { ...base, shadow: toEffective(shadowRow) };
    } catch {
      // A broken candidate must never stop enforced traffic: run without shadow.
      return base;
    }
  }
}

function toEffective(row: PolicyRow): { ruleset: Ruleset; ref: PolicyRef } {
  const checked = validateRuleset(row.ruleset_json);
  // Stored rulesets were validated on publish; failing here means the row was edited by hand.
  if (!checked.ok) throw new PipelineRejection('invalid_policy', `policy ${row.id} v${row.version} fails validation`);
  return { ruleset: checked.ruleset, ref: { policyId: row.id, version: row.version, rulesetHash: rulesetHash(row.ruleset_json) } };
}
