import fc from 'fast-check';
import {
  CipherError,
  escapeText,
  findPlaceholders,
  renderPlaceholder,
  restoreText,
  rewriteText,
  unescapeText,
  type PlaceholderMatch,
  type TextReplacement,
} from '../../../pipelines/cipher';

const ID_A = 'AAAAAAAAAAAAAAAAAAAAAA';
const ID_B = 'b_-0123456789abcdefghij';

/** Text biased towards the grammar's sharp edges, plus arbitrary unicode (incl. lone surrogates). */
const nastyText = fc
  .array(
    fc.oneof(
      fc.constantFrom('[', ']', '[[', ']]', '\\', ':', 'tok:', 'fpe:', 'ab:', '[[tok:', '[[\\fpe:', '[[\\\\x:', `[[tok:EMAIL:${ID_A}]]`, 'Z', '😀', '\uD83D'),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

/** Random non-overlapping spans over the text, each replaced by a tok or fpe placeholder. */
function withSpans(text: string) {
  return fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }).chain((cuts) => {
    const sorted = [...new Set(cuts)].sort((a, b) => a - b);
    const spans: Array<{ start: number; end: number }> = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) spans.push({ start: sorted[i]!, end: sorted[i + 1]! });
    return fc.tuple(fc.constant(text), fc.constant(spans), fc.array(fc.boolean(), { minLength: spans.length, maxLength: spans.length }));
  });
}

function build(text: string, spans: ReadonlyArray<{ start: number; end: number }>, fpe: readonly boolean[]) {
  const originals = new Map<string, string>();
  const replacements: TextReplacement[] = spans.map((s, i) => {
    const ref = fpe[i]
      ? { kind: 'fpe' as const, entity: 'PHONE_NUMBER', id: `+1 (${String(i).padStart(3, '0')}) 555-01:00\\` }
      : { kind: 'tok' as const, entity: 'PERSON', id: `id${i}`.padEnd(22, '_') };
    originals.set(`${ref.kind}|${ref.id}`, text.slice(s.start, s.end));
    return { ...s, replacement: renderPlaceholder(ref) };
  });
  // Shuffle order: rewriteText must not depend on the caller sorting.
  return { replacements: replacements.reverse(), lookup: (ref: PlaceholderMatch) => originals.get(`${ref.kind}|${ref.id}`)! };
}

describe('placeholder grammar', () => {
  it('renders and finds placeholders with UTF-16 offsets', () => {
    const ph = renderPlaceholder({ kind: 'tok', entity: 'EMAIL_ADDRESS', id: ID_A });
    const fpe = renderPlaceholder({ kind: 'fpe', entity: 'CREDIT_CARD', id: '8243 0917 5532 6604' });
    const text = `😀 mail ${ph} card ${fpe}.`;
    expect(findPlaceholders(text)).toEqual([
      { kind: 'tok', entity: 'EMAIL_ADDRESS', id: ID_A, start: 8, end: 8 + ph.length },
      { kind: 'fpe', entity: 'CREDIT_CARD', id: '8243 0917 5532 6604', start: text.indexOf('[[fpe'), end: text.length - 1 },
    ]);
  });

  it('rejects malformed placeholders at render time', () => {
    const bad = [
      { kind: 'tok' as const, entity: 'email', id: ID_A },
      { kind: 'tok' as const, entity: 'EMAIL', id: 'short' },
      { kind: 'tok' as const, entity: 'EMAIL', id: ID_A + '=' },
      { kind: 'fpe' as const, entity: 'CARD', id: '41]1' },
      { kind: 'fpe' as const, entity: 'CARD', id: '' },
    ];
    for (const ref of bad) expect(() => renderPlaceholder(ref)).toThrow(CipherError);
  });

  it('escapes only reserved openers; ordinary text and JSON pass through unchanged', () => {
    expect(escapeText('[[1,2],[3,4]] [link](x) [[Wiki Page]] [[A:b]]')).toBe('[[1,2],[3,4]] [link](x) [[Wiki Page]] [[A:b]]');
    expect(escapeText(`[[tok:EMAIL:${ID_A}]]`)).toBe(`[[\\tok:EMAIL:${ID_A}]]`);
    expect(escapeText('[[\\tok:')).toBe('[[\\\\tok:');
    expect(escapeText('[[[tok:')).toBe('[[[\\tok:');
    expect(unescapeText(escapeText('[[\\\\x: [[y: [[[z:'))).toBe('[[\\\\x: [[y: [[[z:');
    expect(findPlaceholders(rewriteText(`fake [[tok:EMAIL:${ID_A}]]`, []))).toEqual([]);
  });

  it('rewrites spans, including a span that cuts through a look-alike', () => {
    const text = `x[[tok:EMAIL:${ID_A}]]y`;
    const ph = renderPlaceholder({ kind: 'tok', entity: 'PERSON', id: ID_B });
    const out = rewriteText(text, [{ start: 3, end: 6, replacement: ph }]);
    expect(out).toBe(`x[[${ph}:EMAIL:${ID_A}]]y`);
    expect(findPlaceholders(out).map((p) => p.id)).toEqual([ID_B]);
    expect(restoreText(out, () => 'tok')).toBe(text);
  });

  it('validates spans and replacements', () => {
    const ph = renderPlaceholder({ kind: 'tok', entity: 'PERSON', id: ID_A });
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as CipherError).code;
      }
      return 'none';
    };
    expect(code(() => rewriteText('abcdef', [{ start: 0, end: 3, replacement: ph }, { start: 2, end: 4, replacement: ph }]))).toBe('INVALID_SPANS');
    expect(code(() => rewriteText('abc', [{ start: 1, end: 1, replacement: ph }]))).toBe('INVALID_SPANS');
    expect(code(() => rewriteText('abc', [{ start: 1, end: 4, replacement: ph }]))).toBe('INVALID_SPANS');
    expect(code(() => rewriteText('abc', [{ start: 0, end: 1, replacement: ph + ' ' }]))).toBe('INVALID_PLACEHOLDER');
    expect(code(() => rewriteText('abc', [{ start: 0, end: 1, replacement: 'plain' }]))).toBe('INVALID_PLACEHOLDER');
    expect(code(() => restoreText('oops [[tok:nope]]', () => ''))).toBe('MALFORMED_SANITIZED_TEXT');
  });

  it('escape/unescape is a bijection and escaped text has no unescaped opener', () => {
    fc.assert(
      fc.property(nastyText, (x) => {
        const e = escapeText(x);
        expect(unescapeText(e)).toBe(x);
        expect(/\[\[[a-z]+:/.test(e)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('restoreText(rewriteText(x)) === x for arbitrary unicode text and spans', () => {
    fc.assert(
      fc.property(nastyText.chain(withSpans), ([text, spans, fpe]) => {
        const { replacements, lookup } = build(text, spans, fpe);
        const sanitized = rewriteText(text, replacements);
        const found = findPlaceholders(sanitized);
        expect(found).toHaveLength(spans.length);
        expect(restoreText(sanitized, lookup)).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('also holds for fully arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }).chain(withSpans), ([text, spans, fpe]) => {
        const { replacements, lookup } = build(text, spans, fpe);
        expect(restoreText(rewriteText(text, replacements), lookup)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
