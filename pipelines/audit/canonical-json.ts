/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * The audit chain hashes canonical bytes, so two writers (or a writer and an auditor years later)
 * must produce byte-identical output for the same logical event. JCS gives that by fixing key order
 * (UTF-16 code units), number formatting (ECMAScript Number::toString) and string escaping
 * (ECMAScript JSON.stringify), with no insignificant whitespace.
 *
 * This implementation is deliberately stricter than JSON.stringify wherever JSON.stringify would
 * silently lose or invent data, because a silently different hash input is worse than an error:
 * NaN/Infinity, BigInt, functions, symbols, undefined array elements, lone surrogates (I-JSON,
 * RFC 7493, which RFC 8785 requires), cycles, binary buffers, Map/Set and other class instances
 * without toJSON are all rejected.
 */

/** A JSON value as accepted by {@link canonicalize} after toJSON() resolution. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export class CanonicalJsonError extends Error {
  constructor(message: string, readonly path: string) {
    super(`canonical JSON: ${message} at ${path}`);
    this.name = 'CanonicalJsonError';
  }
}

// With the u flag a lone surrogate is the only way to match a code point in the surrogate range.
const LONE_SURROGATE = /\p{Cs}/u;
// Strings without quotes, backslashes, controls or surrogates serialize as themselves in quotes;
// skipping JSON.stringify for them roughly halves canonicalization time for typical audit events.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Returns the RFC 8785 canonical form of `value`; throws {@link CanonicalJsonError} on non-JSON data. */
export function canonicalize(value: unknown): string {
  return write(value, { segments: [], active: new Set<object>() });
}

/** UTF-8 bytes of the canonical form: what hashes and signatures are computed over. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}

/**
 * Walk state. The path is kept as a segment stack and only joined when an error is thrown:
 * building "$.payload.findings[3]" strings eagerly cost more than the serialization itself.
 */
interface Walk {
  readonly segments: (string | number)[];
  readonly active: Set<object>;
}

const pathOf = (w: Walk): string => `$${w.segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;

function write(value: unknown, w: Walk, viaToJSON = false): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${String(value)} is not representable in JSON`, pathOf(w));
      return serializeNumber(value);
    case 'string':
      if (!NEEDS_CARE.test(value)) return `"${value}"`;
      if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError('string contains a lone surrogate (not I-JSON)', pathOf(w));
      return JSON.stringify(value);
    case 'object':
      return writeObject(value, w, viaToJSON);
    case 'undefined':
      throw new CanonicalJsonError('undefined is not a JSON value', pathOf(w));
    default:
      throw new CanonicalJsonError(`${typeof value} is not a JSON value`, pathOf(w));
  }
}

function writeObject(value: object, w: Walk, viaToJSON: boolean): string {
  // toJSON is honoured (as in JSON.stringify and the RFC 8785 reference code) so Date works; like
  // JSON.stringify it is applied once per value, never to its own result.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (!viaToJSON && typeof toJSON === 'function' && !ArrayBuffer.isView(value)) {
    const key = w.segments.length > 0 ? String(w.segments[w.segments.length - 1]) : '';
    return write(toJSON.call(value, key), w, true);
  }
  if (w.active.has(value)) throw new CanonicalJsonError('cyclic structure', pathOf(w));
  w.active.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      w.segments.push(i);
      // JSON.stringify would turn these into null: an invented value, so refuse instead.
      if (item === undefined) throw new CanonicalJsonError('undefined array element', pathOf(w));
      out += (i > 0 ? ',' : '') + write(item, w);
      w.segments.pop();
    }
    out += ']';
  } else {
    assertPlainObject(value, w);
    const record = value as Record<string, unknown>;
    // Default code-unit comparison, i.e. UTF-16 order as RFC 8785 §3.2.3 requires.
    const keys = Object.keys(record).sort(compareCodeUnits);
    out = '{';
    for (const key of keys) {
      const member = record[key];
      if (member === undefined) continue; // absent, as in JSON.stringify
      w.segments.push(key);
      const name = write(key, w);
      out += (out.length > 1 ? ',' : '') + name + ':' + write(member, w);
      w.segments.pop();
    }
    out += '}';
  }
  w.active.delete(value);
  return out;
}

function assertPlainObject(value: object, w: Walk): void {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    throw new CanonicalJsonError('binary data must be encoded (e.g. base64) before canonicalization', pathOf(w));
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // Map, Set, class instances: JSON.stringify would emit {} or an arbitrary subset of fields.
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
    throw new CanonicalJsonError(`non-plain object (${name}) without toJSON`, pathOf(w));
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ECMAScript Number::toString, which is what RFC 8785 §3.2.2.3 mandates; -0 becomes "0". */
export function serializeNumber(value: number, path = '$'): string {
  if (!Number.isFinite(value)) {
    throw new CanonicalJsonError(`${String(value)} is not representable in JSON`, path);
  }
  return Object.is(value, -0) ? '0' : String(value);
}

/** ECMAScript JSON.stringify string escaping (RFC 8785 §3.2.2.2), rejecting lone surrogates. */
export function serializeString(value: string, path = '$'): string {
  if (LONE_SURROGATE.test(value)) {
    throw new CanonicalJsonError('string contains a lone surrogate (not I-JSON)', path);
  }
  return JSON.stringify(value);
}
