import type { DecisionEvent, RawPrompt } from '../../schemas/types';
import { decide } from '../policy/decide';
import type { Detection } from './detect.stage';
import { decisionEvent } from './decision-event';
import { derivedUuid } from './ids';
import type { TenantContext } from './stage.types';

/**
 * Shadow mode for one prompt: decide with the tenant's candidate ruleset on the same detection and
 * return its audit event (shadow = true), or null when the tenant has no candidate. Nothing of it
 * is enforced: no tokenizing, no vault rows, no output besides the event. token_count is the
 * number of spans the candidate WOULD tokenize, so a report can compare vault growth.
 * Pure: same inputs, same event, byte for byte (the event id derives from the request id, distinct
 * from the enforced decision's, so both are chained in the audit log and replays dedupe).
 */
export function shadowDecisionEvent(
  prompt: Pick<RawPrompt, 'tenant_id' | 'request_id' | 'user_id' | 'text'>,
  detection: Detection,
  ctx: TenantContext,
  source: 'prompt' | 'log',
  nowMs: number,
): DecisionEvent | null {
  const candidate = ctx.policy.shadow;
  if (!candidate) return null;
  const decision = decide({
    ruleset: candidate.ruleset,
    policyRef: candidate.ref,
    source,
    text: prompt.text,
    findings: detection.findings,
    injection: detection.injection,
  });
  const eventId = derivedUuid('decision', prompt.tenant_id, source, prompt.request_id, 'shadow');
  const wouldTokenize = decision.action === 'block' ? 0 : decision.actedOn.filter((a) => a.action === 'encrypt').length;
  return { ...decisionEvent(eventId, prompt, source, decision, detection, { tokenCount: wouldTokenize, ciphertextBytes: 0 }, nowMs), shadow: true };
}
