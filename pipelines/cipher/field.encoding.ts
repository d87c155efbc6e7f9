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
  for (const field of fields) {
    const n = typeof field === 'string' ? Buffer.byteLength(field, 'utf8') : field.byteLength;
    if (n > MAX_FIELD_BYTES) throw new CipherError('INVALID_INPUT', 'field exceeds 2^32-1 bytes');
    total += 4 + n;
  }
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const field of fields) {
    const lenAt = at;
    at += 4;
    if (typeof field === 'string') {
      at += out.write(field, at, 'utf8');
    } else {
      out.set(field, at);
      at += field.byteLength;
    }
    out.writeUInt32BE(at - lenAt - 4, lenAt);
  }
  return out;
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
