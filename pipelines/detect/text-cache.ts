/**
 * Per-input derived data shared by recognizers within one engine call. The engine runs every
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

/** 2^14 bits: a 500-char prompt sets ~1,000 of them, so an absent 3-char window is rejected ~94% of the time. */
const GRAM_BITS_LOG2 = 14;
const grams = new Int32Array(1 << (GRAM_BITS_LOG2 - 5));
let scannedText: string | null = null;
let digitsTotal = 0;
let runStarts: number[] = [];

/**
 * Every code unit that case-insensitively matches an ASCII letter, to that lower-case letter: A-Z,
 * and under a regex's `u` flag also 'ſ' (U+017F, folds to s) and the Kelvin sign (U+212A, folds to k,
 * and is what toLowerCase maps to k). No other code point case-folds or lower-cases to ASCII.
 */
export function foldAscii(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c | 32 : c;
  return c === 0x17f ? 115 : c === 0x212a ? 107 : c;
}

// FNV-style mixing, then Fibonacci hashing into the top GRAM_BITS_LOG2 bits: Math.imul keeps it in
// int32 arithmetic, and unlike a linear combination it does not map whole families of windows together.
const FNV_PRIME = 0x01000193;
const GOLDEN = 0x9e3779b1 | 0;
const GRAM_SHIFT = 32 - GRAM_BITS_LOG2;

export function bigramHash(a: number, b: number): number {
  return Math.imul(Math.imul(a ^ 0x2f, FNV_PRIME) ^ b, GOLDEN) >>> GRAM_SHIFT;
}

export function trigramHash(a: number, b: number, c: number): number {
  return Math.imul(Math.imul(Math.imul(a, FNV_PRIME) ^ b, FNV_PRIME) ^ c, GOLDEN) >>> GRAM_SHIFT;
}

/** One pass over the input for everything derived per character: digit count, digit runs, gram bitmap. */
function scan(text: string): void {
  grams.fill(0);
  const starts: number[] = [];
  let digits = 0;
  let a = -1;
  let b = -1;
  let prevDigit = false;
  for (let i = 0; i < text.length; i++) {
    const raw = text.charCodeAt(i);
    const digit = raw >= 48 && raw <= 57;
    if (digit) {
      digits++;
      if (!prevDigit) starts.push(i);
    }
    prevDigit = digit;
    const c = foldAscii(raw);
    if (b >= 0) {
      const h2 = bigramHash(b, c);
      grams[h2 >> 5] |= 1 << (h2 & 31);
    }
    if (a >= 0) {
      const h3 = trigramHash(a, b, c);
      grams[h3 >> 5] |= 1 << (h3 & 31);
    }
    a = b;
    b = c;
  }
  digitsTotal = digits;
  runStarts = starts;
  scannedText = text;
}

/**
 * Number of ASCII digits in `text` (memoized for the most recent input). The card, SSN and phone
 * prefilters each asked countDigits(text, k) >= k of the same text; one full count answers them all
 * (countDigits(text, k) >= k iff the total is >= k).
 */
export function digitCount(text: string): number {
  if (text !== scannedText) scan(text);
  return digitsTotal;
}

/** Ascending offsets of the first digit of every run of ASCII digits in `text` (memoized for the most recent input). */
export function digitRunStarts(text: string): readonly number[] {
  if (text !== scannedText) scan(text);
  return runStarts;
}

/**
 * The bitmap of the folded 2- and 3-character windows of `text` (see gram-filter.ts), memoized for
 * the most recent input (the next text overwrites it): callers test many windows with one lookup.
 */
export function gramsOf(text: string): Int32Array {
  if (text !== scannedText) scan(text);
  return grams;
}

/** True when `bitmap` (from gramsOf) has the window with this hash. */
export function gramBit(bitmap: Int32Array, hash: number): boolean {
  return (bitmap[hash >> 5]! & (1 << (hash & 31))) !== 0;
}
