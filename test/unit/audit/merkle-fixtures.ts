/** Shared RFC 6962 test vectors (transparency-dev/merkle testonly) and helpers for the audit tests. */
import { createHash } from 'node:crypto';
import { leafHash, MerkleFrontier, nodeKey, planConsistencyProof, planInclusionProof, type NodeId, type NodeSource } from '../../../pipelines/audit';

export const LEAF_DATA_HEX = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
export const LEAF_HASHES = LEAF_DATA_HEX.map((h) => leafHash(Buffer.from(h, 'hex')));

/** Root of the first N leaves, N = 1..8. */
export const REFERENCE_ROOTS_HEX = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

export const b64 = (s: string): Buffer => Buffer.from(s, 'base64');

/** Deterministic pseudo-random leaf hashes for large trees. */
export function syntheticLeaves(n: number, salt = ''): Buffer[] {
  return Array.from({ length: n }, (_, i) => leafHash(createHash('sha256').update(`${salt}:${i}`).digest()));
}

/** In-memory node store fed by MerkleFrontier.append's NodeSink, as the anchoring job would do. */
export function nodeStoreFor(leaves: readonly Buffer[]): NodeSource {
  const store = new Map<string, Buffer>();
  const f = new MerkleFrontier();
  for (const h of leaves) f.append(h, (id: NodeId, hash: Buffer) => store.set(nodeKey(id), hash));
  return (ids) =>
    ids.map((id) => {
      const h = store.get(nodeKey(id));
      if (!h) throw new Error(`node ${nodeKey(id)} not stored`);
      return h;
    });
}

/**
 * Which side each inclusion-proof element sits on (L: left sibling, R: right sibling). The RFC 9162
 * verifier's computation depends only on this sequence, so a proof verifies under altered
 * (index, size) exactly when this shape is unchanged: the proof itself does not commit to the
 * size, the signed tree head does.
 */
export function inclusionShape(index: number, size: number): string | null {
  if (index >= size) return null;
  return planInclusionProof(index, size)
    .ranges.map((r) => (r.end <= index ? 'L' : 'R'))
    .join('');
}

/** Consistency analogue: P when root1 is the implicit seed, T the seed subtree, L/R siblings. */
export function consistencyShape(size1: number, size2: number): string | null {
  if (size1 === 0 || size1 >= size2) return null;
  const ranges = planConsistencyProof(size1, size2).ranges;
  const body = ranges.map((r) => (r.end < size1 ? 'L' : r.end === size1 ? 'T' : 'R')).join('');
  return body.startsWith('T') ? body : `P${body}`;
}
