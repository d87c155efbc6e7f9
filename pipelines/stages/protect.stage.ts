import type { BlockedPrompt, DecisionEvent, RawPrompt, SanitizedLog, SanitizedPrompt } from '../../schemas/types';
import type { Envelope, Segment } from './envelope';
import { shadowEvent } from './shadow.stage';
import { finishLog } from './log.stage';
import { foldFieldDecisions, TEXT_PATH, withFields, type ProtectedFields } from './prompt-fields';
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
    const seg = env.segments.find((s) => s.path === TEXT_PATH);
    if (!seg?.detection || !seg.decision) throw new Error('prompt reached stage 3 undecided');
    const fields = env.segments.filter((s) => s !== seg);
    const o = finishPrompt(input.prompt, seg.detection, seg.decision, ctx, nowMs, fields);
    const shadow = seg.shadowDecision ? [promptShadow(input.prompt, seg, fields, o.fields, nowMs)] : [];
    return o.kind === 'blocked'
      ? { outputs: [{ topic: 'promptsBlocked', value: o.blocked }], vault: [], events: [o.event, ...shadow] }
      : { outputs: [{ topic: 'promptsSanitized', value: o.sanitized }], vault: o.vault, events: [o.event, ...shadow] };
  }
  const o = finishLog(input.log, env.segments, ctx, nowMs);
  const audited = { tenant_id: input.log.tenant_id, request_id: input.log.request_id, user_id: null };
  const shadows = env.segments.filter((s) => s.shadowDecision && s.detection).map((s) => shadowEvent(audited, s.shadowDecision!, s.detection!, 'log', nowMs, s.path));
  return { outputs: [{ topic: 'logsSanitized', value: o.sanitized }], vault: o.vault, events: [o.event, ...shadows] };
}

/** The shadow candidate's event for a whole prompt: its text decision with its field decisions folded in. */
function promptShadow(prompt: RawPrompt, text: Segment, fields: readonly Segment[], enforced: ProtectedFields, nowMs: number): DecisionEvent {
  // Audit paths and the user id come from the enforced outcome: the candidate never changes the output.
  const folded = foldFieldDecisions(fields, (s) => s.shadowDecision, enforced.auditPaths);
  return shadowEvent({ ...prompt, user_id: enforced.userId }, withFields(text.shadowDecision!, folded), text.detection!, 'prompt', nowMs, '$', folded.findings);
}
