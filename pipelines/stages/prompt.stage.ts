import type { BlockedPrompt, DecisionEvent, RawPrompt, SanitizedPrompt } from '../../schemas/types';
import { decide } from '../policy/decide';
import { reframeForDecision } from '../policy/reframe';
import type { Decision } from '../policy/types';
import type { Detection } from './detect.stage';
import { decisionEvent } from './decision-event';
import { derivedUuid } from './ids';
import type { TenantContext, VaultRecord } from './stage.types';
import { tokenizeText } from './tokenize.stage';

export type PromptOutcome =
  | { readonly kind: 'sanitized'; readonly sanitized: SanitizedPrompt; readonly vault: readonly VaultRecord[]; readonly event: DecisionEvent }
  | { readonly kind: 'blocked'; readonly blocked: BlockedPrompt; readonly event: DecisionEvent };

/**
 * Stages 2 and 3 for one prompt: decide with the tenant's policy, then tokenize (and reframe).
 * Pure: the same prompt, detection, context and clock give the same outcome, byte for byte.
 */
export function processPrompt(prompt: RawPrompt, detection: Detection, ctx: TenantContext, nowMs: number): PromptOutcome {
  const decision = decide({
    ruleset: ctx.policy.ruleset,
    policyRef: ctx.policy.ref,
    source: 'prompt',
    text: prompt.text,
    findings: detection.findings,
    injection: detection.injection,
  });
  return finishPrompt(prompt, detection, decision, ctx, nowMs);
}

/** Stage 3 for a prompt whose decision is made: block it, or tokenize (and reframe) it. */
export function finishPrompt(prompt: RawPrompt, detection: Detection, decision: Decision, ctx: TenantContext, nowMs: number): PromptOutcome {
  const eventId = derivedUuid('decision', prompt.tenant_id, 'prompt', prompt.request_id);
  if (decision.action === 'block') {
    return {
      kind: 'blocked',
      blocked: {
        tenant_id: prompt.tenant_id,
        request_id: prompt.request_id,
        matched_rules: [...decision.matchedRules],
        reasons: [...(decision.reasons ?? []), ...detection.injection.reasons],
        policy_version: decision.policy.version,
        conversation_id: prompt.conversation_id,
        user_id: prompt.user_id,
        ts: nowMs,
      },
      event: decisionEvent(eventId, prompt, 'prompt', decision, detection, { tokenCount: 0, ciphertextBytes: 0 }, nowMs),
    };
  }
  const tokenized = tokenizeText(prompt.text, encryptSpans(decision), ctx, { requestId: prompt.request_id, conversationId: prompt.conversation_id }, nowMs);
  const text = decision.action === 'reframe' ? reframeForDecision(tokenized.text, remapReframe(decision), ctx.policy.ruleset) : tokenized.text;
  return {
    kind: 'sanitized',
    sanitized: {
      tenant_id: prompt.tenant_id,
      request_id: prompt.request_id,
      text,
      decision: decision.action,
      token_count: tokenized.tokenCount,
      policy_version: decision.policy.version,
      conversation_id: prompt.conversation_id,
      user_id: prompt.user_id,
      metadata: prompt.metadata,
      ts: nowMs,
    },
    vault: tokenized.vault,
    event: decisionEvent(eventId, prompt, 'prompt', decision, detection, tokenized, nowMs),
  };
}

function encryptSpans(decision: Decision) {
  return decision.actedOn.filter((a) => a.action === 'encrypt');
}

/**
 * Reframing runs on the tokenized text, whose offsets differ from the original; the injection
 * spans are therefore not reusable, so the whole (already tokenized) prompt is quoted as data.
 */
function remapReframe(decision: Decision): Decision {
  return { ...decision, actedOn: decision.actedOn.filter((a) => a.action !== 'reframe') };
}
