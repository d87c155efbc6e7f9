/**
 * Public API of the audit integrity layer: canonical JSON, per-tenant hash chains, RFC 6962
 * Merkle trees (roots, proofs, verification, frontier) and signed tree heads. Pure: node:crypto only.
 */
export { canonicalize, canonicalBytes, serializeNumber, serializeString, CanonicalJsonError } from './canonical-json';
export type { JsonValue } from './canonical-json';
export { chainHash, hashableEvent, GENESIS_PREV_HASH, HASH_SIZE } from './hash-chain';
export type { AuditEvent } from './hash-chain';
export { ChainVerifier } from './chain-verifier';
export type { ChainRow, ChainBreak, ChainBreakReason, ChainVerifierOptions } from './chain-verifier';
export { leafHash, nodeHash, emptyRoot, decodeHashBase64, MERKLE_HASH_SIZE } from './merkle-hash';
export type { NodeId } from './merkle-hash';
export { merkleRoot, subtreeRoot, inclusionProof, consistencyProof } from './merkle-tree';
export { verifyInclusion, verifyConsistency } from './merkle-verify';
export type { InclusionProof, ConsistencyProof, VerifyResult } from './merkle-verify';
export {
  parseInclusionProofJson,
  parseConsistencyProofJson,
  toInclusionProofJson,
  toConsistencyProofJson,
  ProofJsonError,
} from './merkle-proof-json';
export { MerkleFrontier } from './merkle-frontier';
export type { MerkleFrontierState, NodeSink } from './merkle-frontier';
export {
  planInclusionProof,
  planConsistencyProof,
  perfectSubtrees,
  assembleProof,
  inclusionProofFromNodes,
  consistencyProofFromNodes,
  nodeKey,
} from './merkle-proof-plan';
export type { SubtreeRange, ProofPlan, NodeSource } from './merkle-proof-plan';
export {
  encodeTreeHead,
  decodeTreeHead,
  signTreeHead,
  verifyTreeHead,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyFromRaw,
  ed25519RawPublicKey,
} from './tree-head';
export type { TreeHead, SignedTreeHead, Ed25519KeyInput } from './tree-head';
