/**
 * Word tokenizer for the rule-based NER: Unicode letters, inner apostrophes/hyphens, positions kept.
 * Built for hostile input too: one linear regex scan, no per-token case conversion (lower-case forms
 * are sliced from a text lower-cased once), and a hard cap on the number of tokens per call.
 */

import { nextWord } from './word-scan';
import { lookupWord, type WordInfo } from './lexicon';

/**
 * A word of the input: its offsets and lower-case form. The original-case text is not kept (it is
 * text.slice(start, end)): only rare rules need it, and slicing it for every token cost an allocation each.
 */
export interface Token {
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  /** First letter upper-case (Unicode aware). */
  readonly cap: boolean;
  /** Preceded only by spaces/quotes since a sentence or line boundary (capitalization is uninformative there). */
  readonly sentenceStart: boolean;
  /** Preceded by exactly one space from the previous token (can join a multi-word name). */
  readonly joinsPrev: boolean;
  /** Word lists holding `lower` (lexicon.ts bits), looked up once here instead of per rule. */
  readonly flags: number;
}

const UPPER_START = /^\p{Lu}/u;
const LOWER_ANY = /\p{Ll}/u;
const BOUNDARY = '.!?\n:;"“”>(*•|';
/** BOUNDARY's characters by code unit, so the check reads char codes instead of 1-char strings. */
const BOUNDARY_CODES: ReadonlySet<number> = new Set(Array.from(BOUNDARY, (ch) => ch.charCodeAt(0)));
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

/** The word text[start, end) starts with an upper-case letter. */
function isCap(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_START.test(text.slice(start, end));
}

/** Entirely upper-case with at least two letters ("HARSTAD", "ΛΑΡΝΑΚΑ"); `text` is the tokenized input. */
export function isAllCaps(text: string, t: Token): boolean {
  if (t.end - t.start < 2 || !t.cap) return false;
  const word = text.slice(t.start, t.end);
  return word !== t.lower && !LOWER_ANY.test(word);
}

export function tokenize(text: string, lower: string = lowerSameLength(text)): Token[] {
  const out: Token[] = [];
  // Words: a letter, up to 60 letters/digits, up to four ' ’ - joined letter runs (see word-scan.ts).
  const w = { start: 0, end: 0 };
  const word: WordInfo = { lower: '', flags: 0 };
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
    lookupWord(lower, start, end, word);
    // Walk back over spaces/quotes only as far as the previous token, so the scan stays linear.
    let k = start - 1;
    const floor = prevEnd < 0 ? -1 : prevEnd - 1;
    for (let c = text.charCodeAt(k); k > floor && (c === 32 || c === 9 || c === 39); c = text.charCodeAt(k)) k--;
    const sentenceStart = k < 0 || BOUNDARY_CODES.has(text.charCodeAt(k));
    out.push({
      lower: word.lower,
      start,
      end,
      cap: isCap(text, start, end),
      sentenceStart,
      joinsPrev: prevEnd >= 0 && start - prevEnd === 1 && text.charCodeAt(prevEnd) === 32,
      flags: word.flags,
    });
    prevEnd = end;
  }
  return out;
}
