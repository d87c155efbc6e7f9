/**
 * RFC 8785 canonical form of a DecisionEvent's audit payload, specialised for its known shape.
 *
 * The generic canonicalizer sorts keys, tracks cycles and dispatches on every value; for the audit
 * sink that was most of the per-event CPU. Here the key order is fixed in code (already sorted by
 * UTF-16 code units), so the output is built in one pass. It must be byte-identical to
 * `canonicalize(payload)` — existing chains are verified by recomputing hashes with the generic
 * one — so anything that is not exactly the expected shape (extra or missing keys, a non-primitive
 * where a primitive belongs, non-finite numbers, lone surrogates) returns undefined and the caller
 * falls back to the generic path, which also produces its precise errors.
 * Equality is property-tested in test/unit/audit/decision-canonical.test.ts.
 */
import type { DecisionEvent, FindingRef } from '../../schemas/types';
import { serializeNumber, serializeString } from './canonical-json';
import type { AuditEvent } from './hash-chain';

/** Own keys of a DecisionEvent; all 19 must be present (Avro records always have all fields). */
const EVENT_KEYS: ReadonlySet<string> = new Set([
  'event_id', 'tenant_id', 'event_type', 'request_id', 'source', 'decision', 'matched_rules', 'policy_id', 'policy_version',
  'ruleset_hash', 'findings', 'injection_score', 'token_count', 'ciphertext_len', 'latency_ms', 'shadow', 'user_id', 'metadata', 'ts',
]);
const FINDING_KEYS: ReadonlySet<string> = new Set(['entity', 'data_class', 'start', 'end', 'score', 'action']);
const FINDING_OPTIONAL: ReadonlySet<string> = new Set(['path']);
const NONE: ReadonlySet<string> = new Set();

// Same character classes as canonical-json.ts: strings outside NEEDS_CARE serialize as themselves.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/;
const LONE_SURROGATE = /\p{Cs}/u;

/** Thrown internally when the input leaves the fast path; never escapes this module. */
const OFF_PATH: unique symbol = Symbol('off fast path');

function str(v: unknown): string {
  if (typeof v !== 'string') throw OFF_PATH;
  if (!NEEDS_CARE.test(v)) return `"${v}"`;
  if (LONE_SURROGATE.test(v)) throw OFF_PATH;
  return JSON.stringify(v);
}

function strOrNull(v: unknown): string {
  return v === null ? 'null' : str(v);
}

/** ECMAScript Number::toString with -0 as "0", as serializeNumber does. */
function num(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw OFF_PATH;
  return v === 0 ? '0' : String(v);
}

function stringArray(v: unknown): string {
  if (!Array.isArray(v)) throw OFF_PATH;
  let out = '[';
  for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + str(v[i] as unknown);
  return out + ']';
}

/**
 * True when the own enumerable keys are all of `required` plus any of `optional`: exactly what
 * the object spreads in auditEventOf copy, so reading the fields here sees the same values.
 */
function hasOwnKeys(o: object, required: ReadonlySet<string>, optional: ReadonlySet<string>): boolean {
  let n = 0;
  for (const k of Object.keys(o)) {
    if (required.has(k)) n++;
    else if (!optional.has(k)) return false;
  }
  return n === required.size;
}

function finding(f: unknown): string {
  if (typeof f !== 'object' || f === null || Array.isArray(f) || !hasOwnKeys(f, FINDING_KEYS, FINDING_OPTIONAL)) throw OFF_PATH;
  const r = f as Record<keyof FindingRef, unknown>;
  // path is optional: an absent or undefined path is omitted, exactly as the generic writer does.
  const path = r.path === undefined ? '' : `"path":${strOrNull(r.path)},`;
  return `{"action":${str(r.action)},"data_class":${str(r.data_class)},"end":${num(r.end)},"entity":${str(r.entity)},${path}"score":${num(r.score)},"start":${num(r.start)}}`;
}

function findings(v: unknown): string {
  if (!Array.isArray(v)) throw OFF_PATH;
  let out = '[';
  for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + finding(v[i] as unknown);
  return out + ']';
}

function metadata(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v !== 'object' || Array.isArray(v)) throw OFF_PATH;
  const m = v as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is the order RFC 8785 requires.
  const keys = Object.keys(m).sort();
  let out = '{';
  for (const k of keys) {
    const value = m[k];
    if (value === undefined) continue;
    out += (out.length > 1 ? ',' : '') + str(k) + ':' + str(value);
  }
  return out + '}';
}

/**
 * `canonicalize(payload)` for the payload auditEventOf builds (every DecisionEvent field except
 * tenant_id, event_id, event_type, ts and decision), or undefined when `ev` is off the known shape.
 */
export function canonicalDecisionPayload(ev: DecisionEvent): string | undefined {
  if (!hasOwnKeys(ev, EVENT_KEYS, NONE)) return undefined;
  const shadow: unknown = ev.shadow;
  if (typeof shadow !== 'boolean') return undefined;
  try {
    return (
      `{"ciphertext_len":${num(ev.ciphertext_len)},"findings":${findings(ev.findings)},"injection_score":${num(ev.injection_score)}` +
      `,"latency_ms":${num(ev.latency_ms)},"matched_rules":${stringArray(ev.matched_rules)},"metadata":${metadata(ev.metadata)}` +
      `,"policy_id":${strOrNull(ev.policy_id)},"policy_version":${strOrNull(ev.policy_version)},"request_id":${strOrNull(ev.request_id)}` +
      `,"ruleset_hash":${strOrNull(ev.ruleset_hash)},"shadow":${shadow ? 'true' : 'false'},"source":${strOrNull(ev.source)}` +
      `,"token_count":${num(ev.token_count)},"user_id":${strOrNull(ev.user_id)}}`
    );
  } catch (err) {
    if (err === OFF_PATH) return undefined;
    throw err;
  }
}

/** serializeString, skipping its regex and JSON.stringify for the common plain string. */
function quote(v: string): string {
  return typeof v === 'string' && !NEEDS_CARE.test(v) ? `"${v}"` : serializeString(v);
}

/**
 * canonicalize(event) given canonicalize(event.payload), as the pieces before and after the
 * payload: the event's other keys in RFC 8785 order spliced around it, so the payload is
 * canonicalized once for both the stored column and the hash. `head + payload + tail` equals
 * canonicalize(event), pinned by test/unit/audit/audit-stage-hash.test.ts.
 */
export function canonicalEventAround(event: AuditEvent): { head: string; tail: string } {
  return {
    head:
      `{"decision":${event.decision === null ? 'null' : quote(event.decision)},"event_id":${quote(event.event_id)}` +
      `,"event_type":${quote(event.event_type)},"payload":`,
    tail: `,"seq":${serializeNumber(event.seq)},"tenant_id":${quote(event.tenant_id)},"ts":${serializeNumber(event.ts)}}`,
  };
}
