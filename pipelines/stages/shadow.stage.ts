import type { DecisionEvent, FindingRef, RawPrompt } from '../../schemas/types';
import { decide } from '../policy/decide';
import type { Decision } from '../policy/types';
import type { Detection } from './detect.stage';
import { decisionEvent } from './decision-event';
import { derivedUuid } from './ids';
import type { TenantContext } from './stage.types';

type AuditedInput = Pick<RawPrompt, 'tenant_id' | 'request_id' | 'user_id'>;

/**
 * The audit event of a shadow candidate's decision: recorded beside the enforced one, never
 * applied (no tokenizing, no vault rows, no output besides the event). token_count is the number
 * of spans the candidate WOULD tokenize, so a report can compare vault growth. The event id
 * derives from the request id (and the log field path), distinct from the enforced decision's,
 * so both are chained in the audit log and replays dedupe.
 */
export function shadowEvent(input: AuditedInput, decision: Decision, detection: Detection, source: 'prompt' | 'log', nowMs: number, path = '$', fieldFindings: readonly FindingRef[] = []): DecisionEvent {
  const id = path === '$' ? derivedUuid('decision', input.tenant_id, source, input.request_id, 'shadow') : derivedUuid('decision', input.tenant_id, source, input.request_id, 'shadow', path);
  const encrypts = decision.actedOn.filter((a) => a.action === 'encrypt').length + fieldFindings.filter((f) => f.action === 'encrypt').length;
  const wouldTokenize = decision.action === 'block' ? 0 : encrypts;
  return { ...decisionEvent(id, input, source, decision, detection, { tokenCount: wouldTokenize, ciphertextBytes: 0 }, nowMs, fieldFindings), shadow: true };
}

/** Decides with the tenant's candidate ruleset and returns its shadow event, or null without one. */
export function shadowDecisionEvent(prompt: AuditedInput & Pick<RawPrompt, 'text'>, detection: Detection, ctx: TenantContext, source: 'prompt' | 'log', nowMs: number): DecisionEvent | null {
  const candidate = ctx.policy.shadow;
  if (!candidate) return null;
  const decision = decide({ ruleset: candidate.ruleset, policyRef: candidate.ref, source, text: prompt.text, findings: detection.findings, injection: detection.injection });
  return shadowEvent(prompt, decision, detection, source, nowMs);
}
