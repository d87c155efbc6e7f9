/**
 * JSON encoding of proofs in the transparency-dev/merkle test-data layout (base64 hashes):
 *   inclusion   {"leafIdx","treeSize","root","leafHash","proof":[...]}
 *   consistency {"size1","size2","root1","root2","proof":[...]}
 * Parsing is strict because these documents are handed to auditors and third parties: unknown
 * fields, non-canonical base64, wrong hash lengths and non-integer sizes are errors rather than
 * being coerced. "desc" and "wantErr" are tolerated so transparency-dev vectors load unchanged, and
 * "proof": null is read as the empty proof, as Go's encoding/json writes it.
 */
import { decodeHashBase64, MERKLE_HASH_SIZE } from './merkle-hash';
import type { ConsistencyProof, InclusionProof } from './merkle-verify';

export class ProofJsonError extends Error {
  constructor(message: string) {
    super(`proof JSON: ${message}`);
    this.name = 'ProofJsonError';
  }
}

const OPTIONAL_KEYS = ['desc', 'wantErr'];

export function parseInclusionProofJson(text: string): InclusionProof {
  const o = parseObject(text, ['leafIdx', 'treeSize', 'root', 'leafHash', 'proof']);
  return {
    leafIdx: readSize(o, 'leafIdx'),
    treeSize: readSize(o, 'treeSize'),
    root: readHash(o.root, 'root'),
    leafHash: readHash(o.leafHash, 'leafHash'),
    proof: readProof(o.proof),
  };
}

export function parseConsistencyProofJson(text: string): ConsistencyProof {
  const o = parseObject(text, ['size1', 'size2', 'root1', 'root2', 'proof']);
  return {
    size1: readSize(o, 'size1'),
    size2: readSize(o, 'size2'),
    root1: readHash(o.root1, 'root1'),
    root2: readHash(o.root2, 'root2'),
    proof: readProof(o.proof),
  };
}

export function toInclusionProofJson(p: InclusionProof): string {
  return JSON.stringify({
    leafIdx: p.leafIdx,
    treeSize: p.treeSize,
    root: b64(p.root),
    leafHash: b64(p.leafHash),
    proof: p.proof.map(b64),
  });
}

export function toConsistencyProofJson(p: ConsistencyProof): string {
  return JSON.stringify({
    size1: p.size1,
    size2: p.size2,
    root1: b64(p.root1),
    root2: b64(p.root2),
    proof: p.proof.map(b64),
  });
}

function b64(h: Buffer): string {
  return h.toString('base64');
}

function parseObject(text: string, required: readonly string[]): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ProofJsonError(`not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProofJsonError('top level must be an object');
  }
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!required.includes(key) && !OPTIONAL_KEYS.includes(key)) throw new ProofJsonError(`unknown field "${key}"`);
  }
  for (const key of required) {
    if (!(key in o)) throw new ProofJsonError(`missing field "${key}"`);
  }
  if (o.desc !== undefined && typeof o.desc !== 'string') throw new ProofJsonError('"desc" must be a string');
  if (o.wantErr !== undefined && typeof o.wantErr !== 'boolean') throw new ProofJsonError('"wantErr" must be a boolean');
  return o;
}

function readSize(o: Record<string, unknown>, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new ProofJsonError(`"${key}" must be a non-negative safe integer`);
  }
  return v;
}

function readHash(v: unknown, name: string): Buffer {
  if (typeof v !== 'string') throw new ProofJsonError(`${name} must be a base64 string`);
  const bytes = decodeHashBase64(v);
  if (!bytes) throw new ProofJsonError(`${name} must be canonical padded base64 of ${MERKLE_HASH_SIZE} bytes`);
  return bytes;
}

function readProof(v: unknown): Buffer[] {
  if (v === null) return [];
  if (!Array.isArray(v)) throw new ProofJsonError('"proof" must be an array of base64 hashes or null');
  return v.map((h: unknown, i: number) => readHash(h, `proof[${i}]`));
}
