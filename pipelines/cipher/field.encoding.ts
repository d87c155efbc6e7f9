/**
 * Canonical, injective byte encodings shared by the AEAD associated data, deterministic
 * tokens and tweak derivation. Every field is prefixed with its uint32 big-endian byte
 * length, so ("ab","c") and ("a","bc") can never encode to the same bytes — naive
 * concatenation would let an attacker shift bytes between adjacent fields.
 */
import { CipherError } from './cipher.errors';

export type EncodableField = string | Uint8Array;

const MAX_FIELD_BYTES = 0xffffffff;

/**
 * Encodes fields as len32BE(field) || field, strings as UTF-8. Sized first and written into one
 * buffer: this runs for every token and vault seal, and per-field buffers plus concat dominated it.
 */
export function encodeFields(fields: readonly EncodableField[]): Buffer {
  let total = 0;
  for (const field of fields) total += 4 + fieldBytes(field);
  const out = Buffer.allocUnsafe(total);
  encodeFieldsInto(out, 0, fields);
  return out;
}

function fieldBytes(field: EncodableField): number {
  const n = typeof field === 'string' ? Buffer.byteLength(field, 'utf8') : field.byteLength;
  if (n > MAX_FIELD_BYTES) throw new CipherError('INVALID_INPUT', 'field exceeds 2^32-1 bytes');
  return n;
}

/**
 * An upper bound of encodeFields(fields).length without measuring UTF-8 (a UTF-16 unit is at most
 * 3 UTF-8 bytes), so a caller can size a reused scratch buffer for encodeFieldsInto cheaply.
 */
export function encodedFieldsBound(fields: readonly EncodableField[]): number {
  let total = 0;
  for (const field of fields) total += 4 + (typeof field === 'string' ? 3 * field.length : field.byteLength);
  return total;
}

/**
 * Writes the same bytes as encodeFields(fields) into `out` from `at`, returning the end offset.
 * `out` must have room for encodedFieldsBound(fields) bytes from `at`.
 */
export function encodeFieldsInto(out: Buffer, at: number, fields: readonly EncodableField[]): number {
  for (const field of fields) {
    const lenAt = at;
    at += 4;
    if (typeof field === 'string') {
      at += writeUtf8(out, at, field);
    } else {
      out.set(field, at);
      at += field.byteLength;
    }
    const n = at - lenAt - 4;
    if (n > MAX_FIELD_BYTES) throw new CipherError('INVALID_INPUT', 'field exceeds 2^32-1 bytes');
    out.writeUInt32BE(n, lenAt);
  }
  return at;
}

/**
 * out.write(s, at, 'utf8'), copied in JS for short ASCII strings (ids, entity names, most values):
 * there the UTF-8 bytes are the UTF-16 units, and a native write call costs more than the copy.
 * Any non-ASCII unit hands the whole string to Buffer.write, which rewrites it from `at`.
 */
function writeUtf8(out: Buffer, at: number, s: string): number {
  const n = s.length;
  if (n <= 128) {
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      out[at + i] = c;
    }
    if (i === n) return n;
  }
  return out.write(s, at, 'utf8');
}

/** Fixed-width uint32 BE; used where a field is numeric so it cannot be confused with text. */
export function uint32Be(value: number, what: string): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new CipherError('INVALID_INPUT', `${what} must be an integer in [0, 2^32-1]`);
  }
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32BE(value, 0);
  return out;
}

/** RFC 4648 §5 base64url without padding: URL/JSON/placeholder safe ([A-Za-z0-9_-]). */
export function toBase64Url(bytes: Uint8Array): string {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buf.toString('base64url');
}
