/**
 * AES-256-GCM envelope for vault originals.
 *
 * Sealed layout (all integers big-endian):
 *   [0]       format version (0x01)
 *   [1..4]    key version (uint32) — lets the reader pick the key before decrypting
 *   [5..16]   96-bit random nonce
 *   [17..-17] ciphertext
 *   [-16..]   128-bit GCM tag
 *
 * The 5-byte header is itself authenticated (it is prepended to the AAD), so flipping the
 * version or key-version bytes fails authentication instead of silently selecting another
 * key. Random 96-bit nonces are safe for ~2^32 seals per key (NIST SP 800-38D §8.3);
 * rotate keyVersion well before that.
 */
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { CipherError } from './cipher.errors';
import { encodedFieldsBound, encodeFieldsInto, uint32Be, type EncodableField } from './field.encoding';

export const SEALED_FORMAT_V1 = 0x01;
const HEADER_BYTES = 5;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const AAD_DOMAIN = 'ciphermesh/vault-aad/v1';

/** Context the ciphertext is bound to: moving a sealed blob to another row/tenant breaks it. */
export interface VaultAad {
  readonly tenantId: string;
  readonly tokenId: string;
  readonly dataClass: string;
  readonly keyVersion: number;
}

export interface SealedHeader {
  readonly formatVersion: number;
  readonly keyVersion: number;
}

/**
 * Nonces come from a 4 KiB pool refilled with randomFillSync: one CSPRNG call per ~340 seals instead
 * of one per seal. Every pool byte is handed out once (the cursor only advances, then the whole pool
 * is refilled), so nonces stay uniformly random and are never reused.
 */
const NONCE_POOL = Buffer.alloc(4096);
let noncePoolAt = NONCE_POOL.length;

function writeNonce(into: Buffer, at: number): void {
  if (noncePoolAt + NONCE_BYTES > NONCE_POOL.length) {
    randomFillSync(NONCE_POOL);
    noncePoolAt = 0;
  }
  NONCE_POOL.copy(into, at, noncePoolAt, noncePoolAt + NONCE_BYTES);
  NONCE_POOL.fill(0, noncePoolAt, noncePoolAt + NONCE_BYTES);
  noncePoolAt += NONCE_BYTES;
}

/** Canonical AAD bytes: header || len-prefixed(domain, tenantId, tokenId, dataClass, uint32 keyVersion). */
export function encodeVaultAad(header: Uint8Array, aad: VaultAad): Buffer {
  checkAadFields(aad);
  const fields = aadFields(aad, uint32Be(aad.keyVersion, 'keyVersion'));
  return writeAad(Buffer.allocUnsafe(header.length + encodedFieldsBound(fields)), header, fields);
}

/** Each text field must be a non-empty string; checked in this order (one call each, no keyed loads). */
function checkAadFields(aad: VaultAad): void {
  checkAadField(aad.tenantId, 'tenantId');
  checkAadField(aad.tokenId, 'tokenId');
  checkAadField(aad.dataClass, 'dataClass');
}

function checkAadField(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new CipherError('INVALID_AAD', `AAD field ${field} must be a non-empty string`);
}

/** The length-prefixed fields that follow the header in the AAD. */
function aadFields(aad: VaultAad, version: Uint8Array): EncodableField[] {
  return [AAD_DOMAIN, aad.tenantId, aad.tokenId, aad.dataClass, version];
}

/** header || encodeFields(fields) written into `out` (which must hold it); returns that prefix of `out`. */
function writeAad(out: Buffer, header: Uint8Array, fields: readonly EncodableField[]): Buffer {
  out.set(header, 0);
  return out.subarray(0, encodeFieldsInto(out, header.length, fields));
}

function assertKey(key: Uint8Array): void {
  if (key.length !== 32) throw new CipherError('INVALID_KEY', 'vault key must be 32 bytes (AES-256)');
}

/**
 * AAD scratch for sealValue: the AAD is public (ids, class, versions) and setAAD feeds it to the
 * cipher at once, so one buffer can serve every seal instead of three allocations and a concat each.
 */
let aadScratch = Buffer.alloc(256);

export function sealValue(key: Buffer, plaintext: string | Buffer, aad: VaultAad): Buffer {
  assertKey(key);
  // Checked in the order the AAD used to be built in (key version, then the text fields).
  const version = uint32Be(aad.keyVersion, 'keyVersion');
  checkAadFields(aad);
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  // One output buffer: header || nonce || ciphertext || tag (GCM ciphertext is as long as the data).
  const out = Buffer.allocUnsafe(HEADER_BYTES + NONCE_BYTES + data.length + TAG_BYTES);
  out[0] = SEALED_FORMAT_V1;
  version.copy(out, 1);
  writeNonce(out, HEADER_BYTES);
  const nonce = out.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  const fields = aadFields(aad, version);
  const bound = HEADER_BYTES + encodedFieldsBound(fields);
  if (aadScratch.length < bound) aadScratch = Buffer.alloc(2 * bound);
  cipher.setAAD(writeAad(aadScratch, out.subarray(0, HEADER_BYTES), fields));
  let at = HEADER_BYTES + NONCE_BYTES;
  at += cipher.update(data).copy(out, at);
  at += cipher.final().copy(out, at);
  cipher.getAuthTag().copy(out, at);
  return out;
}

/** Reads the cleartext header without a key (to select the key version). Does not authenticate. */
export function parseSealedHeader(sealed: Buffer): SealedHeader {
  if (sealed.length < HEADER_BYTES + NONCE_BYTES + TAG_BYTES) {
    throw new CipherError('MALFORMED_SEALED', 'sealed value is shorter than header + nonce + tag');
  }
  const formatVersion = sealed[0]!;
  if (formatVersion !== SEALED_FORMAT_V1) {
    throw new CipherError('UNSUPPORTED_FORMAT', `unsupported sealed format version ${formatVersion}`);
  }
  return { formatVersion, keyVersion: sealed.readUInt32BE(1) };
}

export function openValue(key: Buffer, sealed: Buffer, aad: VaultAad): Buffer {
  assertKey(key);
  const { keyVersion } = parseSealedHeader(sealed);
  if (keyVersion !== aad.keyVersion) {
    throw new CipherError('KEY_VERSION_MISMATCH', `sealed key version ${keyVersion} does not match AAD key version ${aad.keyVersion}`);
  }
  const header = sealed.subarray(0, HEADER_BYTES);
  const nonce = sealed.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES);
  const body = sealed.subarray(HEADER_BYTES + NONCE_BYTES, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(encodeVaultAad(header, aad));
  decipher.setAuthTag(tag);
  // GCM's update() releases plaintext before the tag is checked; hold it until final() passes.
  const out = decipher.update(body);
  try {
    return Buffer.concat([out, decipher.final()]);
  } catch {
    out.fill(0);
    // One undifferentiated failure: wrong key, tampered bytes and wrong AAD must look alike.
    throw new CipherError('AUTH_FAILED', 'sealed value failed authentication (key, ciphertext or associated data mismatch)');
  }
}
