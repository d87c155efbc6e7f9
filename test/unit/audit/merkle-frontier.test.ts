import { consistencyProof, inclusionProof, merkleRoot, MerkleFrontier, nodeKey, subtreeRoot } from '../../../pipelines/audit';
import { LEAF_HASHES, REFERENCE_ROOTS_HEX, syntheticLeaves } from './merkle-fixtures';

describe('MerkleFrontier', () => {
  const leaves = syntheticLeaves(300);

  it('matches merkleRoot for every size 0..300', () => {
    const f = new MerkleFrontier();
    expect(f.root().equals(merkleRoot([]))).toBe(true);
    leaves.forEach((h, i) => {
      f.append(h);
      expect(f.size).toBe(i + 1);
      expect(f.root().toString('hex')).toBe(merkleRoot(leaves.slice(0, i + 1)).toString('hex'));
    });
  });

  it('reproduces the RFC 6962 reference roots', () => {
    const f = new MerkleFrontier();
    LEAF_HASHES.forEach((h, i) => {
      f.append(h);
      expect(f.root().toString('hex')).toBe(REFERENCE_ROOTS_HEX[i]);
    });
  });

  it('survives a JSON round trip at every size and continues identically', () => {
    const live = new MerkleFrontier();
    for (let i = 0; i < 130; i += 1) {
      const restored = MerkleFrontier.fromState(JSON.parse(JSON.stringify(live.toState())));
      expect(restored.size).toBe(live.size);
      restored.append(leaves[i]!);
      live.append(leaves[i]!);
      expect(restored.root().equals(live.root())).toBe(true);
      expect(live.toState().hashes.length).toBeLessThanOrEqual(8);
    }
  });

  it('emits each perfect subtree exactly once with its MTH', () => {
    const seen = new Map<string, Buffer>();
    const f = new MerkleFrontier();
    for (const h of leaves.slice(0, 100)) {
      f.append(h, (id, hash) => {
        expect(seen.has(nodeKey(id))).toBe(false);
        seen.set(nodeKey(id), hash);
        const width = 2 ** id.level;
        expect(hash.equals(subtreeRoot(leaves, id.index * width, (id.index + 1) * width))).toBe(true);
      });
    }
    // 100 leaves + 50 + 25 + 12 + 6 + 3 + 1 perfect nodes.
    expect(seen.size).toBe(197);
  });

  it('rejects corrupt or inconsistent state', () => {
    const state = MerkleFrontier.fromLeafHashes(leaves.slice(0, 5)).toState();
    expect(state.hashes).toHaveLength(2);
    expect(() => MerkleFrontier.fromState({ ...state, size: 7 })).toThrow(/exactly 3 hashes/);
    expect(() => MerkleFrontier.fromState({ ...state, size: -1 })).toThrow(/size/);
    expect(() => MerkleFrontier.fromState({ size: 5, hashes: [state.hashes[0]!, 'AAAA'] })).toThrow(/hashes\[1\]/);
    expect(() => MerkleFrontier.fromState({ size: 5, hashes: [state.hashes[0]!, state.hashes[1]!.replace('=', '')] })).toThrow();
    expect(() => new MerkleFrontier().append(Buffer.alloc(31))).toThrow(/32 bytes/);
  });

  it('does not expose internal buffers', () => {
    const f = MerkleFrontier.fromLeafHashes(leaves.slice(0, 3));
    const before = f.root();
    f.borderHashes()[0]!.fill(0);
    expect(f.root().equals(before)).toBe(true);
    const c = f.clone();
    c.append(leaves[3]!);
    expect(f.size).toBe(3);
  });
});

describe('array-based proofs', () => {
  it('reject out-of-range arguments', () => {
    expect(() => inclusionProof(LEAF_HASHES, 8)).toThrow(RangeError);
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
    expect(() => consistencyProof(LEAF_HASHES, 9)).toThrow(RangeError);
    expect(() => merkleRoot([Buffer.alloc(3)])).toThrow(/32 bytes/);
  });
});
