import { chainDigestHex, GENESIS_PREV_HASH, hashableEvent, type AuditEvent } from '../audit/hash-chain';
import { canonicalize, type JsonValue } from '../audit/canonical-json';
import { canonicalDecisionPayload, canonicalEventAround } from '../audit/decision-canonical';
import type { DecisionEvent } from '../../schemas/types';

/** Where an audit event came from in Kafka; stored so the sink can resume exactly once. */
export interface SourcePosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface ChainHead {
  readonly seq: number;
  readonly hash: Buffer;
}

/** One row of sentinel.events in ClickHouse (column names as in sql/clickhouse/002_events.sql). */
export interface AuditRow {
  readonly tenant_id: string;
  readonly seq: number;
  readonly event_id: string;
  readonly event_type: string;
  readonly ts: number;
  readonly ts_ms: number;
  readonly decision: string | null;
  readonly request_id: string | null;
  readonly source: string | null;
  readonly matched_rules: readonly string[];
  readonly policy_id: string | null;
  readonly policy_version: string | null;
  readonly ruleset_hash: string | null;
  readonly injection_score: number;
  readonly token_count: number;
  readonly ciphertext_len: number;
  readonly latency_ms: number;
  readonly shadow: number;
  readonly finding_entities: readonly string[];
  readonly finding_classes: readonly string[];
  /** Canonical JSON (RFC 8785) of AuditEvent.payload: hashed content, stored verbatim. */
  readonly payload: string;
  readonly prev_hash: string;
  readonly hash: string;
  readonly src_topic: string;
  readonly src_partition: number;
  readonly src_offset: string;
}

/** Everything of a DecisionEvent that is not a top-level AuditEvent field goes into the payload. */
export function auditEventOf(ev: DecisionEvent, seq: number): AuditEvent {
  const { tenant_id, event_id, event_type, ts, decision, findings, metadata, ...rest } = ev;
  // Decoded Avro records are class instances; the canonical form wants plain objects.
  const payload = { ...rest, findings: findings.map((f) => ({ ...f })), metadata: metadata ? { ...metadata } : null };
  return hashableEvent({ tenant_id, seq, event_id, event_type, ts, decision, payload: payload as unknown as JsonValue });
}

/**
 * Appends one event to a tenant's chain: next seq (gapless from the head), prev_hash = head's
 * hash (genesis for the first), hash = SHA-256(prev_hash || JCS(event)). Pure: the sink owns
 * where heads come from (ClickHouse on start, memory afterwards).
 */
export function chainAppend(head: ChainHead | null, ev: DecisionEvent, src: SourcePosition): { row: AuditRow; head: ChainHead } {
  const seq = head ? head.seq + 1 : 0;
  const prev = head?.hash ?? GENESIS_PREV_HASH;
  // The shape-specialised canonicalizer is ~10x cheaper than the generic walk and byte-identical
  // (property-tested); events off the DecisionEvent shape take the generic path unchanged.
  let payload = canonicalDecisionPayload(ev);
  let event: AuditEvent;
  if (payload === undefined) {
    event = auditEventOf(ev, seq);
    payload = canonicalize(event.payload);
  } else {
    // Same validation as auditEventOf; the payload itself is already canonical text.
    event = hashableEvent({ tenant_id: ev.tenant_id, seq, event_id: ev.event_id, event_type: ev.event_type, ts: ev.ts, decision: ev.decision, payload: null });
  }
  // The payload is canonicalized once and reused for the stored column and the hashed event: the
  // event's canonical form is spliced around it (keys in RFC 8785 order), which equals
  // chainHash(prev, event) — pinned by test/unit/audit/audit-stage-hash.test.ts — at half the cost.
  // Hashing the payload as its own piece also flattens it in place, so the retained row holds one
  // flat string rather than a rope of ~30 pieces for the garbage collector to copy.
  const { head: before, tail: after } = canonicalEventAround(event);
  const hashHex = chainDigestHex(prev, [before, payload, after]);
  const row: AuditRow = {
    tenant_id: ev.tenant_id,
    seq,
    event_id: ev.event_id,
    event_type: ev.event_type,
    ts: Math.floor(ev.ts / 1000),
    ts_ms: ev.ts,
    decision: ev.decision,
    request_id: ev.request_id,
    source: ev.source,
    matched_rules: ev.matched_rules,
    policy_id: ev.policy_id,
    policy_version: ev.policy_version,
    ruleset_hash: ev.ruleset_hash,
    injection_score: ev.injection_score,
    token_count: ev.token_count,
    ciphertext_len: ev.ciphertext_len,
    latency_ms: ev.latency_ms,
    shadow: ev.shadow ? 1 : 0,
    finding_entities: ev.findings.map((f) => f.entity),
    finding_classes: ev.findings.map((f) => f.data_class),
    payload,
    prev_hash: prev.toString('hex'),
    hash: hashHex,
    src_topic: src.topic,
    src_partition: src.partition,
    src_offset: src.offset,
  };
  // Small Buffer.from comes from Node's shared pool: cheaper than a fresh ArrayBuffer per digest.
  return { row, head: { seq, hash: Buffer.from(hashHex, 'hex') } };
}

/** Rebuilds the hashed AuditEvent from a stored row (the inverse used by verification). */
export function auditEventFromStored(row: { tenant_id: string; seq: number; event_id: string; event_type: string; ts_ms: number; decision: string | null; payload: string }): AuditEvent {
  return hashableEvent({
    tenant_id: row.tenant_id,
    seq: row.seq,
    event_id: row.event_id,
    event_type: row.event_type,
    ts: row.ts_ms,
    decision: row.decision,
    payload: JSON.parse(row.payload) as JsonValue,
  });
}
