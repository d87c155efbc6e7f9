import fc from 'fast-check';
import { CipherError, Ff1Cipher, ff1Decrypt, ff1Encrypt, ff1MinLength } from '../../../pipelines/cipher';

const K128 = '2B7E151628AED2A6ABF7158809CF4F3C';
const K192 = K128 + 'EF4359D8D580AA4F';
const K256 = K192 + '7F036D6F04FC6A94';
const T2 = '39383736353433323130';
const T3 = '3737373770717273373737';
const PT10 = '0123456789';
const PT36 = '0123456789abcdefghi';

/** All nine FF1 samples published by NIST (FF1samples.pdf, SP 800-38G examples). */
const SAMPLES: ReadonlyArray<[number, string, number, string, string, string]> = [
  [1, K128, 10, '', PT10, '2433477484'],
  [2, K128, 10, T2, PT10, '6124200773'],
  [3, K128, 36, T3, PT36, 'a9tv40mll9kdu509eum'],
  [4, K192, 10, '', PT10, '2830668132'],
  [5, K192, 10, T2, PT10, '2496655549'],
  [6, K192, 36, T3, PT36, 'xbj3kv35jrawxv32ysr'],
  [7, K256, 10, '', PT10, '6657667009'],
  [8, K256, 10, T2, PT10, '1001623463'],
  [9, K256, 36, T3, PT36, 'xs8a0azh2avyalyzuwd'],
];

describe('FF1 (NIST SP 800-38G)', () => {
  it.each(SAMPLES)('sample %i', (_n, key, radix, tweak, pt, ct) => {
    const k = Buffer.from(key, 'hex');
    const t = Buffer.from(tweak, 'hex');
    expect(ff1Encrypt(k, t, radix, pt)).toBe(ct);
    expect(ff1Decrypt(k, t, radix, ct)).toBe(pt);
  });

  it('round-trips arbitrary radix / tweak / length and preserves length and alphabet', () => {
    const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
    const arb = fc
      .record({
        key: fc.uint8Array({ minLength: 16, maxLength: 16 }),
        keyLen: fc.constantFrom(16, 24, 32),
        tweak: fc.uint8Array({ maxLength: 40 }),
        radix: fc.integer({ min: 2, max: 36 }),
        extra: fc.integer({ min: 0, max: 40 }),
        seed: fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
      })
      .map(({ key, keyLen, tweak, radix, extra, seed }) => {
        const len = ff1MinLength(radix) + extra;
        const value = Array.from({ length: len }, (_, i) => alphabet[seed[i % seed.length]! % radix]).join('');
        const k = Buffer.concat([Buffer.from(key), Buffer.from(key)]).subarray(0, keyLen);
        return { k, tweak: Buffer.from(tweak), radix, value };
      });
    fc.assert(
      fc.property(arb, ({ k, tweak, radix, value }) => {
        const ct = ff1Encrypt(k, tweak, radix, value);
        expect(ct).toHaveLength(value.length);
        expect([...ct].every((ch) => alphabet.indexOf(ch) >= 0 && alphabet.indexOf(ch) < radix)).toBe(true);
        expect(ff1Decrypt(k, tweak, radix, ct)).toBe(value);
      }),
      { numRuns: 300 },
    );
  });

  it('handles long inputs where d > 16 (multi-block PRF expansion)', () => {
    const k = Buffer.from(K256, 'hex');
    const value = '9'.repeat(100);
    const ct = ff1Encrypt(k, Buffer.from('t'), 10, value);
    expect(ct).not.toBe(value);
    expect(ff1Decrypt(k, Buffer.from('t'), 10, ct)).toBe(value);
  });

  it('is a keyed, tweaked permutation (different tweak => different output)', () => {
    const k = Buffer.from(K128, 'hex');
    const a = ff1Encrypt(k, Buffer.from('a'), 10, '4111111111111111');
    const b = ff1Encrypt(k, Buffer.from('b'), 10, '4111111111111111');
    expect(a).not.toBe(b);
    expect(new Ff1Cipher(k).encrypt(Buffer.from('a'), 10, '4111111111111111')).toBe(a);
  });

  it('per-cipher setup memo never leaks across tweak/length/radix changes', () => {
    const k = Buffer.from(K192, 'hex');
    const shared = new Ff1Cipher(k);
    const inputs: Array<[Buffer, number, string]> = [
      [Buffer.from('a'), 10, '4111111111111111'],
      [Buffer.from('b'), 10, '4111111111111111'],
      [Buffer.from('b'), 10, '411111111111111'],
      [Buffer.from('b'), 36, '411111111111111'],
      [Buffer.from('a'), 10, '4111111111111111'],
    ];
    for (const [t, r, v] of inputs) {
      expect(shared.encrypt(t, r, v)).toBe(new Ff1Cipher(k).encrypt(t, r, v));
      expect(shared.decrypt(t, r, shared.encrypt(t, r, v))).toBe(v);
    }
    const tweak = Buffer.from('mutable');
    const before = shared.encrypt(tweak, 10, '123456789');
    tweak[0] = 0x4d; // caller mutates its tweak buffer in place: memo must notice
    expect(shared.encrypt(tweak, 10, '123456789')).toBe(new Ff1Cipher(k).encrypt(Buffer.from('Mutable'), 10, '123456789'));
    expect(shared.encrypt(tweak, 10, '123456789')).not.toBe(before);
  });

  it('enforces the domain floor radix^len >= 1,000,000', () => {
    expect(ff1MinLength(10)).toBe(6);
    expect(ff1MinLength(2)).toBe(20);
    expect(ff1MinLength(36)).toBe(4);
    const k = Buffer.from(K128, 'hex');
    expect(() => ff1Encrypt(k, Buffer.alloc(0), 10, '12345')).toThrow(expect.objectContaining({ code: 'INPUT_TOO_SHORT' }));
    expect(ff1Encrypt(k, Buffer.alloc(0), 10, '123456')).toHaveLength(6);
    expect(() => ff1Encrypt(k, Buffer.alloc(0), 2, '1'.repeat(19))).toThrow(/at least 20 numerals/);
  });

  it('rejects bad keys, radices and characters without echoing the value', () => {
    const k = Buffer.from(K128, 'hex');
    expect(() => ff1Encrypt(Buffer.alloc(15), Buffer.alloc(0), 10, '123456')).toThrow(CipherError);
    expect(() => ff1Encrypt(k, Buffer.alloc(0), 37, '123456')).toThrow(expect.objectContaining({ code: 'INVALID_RADIX' }));
    expect(() => ff1Encrypt(k, Buffer.alloc(0), 1, '123456')).toThrow(expect.objectContaining({ code: 'INVALID_RADIX' }));
    let msg = '';
    try {
      ff1Encrypt(k, Buffer.alloc(0), 10, '98765X321');
    } catch (e) {
      expect(e).toBeInstanceOf(CipherError);
      expect((e as CipherError).code).toBe('INVALID_INPUT');
      msg = (e as Error).message;
    }
    expect(msg).toContain('index 5');
    expect(msg).not.toContain('98765');
    expect(() => ff1Encrypt(k, Buffer.alloc(0), 16, 'ABCDEF')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
