import {
  consistencyProof,
  emptyRoot,
  inclusionProof,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
  type ConsistencyProof,
  type InclusionProof,
} from '../../../pipelines/audit';
import { b64, consistencyShape, inclusionShape, LEAF_HASHES, REFERENCE_ROOTS_HEX } from './merkle-fixtures';

const flipped = (h: Buffer, byte: number, bit: number): Buffer => {
  const c = Buffer.from(h);
  c[byte] = (c[byte] as number) ^ (1 << bit);
  return c;
};

/** Every single-bit corruption of a 32-byte hash. */
function* bitFlips(h: Buffer): Generator<Buffer> {
  for (let byte = 0; byte < h.length; byte += 1) for (let bit = 0; bit < 8; bit += 1) yield flipped(h, byte, bit);
}

describe('RFC 6962 reference vectors', () => {
  it('hashes the empty tree and the reference leaves', () => {
    expect(emptyRoot().toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(LEAF_HASHES[0]!.toString('base64')).toBe('bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=');
  });

  it.each(REFERENCE_ROOTS_HEX.map((root, i) => [i + 1, root]))('root of the first %i leaves is %s', (n, root) => {
    expect(merkleRoot(LEAF_HASHES.slice(0, n as number)).toString('hex')).toBe(root);
  });
});

describe('inclusion proof for leaf 0 in the tree of 8', () => {
  const good: InclusionProof = {
    leafIdx: 0,
    treeSize: 8,
    leafHash: b64('bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0='),
    root: b64('XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg='),
    proof: [
      b64('lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c='),
      b64('Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4='),
      b64('a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ='),
    ],
  };
  const ok = (p: Partial<InclusionProof>): boolean => verifyInclusion({ ...good, ...p }).ok;

  it('is what inclusionProof generates, and verifies', () => {
    expect(inclusionProof(LEAF_HASHES, 0)).toEqual(good.proof);
    expect(verifyInclusion(good)).toEqual({ ok: true });
  });

  it('fails for every single-bit change of leafHash, root and each proof element', () => {
    const variants: Partial<InclusionProof>[] = [];
    for (const leafHash of bitFlips(good.leafHash)) variants.push({ leafHash });
    for (const root of bitFlips(good.root)) variants.push({ root });
    good.proof.forEach((el, i) => {
      for (const h of bitFlips(el)) variants.push({ proof: good.proof.map((x, j) => (j === i ? h : x)) });
    });
    expect(variants).toHaveLength(5 * 256);
    expect(variants.filter(ok)).toHaveLength(0);
  });

  it('fails for every other index 0..15', () => {
    for (let leafIdx = 1; leafIdx < 16; leafIdx += 1) expect(ok({ leafIdx })).toBe(false);
  });

  it('fails for other sizes except those with an identical proof shape (5..7, RFC 9162 property)', () => {
    const accepted = [];
    for (let treeSize = 0; treeSize <= 40; treeSize += 1) {
      const pass = ok({ treeSize });
      expect(pass).toBe(inclusionShape(0, treeSize) === inclusionShape(0, 8));
      if (pass) accepted.push(treeSize);
    }
    // The real roots of sizes 5..7 differ, so only a signed head with a wrong root could exploit this.
    expect(accepted).toEqual([5, 6, 7, 8]);
    for (const treeSize of [-1, 8.5, Number.NaN, 2 ** 53]) expect(ok({ treeSize })).toBe(false);
  });

  it('fails when proof elements are dropped, duplicated, added, reordered or malformed', () => {
    const p = good.proof;
    const variants: Buffer[][] = [
      [],
      p.slice(1),
      p.slice(0, 2),
      [p[0]!, p[2]!],
      [...p, p[2]!],
      [p[0]!, ...p],
      [...p, Buffer.alloc(32)],
      [Buffer.alloc(32), ...p],
      [p[1]!, p[0]!, p[2]!],
      [p[0]!, p[1]!, Buffer.concat([p[2]!, Buffer.alloc(1)])],
      [p[0]!, p[1]!, p[2]!.subarray(1)],
      [Buffer.alloc(0), ...p],
    ];
    for (const proof of variants) expect(ok({ proof })).toBe(false);
    expect(ok({ root: LEAF_HASHES[0]! })).toBe(false);
    expect(ok({ root: emptyRoot() })).toBe(false);
  });
});

describe('proofs over the reference tree', () => {
  it('every inclusion proof for sizes 1..8 verifies, and fails for any other index', () => {
    for (let n = 1; n <= 8; n += 1) {
      const leaves = LEAF_HASHES.slice(0, n);
      const root = Buffer.from(REFERENCE_ROOTS_HEX[n - 1]!, 'hex');
      for (let i = 0; i < n; i += 1) {
        const proof = inclusionProof(leaves, i);
        expect(verifyInclusion({ leafIdx: i, treeSize: n, root, leafHash: leaves[i]!, proof }).ok).toBe(true);
        for (let j = 0; j < 16; j += 1) {
          if (j !== i) expect(verifyInclusion({ leafIdx: j, treeSize: n, root, leafHash: leaves[i]!, proof }).ok).toBe(false);
        }
      }
    }
  });

  it('consistency proofs between all pairs of sizes 1..8 verify; tampering fails', () => {
    // Outcomes are collected and compared once: hundreds of thousands of expect() calls are slow.
    const wrong: string[] = [];
    const check = (label: string, p: ConsistencyProof, want: boolean): void => {
      if (verifyConsistency(p).ok !== want) wrong.push(`${label}: expected ${want ? 'ok' : 'failure'}`);
    };
    for (let m = 1; m <= 8; m += 1) {
      for (let n = m; n <= 8; n += 1) {
        const root1 = Buffer.from(REFERENCE_ROOTS_HEX[m - 1]!, 'hex');
        const root2 = Buffer.from(REFERENCE_ROOTS_HEX[n - 1]!, 'hex');
        const proof = consistencyProof(LEAF_HASHES.slice(0, n), m);
        const base = { size1: m, size2: n, root1, root2, proof };
        const at = `(${m},${n})`;
        check(`${at} valid`, base, true);
        for (const r of bitFlips(root1)) check(`${at} root1 flip`, { ...base, root1: r }, false);
        for (const r of bitFlips(root2)) check(`${at} root2 flip`, { ...base, root2: r }, false);
        proof.forEach((el, i) => {
          for (const h of bitFlips(el)) check(`${at} proof[${i}] flip`, { ...base, proof: proof.map((x, j) => (j === i ? h : x)) }, false);
        });
        for (let k = 0; k <= proof.length; k += 1) {
          if (k < proof.length) check(`${at} drop ${k}`, { ...base, proof: [...proof.slice(0, k), ...proof.slice(k + 1)] }, false);
          check(`${at} add at ${k}`, { ...base, proof: [...proof.slice(0, k), root1, ...proof.slice(k)] }, false);
        }
        for (let s1 = 0; s1 <= 16; s1 += 1) {
          for (let s2 = 0; s2 <= 16; s2 += 1) {
            if (s1 === m && s2 === n) continue;
            // Equal sizes need an empty proof and equal roots; size1 = 0 needs an empty proof.
            const trivial = m === n && (s1 === s2 || (s1 === 0 && s2 > 0));
            const sameShape = m < n && consistencyShape(s1, s2) === consistencyShape(m, n);
            check(`${at} sizes (${s1},${s2})`, { ...base, size1: s1, size2: s2 }, trivial || sameShape);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('handles size1 = 0 and size1 = size2 as transparency-dev does', () => {
    const r = (n: number): Buffer => Buffer.from(REFERENCE_ROOTS_HEX[n - 1]!, 'hex');
    expect(consistencyProof(LEAF_HASHES, 0)).toEqual([]);
    expect(consistencyProof(LEAF_HASHES, 8)).toEqual([]);
    expect(verifyConsistency({ size1: 0, size2: 8, root1: emptyRoot(), root2: r(8), proof: [] }).ok).toBe(true);
    expect(verifyConsistency({ size1: 0, size2: 8, root1: emptyRoot(), root2: r(8), proof: [r(1)] }).ok).toBe(false);
    expect(verifyConsistency({ size1: 0, size2: 0, root1: emptyRoot(), root2: emptyRoot(), proof: [] }).ok).toBe(true);
    expect(verifyConsistency({ size1: 5, size2: 5, root1: r(5), root2: r(5), proof: [] }).ok).toBe(true);
    expect(verifyConsistency({ size1: 5, size2: 5, root1: r(5), root2: r(6), proof: [] }).ok).toBe(false);
    expect(verifyConsistency({ size1: 5, size2: 5, root1: r(5), root2: r(5), proof: [r(1)] }).ok).toBe(false);
    expect(verifyConsistency({ size1: 6, size2: 5, root1: r(6), root2: r(5), proof: [] }).ok).toBe(false);
    expect(verifyConsistency({ size1: 3, size2: 5, root1: r(3), root2: r(5), proof: [] }).ok).toBe(false);
  });
});
