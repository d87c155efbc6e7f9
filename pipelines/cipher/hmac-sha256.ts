/**
 * HMAC-SHA256 (RFC 2104 / FIPS 198-1) computed as two one-shot SHA-256 calls:
 *
 *   HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m))
 *
 * with K0 = K zero-padded to the 64-byte block (or H(K), padded, when K is longer).
 *
 * Why not createHmac: a deterministic token is minted per sensitive value, and createHmac costs an
 * Hmac object, a native init (key import, two block compressions) and a natively allocated digest
 * Buffer every time — over half of the token's cost. Here K0^ipad and K0^opad are computed once
 * per key and kept in the first block of two scratch buffers, the message is written right after
 * them, and crypto.hash() (one-shot, Node >= 20.12) hashes each buffer. The output is the same
 * function bit for bit; test/unit/cipher/hmac-sha256.test.ts checks it against the RFC 4231
 * vectors and against createHmac on random keys and messages.
 *
 * Key hygiene: the padded keys live only in these Buffers (never in a JS string), wipe() zeroes
 * them, and the message bytes (plaintext values) are zeroed after every MAC. The inner digest
 * crosses into the outer buffer as a short-lived latin1 ('binary') string: it is a MAC output, not key
 * material (it reveals nothing about K), and a string is the cheapest way out of crypto.hash().
 */
import { hash } from 'node:crypto';
import { CipherError } from './cipher.errors';
import { encodedFieldsBound, encodeFieldsInto, type EncodableField } from './field.encoding';

const BLOCK = 64;
const DIGEST = 32;
const IPAD = 0x36;
const OPAD = 0x5c;

export class HmacSha256 {
  /** (K0 ^ ipad) || message; grown (and the old one wiped) when a message does not fit. */
  private inner: Buffer;
  /** (K0 ^ opad) || inner digest. */
  private readonly outer = Buffer.alloc(BLOCK + DIGEST);
  /** Only for keys longer than a block (K0 = H(K) then): the key itself, to tell if a buffer changed. */
  private readonly longKey: Buffer | null;
  /** K and K || 0x00 share K0 (so their MACs); the length keeps them apart for isKeyedWith. */
  private readonly keyLength: number;
  private wiped = false;

  constructor(key: Uint8Array) {
    const k0 = Buffer.alloc(BLOCK);
    if (key.length > BLOCK) {
      const hashed = hash('sha256', key, 'buffer');
      hashed.copy(k0);
      hashed.fill(0);
    } else k0.set(key);
    this.inner = Buffer.alloc(BLOCK + 256);
    for (let i = 0; i < BLOCK; i++) {
      this.inner[i] = k0[i]! ^ IPAD;
      this.outer[i] = k0[i]! ^ OPAD;
    }
    k0.fill(0);
    // Buffer.alloc, not Buffer.from: a copy of key bytes must not land in the shared allocation pool.
    this.longKey = key.length > BLOCK ? Buffer.alloc(key.length) : null;
    this.longKey?.set(key);
    this.keyLength = key.length;
  }

  /** True when `key` is still the key this instance was built from (a caller may reuse or wipe a buffer). */
  isKeyedWith(key: Uint8Array): boolean {
    if (this.wiped || key.length !== this.keyLength) return false;
    if (this.longKey !== null) return this.longKey.equals(key);
    // K0 ^ ipad holds the key in its first key.length bytes (and ipad alone after them).
    const inner = this.inner;
    for (let i = 0; i < key.length; i++) if ((key[i]! ^ IPAD) !== inner[i]) return false;
    return true;
  }

  /** HMAC of `message`, as a Buffer (32 bytes). */
  digest(message: Uint8Array): Buffer {
    this.assertLive();
    const end = BLOCK + message.length;
    this.ensureCapacity(end);
    this.inner.set(message, BLOCK);
    this.finishInner(end);
    return hash('sha256', this.outer, 'buffer');
  }

  /**
   * HMAC of encodeFields(fields), truncated to its first 16 bytes and base64url-encoded (22 chars,
   * no padding): exactly toBase64Url(digest(encodeFields(fields)).subarray(0, 16)).
   */
  macFields128Base64Url(fields: readonly EncodableField[]): string {
    this.assertLive();
    this.ensureCapacity(BLOCK + encodedFieldsBound(fields));
    const end = encodeFieldsInto(this.inner, BLOCK, fields);
    this.finishInner(end);
    return truncate128Base64Url(hash('sha256', this.outer, 'base64url'));
  }

  /** Zeroes the padded keys and scratch space; the instance refuses to MAC afterwards. */
  wipe(): void {
    this.wiped = true;
    this.inner.fill(0);
    this.outer.fill(0);
    this.longKey?.fill(0);
  }

  /** Inner hash of inner[0, end) into the outer buffer, then the message bytes are zeroed. */
  private finishInner(end: number): void {
    // 'binary' is Node's name for latin1: one char per byte.
    const innerDigest = hash('sha256', this.inner.subarray(0, end), 'binary');
    // Byte loops, not fill()/write(): for these few bytes a native call costs more than the copy.
    const inner = this.inner;
    for (let i = BLOCK; i < end; i++) inner[i] = 0;
    if (innerDigest.length !== DIGEST) throw new CipherError('INVALID_INPUT', 'unexpected SHA-256 digest length');
    const outer = this.outer;
    for (let i = 0; i < DIGEST; i++) outer[BLOCK + i] = innerDigest.charCodeAt(i);
  }

  private assertLive(): void {
    if (this.wiped) throw new CipherError('INVALID_KEY', 'HMAC key state was wiped');
  }

  private ensureCapacity(bytes: number): void {
    if (bytes <= this.inner.length) return;
    let size = this.inner.length;
    while (size < bytes) size *= 2;
    const grown = Buffer.alloc(size);
    this.inner.copy(grown, 0, 0, BLOCK);
    this.inner.fill(0);
    this.inner = grown;
  }
}

/** Alphabet index of a base64url character (input is always valid base64url from Node). */
function base64UrlIndex(c: number): number {
  if (c >= 65 && c <= 90) return c - 65; // A-Z
  if (c >= 97 && c <= 122) return c - 71; // a-z
  if (c >= 48 && c <= 57) return c + 4; // 0-9
  return c === 45 ? 62 : 63; // '-' or '_'
}

/**
 * base64url of the first 16 bytes of a 32-byte digest, from the digest's own base64url (43 chars).
 * Characters 0..20 encode bytes 0..14 and the top 6 bits of byte 15 in both encodings; character
 * 21 of the 16-byte encoding holds byte 15's low 2 bits followed by four zero bits, i.e. the full
 * encoding's character 21 with its low 4 bits (from byte 16) cleared: index & 0x30 -> A, Q, g, w.
 */
export function truncate128Base64Url(full: string): string {
  return full.slice(0, 21) + 'AQgw'[base64UrlIndex(full.charCodeAt(21)) >> 4]!;
}
