/**
 * The CPU shortcuts in detection must find exactly what the plain scans found: the hand-written word
 * scanner against the NER word regex, and the email/domain skip-ahead against scanning every offset.
 */
import { nextWord } from '../../../pipelines/detect/ner/word-scan';
import { seekEmail } from '../../../pipelines/detect/recognizers/email.recognizer';
import { seekDomain } from '../../../pipelines/detect/recognizers/domain.recognizer';
import { digitCount } from '../../../pipelines/detect/text-cache';
import { countDigits, patternRecognizer } from '../../../pipelines/detect/recognizer';

const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{Nd}]{0,60}(?:['’\-][\p{L}\p{M}]{1,40}){0,4}/gu;
const EMAIL = /(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9.\-]{0,251}[A-Za-z0-9])?/g;
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

  it('email and domain skip-ahead find exactly what a scan from every offset finds', () => {
    const rnd = lcg(11);
    const pool = ['a', 'b.', 'x-', '1', '@', '.', '.com', '.org', '.io', ' ', 'jane.roe', '@example', 'e.g', 'a'.repeat(70), '_', '/', ':'];
    const def = { name: 'probe', entity: 'PROBE', dataClass: 'pii' as const };
    const pairs = [
      [patternRecognizer({ ...def, patterns: [{ name: 'p', regex: new RegExp(EMAIL), score: 1 }] }), patternRecognizer({ ...def, patterns: [{ name: 'p', regex: new RegExp(EMAIL), score: 1, seek: seekEmail }] })],
      [patternRecognizer({ ...def, patterns: [{ name: 'p', regex: new RegExp(DOMAIN), score: 1 }] }), patternRecognizer({ ...def, patterns: [{ name: 'p', regex: new RegExp(DOMAIN), score: 1, seek: seekDomain }] })],
    ];
    for (let i = 0; i < 3_000; i++) {
      const t = randomText(rnd, pool, 30);
      for (const [plain, seeking] of pairs) expect(seeking.detect(t)).toEqual(plain.detect(t));
    }
  });

  it('digitCount answers the countDigits prefilters', () => {
    for (const t of ['', 'abc', '4111 1111 1111 1111', 'a1b2c3', '٣٣٣ 12']) {
      for (const k of [6, 9, 12]) expect(digitCount(t) >= k).toBe(countDigits(t, k) >= k);
    }
  });
});
