import type { DecisionEvent, FindingRef, RawPrompt } from '../../schemas/types';
import type { Decision } from '../policy/types';
import type { Detection } from './detect.stage';

/**
 * The audit record of one decision: rules, policy version and hash, findings by place — no text.
 * The decision's own findings refer to the prompt text (path null); `fieldFindings` are those of
 * the pass-through fields, each with its path. `input.user_id` must already be the sanitized id.
 */
export function decisionEvent(
  eventId: string,
  input: Pick<RawPrompt, 'tenant_id' | 'request_id' | 'user_id'>,
  source: 'prompt' | 'log',
  decision: Decision,
  detection: Detection,
  tokens: { tokenCount: number; ciphertextBytes: number },
  nowMs: number,
  fieldFindings: readonly FindingRef[] = [],
): DecisionEvent {
  return {
    event_id: eventId,
    tenant_id: input.tenant_id,
    event_type: 'decision',
    request_id: input.request_id,
    source,
    decision: decision.action,
    matched_rules: [...decision.matchedRules],
    policy_id: decision.policy.policyId,
    policy_version: decision.policy.version,
    ruleset_hash: decision.policy.rulesetHash,
    findings: findingRefs(decision, fieldFindings),
    injection_score: detection.injection.score,
    token_count: tokens.tokenCount,
    ciphertext_len: tokens.ciphertextBytes,
    latency_ms: 0,
    shadow: false,
    user_id: input.user_id,
    metadata: null,
    ts: nowMs,
  };
}

/** The decision's own findings (path null: the prompt text), then the fields', in one pass. */
function findingRefs(decision: Decision, fieldFindings: readonly FindingRef[]): FindingRef[] {
  const out: FindingRef[] = [];
  for (const a of decision.actedOn) out.push({ entity: a.entity, data_class: a.dataClass, start: a.start, end: a.end, score: a.score, action: a.action, path: null });
  for (const f of fieldFindings) out.push(f);
  return out;
}
