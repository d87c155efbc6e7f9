/**
 * FF1 format-preserving encryption, NIST SP 800-38G (Algorithms 7 & 8), radix 2..36 over
 * the alphabet 0-9a-z. Numerals are carried as BigInt between rounds so each round costs
 * one CBC-MAC block (for short inputs) plus a few BigInt ops — no string churn per round.
 */
import { AES_BLOCK_BYTES, AesBlockCipher, KeyedCache } from './aes-block.cipher';
import { CipherError } from './cipher.errors';
import { bigIntToBytes, bytesToBigInt, ff1MinLength, parseNumerals, formatNumerals } from './numeral.codec';

/** Caps BigInt work per call (cost grows ~quadratically with length); far above any PII field. */
export const FF1_MAX_LENGTH = 4096;
const MAX_TWEAK_BYTES = 0xffffffff;
const ROUNDS = 10;

interface Ff1Setup {
  readonly radix: number;
  readonly n: number;
  readonly tweak: Buffer;
  readonly u: number;
  readonly v: number;
  readonly b: number;
  readonly d: number;
  readonly modU: bigint;
  readonly modV: bigint;
  /** CBC-MAC state after P and the round-independent leading blocks of Q. */
  readonly prefixState: Buffer;
  /** Round-dependent tail of Q: zero pad bytes (if any) || [i] || [NUM(X)]^b. */
  readonly tail: Buffer;
}

export class Ff1Cipher {
  private readonly aes: AesBlockCipher;
  /** Reused XOR buffer: update() copies its input, so one scratch block suffices. */
  private readonly scratch = Buffer.alloc(AES_BLOCK_BYTES);
  /**
   * Last setup, reused when radix, length and tweak repeat (the common case: one policy,
   * one tweak, many values). Safe without locking: encrypt/decrypt are synchronous.
   */
  private memo: Ff1Setup | undefined;

  constructor(key: Uint8Array | AesBlockCipher) {
    this.aes = key instanceof AesBlockCipher ? key : new AesBlockCipher(key);
  }

  encrypt(tweak: Uint8Array, radix: number, value: string): string {
    const s = this.setup(tweak, radix, value.length);
    let a = parseNumerals(value.slice(0, s.u), radix);
    let b = parseNumerals(value.slice(s.u), radix, s.u);
    for (let i = 0; i < ROUNDS; i++) {
      const y = this.roundValue(s, i, b);
      const mod = i % 2 === 0 ? s.modU : s.modV;
      const c = (a + y) % mod;
      a = b;
      b = c;
    }
    return formatNumerals(a, radix, s.u) + formatNumerals(b, radix, s.v);
  }

  decrypt(tweak: Uint8Array, radix: number, value: string): string {
    const s = this.setup(tweak, radix, value.length);
    let a = parseNumerals(value.slice(0, s.u), radix);
    let b = parseNumerals(value.slice(s.u), radix, s.u);
    for (let i = ROUNDS - 1; i >= 0; i--) {
      const y = this.roundValue(s, i, a);
      const mod = i % 2 === 0 ? s.modU : s.modV;
      let c = (b - y) % mod;
      if (c < 0n) c += mod; // BigInt % keeps the dividend's sign; FF1 needs the least residue
      b = a;
      a = c;
    }
    return formatNumerals(a, radix, s.u) + formatNumerals(b, radix, s.v);
  }

  /** Steps 1-5 of Alg. 7: lengths, byte widths, P, and the CBC-MAC of the constant prefix. */
  private setup(tweak: Uint8Array, radix: number, n: number): Ff1Setup {
    const m = this.memo;
    if (m !== undefined && m.radix === radix && m.n === n && m.tweak.equals(tweak)) return m;
    this.memo = this.computeSetup(tweak, radix, n);
    return this.memo;
  }

