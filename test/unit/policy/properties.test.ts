/**
 * Property tests. "Stricter" is defined precisely as a change that can only make the policy act
 * MORE: adding a finding, lowering an injection threshold, lowering the global minScore, or
 * raising one rule's action in precedence. For each, the message action's precedence rank
 * (allow 0 < encrypt 1 < reframe 2 < block 3) must never decrease.
 */
import fc from 'fast-check';
import type { Finding, InjectionResult } from '../../../pipelines/detect/types';
import type { Action, Ruleset, Source } from '../../../pipelines/policy';
import { actionRank, decide, diffRulesets, isEmptyDiff, rulesetHash, validateRuleset } from '../../../pipelines/policy';
import { TEXT_ALPHABET, action, findingsFor, injection, ruleset, source, text } from './arbitraries';
import { refFor } from './helpers';

const scenario = fc.tuple(ruleset, text, source, injection).chain(([rs, t, src, inj]) =>
  fc.tuple(fc.constant(rs), fc.constant(t), fc.constant(src), fc.constant(inj), findingsFor(t), findingsFor(t, 1).filter((f) => f.length === 1)),
);

function rank(rs: Ruleset, t: string, src: Source, inj: InjectionResult, findings: readonly Finding[]): number {
  return actionRank(decide({ ruleset: rs, policyRef: refFor(rs), source: src, text: t, findings, injection: inj }).action);
}

describe('policy properties', () => {
  it('generated rulesets are valid (so the properties speak about real policies)', () => {
    fc.assert(fc.property(ruleset, (rs) => validateRuleset(rs).ok));
  });

  it('adding a finding never lowers the action', () => {
    fc.assert(
      fc.property(scenario, ([rs, t, src, inj, fs, [extra]]) => {
        expect(rank(rs, t, src, inj, [...fs, extra as Finding])).toBeGreaterThanOrEqual(rank(rs, t, src, inj, fs));
      }),
    );
  });

  it('lowering injection thresholds never lowers the action', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 0, max: 1, noNaN: true }), ([rs, t, src, inj, fs], k) => {
        const { reframeAbove = 1, blockAbove = 1 } = rs.injection ?? {};
        const stricter: Ruleset = { ...rs, injection: { ...rs.injection, reframeAbove: reframeAbove * k, blockAbove: Math.max(reframeAbove * k, blockAbove * k) } };
        expect(validateRuleset(stricter).ok).toBe(true);
        expect(rank(stricter, t, src, inj, fs)).toBeGreaterThanOrEqual(rank(rs, t, src, inj, fs));
        // The brief's case on its own: only blockAbove lowered (kept >= reframeAbove).
        const onlyBlock: Ruleset = { ...rs, injection: { ...rs.injection, blockAbove: reframeAbove + (blockAbove - reframeAbove) * k } };
        expect(rank(onlyBlock, t, src, inj, fs)).toBeGreaterThanOrEqual(rank(rs, t, src, inj, fs));
      }),
    );
  });

  it('lowering the global minScore never lowers the action', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 0, max: 1, noNaN: true }), ([rs, t, src, inj, fs], k) => {
        const stricter: Ruleset = { ...rs, minScore: (rs.minScore ?? 0) * k };
        expect(rank(stricter, t, src, inj, fs)).toBeGreaterThanOrEqual(rank(rs, t, src, inj, fs));
      }),
    );
  });

  it('raising one rule (or the default) in precedence never lowers the action', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), action, ([rs, t, src, inj, fs], pick, to) => {
        const rules = [...(rs.classes ?? []), ...(rs.entities ?? [])];
        const i = rules.length === 0 ? -1 : pick % (rules.length + 1) - 1;
        const raise = (a: Action): Action => (actionRank(to) > actionRank(a) ? to : a);
        const stricter: Ruleset =
          i < 0
            ? { ...rs, defaultAction: raise(rs.defaultAction) }
            : i < (rs.classes ?? []).length
              ? { ...rs, classes: (rs.classes ?? []).map((r, j) => (j === i ? { ...r, action: raise(r.action) } : r)) }
              : { ...rs, entities: (rs.entities ?? []).map((r, j) => (j === i - (rs.classes ?? []).length ? { ...r, action: raise(r.action) } : r)) };
        expect(rank(stricter, t, src, inj, fs)).toBeGreaterThanOrEqual(rank(rs, t, src, inj, fs));
      }),
    );
  });

  it('decisions never contain plaintext and do not depend on finding order', () => {
    fc.assert(
      fc.property(scenario, ([rs, t, src, inj, fs]) => {
        const d = decide({ ruleset: rs, policyRef: refFor(rs), source: src, text: t, findings: fs, injection: inj });
        const json = JSON.stringify(d);
        for (const ch of TEXT_ALPHABET.filter((c) => /[^\x20-\x7e]/.test(c))) expect(json).not.toContain(ch);
        const reversed = decide({ ruleset: rs, policyRef: refFor(rs), source: src, text: t, findings: [...fs].reverse(), injection: inj });
        expect(reversed).toEqual(d);
      }),
    );
  });

  it('equal hashes imply an empty diff; a non-empty diff implies different hashes', () => {
    fc.assert(
      fc.property(ruleset, ruleset, (a, b) => {
        const d = diffRulesets(a, b);
        if (rulesetHash(a) === rulesetHash(b)) expect(isEmptyDiff(d)).toBe(true);
        if (!isEmptyDiff(d)) expect(rulesetHash(a)).not.toBe(rulesetHash(b));
        expect(isEmptyDiff(diffRulesets(a, structuredClone(a)))).toBe(true);
      }),
    );
  });
});
