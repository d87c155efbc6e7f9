/**
 * Hand-written equivalent of the NER word regex
 *   /[\p{L}\p{M}][\p{L}\p{M}\p{Nd}]{0,60}(?:['’\-][\p{L}\p{M}]{1,40}){0,4}/gu
 * scanned with exec() from index 0. A regex exec per word allocated a match array for every token
 * and was about a third of tokenize(); this walks code points once and returns only offsets.
 * The pattern never backtracks into a shorter match (nothing follows the greedy parts), so greedy
 * longest-prefix scanning gives exactly the regex's matches.
 */

const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

const NONE = 1;
const DIGIT = 2;
const LETTER = 3;
/** Lazily filled class of each BMP code unit (0 = not yet computed): non-ASCII text repeats few characters. */
const bmpClass = new Uint8Array(0x10000);

function classOfSlow(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return LETTER_OR_MARK.test(ch) ? LETTER : DECIMAL_DIGIT.test(ch) ? DIGIT : NONE;
}

/** LETTER for \p{L}/\p{M}, DIGIT for \p{Nd}, NONE otherwise. */
function classOf(cp: number): number {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) ? LETTER : cp >= 48 && cp <= 57 ? DIGIT : NONE;
  if (cp > 0xffff) return classOfSlow(cp);
  let c = bmpClass[cp];
  if (c === 0) {
    c = classOfSlow(cp);
    bmpClass[cp] = c;
  }
  return c;
}

/** UTF-16 length of the code point at i (2 for a valid surrogate pair; u-mode regexes step the same way). */
function width(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** classOf for ASCII code units, precomputed: prose is mostly ASCII, and this skips codePointAt there. */
const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, c) => classOf(c));

/** Class of the code point at i; its UTF-16 width is 1 for every code unit below 0xd800. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_CLASS[c];
  return classOf(c < 0xd800 ? c : text.codePointAt(i)!);
}

/** UTF-16 length of the code point at i. */
function widthAt(text: string, i: number): number {
  return text.charCodeAt(i) < 0xd800 ? 1 : width(text.codePointAt(i)!);
}

/**
 * The next word match at or after `from` (a code point boundary): writes its bounds to `out` and
 * returns true, or returns false when there is none.
 */
export function nextWord(text: string, from: number, out: { start: number; end: number }): boolean {
  const n = text.length;
  let i = from;
  while (i < n && classAt(text, i) !== LETTER) i += widthAt(text, i);
  if (i >= n) return false;
  let j = i + widthAt(text, i);
  for (let k = 0; k < 60 && j < n; k++) {
    if (classAt(text, j) === NONE) break;
    j += widthAt(text, j);
  }
  for (let g = 0; g < 4 && j < n; g++) {
    const sep = text.charCodeAt(j);
    if (sep !== 39 && sep !== 0x2019 && sep !== 45) break;
    let k = j + 1;
    let letters = 0;
    while (letters < 40 && k < n) {
      if (classAt(text, k) !== LETTER) break;
      k += widthAt(text, k);
      letters++;
    }
    if (letters === 0) break;
    j = k;
  }
  out.start = i;
  out.end = j;
  return true;
}
