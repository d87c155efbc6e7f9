import type { BlockedPrompt, DecisionEvent, RawPrompt, SanitizedPrompt } from '../../schemas/types';
import { decide } from '../policy/decide';
import { reframeForDecision } from '../policy/reframe';
import type { Decision } from '../policy/types';
import { detectSegment, type Detection } from './detect.stage';
import type { Segment } from './envelope';
import { decisionEvent } from './decision-event';
import { derivedUuid } from './ids';
import { promptFieldSegments, protectFields, withFields, type ProtectedFields } from './prompt-fields';
import type { TenantContext, VaultRecord } from './stage.types';
import { tokenizeText } from './tokenize.stage';

/** `fields`: the protected pass-through fields, which a shadow event reuses for its audit paths. */
export type PromptOutcome = (
  | { readonly kind: 'sanitized'; readonly sanitized: SanitizedPrompt; readonly vault: readonly VaultRecord[]; readonly event: DecisionEvent }
  | { readonly kind: 'blocked'; readonly blocked: BlockedPrompt; readonly event: DecisionEvent }
) & { readonly fields: ProtectedFields };

/**
 * Stages 2 and 3 for one prompt: decide with the tenant's policy, then tokenize (and reframe).
 * The pass-through fields are detected and decided here too, as the split stages do.
 * Pure: the same prompt, detection, context and clock give the same outcome, byte for byte.
 */
export function processPrompt(prompt: RawPrompt, detection: Detection, ctx: TenantContext, nowMs: number): PromptOutcome {
  const run = (text: string, d: Detection): Decision =>
    decide({ ruleset: ctx.policy.ruleset, policyRef: ctx.policy.ref, source: 'prompt', text, findings: d.findings, injection: d.injection });
  const fields = promptFieldSegments(prompt).map((s) => detectSegment(s, 'prompt')).map((s) => ({ ...s, decision: run(s.text, s.detection) }));
  return finishPrompt(prompt, detection, run(prompt.text, detection), ctx, nowMs, fields);
}

/**
 * Stage 3 for a prompt whose text and field segments are decided: block it (any part may block the
 * whole prompt), or tokenize the fields and the text (and reframe). A blocked prompt's ids are
 * still the tokenized ones (computed, never vaulted), so no sensitive id leaves on the blocked topic.
 */
export function finishPrompt(prompt: RawPrompt, detection: Detection, textDecision: Decision, ctx: TenantContext, nowMs: number, fieldSegments: readonly Segment[]): PromptOutcome {
  const eventId = derivedUuid('decision', prompt.tenant_id, 'prompt', prompt.request_id);
  const fields = protectFields(prompt, fieldSegments, ctx, nowMs);
  const decision = withFields(textDecision, fields.decided);
  // decisionEvent reads only these three (a spread of the whole prompt copied its text for nothing).
  const audited = { tenant_id: prompt.tenant_id, request_id: prompt.request_id, user_id: fields.userId };
  if (decision.action === 'block') {
    return {
      kind: 'blocked',
      blocked: {
        tenant_id: prompt.tenant_id,
        request_id: prompt.request_id,
        matched_rules: [...decision.matchedRules],
        reasons: [...(decision.reasons ?? []), ...detection.injection.reasons],
        policy_version: decision.policy.version,
        conversation_id: fields.conversationId,
        user_id: fields.userId,
        ts: nowMs,
      },
      event: decisionEvent(eventId, audited, 'prompt', decision, detection, { tokenCount: 0, ciphertextBytes: 0 }, nowMs, fields.decided.findings),
      fields,
    };
  }
  const tokenized = tokenizeText(prompt.text, encryptSpans(decision), ctx, { requestId: prompt.request_id, conversationId: fields.tokenConversation }, nowMs);
  const text = decision.action === 'reframe' ? reframeForDecision(tokenized.text, remapReframe(decision), ctx.policy.ruleset) : tokenized.text;
  const vault = mergeVault(fields.vault, tokenized.vault);
  const totals = { tokenCount: tokenized.tokenCount + fields.tokenCount, ciphertextBytes: tokenized.ciphertextBytes + fields.ciphertextBytes };
  return {
    kind: 'sanitized',
    sanitized: {
      tenant_id: prompt.tenant_id,
      request_id: prompt.request_id,
      text,
      decision: decision.action,
      token_count: totals.tokenCount,
      policy_version: decision.policy.version,
      conversation_id: fields.conversationId,
      user_id: fields.userId,
      metadata: fields.metadata,
      ts: nowMs,
    },
    vault,
    event: decisionEvent(eventId, audited, 'prompt', decision, detection, totals, nowMs, fields.decided.findings),
    fields,
  };
}

/**
 * One row per token id, the first occurrence's position and the last occurrence's row (what a Map
 * keyed on token id gave). Each tokenizeText result is already unique by token id, so without
 * field rows (the common case) the text's rows are the answer as they are.
 */
function mergeVault(fieldRows: readonly VaultRecord[], textRows: readonly VaultRecord[]): readonly VaultRecord[] {
  if (fieldRows.length === 0) return textRows;
  return [...new Map([...fieldRows, ...textRows].map((v) => [v.tokenId, v])).values()];
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
