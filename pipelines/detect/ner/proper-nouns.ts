/**
 * Rule-based fallback NER for PERSON / LOCATION / ORGANIZATION / PREFIX (no ML model):
 *  1. location phrases from a gazetteer, matched as token n-grams case-insensitively;
 *  2. runs of capitalized tokens (with name particles), classified by honorifics, organization
 *     designators, name gazetteers, and the words around them;
 *  3. lower-case text only yields names from the gazetteer or right after explicit cues ("my name is").
 * Results are memoized for the last input because four recognizers share one analysis per call.
 */
import type { Finding } from '../types';
import { tokenize, type Token } from './tokens';
import { COMMON_WORDS } from '../data/common-words';
import { FIRST_NAMES } from '../data/first-names';
import { SURNAMES } from '../data/surnames';
import { LOCATION_FIRST_WORDS, LOCATIONS } from '../data/locations';
import { HONORIFICS, NAME_PARTICLES } from '../data/honorifics';
import { ORG_SUFFIXES } from '../data/organization-words';
import { cueFor, strongPersonCue } from './cues';

const MAX_NGRAM = 5;
/** Capitalized words that are rarely names: acronyms and nationality adjectives. */
const NOT_NAMES = new Set(
  'atm iban ssn pin cc cvv dob id faq ceo cto ip url api tv dj ok usa uk eu un nato american english german french spanish italian dutch ' +
    'swedish danish norwegian finnish polish russian chinese japanese korean indian thai greek turkish european african asian canadian mexican ' +
    'brazilian australian irish scottish british christmas easter god devil internet covid'.split(' '),
);

const isNameWord = (t: Token): boolean => FIRST_NAMES.has(t.lower) || SURNAMES.has(t.lower);
const isCommon = (t: Token): boolean => COMMON_WORDS.has(t.lower) || NOT_NAMES.has(t.lower);

function finding(entity: string, start: number, end: number, score: number): Finding {
  return { entity, dataClass: 'pii', start, end, score, detector: 'proper_nouns' };
}

/** Longest gazetteer location starting at token i; returns the token count (0 if none). */
function locationAt(tokens: readonly Token[], i: number): number {
  if (!LOCATION_FIRST_WORDS.has(tokens[i].lower)) return 0;
  let phrase = '';
  let best = 0;
  for (let n = 0; n < MAX_NGRAM && i + n < tokens.length; n++) {
    const t = tokens[i + n];
    if (n > 0 && !t.joinsPrev) break;
    phrase = n === 0 ? t.lower : `${phrase} ${t.lower}`;
    if (LOCATIONS.has(phrase)) best = n + 1;
  }
  if (best === 1) {
    const t = tokens[i];
    // A lower-case single word that is also common English ("nice", "reading") is not a place.
    if (!t.cap && (COMMON_WORDS.has(t.lower) || FIRST_NAMES.has(t.lower))) return 0;
  }
  return best;
}

function classifyRun(text: string, run: readonly Token[], out: Finding[]): void {
  const start = run[0].start;
  let end = run[run.length - 1].end;
  const last = run[run.length - 1];
  if (run.length >= 2 && ORG_SUFFIXES.has(last.lower)) {
    if (text[end] === '.') end++;
    out.push(finding('ORGANIZATION', start, end, 0.8));
    return;
  }
  const cue = cueFor(text, start, end);
  const names = run.filter(isNameWord).length;
  const allCaps = run.every((t) => t.allCaps);
  if (cue === 'ORGANIZATION' && names === 0) return void out.push(finding('ORGANIZATION', start, end, 0.5));
  if (cue === 'LOCATION' && names === 0) return void out.push(finding('LOCATION', start, end, 0.5));
  if (names > 0 || cue === 'PERSON') {
    out.push(finding('PERSON', start, end, Math.min(0.9, 0.55 + 0.15 * names + (cue === 'PERSON' ? 0.15 : 0))));
    return;
  }
  // Unknown capitalized phrase: informative only when not at a sentence/line start.
  if (allCaps && last.text.length >= 3) out.push(finding('LOCATION', start, end, 0.45));
  else if (!run[0].sentenceStart) out.push(finding('PERSON', start, end, 0.45));
  else if (cue === 'LOCATION') out.push(finding('LOCATION', start, end, 0.45));
}

function analyze(text: string): Finding[] {
  const tokens = tokenize(text);
  const out: Finding[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    const loc = locationAt(tokens, i);
    if (loc > 0 && (t.cap || !isCommon(t))) {
      out.push(finding('LOCATION', t.start, tokens[i + loc - 1].end, t.cap ? 0.8 : 0.6));
      i += loc;
      continue;
    }
    if (HONORIFICS.has(t.lower) && (t.cap || text[t.end] === '.') && i + 1 < tokens.length) {
      const end = text[t.end] === '.' ? t.end + 1 : t.end;
      out.push(finding('PREFIX', t.start, end, 0.8));
      i++;
      continue;
    }
    const capLike = (x: Token) => x.cap && !isCommon(x) && !HONORIFICS.has(x.lower);
    if (capLike(t)) {
      const run: Token[] = [t];
      let j = i + 1;
      while (j < tokens.length && tokens[j].joinsPrev) {
        const n = tokens[j];
        if (capLike(n)) run.push(n);
        else if (NAME_PARTICLES.has(n.lower) && j + 1 < tokens.length && tokens[j + 1].joinsPrev && capLike(tokens[j + 1])) run.push(n);
        else if (locationAt(tokens, j) === 0 || !n.cap) break;
        else break;
        j++;
        if (run.length >= 6) break;
      }
      classifyRun(text, run, out);
      i = j;
      continue;
    }
    // Lower-case text: gazetteer first names (not common words), or anything right after a strong cue.
    if (!t.cap && !isCommon(t) && (FIRST_NAMES.has(t.lower) || strongPersonCue(text, t.start))) {
      let end = t.end;
      const n = tokens[i + 1];
      if (n && n.joinsPrev && !n.cap && !isCommon(n) && (SURNAMES.has(n.lower) || !FIRST_NAMES.has(t.lower) || n.lower.length > 3)) {
        end = n.end;
        i++;
      }
      out.push(finding('PERSON', t.start, end, FIRST_NAMES.has(t.lower) ? 0.5 : 0.45));
    }
    i++;
  }
  return out;
}

let memoText: string | null = null;
let memo: Finding[] = [];

/** All proper-noun findings for `text` (memoized for the most recent input). */
export function properNouns(text: string): readonly Finding[] {
  if (text !== memoText) {
    memo = analyze(text);
    memoText = text;
  }
  return memo;
}
