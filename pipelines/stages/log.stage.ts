import type { DecisionEvent, FindingRef, RawLog, SanitizedLog } from '../../schemas/types';
import { maxAction } from '../policy/precedence';
import type { Action } from '../policy/types';
import { rebuildLogLine, type Segment } from './envelope';
import { derivedUuid } from './ids';
import type { TenantContext, VaultRecord } from './stage.types';
import { tokenizeText } from './tokenize.stage';

export interface LogOutcome {
  readonly sanitized: SanitizedLog;
  readonly vault: readonly VaultRecord[];
  readonly event: DecisionEvent;
}

/** What a blocked log line is replaced with: nothing of the original passes. */
export const BLOCKED_LOG_LINE = '{"sentinel":"blocked"}';

/**
 * Stage 3 for a log line whose segments (string leaves) are decided: each leaf is tokenized on its
 * own and the line is re-serialized with its structure kept. The line's action is the strongest of
 * its leaves'; a blocked line is withheld entirely (and its would-be tokens never stored).
 */
export function finishLog(log: RawLog, segments: readonly Segment[], ctx: TenantContext, nowMs: number): LogOutcome {
  const replaced = new Map<string, string>();
  const vault: VaultRecord[] = [];
  const findings: FindingRef[] = [];
  const rules = new Set<string>();
  let action: Action = 'allow';
  let tokenCount = 0;
  let ciphertextBytes = 0;
  for (const s of segments) {
    const decision = s.decision;
    if (!decision) throw new Error(`log segment ${s.path} reached stage 3 undecided`);
    action = maxAction(action, decision.action);
    decision.matchedRules.forEach((r) => rules.add(r));
    for (const a of decision.actedOn) findings.push({ entity: a.entity, data_class: a.dataClass, start: a.start, end: a.end, score: a.score, action: a.action, path: s.path });
    const spans = decision.actedOn.filter((a) => a.action === 'encrypt');
    // Tokenize even without spans: that also escapes look-alike placeholders ("[[tok:…") already in
    // the leaf, as for prompts. Skipping it let a forged placeholder through unescaped, so the
    // sanitized line no longer restored byte for byte (and a detokenizer would act on the forgery).
    const tokenized = tokenizeText(s.text, spans, ctx, { requestId: log.request_id, conversationId: null }, nowMs);
    replaced.set(s.path, tokenized.text);
    vault.push(...tokenized.vault);
    tokenCount += tokenized.tokenCount;
    ciphertextBytes += tokenized.ciphertextBytes;
  }
  const blocked = action === 'block';
  const line = blocked ? BLOCKED_LOG_LINE : rebuildLogLine(log.line, (path, original) => replaced.get(path) ?? original);
  const ref = segments[0]?.decision?.policy ?? ctx.policy.ref;
  return {
    sanitized: {
      tenant_id: log.tenant_id,
      request_id: log.request_id,
      line,
      decision: action,
      token_count: blocked ? 0 : tokenCount,
      policy_version: ref.version,
      service: log.service,
      metadata: log.metadata,
      ts: nowMs,
    },
    vault: blocked ? [] : vault,
    event: {
      event_id: derivedUuid('decision', log.tenant_id, 'log', log.request_id),
      tenant_id: log.tenant_id,
      event_type: 'decision',
      request_id: log.request_id,
      source: 'log',
      decision: action,
      matched_rules: [...rules].sort(),
      policy_id: ref.policyId,
      policy_version: ref.version,
      ruleset_hash: ref.rulesetHash,
      findings,
      injection_score: 0,
      token_count: blocked ? 0 : tokenCount,
      ciphertext_len: blocked ? 0 : ciphertextBytes,
      latency_ms: 0,
      shadow: false,
      user_id: null,
      metadata: null,
      ts: nowMs,
    },
  };
}
