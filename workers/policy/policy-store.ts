import type { Pool } from 'pg';
import { DEFAULT_POLICY_REF, DEFAULT_RULESET, rulesetHash, selectApplicable, validateRuleset, type PolicyStatus, type PolicyRef, type Ruleset } from '../../pipelines/policy';
import { PipelineRejection } from '../../pipelines/errors';
import { withTenant } from '../adapters/postgres/pools';
import { DependencyUnavailableError } from '../errors';
import type { TenantRecord } from '../adapters/postgres/tenants.repo';

export interface EffectivePolicy {
  readonly ruleset: Ruleset;
  readonly ref: PolicyRef;
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
 * Cached per tenant for `ttlMs` so workers pick up a newly activated or pinned version within
 * that time without a restart.
 */
export class PolicyStore {
  private readonly cache = new Map<string, { policy: EffectivePolicy; until: number }>();

  constructor(
    private readonly app: Pool,
    private readonly ttlMs = 2_000,
  ) {}

  async forTenant(tenant: TenantRecord): Promise<EffectivePolicy> {
    const hit = this.cache.get(tenant.id);
    if (hit && hit.until > Date.now()) return hit.policy;
    const policy = await this.load(tenant);
    this.cache.set(tenant.id, { policy, until: Date.now() + this.ttlMs });
    return policy;
  }

  /** Drops a tenant's cached policy (called on a change notification). */
  invalidate(tenantId?: string): void {
    if (tenantId) this.cache.delete(tenantId);
    else this.cache.clear();
  }

  private async load(tenant: TenantRecord): Promise<EffectivePolicy> {
    let rows: PolicyRow[];
    try {
      rows = (
        await withTenant(this.app, tenant.id, (c) =>
          c.query<PolicyRow>("SELECT id, version, status, ruleset_json FROM policies WHERE tenant_id = $1 AND status IN ('active', 'deprecated')", [tenant.id]),
        )
      ).rows;
    } catch (err) {
      throw new DependencyUnavailableError('postgres', err);
    }
    const chosen = tenant.policyVersionPin ? rows.find((r) => r.id === tenant.policyVersionPin) : selectApplicable(rows);
    if (!chosen) {
      if (tenant.policyVersionPin) throw new PipelineRejection('invalid_policy', `tenant's pinned policy ${tenant.policyVersionPin} is not active or deprecated`);
      return { ruleset: DEFAULT_RULESET, ref: DEFAULT_POLICY_REF };
    }
    const checked = validateRuleset(chosen.ruleset_json);
    // Stored rulesets were validated on publish; failing here means the row was edited by hand.
    if (!checked.ok) throw new PipelineRejection('invalid_policy', `policy ${chosen.id} v${chosen.version} fails validation`);
    return { ruleset: checked.ruleset, ref: { policyId: chosen.id, version: chosen.version, rulesetHash: rulesetHash(checked.ruleset) } };
  }
}
