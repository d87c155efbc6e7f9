import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  countDigits,
  deterministicToken,
  fpeDigitsDecrypt,
  fpeDigitsEncrypt,
  fpeToken,
  fpeTokenDecrypt,
  opaqueToken,
  renderPlaceholder,
  tenantFpeTweak,
} from '../../../pipelines/cipher';
import { encodeFields } from '../../../pipelines/cipher/field.encoding';

const key = randomBytes(32);
const TOKEN_ID = /^[A-Za-z0-9_-]{22}$/;

describe('opaque tokens', () => {
  it('are 128-bit base64url ids that fit the placeholder grammar', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const t = opaqueToken();
      expect(t).toMatch(TOKEN_ID);
      seen.add(t);
    }
    expect(seen.size).toBe(1000);
    expect(renderPlaceholder({ kind: 'tok', entity: 'EMAIL_ADDRESS', id: opaqueToken() })).toMatch(/^\[\[tok:EMAIL_ADDRESS:[A-Za-z0-9_-]{22}\]\]$/);
  });
});

describe('deterministic tokens', () => {
  const base = { tenantId: 't1', conversationId: 'c1', entity: 'PERSON', value: 'Ada Lovelace' };
  it('are stable within tenant + conversation and distinct across scopes', () => {
    const t = deterministicToken(key, base);
    expect(t).toMatch(TOKEN_ID);
    expect(deterministicToken(key, { ...base })).toBe(t);
    expect(deterministicToken(key, { ...base, conversationId: 'c2' })).not.toBe(t);
    expect(deterministicToken(key, { ...base, tenantId: 't2' })).not.toBe(t);
    expect(deterministicToken(key, { ...base, entity: 'ORG' })).not.toBe(t);
    expect(deterministicToken(key, { ...base, value: 'Ada Lovelace ' })).not.toBe(t);
    expect(deterministicToken(randomBytes(32), base)).not.toBe(t);
  });
  it('treats a missing conversation as tenant-wide scope and cannot be field-shifted', () => {
    const { conversationId: _omit, ...noConv } = base;
    expect(deterministicToken(key, noConv)).toBe(deterministicToken(key, { ...base, conversationId: '' }));
    expect(deterministicToken(key, { ...base, tenantId: 't1c', conversationId: '1' })).not.toBe(deterministicToken(key, base));
  });
  it('rejects short keys', () => {
    expect(() => deterministicToken(randomBytes(16), base)).toThrow(expect.objectContaining({ code: 'INVALID_KEY' }));
  });
  it('is plain HMAC-SHA256 of the encoded fields, also when a key buffer is overwritten in place (cached key objects)', () => {
    const k = Buffer.from(randomBytes(32));
    const expected = (kb: Buffer) => createHmac('sha256', kb).update(encodeFields(['ciphermesh/det-token/v1', 't1', 'c1', 'PERSON', 'Ada Lovelace'])).digest().subarray(0, 16).toString('base64url');
    const first = deterministicToken(k, base);
    expect(first).toBe(expected(k));
    randomBytes(32).copy(k); // same Buffer object, new key bytes
    expect(deterministicToken(k, base)).toBe(expected(k));
    expect(deterministicToken(k, base)).not.toBe(first);
  });
});

describe('format-preserving digits', () => {
  const cases = ['4111 1111 1111 1111', '4111111111111111', '123-45-6789', '+1 (415) 555-0100', '2024/01/15'];
  it.each(cases)('keeps separators of %s and round-trips', (value) => {
    const tweak = Buffer.from('tw');
    const ct = fpeDigitsEncrypt(key, tweak, value);
    expect(ct).toHaveLength(value.length);
    expect(ct.replace(/[0-9]/g, '9')).toBe(value.replace(/[0-9]/g, '9'));
    expect(ct).not.toBe(value);
    expect(fpeDigitsDecrypt(key, tweak, ct)).toBe(value);
  });
  it('needs at least 6 digits', () => {
    expect(countDigits('12-34-5')).toBe(5);
    expect(() => fpeDigitsEncrypt(key, Buffer.alloc(0), '12-34-5')).toThrow(expect.objectContaining({ code: 'INPUT_TOO_SHORT' }));
  });
  it('round-trips arbitrary formatted strings with >= 6 digits', () => {
    const arb = fc.tuple(fc.string(), fc.stringMatching(/^[0-9]{6,30}$/)).map(([noise, digits]) => {
      let out = '';
      for (let i = 0; i < digits.length; i++) out += digits[i]! + (noise[i] ?? '').replace(/[0-9]/g, '');
      return out;
    });
    fc.assert(fc.property(arb, fc.uint8Array({ maxLength: 20 }), (v, tw) => {
      const tweak = Buffer.from(tw);
      expect(fpeDigitsDecrypt(key, tweak, fpeDigitsEncrypt(key, tweak, v))).toBe(v);
    }));
  });
});

describe('FPE tokens', () => {
  it('tenant mode: deterministic per (tenant, entity), tweak returned for storage', () => {
    const a = fpeToken(key, { tenantId: 't1', entity: 'CREDIT_CARD', value: '4111 1111 1111 1111' });
    const b = fpeToken(key, { tenantId: 't1', entity: 'CREDIT_CARD', value: '4111 1111 1111 1111' });
    expect(a.token).toBe(b.token);
    expect(a.tweak.equals(tenantFpeTweak('t1', 'CREDIT_CARD'))).toBe(true);
    expect(fpeToken(key, { tenantId: 't2', entity: 'CREDIT_CARD', value: '4111 1111 1111 1111' }).token).not.toBe(a.token);
    expect(fpeTokenDecrypt(key, a.token, a.tweak)).toBe('4111 1111 1111 1111');
    expect(renderPlaceholder({ kind: 'fpe', entity: 'CREDIT_CARD', id: a.token })).toBe(`[[fpe:CREDIT_CARD:${a.token}]]`);
  });
  it('random mode: fresh tweak per token, still reversible', () => {
    const a = fpeToken(key, { tenantId: 't1', entity: 'US_SSN', value: '123-45-6789', tweakMode: 'random' });
    const b = fpeToken(key, { tenantId: 't1', entity: 'US_SSN', value: '123-45-6789', tweakMode: 'random' });
    expect(a.tweak.equals(b.tweak)).toBe(false);
    expect(a.token).toMatch(/^\d{3}-\d{2}-\d{4}$/);
    expect(fpeTokenDecrypt(key, b.token, b.tweak)).toBe('123-45-6789');
  });
});
