/**
 * Per-tenant hash chain over canonical audit events.
 *
 *   hash(0) = SHA-256(GENESIS_PREV_HASH || UTF-8(JCS(event_0)))
 *   hash(i) = SHA-256(hash(i-1)         || UTF-8(JCS(event_i)))
 *
 * The previous hash is a fixed 32-byte prefix, so the concatenation is unambiguous without a length
 * field. The first event of a tenant chains from 32 zero bytes instead of a special case, which
 * keeps the verifier branch-free and makes "this is the first event" itself part of the hash.
 */
import { createHash, hash as oneShotHash } from 'node:crypto';
import { canonicalize, type JsonValue } from './canonical-json';

export const HASH_SIZE = 32;

/** The prev_hash of the first event in every tenant chain: 32 zero bytes. */
export const GENESIS_PREV_HASH: Buffer = Buffer.alloc(HASH_SIZE);

/**
 * The exact content that is hashed for one audit row. Every field listed here is covered by the
 * chain; nothing else in the ClickHouse row (prev_hash, hash, insertion time, partition) is.
 */
export interface AuditEvent {
  /** Tenant whose chain this event belongs to; hashed so a row cannot be moved to another tenant. */
  readonly tenant_id: string;
  /** 0-based position in the tenant chain; hashed so rows cannot be reordered or renumbered. */
  readonly seq: number;
  readonly event_id: string;
  /** decision | detokenize | purge | key */
  readonly event_type: string;
  /** Event time, epoch milliseconds (as in the DecisionEvent Avro schema). */
  readonly ts: number;
  readonly decision: string | null;
  /** Everything else about the event (rules, findings, policy version...), never plaintext. */
  readonly payload: JsonValue;
}

/**
 * Projects a stored row onto exactly the {@link AuditEvent} fields, dropping chain columns and
 * storage metadata. Why seq and tenant_id are inside the hashed content: the chain link alone
 * proves "B came after A" only if B's content commits to its position; with seq and tenant_id
 * hashed, swapping two rows, renumbering them, or splicing a row from another tenant's chain
 * changes the recomputed hash even if the attacker also rewrites prev_hash consistently.
 */
export function hashableEvent(row: AuditEvent): AuditEvent {
  if (typeof row.tenant_id !== 'string' || row.tenant_id.length === 0) {
    throw new TypeError('audit event: tenant_id must be a non-empty string');
  }
  if (!Number.isSafeInteger(row.seq) || row.seq < 0) {
    throw new TypeError(`audit event: seq must be a non-negative safe integer, got ${String(row.seq)}`);
  }
  if (!Number.isSafeInteger(row.ts)) {
    throw new TypeError(`audit event: ts must be integer epoch milliseconds, got ${String(row.ts)}`);
  }
  return {
    tenant_id: row.tenant_id,
    seq: row.seq,
    event_id: row.event_id,
    event_type: row.event_type,
    ts: row.ts,
    decision: row.decision,
    payload: row.payload,
  };
}

/**
 * SHA-256(prev || UTF-8(canonicalize(event))). `prevHash` null means "first event of the chain"
 * and is equivalent to passing {@link GENESIS_PREV_HASH}. The chain hashes whatever canonical
 * object it is given; callers that store AuditEvent rows should pass {@link hashableEvent}(row).
 */
export function chainHash(prevHash: Buffer | null, event: object): Buffer {
  const prev = prevHash ?? GENESIS_PREV_HASH;
  if (prev.length !== HASH_SIZE) {
    throw new RangeError(`chainHash: prevHash must be ${HASH_SIZE} bytes, got ${prev.length}`);
  }
  return Buffer.from(chainDigestHex(prev, [canonicalize(event)]), 'hex');
}

// Reused input buffer for chainDigestHex: prev || UTF-8(parts) is assembled here and hashed in one
// call, instead of a Hash object and an update() per part (the audit sink's hot path). Grown on
// demand; JS is single-threaded, so no two digests use it at once.
let scratch = Buffer.allocUnsafe(16 * 1024);

/**
 * SHA-256(prev || UTF-8(parts.join(''))) as lowercase hex: chainHash for canonical text already in
 * hand, possibly in pieces (the audit stage passes the event's canonical form around its stored
 * payload, so the payload string is written — and flattened — in place, not copied into a bigger
 * string). Hex because that is what rows store; one-shot hex output also avoids allocating a
 * fresh ArrayBuffer per digest. `prev` is hashed at whatever length it has (callers pass 32 bytes).
 */
export function chainDigestHex(prev: Buffer, parts: readonly string[]): string {
  // Node < 20.12 has no crypto.hash: the streaming API hashes the same bytes.
  if (typeof oneShotHash !== 'function') {
    const h = createHash('sha256').update(prev);
    for (const p of parts) h.update(p, 'utf8');
    return h.digest('hex');
  }
  let worst = prev.length;
  for (const p of parts) worst += p.length * 3; // UTF-8 needs at most 3 bytes per UTF-16 unit
  if (worst > scratch.length) scratch = Buffer.allocUnsafe(Math.max(worst, scratch.length * 2));
  let n = prev.copy(scratch, 0);
  for (const p of parts) n += scratch.write(p, n, 'utf8');
  return oneShotHash('sha256', scratch.subarray(0, n), 'hex');
}
