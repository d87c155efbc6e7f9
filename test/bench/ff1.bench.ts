/**
 * Micro-benchmarks for the cipher layer. Pure CPU, no services: callable from a unit test
 * or `node -r @swc/register`-style runners. Numbers are indicative only (single core,
 * warm JIT); the unit test asserts a loose floor so CI noise does not flake it.
 */
import { randomBytes } from 'node:crypto';
import { Ff1Cipher, ff1Encrypt, openValue, sealValue } from '../../pipelines/cipher';

function measure(iterations: number, op: (i: number) => void): number {
  for (let i = 0; i < Math.min(2000, iterations); i++) op(i); // JIT warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) op(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return Math.round(iterations / seconds);
}

const DIGITS16 = Array.from({ length: 256 }, (_, i) => String(4111111111111111n + BigInt(i * 7919)));

/** FF1 radix-10, 16 numerals, 8-byte tweak, via the raw-key convenience API (key-cache lookup included). */
export function benchFf1(iterations = 50_000): { opsPerSec: number; opsPerSecReusedCipher: number } {
  const key = randomBytes(32);
  const tweak = randomBytes(8);
  const opsPerSec = measure(iterations, (i) => void ff1Encrypt(key, tweak, 10, DIGITS16[i & 255]!));
  const ff1 = new Ff1Cipher(key);
  const opsPerSecReusedCipher = measure(iterations, (i) => void ff1.encrypt(tweak, 10, DIGITS16[i & 255]!));
  return { opsPerSec, opsPerSecReusedCipher };
}

/** AES-256-GCM seal and open of a 64-byte original with full AAD. */
export function benchAead(iterations = 50_000): { sealOpsPerSec: number; openOpsPerSec: number } {
  const key = randomBytes(32);
  const aad = { tenantId: 'tenant-1', tokenId: 'AAAAAAAAAAAAAAAAAAAAAA', dataClass: 'pci', keyVersion: 3 };
  const plaintext = Buffer.alloc(64, 0x41);
  const sealOpsPerSec = measure(iterations, () => void sealValue(key, plaintext, aad));
  const sealed = sealValue(key, plaintext, aad);
  const openOpsPerSec = measure(iterations, () => void openValue(key, sealed, aad));
  return { sealOpsPerSec, openOpsPerSec };
}
