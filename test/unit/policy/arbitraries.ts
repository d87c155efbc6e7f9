/** fast-check generators for valid rulesets and finding sets (helper module, not a test file). */
import fc from 'fast-check';
import type { DataClass, Finding } from '../../../pipelines/detect/types';
import type { Action, ClassRule, EntityRule, RuleClass, Ruleset, Source } from '../../../pipelines/policy';

export const ENTITY_POOL = ['EMAIL_ADDRESS', 'PERSON', 'CREDIT_CARD', 'API_KEY', 'US_SSN', 'PROMPT_INJECTION'] as const;
const CLASS_OF: Record<(typeof ENTITY_POOL)[number], DataClass> = {
  EMAIL_ADDRESS: 'pii', PERSON: 'pii', CREDIT_CARD: 'pci', API_KEY: 'secret', US_SSN: 'pii', PROMPT_INJECTION: 'injection',
};
// Greek-only text: no character of it can appear in a (pure-ASCII) decision unless plaintext leaked.
export const TEXT_ALPHABET = ['α', 'β', 'γ', 'δ', 'ε', '@', '.', ' '];

export const action = fc.constantFrom<Action>('allow', 'encrypt', 'reframe', 'block');
const score = fc.double({ min: 0, max: 1, noNaN: true });
const scope = fc.option(fc.constantFrom<readonly Source[]>(['prompt'], ['log'], ['log', 'prompt']), { nil: undefined });

const classRule = (dataClass: RuleClass): fc.Arbitrary<ClassRule> =>
  fc.record({ dataClass: fc.constant(dataClass), action, minScore: fc.option(score, { nil: undefined }) }, { requiredKeys: ['dataClass', 'action'] });
const entityRule = (entity: string): fc.Arbitrary<EntityRule> =>
  fc.record({ entity: fc.constant(entity), action, minScore: fc.option(score, { nil: undefined }), appliesTo: scope }, { requiredKeys: ['entity', 'action'] });

/** Valid by construction: at most one rule per class / entity, thresholds ordered. */
export const ruleset: fc.Arbitrary<Ruleset> = fc
  .record({
    defaultAction: action,
    minScore: score,
    classes: fc.subarray(['pii', 'phi', 'pci', 'secret'] as const).chain((cs) => fc.tuple(...cs.map(classRule))),
    entities: fc.subarray([...ENTITY_POOL]).chain((es) => fc.tuple(...es.map(entityRule))),
    thresholds: fc.tuple(score, score).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
    injectionScope: scope,
    allowValues: fc.subarray(['αβ', 'γ@δ.εε']),
  })
  .map((r) => ({
    schemaVersion: 1 as const,
    defaultAction: r.defaultAction,
    minScore: r.minScore,
    classes: r.classes,
    entities: r.entities,
    injection: { reframeAbove: r.thresholds[0], blockAbove: r.thresholds[1], ...(r.injectionScope ? { appliesTo: r.injectionScope } : {}) },
    allowlist: { values: r.allowValues, patterns: [{ pattern: 'α?*β' }] },
  }));

export const text = fc.array(fc.constantFrom(...TEXT_ALPHABET), { minLength: 1, maxLength: 30 }).map((cs) => cs.join(''));

export function findingsFor(t: string, max = 6): fc.Arbitrary<Finding[]> {
  const finding = fc
    .record({ entity: fc.constantFrom(...ENTITY_POOL), a: fc.nat(t.length), b: fc.nat(t.length), score })
    .map(({ entity, a, b, score: s }): Finding => ({ entity, dataClass: CLASS_OF[entity], start: Math.min(a, b), end: Math.max(a, b), score: s, detector: 'prop' }));
  return fc.array(finding, { maxLength: max });
}

export const injection = fc.record({ score, detected: fc.boolean(), reasons: fc.constant(['sig:test'] as readonly string[]) });
export const source = fc.constantFrom<Source>('prompt', 'log');
