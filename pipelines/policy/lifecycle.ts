/**
 * Policy version lifecycle: draft -> active -> deprecated -> archived, and which version applies.
 *
 * Transitions (anything else is refused):
 *   draft      -> active | archived   (publish, or abandon an unpublished draft)
 *   active     -> deprecated          (superseded; still usable by pinned clients)
 *   deprecated -> active | archived   (un-deprecate a rollback target, or retire for good)
 *   archived   -> (none)              (terminal: audit history must keep pointing at it unchanged)
 * active -> archived directly is refused on purpose: deprecating first gives pinned clients a
 * window in which their pin still resolves.
 */
import semver from 'semver';

export const POLICY_STATUSES = ['draft', 'active', 'deprecated', 'archived'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

export interface PolicyVersion {
  readonly id: string;
  /** Semantic version, e.g. '1.4.0'. Invalid versions are never selected. */
  readonly version: string;
  readonly status: PolicyStatus;
}

const TRANSITIONS: Readonly<Record<PolicyStatus, readonly PolicyStatus[]>> = {
  draft: ['active', 'archived'],
  active: ['deprecated'],
  deprecated: ['active', 'archived'],
  archived: [],
};

export function canTransition(from: PolicyStatus, to: PolicyStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * The version a tenant's traffic is evaluated with.
 * - No pin: the highest-semver 'active' version.
 * - Pin (exact version or semver range, e.g. '1.4.0', '^1.2'): the highest version satisfying it
 *   whose status is 'active' or 'deprecated' (a pin keeps working through deprecation, but never
 *   resolves to a draft or an archived version).
 * Returns undefined when nothing qualifies; callers then fall back to DEFAULT_RULESET.
 */
export function selectApplicable<V extends PolicyVersion>(versions: readonly V[], pin?: string): V | undefined {
  const usable: readonly PolicyStatus[] = pin === undefined ? ['active'] : ['active', 'deprecated'];
  let best: V | undefined;
  for (const v of versions) {
    if (!usable.includes(v.status) || semver.valid(v.version) === null) continue;
    if (pin !== undefined && !semver.satisfies(v.version, pin, { includePrerelease: true })) continue;
    if (!best || semver.gt(v.version, best.version)) best = v;
  }
  return best;
}
