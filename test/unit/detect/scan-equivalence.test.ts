/**
 * The CPU shortcuts in detection must find exactly what the plain scans found: the hand-written word
 * scanner against the NER word regex, the email skip-ahead and the domain, connection-string and
 * digit-run start candidates against scanning every offset, and the gram filter's "absent" answers
 * against the exact case-insensitive tests.
 */
import { nextWord } from '../../../pipelines/detect/ner/word-scan';
import { seekEmail } from '../../../pipelines/detect/recognizers/email.recognizer';
import { domainStarts } from '../../../pipelines/detect/recognizers/domain.recognizer';
import { schemeStarts } from '../../../pipelines/detect/recognizers/connection-string.recognizer';
import { digitRunStart } from '../../../pipelines/detect/pattern-exec';
import { mayContainAny, mentionsAny } from '../../../pipelines/detect/gram-filter';
import { digitCount, lowerOf } from '../../../pipelines/detect/text-cache';
import { countDigits, patternRecognizer } from '../../../pipelines/detect/recognizer';

const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{Nd}]{0,60}(?:['’\-][\p{L}\p{M}]{1,40}){0,4}/gu;
const EMAIL = /(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9.\-]{0,251}[A-Za-z0-9])?/g;
const CONNECTION = /(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]{1,20}:\/\/([^\s:/@]{0,128}:[^\s@/]{1,256})@[A-Za-z0-9.\-\[\]]{1,255}/dg;
const SSN_DASHED = /(?<![\d\-])\d{3}-\d{2}-\d{4}(?![\d\-]|\.\d)/g;
const SSN_SPACED = /(?<![\d.])\d{3}([ .])\d{2}\1\d{4}(?![\d]|[ .]\d)/g;
const DOMAIN = /(?<![\w@.\-/:])(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){1,6}[A-Za-z]{2,24}(?![\w\-@]|\.[A-Za-z0-9])/g;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

function randomText(rnd: () => number, pool: readonly string[], max: number): string {
  let t = '';
  const n = Math.floor(rnd() * max);
  for (let k = 0; k < n; k++) t += rnd() < 0.85 ? pool[Math.floor(rnd() * pool.length)] : String.fromCharCode(Math.floor(rnd() * 0x10000));
  return t;
}

function regexSpans(re: RegExp, text: string): string[] {
  const out: string[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(`${m.index}:${m.index + m[0].length}`);
  return out;
}

describe('detection scan shortcuts are exact', () => {
  it('nextWord matches the word regex on random Unicode text', () => {
    const rnd = lcg(7);
    const pool = ['a', 'Z', 'é', '\u0301', '5', '٣', '𝐀', '𝟘', '\ud835', '\udc00', "'", '’', '-', ' ', '.', '日', 'İ', '_', 'x'.repeat(45), 'ab'.repeat(35), "'a", '-b'];
    for (let i = 0; i < 3_000; i++) {
      const t = randomText(rnd, pool, 40);
      const got: string[] = [];
      const w = { start: 0, end: 0 };
      let from = 0;
      while (nextWord(t, from, w)) {
        got.push(`${w.start}:${w.end}`);
        from = w.end;
      }
      expect(got).toEqual(regexSpans(WORD, t));
    }
  });

  it('email skip-ahead and domain start candidates find exactly what a scan from every offset finds', () => {
    const rnd = lcg(11);
    const pool = ['a', 'b.', 'x-', '1', '@', '.', '.com', '.org', '.io', ' ', 'jane.roe', '@example', 'e.g', 'a'.repeat(70), '_', '/', ':'];
    const def = { name: 'probe', entity: 'PROBE', dataClass: 'pii' as const };
    const pairs = [
      [patternRecognizer({ ...def, patterns: [{ name: 'p', regex: new RegExp(EMAIL), score: 1 }] }), patternRecognizer({ ...def, patterns: [{ name: 'p', regex: new RegExp(EMAIL), score: 1, seek: seekEmail }] })],
      [patternRecognizer({ ...def, patterns: [{ name: 'p', regex: new RegExp(DOMAIN), score: 1 }] }), patternRecognizer({ ...def, patterns: [{ name: 'p', regex: new RegExp(DOMAIN), score: 1, startCandidates: domainStarts }] })],
    ];
    for (let i = 0; i < 3_000; i++) {
      const t = randomText(rnd, pool, 30);
      for (const [plain, seeking] of pairs) expect(seeking.detect(t)).toEqual(plain.detect(t));
    }
  });

  it('connection-string and digit-run start candidates find exactly what a plain scan finds', () => {
    const rnd = lcg(13);
    const pool = ['postgres', 'a+b.c-d', '://', ':', '@', 'u:p@db', ' ', '/', '1', '23', '456', '-', '.', '7890', '12-34-5678', '123 45 6789', 'x', '\n'];
    const def = { name: 'probe', entity: 'PROBE', dataClass: 'pii' as const };
    const cases = [
      { re: CONNECTION, group: 1, startCandidates: schemeStarts },
      { re: SSN_DASHED, group: 0, startCandidates: digitRunStart },
      { re: SSN_SPACED, group: 0, startCandidates: digitRunStart },
    ];
    const pairs = cases.map(({ re, group, startCandidates }) => [
      patternRecognizer({ ...def, patterns: [{ name: 'p', regex: new RegExp(re), score: 1, group }] }),
      patternRecognizer({ ...def, patterns: [{ name: 'p', regex: new RegExp(re), score: 1, group, startCandidates }] }),
    ]);
    // Short texts exercise the dense fallback (more than one candidate per 32 chars), long ones the sticky path.
    for (let i = 0; i < 3_000; i++) {
      const t = randomText(rnd, pool, 40) + 'prose '.repeat(i % 3 === 0 ? 60 : 0) + randomText(rnd, pool, 20);
      for (const [plain, candidates] of pairs) expect(candidates.detect(t)).toEqual(plain.detect(t));
    }
  });

  it('the gram filter never calls a present word absent (case folding included)', () => {
    const rnd = lcg(17);
    const words = ['patient', 'passport', 'cvv', 'sk', 'kelvin', 'ssn', 'social security', 'dob', 'mrn#'];
    const pool = ['pat', 'ient', 'PASS', 'port', 'c', 'v', 'V', 'ſ', 'K', '\u212a', 'İ', 'ı', 'S', 'k', 'elvin', ' ', 'social', 'Security', 'd', 'o', 'b', 'mrn', '#', 'é', '\u0345'];
    for (let i = 0; i < 5_000; i++) {
      const t = randomText(rnd, pool, 30);
      for (const w of words) {
        const exact = new RegExp(w, 'iu').test(t) || new RegExp(w, 'i').test(t) || lowerOf(t).includes(w);
        if (exact) expect(mayContainAny(t, [w])).toBe(true);
      }
      // mentionsAny's definition before the filter: one alternation over the same-length lower-casing.
      expect(mentionsAny(t, words)).toBe(new RegExp(words.join('|')).test(lowerOf(t)));
    }
  });

  it('digitCount answers the countDigits prefilters', () => {
    for (const t of ['', 'abc', '4111 1111 1111 1111', 'a1b2c3', '٣٣٣ 12']) {
      for (const k of [6, 9, 12]) expect(digitCount(t) >= k).toBe(countDigits(t, k) >= k);
    }
  });
});
