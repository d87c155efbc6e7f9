/**
 * The ruleset applied when a tenant has no active policy yet. Choices, and why:
 *
 * - secret, prompt -> block. A credential pasted into a prompt is almost always a leak; blocking
 *   (plus the audit record) prompts the user to remove it and the owner to rotate it. Tokenizing it
 *   instead would keep a live credential in the vault for no benefit: the model never needs it.
 * - secret, log -> encrypt (opaque, 7 days). Log records cannot be bounced back to a user and
 *   dropping them loses audit evidence, so keep them with the secret replaced by an opaque token
 *   (no cross-record linkability) that expires quickly.
 * - pci -> encrypt fpe, 30 days. Card numbers keep their shape so downstream validators and the
 *   model still see "a card number"; PCI scope wants short retention.
 * - pii -> encrypt deterministic, 90 days. The same e-mail/name maps to the same token within a
 *   conversation, so the model can still reason about "the same person".
 * - phi -> encrypt deterministic, 30 days. Same reasoning as pii, shorter retention (HIPAA).
 * - injection: reframe at score >= 0.5, block at >= 0.85, prompts only.
 * - minScore 0.5 globally: below that detectors are mostly noise; default action allow.
 * - Well-known card TEST numbers are allowlisted: developers paste them constantly and they are
 *   not cardholder data.
 */
import { rulesetHash } from './ruleset-hash';
import type { PolicyRef, Ruleset } from './types';

// The brief asked for the version helpers here; they live in lifecycle.ts and are re-exported.
export { canTransition, selectApplicable } from './lifecycle';

/** Deep freeze: a shared default must not be mutable by one caller for everyone else. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_RULESET: Ruleset = deepFreeze({
  schemaVersion: 1,
  description: 'Built-in default policy (used until the tenant publishes one)',
  defaultAction: 'allow',
  minScore: 0.5,
  defaultTokenFormat: 'opaque',
  classes: [
    { dataClass: 'secret', action: 'block', appliesTo: ['prompt'] },
    { dataClass: 'secret', action: 'encrypt', tokenFormat: 'opaque', ttl: 'P7D', appliesTo: ['log'] },
    { dataClass: 'pci', action: 'encrypt', tokenFormat: 'fpe', ttl: 'P30D' },
    { dataClass: 'pii', action: 'encrypt', tokenFormat: 'deterministic', ttl: 'P90D' },
    { dataClass: 'phi', action: 'encrypt', tokenFormat: 'deterministic', ttl: 'P30D' },
  ],
  injection: { reframeAbove: 0.5, blockAbove: 0.85, appliesTo: ['prompt'] },
  allowlist: {
    patterns: [
      { pattern: '4111111111111111', entities: ['CREDIT_CARD'], ignoreSeparators: true },
      { pattern: '4242424242424242', entities: ['CREDIT_CARD'], ignoreSeparators: true },
      { pattern: '5555555555554444', entities: ['CREDIT_CARD'], ignoreSeparators: true },
      { pattern: '378282246310005', entities: ['CREDIT_CARD'], ignoreSeparators: true },
      { pattern: '6011111111111117', entities: ['CREDIT_CARD'], ignoreSeparators: true },
    ],
  },
} satisfies Ruleset);

/** Stable policy reference used in decisions made with DEFAULT_RULESET. */
export const DEFAULT_POLICY_ID = 'builtin:default';
export const DEFAULT_POLICY_VERSION = '1.0.0';
export const DEFAULT_POLICY_REF: PolicyRef = Object.freeze({
  policyId: DEFAULT_POLICY_ID,
  version: DEFAULT_POLICY_VERSION,
  rulesetHash: rulesetHash(DEFAULT_RULESET),
});
