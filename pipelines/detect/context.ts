/**
 * Context-word lookup shared by recognizers. Only the small windows around a match are
 * lower-cased, so the cost is paid per match, not per input.
 */
import { lowerOf } from './text-cache';
import { wordsThatMayOccur } from './gram-filter';

/** True when any of `words` appears within `window` chars before the match or window/2 chars after it. */
export function hasContext(text: string, start: number, end: number, words: readonly string[], window: number): boolean {
  // A word that occurs nowhere in the text is in no window of it: only the others are searched.
  const candidates = wordsThatMayOccur(text, words);
  if (candidates.length === 0) return false;
  const lower = lowerOf(text);
  const before = lower.slice(Math.max(0, start - window), start);
  const after = lower.slice(end, Math.min(text.length, end + (window >> 1)));
  for (const w of candidates) {
    if (before.includes(w) || after.includes(w)) return true;
  }
  return false;
}

/** Like hasContext but only looks before the match; used where trailing words would mislead. */
export function hasContextBefore(text: string, start: number, words: readonly string[], window: number): boolean {
  const before = lowerOf(text).slice(Math.max(0, start - window), start);
  for (const w of words) if (before.includes(w)) return true;
  return false;
}

/** Luhn (mod 10) over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
