/**
 * Canonical, injective byte encodings shared by the AEAD associated data, deterministic
 * tokens and tweak derivation. Every field is prefixed with its uint32 big-endian byte
 * length, so ("ab","c") and ("a","bc") can never encode to the same bytes — naive
 * concatenation would let an attacker shift bytes between adjacent fields.
 */
import { CipherError } from './cipher.errors';

export type EncodableField = string | Uint8Array;

const MAX_FIELD_BYTES = 0xffffffff;

/** Encodes fields as len32BE(field) || field, strings as UTF-8. */
export function encodeFields(fields: readonly EncodableField[]): Buffer {
  const parts: Buffer[] = [];
  for (const field of fields) {
    const bytes = typeof field === 'string' ? Buffer.from(field, 'utf8') : Buffer.from(field.buffer, field.byteOffset, field.byteLength);
    if (bytes.length > MAX_FIELD_BYTES) throw new CipherError('INVALID_INPUT', 'field exceeds 2^32-1 bytes');
    const len = Buffer.allocUnsafe(4);
    len.writeUInt32BE(bytes.length, 0);
    parts.push(len, bytes);
  }
  return Buffer.concat(parts);
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
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
