import { randomUUID } from 'node:crypto';
import { AuditEmitter } from '../audit/audit-emitter';
import { safeActor } from '../vault/detokenize-audit';
import type { AppContext } from '../runtime/app-context';
import { DLQ_KEY_ID, openDeadLetter } from '../runtime/dead-letter';
import { refString, type DeadLetterEntry } from './dlq-reader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RevealRequest {
  readonly reason: string | undefined;
  readonly actor: string | undefined;
}

export type RevealOutcome =
  | { readonly granted: true; readonly payload: Buffer; readonly audit: { readonly eventId: string } | { readonly stderr: true } }
  | { readonly granted: false; readonly refusal: 'reason_missing' | 'reason_not_allowed' | 'actor_missing'; readonly auditEventId?: string };

/** Codes an operator may cite: the same list detokenization uses (DETOKENIZE_REASON_CODES). */
export function allowedReasons(ctx: Pick<AppContext, 'env'>): string[] {
  return ctx.env.DETOKENIZE_REASON_CODES.split(',');
}

/** A dead letter's tenant is "known" when it names a tenant that exists: only then can its chain hold the event. */
async function knownTenant(ctx: AppContext, tenantId: string | null): Promise<string | null> {
  if (!tenantId || !UUID.test(tenantId)) return null;
  const res = await ctx.pg.admin.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId.toLowerCase()]);
  return res.rowCount ? tenantId.toLowerCase() : null;
}

/**
 * Opens a dead letter's sealed payload for an operator — like detokenization, it needs a reason
 * code from DETOKENIZE_REASON_CODES and an actor, and it is audited first: for a known tenant an
 * audit event (event_type detokenize, mode dlq_reveal) must be acknowledged by the broker before
 * the payload is opened (fail closed); refusals are audited too. A dead letter without a known
 * tenant has no chain to write to, so the reveal is logged as one structured JSON line on stderr.
 */
export async function revealDeadLetter(ctx: AppContext, entry: DeadLetterEntry, req: RevealRequest): Promise<RevealOutcome> {
  const reason = req.reason ?? '';
  const actor = safeActor(req.actor).trim();
  const refusal = !reason ? 'reason_missing' : !allowedReasons(ctx).includes(reason) ? 'reason_not_allowed' : !actor ? 'actor_missing' : undefined;
  const tenant = await knownTenant(ctx, entry.letter.tenant_id);
  const metadata = {
    actor,
    reason: /^[a-z0-9_]{1,64}$/.test(reason) ? reason : reason ? 'invalid' : '',
    dlq_ref: refString(entry.ref),
    mode: 'dlq_reveal',
    dlq_reason_code: entry.letter.reason_code,
    outcome: refusal ? 'refused' : 'granted',
    ...(refusal ? { refusal } : {}),
  };
  if (tenant) {
    await ctx.codecs.decisions.init();
    const emitter = new AuditEmitter(ctx.kafka, ctx.codecs.decisions, ctx.env);
    try {
      const event = await emitter.emit({ tenantId: tenant, eventType: 'detokenize', outcome: metadata.outcome, requestId: randomUUID(), metadata });
      if (refusal) return { granted: false, refusal, auditEventId: event.event_id };
      return { granted: true, payload: open(entry, await ctx.systemKeys.get(DLQ_KEY_ID)), audit: { eventId: event.event_id } };
    } finally {
      await emitter.close();
    }
  }
  process.stderr.write(`${JSON.stringify({ level: 'audit', event: 'dlq_reveal', ts: new Date().toISOString(), tenant_id: null, claimed_tenant_id: claimedTenant(entry.letter.tenant_id), ...metadata })}\n`);
  if (refusal) return { granted: false, refusal };
  return { granted: true, payload: open(entry, await ctx.systemKeys.get(DLQ_KEY_ID)), audit: { stderr: true } };
}

/** An unknown tenant's id comes from the rejected message itself: printed only if it is a UUID. */
function claimedTenant(id: string | null): string | null {
  return id === null ? null : UUID.test(id) ? id : '<not a uuid>';
}

function open(entry: DeadLetterEntry, key: Buffer): Buffer {
  if (entry.letter.payload_key_id !== DLQ_KEY_ID) throw new Error(`dead letter sealed under unknown key id ${entry.letter.payload_key_id.slice(0, 32)}`);
  return openDeadLetter(key, entry.letter);
}
