/**
 * The cheaper paths in placeholder.grammar.ts and vault-aead.cipher.ts give exactly what the code
 * they replaced gave: each is checked here against that code, kept as a reference.
 */
import { createDecipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { encodeVaultAad, escapeText, findPlaceholders, openValue, rewriteText, sealValue, type VaultAad } from '../../../pipelines/cipher';
import { encodeFields, uint32Be } from '../../../pipelines/cipher/field.encoding';

/** The former test in rewriteText: a placeholder parsed at 0 that ends at the end of the string. */
function wasExactlyOnePlaceholder(s: string): boolean {
  const first = findPlaceholders(s)[0];
  return first !== undefined && first.start === 0 && first.end === s.length;
}

function acceptedByRewrite(replacement: string): boolean {
  try {
    rewriteText('abc', [{ start: 0, end: 1, replacement }]);
    return true;
  } catch (e) {
    expect((e as { code?: string }).code).toBe('INVALID_PLACEHOLDER');
    return false;
  }
}

const piece = fc.constantFrom('[[', ']]', 'tok', 'fpe', ':', 'A', 'EMAIL_ADDRESS', 'x', '9', '-', '_', '[', ']', ' ', '\\', 'é', 'abcdefghijklmnopqrstuv', '4111-2222');

describe('rewriteText replacement check', () => {
  it('accepts exactly the strings the parse-based check accepted', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(piece, { maxLength: 12 }).map((p) => p.join(''))), (s) => {
        expect(acceptedByRewrite(s)).toBe(wasExactlyOnePlaceholder(s));
      }),
      { numRuns: 3000 },
    );
    const ok = ['[[tok:EMAIL_ADDRESS:abcdefghijklmnopqrstuv]]', `[[tok:A:${'a'.repeat(128)}]]`, '[[fpe:CREDIT_CARD:4111 2222 3333 4444]]', '[[fpe:X:~]]'];
    const bad = ['[[tok:EMAIL_ADDRESS:abcdefghijklmnopqrstu]]', `[[tok:A:${'a'.repeat(129)}]]`, '[[fpe:A:]]', '[[fpe:a:1]]', '[[fpe:A:1]] ', '[[fpe:A:1]]]]', '[[fpe:A:é]]', '[[tok:A:abcdefghijklmnopqrstuv]]\n'];
    for (const s of ok) expect([acceptedByRewrite(s), wasExactlyOnePlaceholder(s)]).toEqual([true, true]);
    for (const s of bad) expect([acceptedByRewrite(s), wasExactlyOnePlaceholder(s)]).toEqual([false, false]);
  });

  it('escapeText skips the regex only when it could not match', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), (s) => {
        expect(escapeText(s)).toBe(s.replace(/\[\[(\\*[a-z]+:)/g, '[[\\$1'));
      }),
    );
  });
});

describe('vault AEAD fast path', () => {
  const key = randomBytes(32);
  /** The former AAD: header || encodeFields(domain, tenant, token, class, uint32 version), by concat. */
  const oldAad = (header: Buffer, a: VaultAad): Buffer => Buffer.concat([header, encodeFields(['ciphermesh/vault-aad/v1', a.tenantId, a.tokenId, a.dataClass, uint32Be(a.keyVersion, 'v')])]);

  it('seals under the same AAD bytes as before, for any field text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }), fc.string({ unit: 'grapheme', minLength: 1 }), fc.string({ minLength: 1 }), fc.nat(), fc.string({ unit: 'binary' }), (tenantId, tokenId, dataClass, keyVersion, value) => {
        const aad = { tenantId, tokenId, dataClass, keyVersion };
        const sealed = sealValue(key, value, aad);
        const header = sealed.subarray(0, 5);
        expect(encodeVaultAad(header, aad).equals(oldAad(header, aad))).toBe(true);
        const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(5, 17), { authTagLength: 16 });
        d.setAAD(oldAad(header, aad));
        d.setAuthTag(sealed.subarray(sealed.length - 16));
        const plain = Buffer.concat([d.update(sealed.subarray(17, sealed.length - 16)), d.final()]);
        expect(plain.equals(Buffer.from(value, 'utf8'))).toBe(true);
        expect(openValue(key, sealed, aad).equals(plain)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('checks the key version before the text fields, as before', () => {
    expect(() => sealValue(key, 'x', { tenantId: '', tokenId: 't', dataClass: 'pii', keyVersion: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => encodeVaultAad(Buffer.alloc(5), { tenantId: '', tokenId: 't', dataClass: 'pii', keyVersion: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_AAD' }));
  });
});
