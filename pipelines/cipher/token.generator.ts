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
import { hash, randomBytes } from 'node:crypto';
import { CipherError } from './cipher.errors';
import { encodeFields, toBase64Url } from './field.encoding';
import { fpeDigitsDecrypt, fpeDigitsEncrypt } from './fpe-digits.cipher';
import { HmacSha256 } from './hmac-sha256';

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
 * Precomputed HMAC state per token key (see hmac-sha256.ts for why not createHmac). Keyed on the
 * caller's Buffer object; an entry is used only while that buffer still holds the key it was built
 * from, so a buffer reused for another key (or wiped) never hits a stale entry — and the stale
 * entry's padded keys are zeroed as soon as that is noticed.
 */
const hmacs = new WeakMap<Buffer, HmacSha256>();

function hmacOf(key: Buffer): HmacSha256 {
  const hit = hmacs.get(key);
  if (hit?.isKeyedWith(key)) return hit;
  hit?.wipe();
  const fresh = new HmacSha256(key);
  hmacs.set(key, fresh);
  return fresh;
}

/** HMAC-SHA256 over the length-prefixed (tenant, conversation, entity, value), truncated to 128 bits. */
export function deterministicToken(key: Buffer, input: DeterministicTokenInput): string {
  if (key.length < 32) throw new CipherError('INVALID_KEY', 'deterministic token key must be at least 32 bytes');
  return hmacOf(key).macFields128Base64Url([DET_DOMAIN, input.tenantId, input.conversationId ?? '', input.entity, input.value]);
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
  // One-shot hash(): same digest, no Hash object per FPE token.
  const digest = hash('sha256', encodeFields([TWEAK_DOMAIN, tenantId, entity]), 'buffer');
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
