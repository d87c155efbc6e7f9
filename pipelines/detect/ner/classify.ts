/**
 * Helpers of the rule-based NER (proper-nouns.ts): gazetteer location n-grams, and the label for a
 * capitalized phrase that matched no gazetteer and no cue.
 */
import { isAllCaps, type Token } from './tokens';
import { LOCATIONS } from '../data/locations';
import { COMMON, FIRST_NAME, LOCATION_FIRST_WORD, LOCATION_WORD } from './lexicon';
import type { Cue } from './cues';

const MAX_NGRAM = 5;

/** The phrase ending at `end` is followed by a comma, a line break or the end of the text. */
function endsLine(text: string, end: number): boolean {
  let i = end;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i >= text.length || text[i] === ',' || text[i] === '\n' || text[i] === '\r' || (text[i] >= '0' && text[i] <= '9');
}

/** Code identifiers with two or more inner capitals ("CrashLoopBackOff", "getElementById") are not names. */
export function isCamelIdentifier(text: string, t: Token): boolean {
  let humps = 0;
  for (let i = t.start + 1; i < t.end; i++) {
    const c = text.charCodeAt(i);
    const p = text.charCodeAt(i - 1);
    if (c >= 65 && c <= 90 && p >= 97 && p <= 122 && ++humps >= 2) return true;
  }
  return false;
}

/** Longest gazetteer location starting at token i; returns the token count (0 if none). */
export function locationAt(tokens: readonly Token[], i: number): number {
  if ((tokens[i].flags & LOCATION_FIRST_WORD) === 0) return 0;
  let phrase = '';
  let best = 0;
  for (let n = 0; n < MAX_NGRAM && i + n < tokens.length; n++) {
    const t = tokens[i + n];
    // A gazetteer phrase is its tokens' words joined by spaces, so none goes on past a non-location word.
    if (n > 0 && (!t.joinsPrev || (t.flags & LOCATION_WORD) === 0)) break;
    phrase = n === 0 ? t.lower : `${phrase} ${t.lower}`;
    if (LOCATIONS.has(phrase)) best = n + 1;
  }
  if (best === 1) {
    const t = tokens[i];
    // A lower-case single word that is also common English ("nice", "reading") is not a place.
    if (!t.cap && (t.flags & (COMMON | FIRST_NAME)) !== 0) return 0;
  }
  return best;
}

/**
 * Unknown capitalized phrase tokens[a, b): all-caps words of 3+ letters read as place names in address
 * blocks ("HARSTAD"); otherwise capitalization is informative only when not at a sentence/line start.
 */
export function classifyUnknown(text: string, tokens: readonly Token[], a: number, b: number, cue: Cue): 'PERSON' | 'LOCATION' | null {
  let allCaps = true;
  for (let k = a; k < b && allCaps; k++) allCaps = isAllCaps(text, tokens[k]);
  // Upper-case town names end an address line ("HARSTAD\n", "LYON, 69002"); "SWOT analysis" is an acronym.
  if (allCaps && tokens[b - 1].end - tokens[b - 1].start >= 3) return endsLine(text, tokens[b - 1].end) ? 'LOCATION' : null;
  if (!tokens[a].sentenceStart) return 'PERSON';
  return cue === 'LOCATION' ? 'LOCATION' : null;
}
