import { generateKeyPairSync } from 'node:crypto';
import {
  decodeTreeHead,
  ed25519PrivateKeyFromSeed,
  ed25519RawPublicKey,
  encodeTreeHead,
  signTreeHead,
  verifyTreeHead,
  type TreeHead,
} from '../../../pipelines/audit';

// RFC 8032 §7.1 TEST 1 key pair.
const SEED = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
const PUBLIC = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');

const head: TreeHead = {
  tenantId: '6f1c2d4e-0000-4000-8000-000000000001',
  treeSize: 1_234_567,
  rootHash: Buffer.from('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328', 'hex'),
  timestamp: 1_700_000_000_123,
};

describe('tree heads', () => {
  it('derives the RFC 8032 public key from a raw seed', () => {
    expect(ed25519RawPublicKey(ed25519PrivateKeyFromSeed(SEED)).equals(PUBLIC)).toBe(true);
  });

  it('has a fixed, length-prefixed byte encoding that round-trips', () => {
    const bytes = encodeTreeHead(head);
    expect(bytes.subarray(0, 28).toString('latin1')).toBe('sentinel.audit.tree-head.v1\u0000');
    expect(bytes.readUInt16BE(28)).toBe(36);
    expect(bytes.length).toBe(28 + 2 + 36 + 8 + 8 + 32);
    expect(decodeTreeHead(bytes)).toEqual(head);
    expect(() => decodeTreeHead(Buffer.concat([bytes, Buffer.alloc(1)]))).toThrow(/length/);
    expect(() => decodeTreeHead(Buffer.from('nope'))).toThrow(/domain/);
  });

  it('signs with a raw seed and verifies with the raw public key or KeyObjects', () => {
    const sth = signTreeHead(head, SEED);
    expect(sth.signature).toHaveLength(64);
    expect(verifyTreeHead(sth, PUBLIC)).toBe(true);
    expect(verifyTreeHead(sth, ed25519PrivateKeyFromSeed(SEED))).toBe(true);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const other = signTreeHead(head, privateKey);
    expect(verifyTreeHead(other, publicKey)).toBe(true);
    expect(verifyTreeHead(other, PUBLIC)).toBe(false);
  });

  it('rejects any altered field or signature byte', () => {
    const sth = signTreeHead(head, SEED);
    const root = Buffer.from(head.rootHash);
    root[31] = (root[31] as number) ^ 1;
    const alterations = [
      { tenantId: `${head.tenantId}x` },
      { treeSize: head.treeSize + 1 },
      { timestamp: head.timestamp - 1 },
      { rootHash: root },
      { treeSize: -1 },
      { rootHash: Buffer.alloc(31) },
    ];
    for (const a of alterations) expect(verifyTreeHead({ ...sth, ...a }, PUBLIC)).toBe(false);
    for (let i = 0; i < 64; i += 1) {
      const sig = Buffer.from(sth.signature);
      sig[i] = (sig[i] as number) ^ 0x80;
      expect(verifyTreeHead({ ...sth, signature: sig }, PUBLIC)).toBe(false);
    }
    expect(verifyTreeHead({ ...sth, signature: sth.signature.subarray(1) }, PUBLIC)).toBe(false);
  });

  it('rejects invalid heads and wrong key types when signing', () => {
    expect(() => signTreeHead({ ...head, tenantId: '' }, SEED)).toThrow(/tenantId/);
    expect(() => signTreeHead({ ...head, tenantId: 'a\ud800' }, SEED)).toThrow(/tenantId/);
    expect(() => signTreeHead({ ...head, timestamp: 1.5 }, SEED)).toThrow(/timestamp/);
    expect(() => signTreeHead(head, Buffer.alloc(31))).toThrow(/32 bytes/);
    const { publicKey } = generateKeyPairSync('ed25519');
    expect(() => signTreeHead(head, publicKey)).toThrow(/private key/);
    const { privateKey: ecKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signTreeHead(head, ecKey)).toThrow(/Ed25519/);
  });
});