  private computeSetup(tweak: Uint8Array, radix: number, n: number): Ff1Setup {
    if (!Number.isInteger(radix) || radix < 2 || radix > 36) {
      throw new CipherError('INVALID_RADIX', 'radix must be an integer in [2, 36]');
    }
    const minLen = ff1MinLength(radix);
    if (n < minLen) {
      throw new CipherError('INPUT_TOO_SHORT', `FF1 radix ${radix} needs at least ${minLen} numerals (radix^len >= 1,000,000)`);
    }
    if (n > FF1_MAX_LENGTH) throw new CipherError('INPUT_TOO_LONG', `FF1 input exceeds ${FF1_MAX_LENGTH} numerals`);
    if (tweak.length > MAX_TWEAK_BYTES) throw new CipherError('INVALID_TWEAK', 'tweak exceeds 2^32-1 bytes');
    const t = tweak.length;
    const u = Math.floor(n / 2);
    const v = n - u;
    const modU = BigInt(radix) ** BigInt(u);
    const modV = BigInt(radix) ** BigInt(v);
    // b = ceil(ceil(v*log2(radix))/8), computed exactly: ceil(v*log2 r) == bitLength(r^v - 1).
    const b = Math.ceil((modV - 1n).toString(2).length / 8);
    const d = 4 * Math.ceil(b / 4) + 4;

    const p = Buffer.alloc(AES_BLOCK_BYTES);
    p[0] = 1;
    p[1] = 2;
    p[2] = 1;
    p.writeUIntBE(radix, 3, 3);
    p[6] = 10;
    p[7] = u % 256;
    p.writeUInt32BE(n, 8);
    p.writeUInt32BE(t, 12);

    // Q = T || 0^pad || [i] || [NUM(B)]^b; every whole block of Q that ends before [i]
    // is identical in all rounds, so MAC it once here.
    const pad = (((-t - b - 1) % 16) + 16) % 16;
    const qLen = t + pad + 1 + b;
    const q = Buffer.alloc(qLen);
    q.set(tweak, 0);
    const constBlocks = Math.floor((t + pad) / AES_BLOCK_BYTES);
    let state = this.aes.encryptBlocks(p);
    for (let off = 0; off < constBlocks * AES_BLOCK_BYTES; off += AES_BLOCK_BYTES) {
      state = this.aes.encryptBlocks(this.xorBlock(state, q, off));
    }
    const tail = q.subarray(constBlocks * AES_BLOCK_BYTES);
    return { radix, n, tweak: Buffer.from(tweak), u, v, b, d, modU, modV, prefixState: state, tail };
  }

  /** Steps 6.i-6.iv: y = NUM(S) where S is the PRF output expanded to d bytes. */
  private roundValue(s: Ff1Setup, i: number, x: bigint): bigint {
    const tail = s.tail;
    tail[tail.length - s.b - 1] = i;
    bigIntToBytes(x, tail, tail.length - s.b, s.b);
    let r = s.prefixState;
    for (let off = 0; off < tail.length; off += AES_BLOCK_BYTES) {
      r = this.aes.encryptBlocks(this.xorBlock(r, tail, off));
    }
    if (s.d <= AES_BLOCK_BYTES) return bytesToBigInt(r, s.d);
    // S = R || CIPH(R xor [1]^16) || CIPH(R xor [2]^16) ...; ECB does all extra blocks in one call.
    const extra = Math.ceil(s.d / AES_BLOCK_BYTES) - 1;
    const input = Buffer.allocUnsafe(extra * AES_BLOCK_BYTES);
    for (let j = 1; j <= extra; j++) {
      const off = (j - 1) * AES_BLOCK_BYTES;
      r.copy(input, off);
      input.writeUInt32BE((input.readUInt32BE(off + 12) ^ j) >>> 0, off + 12);
    }
    return bytesToBigInt(Buffer.concat([r, this.aes.encryptBlocks(input)]), s.d);
  }

  private xorBlock(state: Buffer, data: Buffer, off: number): Buffer {
    const out = this.scratch;
    for (let k = 0; k < AES_BLOCK_BYTES; k++) out[k] = state[k]! ^ data[off + k]!;
    return out;
  }
}

const ff1ByKey = new KeyedCache((key) => new Ff1Cipher(key));

/** Shared, cached Ff1Cipher for a raw key (key schedule and last tweak setup are reused). */
export function ff1ForKey(key: Uint8Array): Ff1Cipher {
  return ff1ByKey.get(key);
}

/** FF1-encrypts `value` (numerals of `radix`, alphabet 0-9a-z) under an AES-128/192/256 key. */
export function ff1Encrypt(key: Buffer, tweak: Buffer, radix: number, value: string): string {
  return ff1ByKey.get(key).encrypt(tweak, radix, value);
}

/** Inverse of ff1Encrypt for the same key, tweak and radix. */
export function ff1Decrypt(key: Buffer, tweak: Buffer, radix: number, value: string): string {
  return ff1ByKey.get(key).decrypt(tweak, radix, value);
}
