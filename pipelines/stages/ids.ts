import { hash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/**
 * A name-based UUID (SHA-256, version nibble 8 = "custom" per RFC 9562) from length-prefixed parts.
 * Ids derived this way are the same on every replay, which is what makes side effects idempotent.
 */
export function derivedUuid(...parts: string[]): string {
  // The joined encoding has the same UTF-8 bytes as one update per part (each part is a whole string,
  // so no surrogate pair can straddle a boundary); one-shot hash() skips the Hash object (~1.6x faster).
  let encoded = '';
  for (const p of parts) encoded += `${p.length}:${p};`;
  const b = hash('sha256', encoded, 'buffer').subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Conversation ids are free text for producers; the vault column is a UUID. */
export function conversationUuid(tenantId: string, conversationId: string | null): string | null {
  if (conversationId === null || conversationId === '') return null;
  return isUuid(conversationId) ? conversationId.toLowerCase() : derivedUuid('conversation', tenantId, conversationId);
}
