/**
 * Proof verification exactly as specified in RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2
 * (consistency). The fn/sn walk doubles as a length check: a proof with an extra element hits
 * "sn is 0" inside the loop, a short one ends with sn != 0, so no separate length formula is needed.
 * Edge cases outside the RFC's 0 < first < second follow transparency-dev/merkle.
 */
import { MERKLE_HASH_SIZE, isPowerOfTwo, nodeHash } from './merkle-hash';

export interface InclusionProof {
  readonly leafIdx: number;
  readonly treeSize: number;
  readonly root: Buffer;
  readonly leafHash: Buffer;
  readonly proof: readonly Buffer[];
}

export interface ConsistencyProof {
  readonly size1: number;
  readonly size2: number;
  readonly root1: Buffer;
  readonly root2: Buffer;
  readonly proof: readonly Buffer[];
}

export type VerifyResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const OK: VerifyResult = { ok: true };
const fail = (reason: string): VerifyResult => ({ ok: false, reason });
const half = (x: number): number => Math.floor(x / 2);
const odd = (x: number): boolean => x % 2 === 1;
const validSize = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;

function badHash(hashes: Readonly<Record<string, Buffer>>, proof: readonly Buffer[]): string | null {
  for (const [name, h] of Object.entries(hashes)) {
    if (!Buffer.isBuffer(h) || h.length !== MERKLE_HASH_SIZE) return `${name} must be ${MERKLE_HASH_SIZE} bytes`;
  }
  const i = proof.findIndex((h) => !Buffer.isBuffer(h) || h.length !== MERKLE_HASH_SIZE);
  return i >= 0 ? `proof[${i}] must be ${MERKLE_HASH_SIZE} bytes` : null;
}

/** RFC 9162 §2.1.3.2. */
export function verifyInclusion(p: InclusionProof): VerifyResult {
  if (!validSize(p.leafIdx) || !validSize(p.treeSize)) return fail('leafIdx and treeSize must be non-negative safe integers');
  if (p.leafIdx >= p.treeSize) return fail(`leafIdx ${p.leafIdx} >= treeSize ${p.treeSize}`);
  const bad = badHash({ root: p.root, leafHash: p.leafHash }, p.proof);
  if (bad) return fail(bad);
  let fn = p.leafIdx;
  let sn = p.treeSize - 1;
  let r = p.leafHash;
  for (const h of p.proof) {
    if (sn === 0) return fail('proof has too many elements');
    if (odd(fn) || fn === sn) {
      r = nodeHash(h, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, h);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('proof has too few elements');
  return r.equals(p.root) ? OK : fail('computed root does not match');
}

/** RFC 9162 §2.1.4.2, plus transparency-dev's handling of size1 = 0 and size1 = size2. */
export function verifyConsistency(p: ConsistencyProof): VerifyResult {
  if (!validSize(p.size1) || !validSize(p.size2)) return fail('size1 and size2 must be non-negative safe integers');
  if (p.size2 < p.size1) return fail(`size2 ${p.size2} < size1 ${p.size1}`);
  const bad = badHash({ root1: p.root1, root2: p.root2 }, p.proof);
  if (bad) return fail(bad);
  if (p.size1 === p.size2) {
    if (p.proof.length > 0) return fail('size1 = size2 but proof is not empty');
    return p.root1.equals(p.root2) ? OK : fail('size1 = size2 but roots differ');
  }
  if (p.size1 === 0) {
    // Every tree extends the empty tree; as in transparency-dev, root1 is not inspected.
    return p.proof.length > 0 ? fail('size1 = 0 requires an empty proof') : OK;
  }
  if (p.proof.length === 0) return fail('empty proof');
  const path = isPowerOfTwo(p.size1) ? [p.root1, ...p.proof] : p.proof;
  let fn = p.size1 - 1;
  let sn = p.size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Buffer;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('proof has too many elements');
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('proof has too few elements');
  if (!fr.equals(p.root1)) return fail('computed root1 does not match');
  return sr.equals(p.root2) ? OK : fail('computed root2 does not match');
}
