import { hash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/** Hex digit d (by char code) -> the hex digit of (d & 0x3) | 0x8. */
const VARIANT_DIGIT: readonly string[] = (() => {
  const out: string[] = [];
  for (let d = 0; d < 16; d++) out[d.toString(16).charCodeAt(0)] = ((d & 0x3) | 0x8).toString(16);
  return out;
})();

/**
 * A name-based UUID (SHA-256, version nibble 8 = "custom" per RFC 9562) from length-prefixed parts.
 * Ids derived this way are the same on every replay, which is what makes side effects idempotent.
 */
export function derivedUuid(...parts: string[]): string {
  // The joined encoding has the same UTF-8 bytes as one update per part (each part is a whole string,
  // so no surrogate pair can straddle a boundary); one-shot hash() skips the Hash object (~1.6x faster).
  let encoded = '';
  for (const p of parts) encoded += `${p.length}:${p};`;
  // Hex output is hash()'s fast path (a 'buffer' digest costs a native allocation and more than
  // doubles the call). Only the first 16 bytes are used; the version and variant bits are set on
  // the hex digits: byte 6 = 0x8? (digit 12 becomes '8'), byte 8 = 10xx xxxx (digit 16 becomes
  // 8 | its low 2 bits). Digits are lowercase, as Buffer's hex was.
  const hex = hash('sha256', encoded, 'hex');
  const variant = VARIANT_DIGIT[hex.charCodeAt(16)]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Conversation ids are free text for producers; the vault column is a UUID. */
export function conversationUuid(tenantId: string, conversationId: string | null): string | null {
  if (conversationId === null || conversationId === '') return null;
  return isUuid(conversationId) ? conversationId.toLowerCase() : derivedUuid('conversation', tenantId, conversationId);
}
