/**
 * Reference RFC 6962 §2.1 algorithms over an in-memory array of leaf hashes: MTH, PATH and
 * PROOF/SUBPROOF, written as the direct recursions from the RFC so they can serve as the oracle
 * for the O(log n) implementations (merkle-frontier, merkle-proof-plan). Cost is O(n) hashing;
 * use them for small trees and tests, not for proofs over a production-sized log.
 */
import { assertHash, assertSize, emptyRoot, nodeHash, splitPoint } from './merkle-hash';

/** MTH(D[n]) over already leaf-hashed entries; the empty tree hashes to SHA-256(""). */
export function merkleRoot(leafHashes: readonly Buffer[]): Buffer {
  leafHashes.forEach((h, i) => assertHash(h, `leafHashes[${i}]`));
  if (leafHashes.length === 0) return emptyRoot();
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

/** MTH(D[start:end]) for 0 <= start < end <= length (no validation: internal hot path). */
export function subtreeRoot(leafHashes: readonly Buffer[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 1) return leafHashes[start] as Buffer;
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(leafHashes, start, start + k), subtreeRoot(leafHashes, start + k, end));
}

/** PATH(index, D[n]) of RFC 6962 §2.1.1: audit path from the leaf up to the root. */
export function inclusionProof(leafHashes: readonly Buffer[], index: number): Buffer[] {
  assertSize(index, 'index');
  if (index >= leafHashes.length) {
    throw new RangeError(`index ${index} is not in a tree of size ${leafHashes.length}`);
  }
  const out: Buffer[] = [];
  path(leafHashes, index, 0, leafHashes.length, out);
  return out;
}

function path(leaves: readonly Buffer[], m: number, start: number, end: number, out: Buffer[]): void {
  const n = end - start;
  if (n <= 1) return;
  const k = splitPoint(n);
  if (m < k) {
    path(leaves, m, start, start + k, out);
    out.push(subtreeRoot(leaves, start + k, end));
  } else {
    path(leaves, m - k, start + k, end, out);
    out.push(subtreeRoot(leaves, start, start + k));
  }
}

/**
 * PROOF(m, D[n]) of RFC 6962 §2.1.2 where n = leafHashes.length. As in transparency-dev/merkle,
 * m = 0 and m = n yield the empty proof (nothing needs proving).
 */
export function consistencyProof(leafHashes: readonly Buffer[], m: number): Buffer[] {
  assertSize(m, 'size1');
  const n = leafHashes.length;
  if (m > n) throw new RangeError(`size1 ${m} exceeds tree size ${n}`);
  const out: Buffer[] = [];
  if (m === 0 || m === n) return out;
  subproof(leafHashes, m, 0, n, true, out);
  return out;
}

function subproof(leaves: readonly Buffer[], m: number, start: number, end: number, b: boolean, out: Buffer[]): void {
  const n = end - start;
  if (m === n) {
    // The old tree is exactly this subtree; its root is already known to the verifier only if
    // it is the whole old tree (b = true).
    if (!b) out.push(subtreeRoot(leaves, start, end));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(leaves, m, start, start + k, b, out);
    out.push(subtreeRoot(leaves, start + k, end));
  } else {
    subproof(leaves, m - k, start + k, end, false, out);
    out.push(subtreeRoot(leaves, start, start + k));
  }
}
