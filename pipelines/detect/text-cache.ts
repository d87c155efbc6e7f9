/**
 * Per-input derived strings shared by recognizers within one engine call. The engine runs every
 * recognizer on the same string, so a one-entry cache keyed by identity computes each derivation once.
 */
import { lowerSameLength } from './ner/tokens';

let lastText: string | null = null;
let lastLower = '';

/** `text` lower-cased with unchanged UTF-16 offsets (memoized for the most recent input). */
export function lowerOf(text: string): string {
  if (text !== lastText) {
    lastLower = lowerSameLength(text);
    lastText = text;
  }
  return lastLower;
}

/** True when any of `words` (lower-case) occurs anywhere in `text`, case-insensitively. */
export function mentionsAny(text: string, words: readonly string[]): boolean {
  const lower = lowerOf(text);
  for (const w of words) if (lower.includes(w)) return true;
  return false;
}
