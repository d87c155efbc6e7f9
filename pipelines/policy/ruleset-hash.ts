/**
 * Content hash of a ruleset, recorded in every Decision (policy.rulesetHash) and audit event so a
 * decision can be tied to the exact rules that produced it.
 *
 * Canonical form: RFC 8785 (JCS) via pipelines/audit/canonical-json.ts. The brief allowed either a
 * private sorted-keys stringify or the audit module; the audit module existed and exports
 * `canonicalize(value: unknown): string`, and sharing it guarantees the policy hash and the audit
 * chain agree byte for byte. For a JSON document (which is all a ruleset can be) JCS is exactly
 * "sorted keys, no whitespace, JSON.stringify scalars"; test/unit/policy/ruleset-hash.test.ts pins
 * that equivalence so a swap to a local implementation would be caught.
 *
 * Array order is significant (it is part of the stored document), object key order is not.
 */
import { createHash } from 'node:crypto';
import { canonicalize } from '../audit/canonical-json';
import type { Ruleset } from './types';

/** Canonical JSON text of the ruleset (sorted keys, no whitespace). */
export function canonicalRuleset(ruleset: Ruleset | unknown): string {
  return canonicalize(ruleset);
}

/** 'sha256:' + 64 lowercase hex digits over the UTF-8 canonical JSON. */
export function rulesetHash(ruleset: Ruleset | unknown): string {
  return `sha256:${createHash('sha256').update(canonicalize(ruleset), 'utf8').digest('hex')}`;
}
