import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { encodeFields, encodeFieldsInto, encodedFieldsBound } from '../../../pipelines/cipher/field.encoding';
import { HmacSha256, truncate128Base64Url } from '../../../pipelines/cipher/hmac-sha256';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

/** RFC 4231 §4.2–4.8, HMAC-SHA-256 (case 5 is the 128-bit truncation). */
const RFC4231: ReadonlyArray<{ key: Buffer; data: Buffer; mac: string }> = [
  { key: Buffer.alloc(20, 0x0b), data: Buffer.from('Hi There'), mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7' },
  { key: Buffer.from('Jefe'), data: Buffer.from('what do ya want for nothing?'), mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' },
  { key: Buffer.alloc(20, 0xaa), data: Buffer.alloc(50, 0xdd), mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe' },
  { key: hex('0102030405060708090a0b0c0d0e0f10111213141516171819'), data: Buffer.alloc(50, 0xcd), mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b' },
  { key: Buffer.alloc(20, 0x0c), data: Buffer.from('Test With Truncation'), mac: 'a3b6167473100ee06e0c796c2955552b' },
  { key: Buffer.alloc(131, 0xaa), data: Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First'), mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54' },
  {
    key: Buffer.alloc(131, 0xaa),
    data: Buffer.from('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.'),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

const reference = (key: Uint8Array, data: Uint8Array): Buffer => createHmac('sha256', key).update(data).digest();

describe('HmacSha256 (two one-shot hashes) is exactly HMAC-SHA256', () => {
  it.each(RFC4231.map((v, i) => [i + 1, v] as const))('RFC 4231 test case %i', (_n, v) => {
    const mac = new HmacSha256(v.key).digest(v.data).toString('hex');
    expect(mac.slice(0, v.mac.length)).toBe(v.mac);
    expect(mac).toBe(reference(v.key, v.data).toString('hex'));
  });

  it('equals createHmac for random keys (short, block-size, longer) and messages (also past the scratch size)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.array(fc.uint8Array({ maxLength: 1200 }), { minLength: 1, maxLength: 4 }), (key, messages) => {
        const h = new HmacSha256(key);
        for (const m of messages) expect(h.digest(m).equals(reference(key, m))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('macFields128Base64Url is the first 128 bits of HMAC(encodeFields(fields)), base64url', () => {
    const key = randomBytes(32);
    const h = new HmacSha256(key);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { maxLength: 6 }), (fields) => {
        const expected = reference(key, encodeFields(fields)).subarray(0, 16).toString('base64url');
        expect(h.macFields128Base64Url(fields)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('truncates a 32-byte digest encoding to its first 16 bytes for every last-character value', () => {
    for (let b15 = 0; b15 < 256; b15++) {
      for (let b16 = 0; b16 < 256; b16 += 15) {
        const d = randomBytes(32);
        d[15] = b15;
        d[16] = b16;
        expect(truncate128Base64Url(d.toString('base64url'))).toBe(d.subarray(0, 16).toString('base64url'));
      }
    }
  });

  it('notices a key buffer that changed, and wipe() zeroes its state', () => {
    const key = Buffer.from(randomBytes(32));
    const h = new HmacSha256(key);
    expect(h.isKeyedWith(key)).toBe(true);
    expect(h.isKeyedWith(Buffer.concat([key, Buffer.alloc(1)]))).toBe(false);
    key[31]! ^= 1;
    expect(h.isKeyedWith(key)).toBe(false);
    const long = randomBytes(100);
    const hl = new HmacSha256(long);
    expect(hl.isKeyedWith(long)).toBe(true);
    expect(hl.isKeyedWith(long.subarray(0, 99))).toBe(false);
    h.wipe();
    expect(h.isKeyedWith(key)).toBe(false);
    expect(() => h.digest(Buffer.from('x'))).toThrow(expect.objectContaining({ code: 'INVALID_KEY' }));
  });
});

describe('encodeFieldsInto', () => {
  it('writes exactly encodeFields(fields), within encodedFieldsBound', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.uint8Array()), { maxLength: 6 }), fc.nat(16), (fields, at) => {
        const want = encodeFields(fields);
        const out = Buffer.alloc(at + encodedFieldsBound(fields));
        const end = encodeFieldsInto(out, at, fields);
        expect(end - at).toBeLessThanOrEqual(encodedFieldsBound(fields));
        expect(out.subarray(at, end).equals(want)).toBe(true);
      }),
    );
  });
});
