/** Public API of the pure policy engine: validate -> hash -> decide -> (reframe), plus lifecycle and diff. */
export type {
  Action, ActedOn, AllowPattern, Allowlist, ClassRule, Decision, DecideInput, EntityRule, InjectionPolicy,
  PathError, PolicyRef, RuleClass, Ruleset, Source, TokenFormat, Ttl,
} from './types';
export { ACTIONS, RULE_CLASSES, SOURCES, TOKEN_FORMATS } from './types';
export { validateRuleset, rulesetSchema, type ValidationResult } from './validate-ruleset';
export { KNOWN_ENTITIES } from './semantic-checks';
export { decide } from './decide';
export { actionRank, maxAction, ruleId, ttlToSeconds } from './precedence';
export { matchAllowlist, globMatch } from './allowlist';
export { canonicalRuleset, rulesetHash } from './ruleset-hash';
export { DEFAULT_REFRAME_TEMPLATE, reframe, reframeForDecision, neutralize, escapeDelimiters, delimiterId, type Span } from './reframe';
export { DEFAULT_RULESET, DEFAULT_POLICY_ID, DEFAULT_POLICY_VERSION, DEFAULT_POLICY_REF } from './default-ruleset';
export { POLICY_STATUSES, canTransition, selectApplicable, type PolicyStatus, type PolicyVersion } from './lifecycle';
export { diffRulesets, isEmptyDiff, type RulesetDiff } from './diff';
