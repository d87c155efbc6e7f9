import { DEFAULT_POLICY_REF, DEFAULT_RULESET } from '../../../pipelines/policy';
import { decideEnvelope } from '../../../pipelines/stages/decide.stage';
import { detectEnvelope } from '../../../pipelines/stages/detect.stage';
import type { Envelope, Segment } from '../../../pipelines/stages/envelope';

const policy = { ruleset: DEFAULT_RULESET, ref: DEFAULT_POLICY_REF };
const prompt = { tenant_id: 't', request_id: 'r', text: 'mail jane.roe@example.org', conversation_id: 'c1', user_id: 'u1', metadata: null, ts: 0 };

/** What `{ ...s, decision, shadowDecision }` gives, as the stage used to build every segment. */
function spreadShape(s: Segment, d: Segment): Segment {
  return { ...s, decision: d.decision, shadowDecision: d.shadowDecision };
}

describe('decideEnvelope segments', () => {
  it('are the spread of the detected segment plus the decisions: same keys, order and values', () => {
    const env = detectEnvelope({ kind: 'prompt', prompt }, 0);
    const decided = decideEnvelope(env, { ...policy, shadow: policy });
    expect(decided.segments).toHaveLength(env.segments.length);
    decided.segments.forEach((d, i) => {
      const want = spreadShape(env.segments[i]!, d);
      expect(Object.keys(d)).toEqual(Object.keys(want));
      expect(d).toEqual(want);
      expect(d.decision).toBeDefined();
    });
  });

  it('keeps any other shape as a spread (extra keys, a segment decided before)', () => {
    const env = detectEnvelope({ kind: 'prompt', prompt }, 0);
    const odd: Envelope = { ...env, segments: env.segments.map((s, i) => (i === 0 ? { extra: 1, ...s } : { ...s, shadowDecision: undefined })) };
    const decided = decideEnvelope(odd, policy);
    decided.segments.forEach((d, i) => expect(Object.keys(d)).toEqual(Object.keys(spreadShape(odd.segments[i]!, d))));
    expect((decided.segments[0] as Segment & { extra?: number }).extra).toBe(1);
  });

  it('still completes an envelope without field segments (a detect worker that predates them)', () => {
    const env = detectEnvelope({ kind: 'prompt', prompt }, 0);
    const bare: Envelope = { ...env, segments: env.segments.filter((s) => s.path === '$') };
    expect(decideEnvelope(bare, policy).segments.map((s) => s.path)).toEqual(env.segments.map((s) => s.path));
  });
});
