import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { derivedUuid } from '../../../pipelines/stages/ids';

/** The former derivedUuid: SHA-256 digest bytes, version/variant bits set on bytes 6 and 8. */
function reference(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${p.length}:${p};`);
  const b = h.digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe('derivedUuid', () => {
  it('equals the byte-based construction for any parts (every variant digit is reached)', () => {
    const variants = new Set<string>();
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 5 }), (parts) => {
        const id = derivedUuid(...parts);
        expect(id).toBe(reference(...parts));
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        variants.add(id[19]!);
      }),
      { numRuns: 2000 },
    );
    expect([...variants].sort()).toEqual(['8', '9', 'a', 'b']);
  });
});
