import fc from 'fast-check';
import {
  consistencyProof,
  consistencyProofFromNodes,
  inclusionProof,
  inclusionProofFromNodes,
  merkleRoot,
  MerkleFrontier,
  perfectSubtrees,
  planConsistencyProof,
  planInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from '../../../pipelines/audit';
import { consistencyShape, inclusionShape, nodeStoreFor, syntheticLeaves } from './merkle-fixtures';

const MAX = 300;
const leaves = syntheticLeaves(MAX, 'prop');
const store = nodeStoreFor(leaves);
const roots = (() => {
  const f = new MerkleFrontier();
  const out = [f.root()];
  for (const h of leaves) {
    f.append(h);
    out.push(f.root());
  }
  return out;
})();

const sizeAndIndex = fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 })));
const sizePair = fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
const corrupt = (h: Buffer, byte: number, bit: number): Buffer => {
  const c = Buffer.from(h);
  c[byte % 32] = (c[byte % 32] as number) ^ (1 << bit);
  return c;
};

describe('Merkle properties (random sizes up to 300)', () => {
  it('node-store proofs equal the RFC recursion for every index and size1 of small trees', () => {
    const hex = (proof: Buffer[]): string => proof.map((h) => h.toString('hex')).join(',');
    const wrong: string[] = [];
    for (let n = 1; n <= 64; n += 1) {
      const prefix = leaves.slice(0, n);
      for (let i = 0; i < n; i += 1) {
        if (hex(inclusionProofFromNodes(i, n, store)) !== hex(inclusionProof(prefix, i))) wrong.push(`inclusion ${i}/${n}`);
      }
      for (let m = 0; m <= n; m += 1) {
        if (hex(consistencyProofFromNodes(m, n, store)) !== hex(consistencyProof(prefix, m))) wrong.push(`consistency ${m}/${n}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('inclusion proofs verify, and any corruption or shape-changing alteration fails', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(), fc.integer({ min: 0, max: 7 }), fc.nat(), fc.nat({ max: 2 * MAX }), ([n, i], byte, bit, pick, other) => {
        const proof = inclusionProofFromNodes(i, n, store);
        const base = { leafIdx: i, treeSize: n, root: roots[n]!, leafHash: leaves[i]!, proof };
        expect(proof).toEqual(inclusionProof(leaves.slice(0, n), i));
        expect(verifyInclusion(base).ok).toBe(true);
        expect(verifyInclusion({ ...base, leafHash: corrupt(leaves[i]!, byte, bit) }).ok).toBe(false);
        expect(verifyInclusion({ ...base, root: corrupt(roots[n]!, byte, bit) }).ok).toBe(false);
        if (proof.length > 0) {
          const k = pick % proof.length;
          expect(verifyInclusion({ ...base, proof: proof.map((h, j) => (j === k ? corrupt(h, byte, bit) : h)) }).ok).toBe(false);
          expect(verifyInclusion({ ...base, proof: proof.filter((_, j) => j !== k) }).ok).toBe(false);
        }
        expect(verifyInclusion({ ...base, proof: [...proof, leaves[pick % MAX]!] }).ok).toBe(false);
        expect(verifyInclusion({ ...base, proof: [leaves[pick % MAX]!, ...proof] }).ok).toBe(false);
        const shape = inclusionShape(i, n);
        expect(verifyInclusion({ ...base, leafIdx: other }).ok).toBe(other === i);
        expect(verifyInclusion({ ...base, treeSize: other }).ok).toBe(inclusionShape(i, other) === shape);
      }),
      { numRuns: 400 },
    );
  });

  it('consistency proofs verify, and any corruption or shape-changing alteration fails', () => {
    fc.assert(
      fc.property(sizePair, fc.nat(), fc.integer({ min: 0, max: 7 }), fc.nat(), fc.nat({ max: MAX }), ([m, n], byte, bit, pick, other) => {
        const proof = consistencyProofFromNodes(m, n, store);
        const base = { size1: m, size2: n, root1: roots[m]!, root2: roots[n]!, proof };
        expect(proof).toEqual(consistencyProof(leaves.slice(0, n), m));
        expect(verifyConsistency(base).ok).toBe(true);
        if (m === 0 || m === n) return;
        expect(verifyConsistency({ ...base, root1: corrupt(roots[m]!, byte, bit) }).ok).toBe(false);
        expect(verifyConsistency({ ...base, root2: corrupt(roots[n]!, byte, bit) }).ok).toBe(false);
        const k = pick % proof.length;
        expect(verifyConsistency({ ...base, proof: proof.map((h, j) => (j === k ? corrupt(h, byte, bit) : h)) }).ok).toBe(false);
        expect(verifyConsistency({ ...base, proof: proof.filter((_, j) => j !== k) }).ok).toBe(false);
        expect(verifyConsistency({ ...base, proof: [...proof, roots[m]!] }).ok).toBe(false);
        expect(verifyConsistency({ ...base, proof: [roots[m]!, ...proof] }).ok).toBe(false);
        const shape = consistencyShape(m, n);
        expect(verifyConsistency({ ...base, size1: other }).ok).toBe(consistencyShape(other, n) === shape);
        expect(verifyConsistency({ ...base, size2: other }).ok).toBe(consistencyShape(m, other) === shape);
      }),
      { numRuns: 400 },
    );
  });

  it('plans touch O(log n) perfect nodes even for huge logs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: Number.MAX_SAFE_INTEGER }), fc.double({ min: 0, max: 1, noNaN: true }), (n, frac) => {
        const i = Math.min(n - 1, Math.floor(frac * n));
        const log = Math.ceil(Math.log2(n));
        const inc = planInclusionProof(i, n);
        expect(inc.ranges.length).toBeLessThanOrEqual(log);
        expect(inc.nodes.length).toBeLessThanOrEqual(2 * log);
        const con = planConsistencyProof(Math.max(1, i), n);
        expect(con.ranges.length).toBeLessThanOrEqual(log + 1);
        expect(con.nodes.length).toBeLessThanOrEqual(2 * log + 1);
        for (const r of [...inc.ranges, ...con.ranges]) expect(perfectSubtrees(r).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('frontier roots equal merkleRoot for random sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), (n) => {
        expect(roots[n]!.equals(merkleRoot(leaves.slice(0, n)))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
