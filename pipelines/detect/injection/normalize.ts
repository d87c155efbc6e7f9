/**
 * Canonicalises text before any pattern or embedding sees it, so that trivial obfuscations
 * (fullwidth letters, zero-width splitters, Cyrillic look-alikes, leetspeak, odd whitespace) do not
 * defeat the detectors. The obfuscation itself is evidence, so we count what we removed instead of
 * silently discarding it.
 */
import { unconfuseWord } from './homoglyphs';
import { collapseWhitespace } from './whitespace';

export interface NormalizedText {
  /** Lower-cased, NFKC, invisibles stripped, homoglyphs/diacritics folded, whitespace collapsed. */
  readonly text: string;
  /** Zero-width / invisible format characters removed (U+200B–U+200F, U+2060–U+2064, U+FEFF). */
  readonly invisibleCount: number;
  /** Bidi embedding/override/isolate controls removed (U+202A–U+202E, U+2066–U+2069). */
  readonly bidiCount: number;
  /** Unicode tag characters removed (U+E0000–U+E007F): the "ASCII smuggling" channel. */
  readonly tagCount: number;
  /** ASCII text hidden in tag characters (U+E0020–U+E007E map to ASCII), for rescanning. */
  readonly tagPayload: string;
  /** Confusable characters replaced inside mixed-script words. */
  readonly homoglyphCount: number;
  /** Runs of >= 6 letters separated by single spaces ("i g n o r e"), joined back into words. */
  readonly spacedRuns: number;
  /** Fullwidth or mathematical-alphanumeric characters folded by NFKC (stylised evasion). */
  readonly styledCount: number;
}

const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u180E]/g;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
const TAGS = /[\u{E0000}-\u{E007F}]/gu;
const STYLED = /[\uFF01-\uFF5E\u{1D400}-\u{1D7FF}]/gu;
const NON_ASCII = /[\u0080-\uFFFF]/; // astral chars are surrogate pairs, also in this range
const WORD = /[\p{L}\p{M}]+/gu;
const MARKS = /\p{M}+/gu;
const SPACED = /(?<![a-z])(?:[a-z] ){5,}[a-z](?![a-z])/g;
/**
 * SPACED's core without its lookarounds: every SPACED match contains it, so when this plain test
 * fails (ordinary prose) the replace with its per-position lookbehind is skipped.
 */
const SPACED_CORE = /(?:[a-z] ){5}[a-z]/;
/** A letter next to a digit, '@' or '$': where deLeet looks for leetspeak runs (global: it iterates). */
const LETTER_BESIDE_DIGIT = /[a-z][0-9@$]|[0-9@$][a-z]/g;
/** Light leetspeak: only applied to whole [a-z0-9@$] runs that mix letters with these symbols, e.g. "1gn0re". */
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** All characters in these classes are single UTF-16 units, so the length difference is the count. */
function countAndStrip(s: string, re: RegExp): [string, number] {
  const out = s.replace(re, '');
  return [out, s.length - out.length];
}

function isLeetChar(c: number): boolean {
  return c === 48 || c === 49 || c === 51 || c === 52 || c === 53 || c === 55 || c === 64 || c === 36;
}

function isRunChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 64 || c === 36;
}

/**
 * Same result as replacing every `[a-z0-9@$]+` run per the rules below. A run is only rewritten when
 * it holds both a letter and a leet char, and then some letter in it touches a digit, '@' or '$'; so
 * only the runs around LETTER_BESIDE_DIGIT matches are examined (native regex search), not every
 * word of every prompt.
 */
function deLeet(s: string): string {
  let out = '';
  let last = 0;
  const adjacency = LETTER_BESIDE_DIGIT;
  adjacency.lastIndex = 0;
  for (let m = adjacency.exec(s); m !== null; m = adjacency.exec(s)) {
    // The maximal [a-z0-9@$] run around the match; it starts after the previous run's end.
    let start = m.index;
    while (start > 0 && isRunChar(s.charCodeAt(start - 1))) start--;
    let end = m.index + 2;
    while (end < s.length && isRunChar(s.charCodeAt(end))) end++;
    // Pure numbers ("2028", "1") and tokens without letters are data, not leetspeak; this run has a
    // letter (the match), so it qualifies when long enough and holding one of the leet chars.
    let leet = false;
    for (let i = start; i < end && !leet; i++) leet = isLeetChar(s.charCodeAt(i));
    if (end - start >= 3 && leet) {
      out += s.slice(last, start) + s.slice(start, end).replace(/[013457@$]/g, (ch) => LEET[ch] ?? ch);
      last = end;
    }
    adjacency.lastIndex = end;
  }
  return last === 0 ? s : out + s.slice(last);
}

export function normalize(input: string): NormalizedText {
  let tagPayload = '';
  let s = input;
  let styledCount = 0;
  let tagCount = 0;
  let invisibleCount = 0;
  let bidiCount = 0;
  let homoglyphCount = 0;
  const nonAscii = NON_ASCII.test(s);
  if (nonAscii) {
    s = s.replace(TAGS, (ch) => {
      tagCount++;
      const cp = ch.codePointAt(0)! - 0xe0000;
      if (cp >= 0x20 && cp <= 0x7e) tagPayload += String.fromCharCode(cp);
      return '';
    });
    [s, invisibleCount] = countAndStrip(s, INVISIBLE);
    [s, bidiCount] = countAndStrip(s, BIDI);
    styledCount = (s.match(STYLED) ?? []).length;
    s = s.normalize('NFKC');
    s = s.replace(WORD, (w) => {
      const r = unconfuseWord(w);
      homoglyphCount += r.replaced;
      return r.word;
    });
  }
  s = s.toLowerCase();
  if (nonAscii) {
    // Fold diacritics so that "Ausführungen" and "Ausfuhrungen" match the same rule, and so that
    // combining-mark stacking ("zalgo") cannot split keywords.
    s = s.replace(/ß/g, 'ss').normalize('NFD').replace(MARKS, '');
  }
  s = collapseWhitespace(deLeet(s));
  let spacedRuns = 0;
  if (SPACED_CORE.test(s)) {
    s = s.replace(SPACED, (run) => {
      spacedRuns++;
      return run.replace(/ /g, '');
    });
  }
  return { text: s, invisibleCount, bidiCount, tagCount, tagPayload, homoglyphCount, styledCount, spacedRuns };
}
