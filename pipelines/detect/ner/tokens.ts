/**
 * Word tokenizer for the rule-based NER: Unicode letters, inner apostrophes/hyphens, positions kept.
 * Built for hostile input too: one linear regex scan, no per-token case conversion (lower-case forms
 * are sliced from a text lower-cased once), and a hard cap on the number of tokens per call.
 */

import { nextWord } from './word-scan';

export interface Token {
  readonly text: string;
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  /** First letter upper-case (Unicode aware). */
  readonly cap: boolean;
  /** Preceded only by spaces/quotes since a sentence or line boundary (capitalization is uninformative there). */
  readonly sentenceStart: boolean;
  /** Preceded by exactly one space from the previous token (can join a multi-word name). */
  readonly joinsPrev: boolean;
}

const UPPER_START = /^\p{Lu}/u;
const LOWER_ANY = /\p{Ll}/u;
const BOUNDARY = '.!?\n:;"“”>(*•|';
/** ~60 KB of prose (about 1 word per 6 chars). Past this many tokens the rest of the input gets no NER analysis; the pattern recognizers still scan all of it. */
export const MAX_TOKENS = 10_000;

/** `text` lower-cased with identical UTF-16 offsets (characters whose lower case changes length are kept). */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return text.replace(/[^\0-\x7f]/g, (ch) => {
    const l = ch.toLowerCase();
    return l.length === ch.length ? l : ch;
  });
}

function isCap(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_START.test(word);
}

/** Entirely upper-case with at least two letters ("HARSTAD", "ΛΑΡΝΑΚΑ"). */
export function isAllCaps(t: Token): boolean {
  return t.text.length >= 2 && t.cap && t.text !== t.lower && !LOWER_ANY.test(t.text);
}

export function tokenize(text: string, lower: string = lowerSameLength(text)): Token[] {
  const out: Token[] = [];
  // Words: a letter, up to 60 letters/digits, up to four ' ’ - joined letter runs (see word-scan.ts).
  const w = { start: 0, end: 0 };
  let from = 0;
  let prevEnd = -1;
  while (out.length < MAX_TOKENS && nextWord(text, from, w)) {
    const start = w.start;
    const end = w.end;
    from = end;
    // Words over 40 chars are hashes/base64, never names; skipping them keeps walls cheap.
    if (end - start > 40) {
      prevEnd = -1;
      continue;
    }
    const t = text.slice(start, end);
    // Walk back over spaces/quotes only as far as the previous token, so the scan stays linear.
    let k = start - 1;
    const floor = prevEnd < 0 ? -1 : prevEnd - 1;
    while (k > floor && (text[k] === ' ' || text[k] === '\t' || text[k] === "'")) k--;
    const sentenceStart = k < 0 || BOUNDARY.includes(text[k]);
    out.push({
      text: t,
      lower: lower.slice(start, end),
      start,
      end,
      cap: isCap(t),
      sentenceStart,
      joinsPrev: prevEnd >= 0 && start - prevEnd === 1 && text.charCodeAt(prevEnd) === 32,
    });
    prevEnd = end;
  }
  return out;
}
