/**
 * Germanic/Nordic/Central-European compound street lines ("Schaarsteinweg 97", "Erzsébet tér 92.",
 * "Dirk de Derdelaan 149"), found in two stages so the cost stays linear and low on any input:
 * a flat seed regex finds "<letter> <digit>", then the word before it is checked for a street ending
 * and extended back over an optional capitalized word and name particles.
 */
import { COMPOUND_STREET_ENDINGS } from '../data/address-words';

const SEED = /[\p{L}\p{M}.] \d/gu;
const NUMBER = /\d{1,5}[A-Za-z]?\.?(?![\p{L}\p{N}])/uy;
const WORD_CHAR = /[\p{L}\p{M}'’\-]/u;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const PARTICLES = ['de', 'van', 'der', 'den', 'la', 'von'];
const MAX_PREFIX = 30;

function isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 45;
  return WORD_CHAR.test(text[i]);
}

/** Start of the word ending at `end` (exclusive), or -1 if longer than `max` chars or not letter-initial. */
function wordStart(text: string, end: number, max: number): number {
  let s = end;
  while (s > 0 && end - s <= max && isWordChar(text, s - 1)) s--;
  if (end - s > max || isWordChar(text, s - 1) || s === end || !LETTER.test(text[s])) return -1;
  return s;
}

/** Extends a street word starting at `ws` back over "<Capitalized> [particle ]{0,2}" when present. */
function extendBack(text: string, ws: number): number {
  let p = ws;
  for (let k = 0; k < 3; k++) {
    if (p < 2 || text[p - 1] !== ' ') return ws;
    const s = wordStart(text, p - 1, MAX_PREFIX + 1);
    if (s < 0) return ws;
    const w = text.slice(s, p - 1).toLowerCase();
    if (k < 2 && PARTICLES.includes(w)) {
      p = s;
      continue;
    }
    return UPPER.test(text[s]) ? s : ws;
  }
  return ws;
}

/** Calls `emit(start, end)` for each compound street line in `text`. */
export function findCompoundStreets(text: string, emit: (start: number, end: number) => void): void {
  SEED.lastIndex = 0;
  let m: RegExpExecArray | null;
  let lastEnd = -1;
  while ((m = SEED.exec(text)) !== null) {
    const wordEnd = m.index + 1;
    if (wordEnd <= lastEnd) continue;
    const ws = wordStart(text, text[m.index] === '.' ? m.index : wordEnd, MAX_PREFIX + 8);
    if (ws < 0) continue;
    const word = text.slice(ws, wordEnd).toLowerCase();
    const ending = COMPOUND_STREET_ENDINGS.find((e) => word.endsWith(e) && word.length - e.length <= MAX_PREFIX);
    if (ending === undefined) continue;
    NUMBER.lastIndex = wordEnd + 1;
    const n = NUMBER.exec(text);
    if (n === null) continue;
    const end = wordEnd + 1 + n[0].length;
    emit(extendBack(text, ws), end);
    lastEnd = end;
    SEED.lastIndex = Math.max(SEED.lastIndex, end);
  }
}
