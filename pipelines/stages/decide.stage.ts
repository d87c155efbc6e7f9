import { decide } from '../policy/decide';
import type { Decision } from '../policy/types';
import { completeSegments } from './detect.stage';
import type { Envelope, Segment } from './envelope';
import { coversPlainFields } from './prompt-fields';
import type { TenantPolicy } from './stage.types';

/**
 * Stage 2 (policy) over every detected segment: the enforced decision and, when the tenant runs a
 * shadow candidate, the candidate's decision beside it (audited, never enforced).
 */
export function decideEnvelope(env: Envelope, policy: TenantPolicy): Envelope {
  const source = env.input.kind;
  // completeSegments returns env itself when no field segment is missing; checking that first
  // skips building the expected field segments for every message.
  const complete = env.input.kind === 'prompt' && coversPlainFields(env.input.prompt, env.segments) ? env : completeSegments(env);
  const segments = complete.segments.map((s): Segment => {
    const detection = s.detection;
    if (!detection) throw new Error('decide stage got a segment without detection'); // no path: it may name a metadata key
    const decision = decideOne(policy, source, s.text, detection);
    return withDecisions(s, decision, policy.shadow ? decideOne(policy.shadow, source, s.text, detection) : undefined);
  });
  return { ...env, segments };
}

/**
 * `{ ...s, decision, shadowDecision }`. In this V8 a spread followed by NEW keys leaves the object
 * on a slow map path (~0.4 µs per added key, measured); a literal is ~20x cheaper. The literal is
 * used only for the shape the detect stage makes (own enumerable keys exactly path, text,
 * detection, in that order — Object.keys reads the map's cached key list), where it is the same
 * object; anything else (a segment decided before, extra keys from a newer producer) is spread.
 */
function withDecisions(s: Segment, decision: Decision, shadowDecision: Decision | undefined): Segment {
  const keys = Object.keys(s);
  if (keys.length === 3 && keys[0] === 'path' && keys[1] === 'text' && keys[2] === 'detection') {
    return { path: s.path, text: s.text, detection: s.detection, decision, shadowDecision };
  }
  return { ...s, decision, shadowDecision };
}

function decideOne(p: Pick<TenantPolicy, 'ruleset' | 'ref'>, source: 'prompt' | 'log', text: string, detection: NonNullable<Segment['detection']>): Decision {
  return decide({ ruleset: p.ruleset, policyRef: p.ref, source, text, findings: detection.findings, injection: detection.injection });
}
