/**
 * Proves cheaply that a literal does NOT occur in the text, from a bitmap of the input's folded
 * 2- and 3-character windows that text-cache.ts fills in its one shared pass over each input.
 *
 * Many recognizers and patterns only run when a cue word occurs somewhere in the text ("patient",
 * "passport", "cvv", a month name); testing that took one regex scan of the whole text each. A literal
 * can only occur if every one of its windows is in the bitmap. The filter only ever answers "absent"
 * for sure: "maybe" falls through to the exact test, so results never change, only the cost of "no".
 *
 * Windows are hashed after foldAscii (every code unit that matches an ASCII letter case-insensitively
 * becomes that lower-case letter), which makes the filter sound for each kind of test the recognizers use:
 *  - substring tests on lowerOf(text) (mentionsAny): lowerOf maps a code unit to an ASCII letter only
 *    from that letter's cases or the Kelvin sign, all folded alike; other ASCII is left unchanged;
 *  - case-insensitive regexes, with or without `u`: an ASCII letter matches exactly its two cases
 *    plus, under `u`, 'ſ' or the Kelvin sign, all folded alike;
 *  - case-sensitive regexes: equal code units hash equally.
 * So literals must be lower-case; windows with non-ASCII characters are not checked.
 */
import { bigramHash, foldAscii, gramBit, gramsOf, lowerOf, trigramHash } from './text-cache';

/**
 * Window hashes of a literal: its trigrams, then its bigrams (checking both makes a chance collision
 * of a short literal's one trigram with a frequent one much less likely). Windows holding a non-ASCII
 * character are left out (the argument above covers ASCII characters only) unless `exactNonAscii`:
 * for tests that match non-ASCII characters exactly, equal code units hash equally.
 */
function windowsOf(literal: string, exactNonAscii: boolean): number[] {
  const c = Array.from({ length: literal.length }, (_, i) => literal.charCodeAt(i));
  const ascii = (from: number, to: number): boolean => exactNonAscii || c.slice(from, to).every((x) => x < 128);
  const hashes: number[] = [];
  for (let i = 2; i < c.length; i++) if (ascii(i - 2, i + 1)) hashes.push(trigramHash(foldAscii(c[i - 2]), foldAscii(c[i - 1]), foldAscii(c[i])));
  for (let i = 1; i < c.length; i++) if (ascii(i - 1, i + 1)) hashes.push(bigramHash(foldAscii(c[i - 1]), foldAscii(c[i])));
  return hashes;
}

/** Window hashes per literal list (callers pass constant lists, so identity is the key). */
const compiled = new WeakMap<readonly string[], readonly (readonly number[])[]>();
const compiledExact = new WeakMap<readonly string[], readonly (readonly number[])[]>();

function windowsOfAll(literals: readonly string[], exactNonAscii = false): readonly (readonly number[])[] {
  const cache = exactNonAscii ? compiledExact : compiled;
  let w = cache.get(literals);
  if (w === undefined) {
    w = literals.map((l) => windowsOf(l, exactNonAscii));
    cache.set(literals, w);
  }
  return w;
}

function anyMayOccur(text: string, windowLists: readonly (readonly number[])[]): boolean {
  const bitmap = gramsOf(text);
  for (const windows of windowLists) {
    let all = true;
    for (let i = 0; i < windows.length && all; i++) all = gramBit(bitmap, windows[i]!);
    if (all) return true;
  }
  return false;
}

/**
 * False only when none of `literals` (lower-case) can occur in `text`, in lowerOf(text), or in a
 * case-insensitive match on `text`; true means "maybe". A literal under 2 characters is always a maybe.
 */
export function mayContainAny(text: string, literals: readonly string[]): boolean {
  return anyMayOccur(text, windowsOfAll(literals));
}

/**
 * mayContainAny for case-sensitive tests, where a match holds a literal's non-ASCII characters
 * exactly (ASCII letters may still differ in case): those characters are checked too.
 */
export function mayContainAnyExact(text: string, literals: readonly string[]): boolean {
  return anyMayOccur(text, windowsOfAll(literals, true));
}

/**
 * One literal alternation per word list: a single regex scan is ~2.4x cheaper than one includes()
 * pass per word, and a regex alternation of escaped literals matches iff one of them is a substring.
 * Keyed by the list itself: callers pass their recognizer's constant list.
 */
const alternations = new WeakMap<readonly string[], RegExp>();

function alternationOf(words: readonly string[]): RegExp {
  let re = alternations.get(words);
  if (!re) {
    re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'));
    alternations.set(words, re);
  }
  return re;
}

/**
 * The words of `words` that may occur in `text` (mayContainAny per word), memoized per list for the
 * most recent text: context checks run once per match, and most of their words occur nowhere in it.
 */
const possibleWords = new WeakMap<readonly string[], { text: string; words: readonly string[] }>();

export function wordsThatMayOccur(text: string, words: readonly string[]): readonly string[] {
  const hit = possibleWords.get(words);
  if (hit !== undefined && hit.text === text) return hit.words;
  const windows = windowsOfAll(words);
  const bitmap = gramsOf(text);
  const maybe = words.filter((_, i) => windows[i]!.every((h) => gramBit(bitmap, h)));
  possibleWords.set(words, { text, words: maybe });
  return maybe;
}

/** True when any of `words` (lower-case) occurs anywhere in `text`, case-insensitively. */
export function mentionsAny(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  // The bitmap settles the common case (no cue word at all) without a scan; otherwise the exact
  // alternation decides, so a false "maybe" only costs the scan it used to cost.
  if (!mayContainAny(text, words)) return false;
  return alternationOf(words).test(lowerOf(text));
}
