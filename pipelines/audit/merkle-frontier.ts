/**
 * Merkle frontier (a compact range [0, size), as in transparency-dev's compact.Range or a CT log's
 * right border): the roots of the perfect subtrees matching the set bits of `size`, largest first.
 * Appending is a binary increment (amortised one node hash per leaf), the root at the current size
 * is a right-to-left fold of at most log2(size) hashes, and the whole state is at most 53 hashes,
 * so the anchoring job can persist it and resume without re-reading the log.
 */
import { assertHash, decodeHashBase64, emptyRoot, nodeHash, popCount, type NodeId } from './merkle-hash';

/** Receives every perfect subtree as it is completed (leaves included): the nodes worth storing. */
export type NodeSink = (id: NodeId, hash: Buffer) => void;

/** JSON-safe persisted form; `hashes` are base64, largest subtree first. */
export interface MerkleFrontierState {
  readonly size: number;
  readonly hashes: readonly string[];
}

export class MerkleFrontier {
  private count = 0;
  private readonly border: Buffer[] = [];

  /** Restores a frontier saved with {@link toState}; validates shape so a corrupt blob fails loudly. */
  static fromState(state: MerkleFrontierState): MerkleFrontier {
    if (!Number.isSafeInteger(state.size) || state.size < 0) {
      throw new RangeError('frontier state: size must be a non-negative safe integer');
    }
    if (!Array.isArray(state.hashes) || state.hashes.length !== popCount(state.size)) {
      throw new RangeError(`frontier state: size ${state.size} needs exactly ${popCount(state.size)} hashes`);
    }
    const f = new MerkleFrontier();
    state.hashes.forEach((s, i) => {
      const h = typeof s === 'string' ? decodeHashBase64(s) : null;
      if (!h) throw new RangeError(`frontier state: hashes[${i}] is not a base64 32-byte hash`);
      f.border.push(h);
    });
    f.count = state.size;
    return f;
  }

  static fromLeafHashes(leafHashes: readonly Buffer[]): MerkleFrontier {
    const f = new MerkleFrontier();
    for (const h of leafHashes) f.append(h);
    return f;
  }

  get size(): number {
    return this.count;
  }

  /** Appends leaf number `size`; `onNode` sees the leaf and each perfect subtree it completes. */
  append(leafHash: Buffer, onNode?: NodeSink): void {
    assertHash(leafHash, 'leafHash');
    if (this.count >= Number.MAX_SAFE_INTEGER) throw new RangeError('frontier is full');
    let h = leafHash;
    let level = 0;
    let index = this.count;
    onNode?.({ level, index }, h);
    // Each trailing 1-bit of the old size is a perfect sibling on the left that now has a partner.
    for (let bits = this.count; bits % 2 === 1; bits = (bits - 1) / 2) {
      h = nodeHash(this.border.pop() as Buffer, h);
      level += 1;
      index = Math.floor(index / 2);
      onNode?.({ level, index }, h);
    }
    this.border.push(h);
    this.count += 1;
  }

  /** MTH of the first `size` leaves; equals merkleRoot() of the same leaves. */
  root(): Buffer {
    const n = this.border.length;
    if (n === 0) return emptyRoot();
    let h = this.border[n - 1] as Buffer;
    for (let i = n - 2; i >= 0; i -= 1) h = nodeHash(this.border[i] as Buffer, h);
    return h;
  }

  /** The perfect subtree roots, largest (leftmost) first. Copies, so callers cannot corrupt state. */
  borderHashes(): Buffer[] {
    return this.border.map((h) => Buffer.from(h));
  }

  toState(): MerkleFrontierState {
    return { size: this.count, hashes: this.border.map((h) => h.toString('base64')) };
  }

  clone(): MerkleFrontier {
    return MerkleFrontier.fromState(this.toState());
  }
}
