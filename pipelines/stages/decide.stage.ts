import { decide } from '../policy/decide';
import type { Decision } from '../policy/types';
import { completeSegments } from './detect.stage';
import type { Envelope, Segment } from './envelope';
import type { TenantPolicy } from './stage.types';

/**
 * Stage 2 (policy) over every detected segment: the enforced decision and, when the tenant runs a
 * shadow candidate, the candidate's decision beside it (audited, never enforced).
 */
export function decideEnvelope(env: Envelope, policy: TenantPolicy): Envelope {
  const source = env.input.kind;
  const segments = completeSegments(env).segments.map((s): Segment => {
    if (!s.detection) throw new Error('decide stage got a segment without detection'); // no path: it may name a metadata key
    const run = (p: { ruleset: TenantPolicy['ruleset']; ref: TenantPolicy['ref'] }): Decision =>
      decide({ ruleset: p.ruleset, policyRef: p.ref, source, text: s.text, findings: s.detection!.findings, injection: s.detection!.injection });
    return { ...s, decision: run(policy), shadowDecision: policy.shadow ? run(policy.shadow) : undefined };
  });
  return { ...env, segments };
}
