import type { Action, Ruleset } from '../../pipelines/policy';

/**
 * A small valid ruleset whose pii action is `piiAction`; `tag` only changes the description, so
 * two versions with the same action still hash differently.
 */
export function rulesetV(piiAction: Action, tag = ''): Ruleset {
  return {
    schemaVersion: 1,
    description: `test policy (pii ${piiAction}) ${tag}`.trim(),
    defaultAction: 'allow',
    minScore: 0.5,
    classes: [
      piiAction === 'encrypt' ? { dataClass: 'pii', action: 'encrypt', tokenFormat: 'deterministic', ttl: 'P1D' } : { dataClass: 'pii', action: piiAction },
      { dataClass: 'secret', action: 'block', appliesTo: ['prompt'] },
    ],
    injection: { reframeAbove: 0.5, blockAbove: 0.85 },
  };
}
