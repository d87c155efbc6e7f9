/**
 * ADDRESS: street lines in US/UK style ("123 Main Street"), Romance style ("Rue de la Paix 12"),
 * Germanic/Nordic compounds ("Schaarsteinweg 97"), unit designators ("Apt. 4B"), PO/military boxes,
 * and the tail that follows a street line (unit, postcode, state abbreviation) as separate fragments.
 * Everything after an explicit address cue ("my address is …") is also taken as one span when it holds a digit.
 */
import { findingCap, type Recognizer } from '../recognizer';
import type { Finding } from '../types';
import { COMPOUND_STREET_ENDINGS, STREET_PREFIXES, STREET_SUFFIXES, UNIT_WORDS } from '../data/address-words';
import { findCompoundStreets } from './address-compound';
import { US_STATE_ABBR } from '../data/locations';
import { mayContainAny, mayContainAnyExact } from '../gram-filter';
import { digitRunStart, execAtCandidates, type StartCandidates } from '../pattern-exec';

const W = "[\\p{L}\\p{M}][\\p{L}\\p{M}'’.\\-]{0,30}";
const CAPW = "\\p{Lu}[\\p{L}\\p{M}'’\\-]{0,30}";
const bothCase = (alts: string) => alts.split('|').map((a) => `[${a[0].toUpperCase()}${a[0]}]${a.slice(1)}`).join('|');

/**
 * Every unit-designator match holds a unit word directly followed by '.', ' ', '#' or a digit. A
 * word's 13 cues are checked only when the word itself may occur: all 208 checked at once cost ~1 µs
 * per text whatever its length, most of the address scan of a short field value such as an id.
 */
const UNIT_CUES = UNIT_WORDS.split('|').map((w) => ({ word: [w], cues: [...'. #0123456789'].map((next) => w + next) }));
const mayHoldUnitCue = (t: string): boolean => UNIT_CUES.some((u) => mayContainAny(t, u.word) && mayContainAny(t, u.cues));
const BOX = ['box'];
/** USNS, USNV, USS and USCGC all start with one of these. */
const SHIP_PREFIXES = ['usn', 'uss', 'usc'];

/** Street prefix words as they appear in a match: case-sensitive but for the first letter. */
const PREFIX_WORDS = STREET_PREFIXES.replace(/\\/g, '').split('|');

/**
 * `gate`: false when the shared gram bitmap proves no match can occur (every match contains one of
 * the literals it checks, see gram-filter.ts); the anchor's unicode scan is then skipped.
 * `startCandidates`: digitRunStart where every match starts with a digit that the lookbehind keeps from
 * following a digit (\p{N}), so the anchor is only tried at digit-run starts (see pattern-exec.ts).
 */
const ANCHORS: ReadonlyArray<{ re: RegExp; score: number; gate?: (text: string) => boolean; startCandidates?: StartCandidates }> = [
  // 123 Main Street / 12b, Elm St. — up to four words between number and suffix.
  { re: new RegExp(`(?<![\\p{L}\\p{N}])(?:\\d{1,5} )?\\d{1,5}[A-Za-z]?,? (?:${W} ){0,4}(?:${STREET_SUFFIXES})\\.?(?![\\p{L}])`, 'giu'), score: 0.75, startCandidates: digitRunStart },
  // Almeida Street (capitalized name + suffix, no number).
  { re: new RegExp(`(?<![\\p{L}])${CAPW}(?: ${CAPW}){0,2} (?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Terrace|Square|Highway|Parkway|St\\.|Ave\\.|Rd\\.|Blvd\\.)(?![\\p{L}])`, 'gu'), score: 0.55 },
  // Rue de la Sarthe 421 / 87 Rue Joseph Vernet / Via Roma 5.
  {
    re: new RegExp(`(?<![\\p{L}])(?:\\d{1,5},? )?(?:${bothCase(STREET_PREFIXES)}) (?:(?:${CAPW}|de|la|le|les|du|des|del|di|da|do|dos|das|della|d'${CAPW}) ){0,4}${CAPW}(?: \\d{1,5}[A-Za-z]?)?(?![\\p{L}\\p{N}])`, 'gu'),
    score: 0.7,
    // Case-sensitive apart from the first letter, so the prefix word itself is in every match.
    gate: (t) => mayContainAnyExact(t, PREFIX_WORDS),
  },
  // 35 Kromwater 38 / 14 Republica de Chile 8305: number, name, number (common European street line).
  {
    re: new RegExp(`(?<![\\p{L}\\p{N}.,:/\\-])(?:\\d{1,5} )?\\d{1,5} (?:(?:${CAPW}|de|la|del|van|der|den|di) ){0,3}${CAPW} \\d{1,5}[A-Za-z]?(?![\\p{L}\\p{N}]|[.,:/\\-]\\d)`, 'gu'),
    score: 0.6,
    startCandidates: digitRunStart,
  },
  // 58 Kvaløyvågvegen: leading number + compound street word.
  {
    re: new RegExp(`(?<![\\p{L}\\p{N}])\\d{1,5} [\\p{L}\\p{M}'’\\-]{0,30}(?:${COMPOUND_STREET_ENDINGS.join('|').replace(/\./g, '\\.')})(?![\\p{L}])`, 'giu'),
    score: 0.65,
    startCandidates: digitRunStart,
  },
  { re: new RegExp(`(?<![\\p{L}])(?:${UNIT_WORDS})\\.? ?#?\\d{1,5}[A-Za-z]?(?![\\p{L}\\p{N}])`, 'giu'), score: 0.65, gate: mayHoldUnitCue },
  { re: /(?<![\p{L}])(?:P\.? ?O\.?|Post Office) Box \d{1,6}(?!\d)/giu, score: 0.75, gate: (t) => mayContainAny(t, BOX) },
  { re: /(?<![\p{L}])(?:PSC|CMR|Unit) \d{3,5},? Box \d{3,5}(?:\s{1,3}(?:APO|FPO|DPO) (?:AA|AE|AP) \d{5})?/giu, score: 0.8, gate: (t) => mayContainAny(t, BOX) },
  { re: /(?<![\p{L}])(?:USNS|USNV|USS|USCGC) \p{Lu}\p{L}{1,30}(?:\s{1,3}(?:FPO|APO|DPO) (?:AA|AE|AP) \d{5})?/gu, score: 0.75, gate: (t) => mayContainAny(t, SHIP_PREFIXES) },
];

