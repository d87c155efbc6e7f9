import { randomBytes } from 'node:crypto';
import { DEFAULT_POLICY_REF, DEFAULT_RULESET } from '../../pipelines/policy';
import type { TenantContext } from '../../pipelines/stages/stage.types';

/** A tenant context for the pure stages without a key provider: fresh random keys, built-in policy. */
export function memoryTenantContext(tenantId: string, overrides: Partial<TenantContext> = {}): TenantContext {
  return {
    tenantId,
    policy: { ruleset: DEFAULT_RULESET, ref: DEFAULT_POLICY_REF },
    dataKey: { version: 1, key: randomBytes(32) },
    tokenKey: { version: 1, key: randomBytes(32) },
    defaultTtlSeconds: 3600,
    ...overrides,
  };
}
