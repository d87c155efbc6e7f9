/**
 * The signed tree head as handed to auditors (`sentinel audit anchor`, `prove --with-sth`,
 * `verify-inclusion --sth FILE`). Hashes, signature and key are base64 like the proof JSON. Pure
 * (node:crypto only) so the offline verify commands import nothing that talks to a service.
 */
import { decodeHashBase64, ed25519PublicKeyFromRaw, verifyTreeHead, type SignedTreeHead } from '../../pipelines/audit';

export interface SthDocument {
  readonly tenantId: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly timestamp: number;
  readonly signature: string;
  readonly publicKey: string;
}

export interface ParsedSth extends SignedTreeHead {
  readonly publicKey: Buffer;
}

export function toSthDocument(sth: SignedTreeHead, publicKey: Buffer): SthDocument {
  return {
    tenantId: sth.tenantId,
    treeSize: sth.treeSize,
    rootHash: sth.rootHash.toString('base64'),
    timestamp: sth.timestamp,
    signature: sth.signature.toString('base64'),
    publicKey: publicKey.toString('base64'),
  };
}

export function parseSthDocument(text: string): ParsedSth {
  const o = JSON.parse(text) as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) throw new Error('STH: not an object');
  const str = (k: string): string => {
    if (typeof o[k] !== 'string') throw new Error(`STH: "${k}" must be a string`);
    return o[k] as string;
  };
  const int = (k: string): number => {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new Error(`STH: "${k}" must be a non-negative integer`);
    return v;
  };
  const rootHash = decodeHashBase64(str('rootHash'));
  if (!rootHash) throw new Error('STH: rootHash must be base64 of 32 bytes');
  const signature = Buffer.from(str('signature'), 'base64');
  const publicKey = Buffer.from(str('publicKey'), 'base64');
  if (signature.length !== 64 || publicKey.length !== 32) throw new Error('STH: signature must be 64 bytes and publicKey 32 bytes');
  return { tenantId: str('tenantId'), treeSize: int('treeSize'), rootHash, timestamp: int('timestamp'), signature, publicKey };
}

/**
 * Checks the signature. `pinnedKey` is the public key the auditor obtained out of band; without
 * it the check only shows the document is self-consistent, not who signed it.
 */
export function verifySth(sth: ParsedSth, pinnedKey?: Buffer): { ok: boolean; reason?: string } {
  if (pinnedKey && !pinnedKey.equals(sth.publicKey)) return { ok: false, reason: 'STH public key differs from the pinned key' };
  let valid: boolean;
  try {
    valid = verifyTreeHead(sth, ed25519PublicKeyFromRaw(sth.publicKey));
  } catch {
    valid = false;
  }
  return valid ? { ok: true } : { ok: false, reason: 'STH signature does not verify' };
}
