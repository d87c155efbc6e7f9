/**
 * Numeral-string <-> BigInt conversions (NUM_radix / STR_radix^m of SP 800-38G) and the
 * byte conversions NUM / [x]^s. Alphabet is 0-9a-z, lowercase only, so a ciphertext has a
 * single spelling (uppercase would make two strings denote the same numeral).
 */
import { CipherError } from './cipher.errors';

const MIN_DOMAIN = 1_000_000;

/** Smallest length with radix^len >= 1e6 (SP 800-38G rev.1 domain floor), never below 2. */
export function ff1MinLength(radix: number): number {
  let len = 0;
  for (let size = 1; size < MIN_DOMAIN; size *= radix) len++;
  return Math.max(len, 2);
}

/** Largest k with radix^k <= 2^53, so parseInt() on a k-char chunk is exact. */
const CHUNK = new Map<number, { k: number; scale: bigint }>();
function chunkFor(radix: number): { k: number; scale: bigint } {
  let c = CHUNK.get(radix);
  if (c === undefined) {
    const k = Math.floor(53 / Math.log2(radix));
    c = { k, scale: BigInt(radix) ** BigInt(k) };
    CHUNK.set(radix, c);
  }
  return c;
}

/** Validates every character (reporting only its index — values are sensitive) and parses. */
export function parseNumerals(s: string, radix: number, indexBase = 0): bigint {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : 99;
    if (digit >= radix) {
      throw new CipherError('INVALID_INPUT', `character at index ${indexBase + i} is not a radix-${radix} numeral (alphabet 0-9a-z)`);
    }
  }
  if (s.length === 0) return 0n;
  if (radix === 10) return BigInt(s);
  const { k, scale } = chunkFor(radix);
  let acc = 0n;
  let i = 0;
  for (; i + k <= s.length; i += k) acc = acc * scale + BigInt(parseInt(s.slice(i, i + k), radix));
  if (i < s.length) {
    const rest = s.slice(i);
    acc = acc * BigInt(radix) ** BigInt(rest.length) + BigInt(parseInt(rest, radix));
  }
  return acc;
}

/** STR_radix^m(x): big-endian numerals, left-padded with '0'. */
export function formatNumerals(x: bigint, radix: number, m: number): string {
  return x.toString(radix).padStart(m, '0');
}

/** Writes x as an unsigned big-endian integer into out[off, off+len). */
export function bigIntToBytes(x: bigint, out: Buffer, off: number, len: number): void {
  if (len <= 6) {
    out.writeUIntBE(Number(x), off, len); // x < 2^48 here, so Number() is exact
    return;
  }
  let rest = x;
  for (let i = off + len - 1; i >= off; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

/** NUM(S[0..len)): unsigned big-endian integer of the first len bytes. */
export function bytesToBigInt(bytes: Buffer, len: number): bigint {
  if (len === 8) return bytes.readBigUInt64BE(0);
  if (len === 12) return (bytes.readBigUInt64BE(0) << 32n) | BigInt(bytes.readUInt32BE(8));
  if (len === 16) return (bytes.readBigUInt64BE(0) << 64n) | bytes.readBigUInt64BE(8);
  return BigInt('0x' + bytes.toString('hex', 0, len));
}