/** Tail components after a street line, tried in order at the position after a short separator. */
const SEP = /[ \t]{0,2}(?:,[ \t]{0,2})?(?:\n[ \t]{0,3})?/y;
const TAIL: ReadonlyArray<{ re: RegExp; entity: 'ADDRESS' | 'LOCATION' }> = [
  { re: new RegExp(`(?:${UNIT_WORDS})\\.? ?#?\\d{1,5}[A-Za-z]?(?![\\p{L}\\p{N}])`, 'iuy'), entity: 'ADDRESS' },
  { re: /(?:\d{5}(?:-\d{4})?|\d{4}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)(?![\p{L}\p{N}])/uy, entity: 'ADDRESS' },
  { re: /[A-Z]{2,3}(?= \d{4,5}(?!\d))/y, entity: 'ADDRESS' },
  { re: new RegExp(`${CAPW}(?: ${CAPW}){0,3}`, 'uy'), entity: 'LOCATION' },
];

const LINE_POSTCODE = /(?<=\p{L}[ \t]{1,3})\d{4,6}(?=[ \t]*(?:\n|$))/gu;
const CUES = /(?:address is|address:|addresses, here they are:|sent to|send (?:it|them|a new one) to|lives at|located at|office is at|arrived at|return to|taxi to|meet me at|address to|address with|it's in|moved to|is at)\s{1,4}/giu;
const CUE_STOP = /(?:[.?!](?:\s|$)|\s(?:for|in case|last night|and|please)\b|$)/iu;

/** Emits the components after a street line; returns the offset where the address block ends. */
function tail(text: string, from: number, out: Finding[]): number {
  let pos = from;
  for (let k = 0; k < 6 && pos < text.length; k++) {
    SEP.lastIndex = pos;
    const sep = SEP.exec(text);
    const at = pos + (sep ? sep[0].length : 0);
    if (at === pos) break; // components must be separated
    let hit = false;
    for (const c of TAIL) {
      c.re.lastIndex = at;
      const m = c.re.exec(text);
      if (!m) continue;
      if (c.entity === 'ADDRESS' && /^[A-Z]{2,3}$/.test(m[0]) && !US_STATE_ABBR.has(m[0]) && m[0].length === 2) continue;
      out.push({ entity: c.entity, dataClass: 'pii', start: at, end: at + m[0].length, score: 0.55, detector: 'address' });
      pos = at + m[0].length;
      hit = true;
      break;
    }
    if (!hit) break;
  }
  return pos;
}

export const addressRecognizer: Recognizer = {
  name: 'address',
  entities: ['ADDRESS'],
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    const cap = findingCap(text.length);
    for (const a of ANCHORS) {
      if (a.gate && !a.gate(text)) continue;
      a.re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = a.startCandidates ? execAtCandidates(a.re, text, a.startCandidates) : a.re.exec(text)) !== null) {
        if (out.length >= cap) {
          out.push({ entity: 'ADDRESS', dataClass: 'pii', start: m.index, end: text.length, score: 0.5, detector: 'address:density-cap' });
          return out;
        }
        out.push({ entity: 'ADDRESS', dataClass: 'pii', start: m.index, end: m.index + m[0].length, score: a.score, detector: 'address' });
        // Resume after the tail: its parts are already reported, and re-anchoring inside it is quadratic.
        a.re.lastIndex = Math.max(a.re.lastIndex, tail(text, m.index + m[0].length, out));
      }
    }
    findCompoundStreets(text, (start, end) => {
      out.push({ entity: 'ADDRESS', dataClass: 'pii', start, end, score: 0.7, detector: 'address' });
      tail(text, end, out);
    });
    // Multi-line blocks (letters, signatures): a 4–6 digit number ending a line after a word is a postcode.
    if (text.indexOf('\n') !== text.lastIndexOf('\n')) {
      LINE_POSTCODE.lastIndex = 0;
      let p: RegExpExecArray | null;
      while ((p = LINE_POSTCODE.exec(text)) !== null) {
        out.push({ entity: 'ADDRESS', dataClass: 'pii', start: p.index, end: p.index + p[0].length, score: 0.5, detector: 'address' });
      }
    }
    CUES.lastIndex = 0;
    let c: RegExpExecArray | null;
    while ((c = CUES.exec(text)) !== null) {
      const start = c.index + c[0].length;
      const rest = text.slice(start, start + 160);
      const stop = CUE_STOP.exec(rest);
      const span = rest.slice(0, stop ? stop.index : rest.length).replace(/[\s,]+$/, '');
      if (span.length >= 4 && /\d/.test(span)) out.push({ entity: 'ADDRESS', dataClass: 'pii', start, end: start + span.length, score: 0.5, detector: 'address' });
    }
    return out;
  },
};
