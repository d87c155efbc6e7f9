/**
 * Every gazetteer the proper-noun analysis consults, merged into one table from lower-case word to a
 * bit set of the lists holding it. The analysis asked up to seven Set.has() per token; one lookup at
 * tokenization now answers them all (membership is exactly the source sets', built from them).
 */
import { COMMON_WORDS } from '../data/common-words';
import { FIRST_NAMES } from '../data/first-names';
import { SURNAMES } from '../data/surnames';
import { STOP_WORDS } from '../data/stop-words';
import { HONORIFICS, NAME_PARTICLES } from '../data/honorifics';
import { ORG_SUFFIXES } from '../data/organization-words';
import { LOCATION_FIRST_WORDS, LOCATIONS } from '../data/locations';

export const COMMON = 1;
export const FIRST_NAME = 2;
export const SURNAME = 4;
export const STOP = 8;
export const HONORIFIC = 16;
export const NAME_PARTICLE = 32;
export const ORG_SUFFIX = 64;
export const LOCATION_FIRST_WORD = 128;
/** Any word of a gazetteer location phrase: a phrase cannot extend over a token without this bit. */
export const LOCATION_WORD = 256;

const LOCATION_WORDS: ReadonlySet<string> = new Set([...LOCATIONS].flatMap((l) => l.split(' ')));

const FLAGS = new Map<string, number>();
const SOURCES: ReadonlyArray<readonly [ReadonlySet<string>, number]> = [
  [COMMON_WORDS, COMMON],
  [FIRST_NAMES, FIRST_NAME],
  [SURNAMES, SURNAME],
  [STOP_WORDS, STOP],
  [HONORIFICS, HONORIFIC],
  [NAME_PARTICLES, NAME_PARTICLE],
  [ORG_SUFFIXES, ORG_SUFFIX],
  [LOCATION_FIRST_WORDS, LOCATION_FIRST_WORD],
  [LOCATION_WORDS, LOCATION_WORD],
];
for (const [words, bit] of SOURCES) for (const w of words) FLAGS.set(w, (FLAGS.get(w) ?? 0) | bit);

/**
 * The merged lists as an open-addressing table (linear probing, ~27% full) probed by a hash of the
 * token's characters in place: a token is looked up without slicing it into a new string and hashing
 * that into a Map, and a hit returns the table's equal string. Only words in no list are sliced.
 */
const TABLE_BITS = 15;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const tableWords: string[] = new Array<string>(1 << TABLE_BITS).fill('');
const tableFlags = new Int32Array(1 << TABLE_BITS);

function hashSpan(s: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> (32 - TABLE_BITS);
}

for (const [word, flags] of FLAGS) {
  let slot = hashSpan(word, 0, word.length);
  while (tableWords[slot] !== '') slot = (slot + 1) & TABLE_MASK;
  tableWords[slot] = word;
  tableFlags[slot] = flags;
}

/** A word of a lower-cased text with its lexicon flags (written by lookupWord). */
export interface WordInfo {
  lower: string;
  flags: number;
}

/** Sets `out` to lower.slice(start, end) (end > start) and the bit set of the lists holding it (0 if none). */
export function lookupWord(lower: string, start: number, end: number, out: WordInfo): void {
  const length = end - start;
  for (let slot = hashSpan(lower, start, end); ; slot = (slot + 1) & TABLE_MASK) {
    const word = tableWords[slot];
    if (word === '') break;
    if (word.length !== length) continue;
    let same = true;
    for (let i = 0; i < length && same; i++) same = word.charCodeAt(i) === lower.charCodeAt(start + i);
    if (same) {
      out.lower = word;
      out.flags = tableFlags[slot];
      return;
    }
  }
  out.lower = lower.slice(start, end);
  out.flags = 0;
}

