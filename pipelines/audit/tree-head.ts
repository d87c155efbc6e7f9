/**
 * Signed tree heads: an Ed25519 signature over (tenant, tree size, root, timestamp), published by
 * the anchoring job so anyone holding the public key can pin a tenant's audit log state.
 *
 * The signed bytes are a fixed binary layout rather than JSON so there is exactly one encoding:
 *   "sentinel.audit.tree-head.v1" 0x00   domain separation: the key signs nothing else that parses
 *   u16be len || UTF-8 tenantId          length-prefixed, so tenant "a" + size can't alias "a\x00.."
 *   u64be treeSize || u64be timestamp (epoch ms) || 32-byte rootHash
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export interface TreeHead {
  readonly tenantId: string;
  readonly treeSize: number;
  /** RFC 6962 root of the tenant's first treeSize audit leaves. */
  readonly rootHash: Buffer;
  /** When the head was produced, epoch milliseconds. */
  readonly timestamp: number;
}

export interface SignedTreeHead extends TreeHead {
  /** 64-byte Ed25519 signature over encodeTreeHead(head). */
  readonly signature: Buffer;
}

/** A KeyObject, or a raw 32-byte Ed25519 value (seed for signing, public key for verifying). */
export type Ed25519KeyInput = KeyObject | Buffer;

const DOMAIN = Buffer.from('sentinel.audit.tree-head.v1\u0000', 'latin1');
const LONE_SURROGATE = /\p{Cs}/u;
// DER prefixes for wrapping raw keys (RFC 8410): PKCS#8 private seed and SPKI public key.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function encodeTreeHead(head: TreeHead): Buffer {
  if (typeof head.tenantId !== 'string' || head.tenantId.length === 0 || LONE_SURROGATE.test(head.tenantId)) {
    // A lone surrogate would be encoded as U+FFFD, making two distinct tenant ids sign alike.
    throw new TypeError('tree head: tenantId must be a non-empty well-formed string');
  }
  const tenant = Buffer.from(head.tenantId, 'utf8');
  if (tenant.length > 0xffff) throw new RangeError('tree head: tenantId longer than 65535 UTF-8 bytes');
  for (const [name, v] of [['treeSize', head.treeSize], ['timestamp', head.timestamp]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`tree head: ${name} must be a non-negative safe integer`);
  }
  if (!Buffer.isBuffer(head.rootHash) || head.rootHash.length !== 32) {
    throw new RangeError('tree head: rootHash must be 32 bytes');
  }
  const out = Buffer.alloc(DOMAIN.length + 2 + tenant.length + 8 + 8 + 32);
  let o = DOMAIN.copy(out, 0);
  o = out.writeUInt16BE(tenant.length, o);
  o += tenant.copy(out, o);
  o = out.writeBigUInt64BE(BigInt(head.treeSize), o);
  o = out.writeBigUInt64BE(BigInt(head.timestamp), o);
  head.rootHash.copy(out, o);
  return out;
}

/** Inverse of {@link encodeTreeHead}; throws on anything that is not exactly one encoded head. */
export function decodeTreeHead(bytes: Buffer): TreeHead {
  const fail = (why: string): never => {
    throw new RangeError(`tree head encoding: ${why}`);
  };
  if (bytes.length < DOMAIN.length + 2 || !bytes.subarray(0, DOMAIN.length).equals(DOMAIN)) fail('bad domain tag');
  const len = bytes.readUInt16BE(DOMAIN.length);
  const t0 = DOMAIN.length + 2;
  if (bytes.length !== t0 + len + 48) fail('bad length');
  const treeSize = bytes.readBigUInt64BE(t0 + len);
  const timestamp = bytes.readBigUInt64BE(t0 + len + 8);
  if (treeSize > BigInt(Number.MAX_SAFE_INTEGER) || timestamp > BigInt(Number.MAX_SAFE_INTEGER)) fail('value too large');
  const head: TreeHead = {
    tenantId: bytes.toString('utf8', t0, t0 + len),
    treeSize: Number(treeSize),
    timestamp: Number(timestamp),
    rootHash: Buffer.from(bytes.subarray(t0 + len + 16)),
  };
  // Round trip rejects invalid UTF-8 (decoded to U+FFFD) and any other non-canonical input.
  if (!encodeTreeHead(head).equals(bytes)) fail('not canonical');
  return head;
}

export function ed25519PrivateKeyFromSeed(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new RangeError('Ed25519 seed must be 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function ed25519PublicKeyFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new RangeError('Ed25519 public key must be 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Raw 32-byte public key of an Ed25519 private or public KeyObject (what gets published). */
export function ed25519RawPublicKey(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  assertEd25519(pub);
  return pub.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

function assertEd25519(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`expected an Ed25519 key, got ${String(key.asymmetricKeyType)}`);
}

export function signTreeHead(head: TreeHead, privateKey: Ed25519KeyInput): SignedTreeHead {
  const key = Buffer.isBuffer(privateKey) ? ed25519PrivateKeyFromSeed(privateKey) : privateKey;
  assertEd25519(key);
  if (key.type !== 'private') throw new TypeError('signTreeHead needs a private key');
  const signature = sign(null, encodeTreeHead(head), key);
  return { tenantId: head.tenantId, treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, signature };
}

/** True iff the signature is valid for exactly these fields; malformed heads verify as false. */
export function verifyTreeHead(sth: SignedTreeHead, publicKey: Ed25519KeyInput): boolean {
  const key = Buffer.isBuffer(publicKey) ? ed25519PublicKeyFromRaw(publicKey) : publicKey;
  assertEd25519(key);
  if (!Buffer.isBuffer(sth.signature) || sth.signature.length !== 64) return false;
  let message: Buffer;
  try {
    message = encodeTreeHead(sth);
  } catch {
    return false;
  }
  return verify(null, message, key, sth.signature);
}
