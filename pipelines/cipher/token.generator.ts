/**
 * Token minting. Three flavours, all pure:
 *  - opaque: 128 random bits; no relation to the value (default, strongest).
 *  - deterministic: HMAC-SHA256 over (tenant, conversation, entity, value), truncated to
 *    128 bits, so repeats of a value inside one conversation share a token and the LLM can
 *    still tell "same person" from "different person".
 *  - format-preserving: FF1 over the digits; the ciphertext itself is the token id.
 * Token ids are base64url (22 chars for 128 bits) so they fit the placeholder grammar
 * `[A-Za-z0-9_-]{22,}` and URLs/JSON without escaping.
 */
import { createHash, createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { CipherError } from './cipher.errors';
import { encodeFields, toBase64Url } from './field.encoding';
import { fpeDigitsDecrypt, fpeDigitsEncrypt } from './fpe-digits.cipher';

const TOKEN_BYTES = 16;
const DET_DOMAIN = 'ciphermesh/det-token/v1';
const TWEAK_DOMAIN = 'ciphermesh/fpe-tweak/v1';
const FPE_TWEAK_BYTES = 8;

export function opaqueToken(): string {
  return toBase64Url(randomBytes(TOKEN_BYTES));
}

export interface DeterministicTokenInput {
  readonly tenantId: string;
  /** Absent (or '') means tenant-wide scope; the two are deliberately the same scope. */
  readonly conversationId?: string;
  readonly entity: string;
  /** Exact bytes are hashed: normalise (e.g. lowercase emails) before calling if desired. */
  readonly value: string;
}

/**
 * HMAC key objects per token key: createHmac with a KeyObject skips importing the raw key on every
 * token (~30% of each HMAC). Entries hold a copy of the bytes and are used only while the caller's
 * buffer still holds them, so a buffer reused for another key (or wiped) never hits a stale entry.
 */
const hmacKeys = new WeakMap<Buffer, { readonly bytes: Buffer; readonly key: KeyObject }>();

function hmacKeyOf(key: Buffer): KeyObject {
  const hit = hmacKeys.get(key);
  if (hit && hit.bytes.equals(key)) return hit.key;
  const entry = { bytes: Buffer.from(key), key: createSecretKey(key) };
  hmacKeys.set(key, entry);
  return entry.key;
}

export function deterministicToken(key: Buffer, input: DeterministicTokenInput): string {
  if (key.length < 32) throw new CipherError('INVALID_KEY', 'deterministic token key must be at least 32 bytes');
  const mac = createHmac('sha256', hmacKeyOf(key))
    .update(encodeFields([DET_DOMAIN, input.tenantId, input.conversationId ?? '', input.entity, input.value]))
    .digest();
  return toBase64Url(mac.subarray(0, TOKEN_BYTES));
}

/**
 * 'tenant' (default): tweak = SHA-256(tenantId, entity)[0..8). One fixed permutation per
 *   (tenant, entity), so distinct values can never collide on a token — the FPE text is a
 *   unique lookup key within the tenant — at the cost of equal values mapping equally.
 * 'random': fresh 8-byte tweak per token; unlinkable, but two values may collide on the
 *   same ciphertext under different tweaks, so the caller must check the vault for an
 *   existing (tenant, entity, token) row and re-mint on collision.
 * Tweaks are public by design in FF1; store the returned one in redaction_maps.fpe_tweak.
 */
export type FpeTweakMode = 'tenant' | 'random';

export interface FpeTokenInput {
  readonly tenantId: string;
  readonly entity: string;
  readonly value: string;
  readonly tweakMode?: FpeTweakMode;
}

export interface FpeToken {
  /** Shape-preserving ciphertext; doubles as the token id within (tenant, entity). */
  readonly token: string;
  readonly tweak: Buffer;
}

export function tenantFpeTweak(tenantId: string, entity: string): Buffer {
  const digest = createHash('sha256').update(encodeFields([TWEAK_DOMAIN, tenantId, entity])).digest();
  return digest.subarray(0, FPE_TWEAK_BYTES);
}

export function fpeToken(key: Buffer, input: FpeTokenInput): FpeToken {
  const tweak = input.tweakMode === 'random' ? randomBytes(FPE_TWEAK_BYTES) : tenantFpeTweak(input.tenantId, input.entity);
  return { token: fpeDigitsEncrypt(key, tweak, input.value), tweak };
}

/** Recovers the original from an FPE token and its stored tweak (alternative to the sealed copy). */
export function fpeTokenDecrypt(key: Buffer, token: string, tweak: Buffer): string {
  return fpeDigitsDecrypt(key, tweak, token);
}
