import {
  assembleProof,
  leafHash,
  nodeHash,
  perfectSubtrees,
  planConsistencyProof,
  planInclusionProof,
  type ConsistencyProof,
  type InclusionProof,
} from '../../pipelines/audit';
import type { AnchorStore, StoredAnchor } from './anchor.store';
import type { EventHashesReader } from './event-hashes.reader';
import type { MerkleNodeStore } from './merkle-node.store';

export interface ProofDeps {
  readonly events: EventHashesReader;
  readonly nodes: MerkleNodeStore;
  readonly anchors: AnchorStore;
}

/** A request the log cannot answer (unknown event, not yet anchored, bad sizes): exit 1, not a crash. */
export class ProofUnavailableError extends Error {}

/**
 * Inclusion proof of an event against the tenant's latest signed tree head. The leaf is
 * leafHash(event hash bytes), so an auditor recomputes it from the row's `hash` column alone.
 */
export async function proveEvent(deps: ProofDeps, tenantId: string, eventId: string): Promise<{ proof: InclusionProof; anchor: StoredAnchor }> {
  const anchor = await deps.anchors.find(tenantId);
  if (!anchor) throw new ProofUnavailableError(`tenant ${tenantId} has no signed tree head yet; run \`sentinel audit anchor\``);
  const found = await deps.events.findEvent(tenantId, eventId);
  if (found.length === 0) throw new ProofUnavailableError(`event ${eventId} is not in tenant ${tenantId}'s audit log`);
  if (found.length > 1) throw new ProofUnavailableError(`event ${eventId} is stored ${found.length} times (forged log?)`);
  const { seq, hash } = found[0]!;
  if (seq >= anchor.treeSize) {
    throw new ProofUnavailableError(`event ${eventId} (seq ${seq}) is after the latest tree head (size ${anchor.treeSize}); anchor again`);
  }
  const plan = planInclusionProof(seq, anchor.treeSize);
  const proofHashes = assembleProof(plan, await deps.nodes.get(tenantId, plan.nodes));
  return { proof: { leafIdx: seq, treeSize: anchor.treeSize, root: anchor.rootHash, leafHash: leafHash(hash), proof: proofHashes }, anchor };
}

/** Root of the first `size` leaves from stored nodes (the binary digits of size, folded right to left). */
export async function rootAt(deps: ProofDeps, tenantId: string, size: number): Promise<Buffer> {
  const ids = perfectSubtrees({ start: 0, end: size });
  const hashes = await deps.nodes.get(tenantId, ids);
  let h = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i -= 1) h = nodeHash(hashes[i]!, h);
  return h;
}

/** Consistency proof between two sizes up to the latest signed tree head (default `to`: that head). */
export async function proveConsistency(deps: ProofDeps, tenantId: string, from: number, to?: number): Promise<{ proof: ConsistencyProof; anchor: StoredAnchor }> {
  const anchor = await deps.anchors.find(tenantId);
  if (!anchor) throw new ProofUnavailableError(`tenant ${tenantId} has no signed tree head yet`);
  const size2 = to ?? anchor.treeSize;
  if (!Number.isSafeInteger(from) || from < 1 || size2 < from || size2 > anchor.treeSize) {
    throw new ProofUnavailableError(`need 1 <= from <= to <= ${anchor.treeSize} (latest signed size)`);
  }
  const plan = planConsistencyProof(from, size2);
  const proofHashes = assembleProof(plan, await deps.nodes.get(tenantId, plan.nodes));
  const root2 = size2 === anchor.treeSize ? anchor.rootHash : await rootAt(deps, tenantId, size2);
  return { proof: { size1: from, size2, root1: await rootAt(deps, tenantId, from), root2, proof: proofHashes }, anchor };
}
