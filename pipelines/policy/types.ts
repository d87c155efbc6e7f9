/**
 * Hand-written TypeScript mirror of schemas/policy/ruleset.schema.json.
 *
 * Hand-written (not generated) so the public types stay readable; test/unit/policy/schema-sync.test.ts
 * keeps them honest by validating typed sample rulesets against the schema and checking that the
 * schema's enums equal the constants below.
 */
import type { DataClass, Finding, InjectionResult } from '../detect/types';

export const ACTIONS = ['allow', 'encrypt', 'reframe', 'block'] as const;
/** Ordered by precedence, lowest first: allow < encrypt < reframe < block. */
export type Action = (typeof ACTIONS)[number];

export const SOURCES = ['prompt', 'log'] as const;
export type Source = (typeof SOURCES)[number];

export const TOKEN_FORMATS = ['opaque', 'deterministic', 'fpe'] as const;
export type TokenFormat = (typeof TOKEN_FORMATS)[number];

/** Data classes a class rule may name; 'injection' is governed by {@link InjectionPolicy}. */
export const RULE_CLASSES = ['pii', 'phi', 'pci', 'secret'] as const;
export type RuleClass = (typeof RULE_CLASSES)[number];

/** Integer seconds, or an ISO-8601 duration with fixed-length units only (W, D, H, M, S). */
export type Ttl = string | number;

interface RuleBody {
  readonly action: Action;
  readonly minScore?: number;
  readonly tokenFormat?: TokenFormat;
  readonly ttl?: Ttl;
  /** Omitted = both sources. */
  readonly appliesTo?: readonly Source[];
  readonly description?: string;
}

export interface ClassRule extends RuleBody {
  readonly dataClass: RuleClass;
}

export interface EntityRule extends RuleBody {
  /** UPPER_SNAKE entity name as emitted by detectors. */
  readonly entity: string;
}

export interface InjectionPolicy {
  /** Reframe when InjectionResult.score >= reframeAbove (inclusive). */
  readonly reframeAbove?: number;
  /** Block when InjectionResult.score >= blockAbove (inclusive). */
  readonly blockAbove?: number;
  /** Omitted = ['prompt']. */
  readonly appliesTo?: readonly Source[];
}

export interface AllowPattern {
  /** '#' one digit, '?' one char, '*' any run; everything else literal; whole-value match. */
  readonly pattern: string;
  readonly entities?: readonly string[];
  readonly ignoreSeparators?: boolean;
}

export interface Allowlist {
  readonly values?: readonly string[];
  readonly emailDomains?: readonly string[];
  readonly patterns?: readonly AllowPattern[];
}

export interface Ruleset {
  readonly schemaVersion: 1;
  readonly description?: string;
  readonly defaultAction: Action;
  readonly minScore?: number;
  readonly defaultTokenFormat?: TokenFormat;
  readonly classes?: readonly ClassRule[];
  readonly entities?: readonly EntityRule[];
  readonly injection?: InjectionPolicy;
  readonly allowlist?: Allowlist;
  readonly reframe?: { readonly template: string };
}

export interface PolicyRef {
  readonly policyId: string;
  readonly version: string;
  readonly rulesetHash: string;
}

export interface DecideInput {
  readonly ruleset: Ruleset;
  readonly policyRef: PolicyRef;
  readonly source: Source;
  /** Needed only to match allowlists; never copied into the Decision. */
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly injection: InjectionResult;
}

/** One considered finding: offsets and metadata only, never the plaintext. */
export interface ActedOn {
  readonly entity: string;
  readonly dataClass: DataClass;
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly action: Action;
  /** Rule id that decided this finding. */
  readonly rule: string;
  /** Present when action === 'encrypt'. */
  readonly tokenFormat?: TokenFormat;
  /** Present when action === 'encrypt' and a TTL is configured. */
  readonly ttlSeconds?: number;
}

export interface Decision {
  readonly action: Action;
  /** Sorted, de-duplicated rule ids that produced any per-finding or injection action. */
  readonly matchedRules: readonly string[];
  readonly policy: PolicyRef;
  /** Findings at or above their minScore, ordered by (start, end, entity). */
  readonly actedOn: readonly ActedOn[];
  readonly reasons?: readonly string[];
}

export interface PathError {
  /** JSON pointer (RFC 6901) into the ruleset document; '' is the root. */
  readonly path: string;
  readonly message: string;
}
