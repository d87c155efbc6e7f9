import { createHash } from 'node:crypto';
import type { StringMap } from '../../schemas/types';
import type { AuditFacts } from '../audit/audit-emitter';
import type { RefusalCode } from './detokenize.errors';

const CODE = /^[a-z0-9_]{1,64}$/;

/**
 * How a token id appears in audit events: SHA-256, first 128 bits, hex. Token ids are not values,
 * but a caller may paste anything into --token (even a raw card number by mistake), and the audit
 * chain is append-only forever; hashing keeps it clean while an investigator holding a token can
 * still find its events (compute tokenRef and search).
 */
export function tokenRef(tokenId: string): string {
  return createHash('sha256').update(tokenId, 'utf8').digest('hex').slice(0, 32);
}

/** A caller-supplied code is recorded only if it looks like a code; otherwise by hash. */
function safeCode(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  return CODE.test(value) ? value : `sha256:${tokenRef(value)}`;
}

/** Actors are operator ids (emails, service names): keep printable ASCII, bounded length. */
export function safeActor(actor: string | undefined): string {
  return (actor ?? '').replace(/[^\x20-\x7e]/g, '?').slice(0, 128);
}

export interface DetokenizeAttempt {
  readonly tenantId: string;
  readonly requestId: string;
  readonly actor: string | undefined;
  readonly reason: string | undefined;
  readonly mode: 'tokens' | 'text';
  readonly tokenIds: readonly string[];
  readonly refusal?: RefusalCode;
  readonly counts?: { readonly expired: number; readonly notFound: number };
  readonly latencyMs: number;
}

export function detokenizeFacts(a: DetokenizeAttempt): AuditFacts {
  const outcome = a.refusal ? 'refused' : 'granted';
  const reason = safeCode(a.reason);
  const metadata: StringMap = {
    actor: safeActor(a.actor),
    reason,
    outcome,
    mode: a.mode,
    token_count: String(a.tokenIds.length),
    token_refs: a.tokenIds.map(tokenRef).join(','),
  };
  if (a.refusal) metadata.refusal = a.refusal;
  if (a.counts) {
    metadata.tokens_expired = String(a.counts.expired);
    metadata.tokens_not_found = String(a.counts.notFound);
  }
  return {
    tenantId: a.tenantId,
    eventType: 'detokenize',
    outcome,
    requestId: a.requestId,
    // Also as matched_rules: a ClickHouse column analysts can filter on without parsing the payload.
    matchedRules: [`reason:${reason || 'none'}`, ...(a.refusal ? [`refusal:${a.refusal}`] : [])],
    tokenCount: a.tokenIds.length,
    latencyMs: Math.round(a.latencyMs * 1000) / 1000,
    metadata,
  };
}
