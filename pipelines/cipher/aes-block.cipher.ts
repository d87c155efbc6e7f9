/**
 * Raw AES block function (CIPH_K in SP 800-38G) with a cached key schedule.
 *
 * Why ECB: FF1 needs single-block AES calls. An ECB context with padding disabled is
 * stateless across blocks, so one `Cipher` object can be reused forever via update()
 * (final() is never called). createCipheriv() per call re-expands the key and costs
 * ~10x more than update() on a 16-byte block.
 */
import { createCipheriv, hash, type Cipher } from 'node:crypto';
import { CipherError } from './cipher.errors';

export const AES_BLOCK_BYTES = 16;

export class AesBlockCipher {
  private readonly ecb: Cipher;

  constructor(key: Uint8Array) {
    if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
      throw new CipherError('INVALID_KEY', 'AES key must be 16, 24 or 32 bytes');
    }
    this.ecb = createCipheriv(`aes-${key.length * 8}-ecb`, key, null);
    this.ecb.setAutoPadding(false);
  }

  /** Encrypts a whole number of blocks independently (ECB); input length must be a multiple of 16. */
  encryptBlocks(blocks: Uint8Array): Buffer {
    return this.ecb.update(blocks);
  }
}

/**
 * Bounded per-key cache for the convenience functions that take a raw key. Keyed by a
 * SHA-256 fingerprint rather than the key bytes so no key material is kept as an
 * (unzeroizable, heap-dumpable) JS string; content-keyed rather than a WeakMap on the
 * Buffer so a caller that mutates/zeroizes a key buffer never hits a stale schedule.
 */
export class KeyedCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(
    private readonly create: (key: Uint8Array) => T,
    private readonly limit = 64,
  ) {}

  get(key: Uint8Array): T {
    const fingerprint = hash('sha256', key, 'base64');
    let entry = this.entries.get(fingerprint);
    if (entry === undefined) {
      entry = this.create(key);
      if (this.entries.size >= this.limit) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      this.entries.set(fingerprint, entry);
    }
    return entry;
  }
}
