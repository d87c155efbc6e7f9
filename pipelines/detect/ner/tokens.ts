/** Word tokenizer for the rule-based NER: Unicode letters, inner apostrophes/hyphens, positions kept. */

export interface Token {
  readonly text: string;
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  /** First letter upper-case (Unicode aware). */
  readonly cap: boolean;
  /** Entirely upper-case with at least two letters ("HARSTAD", "ΛΑΡΝΑΚΑ"). */
  readonly allCaps: boolean;
  /** Preceded only by spaces/quotes since a sentence or line boundary (capitalization is uninformative there). */
  readonly sentenceStart: boolean;
  /** Preceded by exactly one space from the previous token (can join a multi-word name). */
  readonly joinsPrev: boolean;
}

// Bounded pieces; each repetition starts with a separator char not in the letter class (unambiguous).
const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{Nd}]{0,60}(?:['’\-][\p{L}\p{M}]{1,40}){0,4}/gu;
const UPPER_START = /^\p{Lu}/u;
const BOUNDARY = '.!?\n:;"“”>(*•|';

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  let prevEnd = -1;
  while ((m = WORD.exec(text)) !== null) {
    const t = m[0];
    const start = m.index;
    // Words over 40 chars are hashes/base64, never names; skipping them keeps walls cheap.
    if (t.length > 40) {
      prevEnd = -1;
      continue;
    }
    let k = start - 1;
    while (k >= 0 && (text[k] === ' ' || text[k] === '\t' || text[k] === "'")) k--;
    const sentenceStart = k < 0 || BOUNDARY.includes(text[k]);
    const upper = t.toUpperCase();
    out.push({
      text: t,
      lower: t.toLowerCase(),
      start,
      end: start + t.length,
      cap: UPPER_START.test(t),
      allCaps: t.length >= 2 && t === upper && t !== t.toLowerCase(),
      sentenceStart,
      joinsPrev: prevEnd >= 0 && start - prevEnd === 1 && text[prevEnd] === ' ',
    });
    prevEnd = start + t.length;
  }
  return out;
}
