/**
 * Proof generation for large logs without loading the leaves. A proof is first *planned*: the
 * RFC 6962 PATH/SUBPROOF recursions are run on sizes only, yielding the subtree ranges whose roots
 * form the proof. Each range is an RFC 6962 subtree, i.e. a run of perfect aligned subtrees of
 * strictly decreasing size (only a range touching the right edge of the tree is not itself perfect),
 * so the plan also lists the O(log n) perfect nodes ({@link NodeId}) to fetch. Perfect nodes never
 * change once complete, so they can be stored as the MerkleFrontier emits them and fetched in one
 * batch (e.g. one ClickHouse query); {@link assembleProof} then folds them into proof hashes.
 */
import { assertHash, assertSize, nodeHash, splitPoint, type NodeId } from './merkle-hash';

/** Leaves [start, end) of an RFC 6962 subtree. */
export interface SubtreeRange {
  readonly start: number;
  readonly end: number;
}

export interface ProofPlan {
  /** One range per proof element, in proof order. */
  readonly ranges: readonly SubtreeRange[];
  /** Distinct perfect nodes needed to compute all ranges. */
  readonly nodes: readonly NodeId[];
}

/** Batch lookup of stored perfect-subtree hashes, returned in the order requested. */
export type NodeSource = (ids: readonly NodeId[]) => readonly Buffer[];

export const nodeKey = (id: NodeId): string => `${id.level}:${id.index}`;

/** Perfect aligned subtrees covering an RFC 6962 subtree range, left to right (largest first). */
export function perfectSubtrees(range: SubtreeRange): NodeId[] {
  const out: NodeId[] = [];
  let prev = Infinity;
  for (let s = range.start; s < range.end; ) {
    let width = 1;
    let level = 0;
    while (width * 2 <= range.end - s && s % (width * 2) === 0) {
      width *= 2;
      level += 1;
    }
    // Decreasing widths are what makes the right-to-left fold equal MTH; anything else is not a node.
    if (width >= prev) throw new RangeError(`[${range.start}, ${range.end}) is not an RFC 6962 subtree`);
    out.push({ level, index: s / width });
    prev = width;
    s += width;
  }
  return out;
}

export function planInclusionProof(index: number, size: number): ProofPlan {
  assertSize(index, 'index');
  assertSize(size, 'size');
  if (index >= size) throw new RangeError(`index ${index} is not in a tree of size ${size}`);
  const ranges: SubtreeRange[] = [];
  // PATH(m, D[start:end]) from RFC 6962 §2.1.1, unrolled: siblings are collected root-first.
  let m = index;
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
    }
  }
  return withNodes(ranges.reverse());
}

/** SUBPROOF of RFC 6962 §2.1.2; empty for size1 = 0 or size1 = size2 (as transparency-dev). */
export function planConsistencyProof(size1: number, size2: number): ProofPlan {
  assertSize(size1, 'size1');
  assertSize(size2, 'size2');
  if (size1 > size2) throw new RangeError(`size1 ${size1} exceeds size2 ${size2}`);
  const ranges: SubtreeRange[] = [];
  if (size1 === 0 || size1 === size2) return withNodes(ranges);
  let m = size1;
  let start = 0;
  let end = size2;
  let b = true;
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
      b = false;
    }
  }
  if (!b) ranges.push({ start, end });
  return withNodes(ranges.reverse());
}

function withNodes(ranges: SubtreeRange[]): ProofPlan {
  const nodes = new Map<string, NodeId>();
  for (const r of ranges) for (const id of perfectSubtrees(r)) nodes.set(nodeKey(id), id);
  return { ranges, nodes: [...nodes.values()] };
}

/** Turns fetched node hashes (aligned with plan.nodes) into the proof hashes. */
export function assembleProof(plan: ProofPlan, nodeHashes: readonly Buffer[]): Buffer[] {
  if (nodeHashes.length !== plan.nodes.length) {
    throw new RangeError(`expected ${plan.nodes.length} node hashes, got ${nodeHashes.length}`);
  }
  const byKey = new Map<string, Buffer>();
  plan.nodes.forEach((id, i) => {
    const h = nodeHashes[i] as Buffer;
    assertHash(h, `node ${nodeKey(id)}`);
    byKey.set(nodeKey(id), h);
  });
  return plan.ranges.map((r) => {
    const parts = perfectSubtrees(r).map((id) => byKey.get(nodeKey(id)) as Buffer);
    let h = parts[parts.length - 1] as Buffer;
    for (let i = parts.length - 2; i >= 0; i -= 1) h = nodeHash(parts[i] as Buffer, h);
    return h;
  });
}

export function inclusionProofFromNodes(index: number, size: number, source: NodeSource): Buffer[] {
  const plan = planInclusionProof(index, size);
  return assembleProof(plan, source(plan.nodes));
}

export function consistencyProofFromNodes(size1: number, size2: number, source: NodeSource): Buffer[] {
  const plan = planConsistencyProof(size1, size2);
  return assembleProof(plan, source(plan.nodes));
}
