import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { CipherError, encodeVaultAad, openValue, parseSealedHeader, sealValue, type VaultAad } from '../../../pipelines/cipher';

const key = randomBytes(32);
const aad: VaultAad = { tenantId: 'tenant-a', tokenId: 'Xq3vN0c1b2a9ZtY7wV6uUs', dataClass: 'pci', keyVersion: 7 };
const SECRET = '4111 1111 1111 1111';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CipherError);
    expect((e as Error).message).not.toContain(SECRET);
    return (e as CipherError).code;
  }
  return undefined;
}

describe('vault AEAD (AES-256-GCM)', () => {
  it('round-trips strings and buffers, with the documented layout', () => {
    const sealed = sealValue(key, SECRET, aad);
    expect(sealed[0]).toBe(0x01);
    expect(sealed.readUInt32BE(1)).toBe(7);
    expect(sealed.length).toBe(1 + 4 + 12 + Buffer.byteLength(SECRET) + 16);
    expect(parseSealedHeader(sealed)).toEqual({ formatVersion: 1, keyVersion: 7 });
    expect(openValue(key, sealed, aad).toString('utf8')).toBe(SECRET);
    const bin = randomBytes(100);
    expect(openValue(key, sealValue(key, bin, aad), aad).equals(bin)).toBe(true);
    expect(openValue(key, sealValue(key, '', aad), aad).length).toBe(0);
  });

  it('uses a fresh nonce per seal', () => {
    const a = sealValue(key, SECRET, aad);
    const b = sealValue(key, SECRET, aad);
    expect(a.subarray(5, 17).equals(b.subarray(5, 17))).toBe(false);
  });

  it('fails with a typed error when any single byte is flipped', () => {
    const sealed = sealValue(key, SECRET, aad);
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i]! ^= 0x01;
      const code = codeOf(() => openValue(key, bad, aad));
      expect(['AUTH_FAILED', 'UNSUPPORTED_FORMAT', 'KEY_VERSION_MISMATCH']).toContain(code);
    }
  });

  it('fails when any AAD field, the key, or the length changes', () => {
    const sealed = sealValue(key, SECRET, aad);
    expect(codeOf(() => openValue(key, sealed, { ...aad, tenantId: 'tenant-b' }))).toBe('AUTH_FAILED');
    expect(codeOf(() => openValue(key, sealed, { ...aad, tokenId: 'other' }))).toBe('AUTH_FAILED');
    expect(codeOf(() => openValue(key, sealed, { ...aad, dataClass: 'pii' }))).toBe('AUTH_FAILED');
    expect(codeOf(() => openValue(key, sealed, { ...aad, keyVersion: 8 }))).toBe('KEY_VERSION_MISMATCH');
    expect(codeOf(() => openValue(randomBytes(32), sealed, aad))).toBe('AUTH_FAILED');
    expect(codeOf(() => openValue(key, sealed.subarray(0, sealed.length - 1), aad))).toBe('AUTH_FAILED');
    expect(codeOf(() => openValue(key, sealed.subarray(0, 20), aad))).toBe('MALFORMED_SEALED');
    expect(codeOf(() => openValue(key, Buffer.concat([sealed, Buffer.from([0])]), aad))).toBe('AUTH_FAILED');
  });

  it('authenticates the header: re-labelling the key version fails', () => {
    const sealed = sealValue(key, SECRET, aad);
    const relabelled = Buffer.from(sealed);
    relabelled.writeUInt32BE(8, 1);
    expect(codeOf(() => openValue(key, relabelled, { ...aad, keyVersion: 8 }))).toBe('AUTH_FAILED');
  });

  it('encodes AAD canonically: shifting bytes between fields changes the encoding', () => {
    const h = Buffer.from([1, 0, 0, 0, 7]);
    const a = encodeVaultAad(h, { ...aad, tenantId: 'ab', tokenId: 'c' });
    const b = encodeVaultAad(h, { ...aad, tenantId: 'a', tokenId: 'bc' });
    expect(a.equals(b)).toBe(false);
    fc.assert(
      fc.property(fc.tuple(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string({ minLength: 1 })), fc.tuple(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string({ minLength: 1 })), (x, y) => {
        const ex = encodeVaultAad(h, { tenantId: x[0], tokenId: x[1], dataClass: x[2], keyVersion: 1 });
        const ey = encodeVaultAad(h, { tenantId: y[0], tokenId: y[1], dataClass: y[2], keyVersion: 1 });
        const same = x.every((v, i) => Buffer.from(v).equals(Buffer.from(y[i]!)));
        expect(ex.equals(ey)).toBe(same);
      }),
    );
  });

  it('validates key and AAD', () => {
    expect(codeOf(() => sealValue(randomBytes(16), SECRET, aad))).toBe('INVALID_KEY');
    expect(codeOf(() => sealValue(key, SECRET, { ...aad, tenantId: '' }))).toBe('INVALID_AAD');
    expect(codeOf(() => sealValue(key, SECRET, { ...aad, keyVersion: -1 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => sealValue(key, SECRET, { ...aad, keyVersion: 2 ** 32 }))).toBe('INVALID_INPUT');
    const v2 = sealValue(key, SECRET, aad);
    v2[0] = 2;
    expect(codeOf(() => parseSealedHeader(v2))).toBe('UNSUPPORTED_FORMAT');
  });
});
