import fc from 'fast-check';
import { stripSeparators } from '../../../pipelines/policy/allowlist';

describe('stripSeparators', () => {
  it("agrees with value.replace(/[\\s.-]/g, '') on every UTF-16 code unit", () => {
    for (let c = 0; c < 0x10000; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      expect(stripSeparators(s)).toBe(s.replace(/[\s.-]/g, ''));
    }
  });
  it('agrees on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => expect(stripSeparators(s)).toBe(s.replace(/[\s.-]/g, ''))));
    fc.assert(fc.property(fc.array(fc.constantFrom(' ', '.', '-', '4', '\u00a0', '\u2028', 'x'), { maxLength: 20 }), (a) => expect(stripSeparators(a.join(''))).toBe(a.join('').replace(/[\s.-]/g, ''))));
  });
});
