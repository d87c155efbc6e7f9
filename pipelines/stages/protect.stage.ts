import type { BlockedPrompt, DecisionEvent, SanitizedLog, SanitizedPrompt } from '../../schemas/types';
import type { Decision } from '../policy/types';
import { decisionEvent } from './decision-event';
import { requestOf, tenantOf, type Envelope, type StageInput } from './envelope';
import { derivedUuid } from './ids';
import { finishLog } from './log.stage';
import { finishPrompt } from './prompt.stage';
import type { TenantContext, VaultRecord } from './stage.types';

/** A stage-3 output, typed by the topic it goes to. */
export type StageOutput =
  | { readonly topic: 'promptsSanitized'; readonly value: SanitizedPrompt }
  | { readonly topic: 'promptsBlocked'; readonly value: BlockedPrompt }
  | { readonly topic: 'logsSanitized'; readonly value: SanitizedLog };

export interface StageOutcome {
  readonly outputs: readonly StageOutput[];
  readonly vault: readonly VaultRecord[];
  /** The enforced decision's audit event first, then any shadow event. */
  readonly events: readonly DecisionEvent[];
}

/** Stage 3 (CipherMesh) for a decided envelope: outputs, vault rows and audit events. */
export function protectEnvelope(env: Envelope, ctx: TenantContext, nowMs: number): StageOutcome {
  const { input } = env;
  if (input.kind === 'prompt') {
    const seg = env.segments[0];
    if (!seg?.detection || !seg.decision) throw new Error('prompt reached stage 3 undecided');
    const o = finishPrompt(input.prompt, seg.detection, seg.decision, ctx, nowMs);
    const shadow = seg.shadowDecision ? [shadowEvent(input, seg.shadowDecision, seg.detection.injection.score, nowMs)] : [];
    return o.kind === 'blocked'
      ? { outputs: [{ topic: 'promptsBlocked', value: o.blocked }], vault: [], events: [o.event, ...shadow] }
      : { outputs: [{ topic: 'promptsSanitized', value: o.sanitized }], vault: o.vault, events: [o.event, ...shadow] };
  }
  const o = finishLog(input.log, env.segments, ctx, nowMs);
  const shadows = env.segments.filter((s) => s.shadowDecision).map((s) => shadowEvent(input, s.shadowDecision!, 0, nowMs, s.path));
  return { outputs: [{ topic: 'logsSanitized', value: o.sanitized }], vault: o.vault, events: [o.event, ...shadows] };
}

/** A shadow candidate's decision, audited beside the enforced one (distinct, replay-stable id). */
function shadowEvent(input: StageInput, decision: Decision, injectionScore: number, nowMs: number, path = '$'): DecisionEvent {
  const tenant = tenantOf(input);
  const request = requestOf(input);
  const wouldTokenize = decision.action === 'block' ? 0 : decision.actedOn.filter((a) => a.action === 'encrypt').length;
  const event = decisionEvent(
    path === '$' ? derivedUuid('decision', tenant, input.kind, request, 'shadow') : derivedUuid('decision', tenant, input.kind, request, 'shadow', path),
    { tenant_id: tenant, request_id: request, user_id: input.kind === 'prompt' ? input.prompt.user_id : null },
    input.kind,
    decision,
    { findings: [], injection: { score: injectionScore, detected: false, reasons: [] } },
    { tokenCount: wouldTokenize, ciphertextBytes: 0 },
    nowMs,
  );
  return { ...event, shadow: true };
}
