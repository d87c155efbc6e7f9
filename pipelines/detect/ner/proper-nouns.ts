/**
 * Rule-based fallback NER for PERSON / LOCATION / ORGANIZATION / PREFIX (no ML model):
 *  1. location phrases from a gazetteer, matched as token n-grams case-insensitively;
 *  2. runs of capitalized tokens (with name particles), classified by honorifics, organization
 *     designators, name gazetteers, and the words around them; stop-listed words (languages, tech
 *     products, calendar and other common capitalized words) are trimmed from the ends of a run;
 *  3. lower-case text only yields names from the gazetteer or right after explicit cues ("my name is").
 * One linear pass over tokens; the input is lower-cased once and cues are matched in place.
 * Results are memoized for the last input because four recognizers share one analysis per call.
 */
import type { Finding } from '../types';
import { tokenize, type Token } from './tokens';
import { lowerOf } from '../text-cache';
import { COMMON, FIRST_NAME, HONORIFIC, NAME_PARTICLE, ORG_SUFFIX, STOP, SURNAME } from './lexicon';
import { cueFor, strongPersonCue, personVerbAfter, weakPersonCueOnly } from './cues';
import { classifyUnknown, isCamelIdentifier, locationAt } from './classify';

// Word-list membership comes from the token's lexicon flags (one lookup per token, see lexicon.ts).
const isNameWord = (t: Token): boolean => (t.flags & (FIRST_NAME | SURNAME)) !== 0;
const isFirstName = (t: Token): boolean => (t.flags & FIRST_NAME) !== 0;
const isHonorific = (t: Token): boolean => (t.flags & HONORIFIC) !== 0;
/** Single letters ("I", initials) and frequent English words never start or extend a name run. */
const isCommon = (t: Token): boolean => t.lower.length === 1 || (t.flags & COMMON) !== 0;
const isStop = (text: string, t: Token): boolean => (t.flags & STOP) !== 0 || isCamelIdentifier(text, t);
const capLike = (t: Token): boolean => t.cap && !isCommon(t) && !isHonorific(t);

function finding(entity: string, start: number, end: number, score: number): Finding {
  return { entity, dataClass: 'pii', start, end, score, detector: 'proper_nouns' };
}

function classifyRun(text: string, lower: string, all: readonly Token[], from: number, to: number, out: Finding[]): void {
  const first = all[from];
  const last = all[to - 1];
  if (to - from >= 2 && (last.flags & ORG_SUFFIX) !== 0) {
    out.push(finding('ORGANIZATION', first.start, text[last.end] === '.' ? last.end + 1 : last.end, 0.8));
    return;
  }
  // Trim stop-listed words (that are not also names) from both ends: "Translate Maria" → "Maria".
  let a = from;
  let b = to;
  while (a < b && isStop(text, all[a]) && !isNameWord(all[a])) a++;
  while (b > a && isStop(text, all[b - 1]) && !isNameWord(all[b - 1])) b--;
  if (a === b) return;
  const start = all[a].start;
  const end = all[b - 1].end;
  let names = 0;
  let stops = 0;
  for (let k = a; k < b; k++) {
    if (isNameWord(all[k])) names++;
    if (isStop(text, all[k])) stops++;
  }
  // Only ambiguous words left ("Julia", "Ruby", "French"): a name only with an explicit person cue.
  if (stops === b - a && !(strongPersonCue(lower, start) || personVerbAfter(lower, end) || (a > 0 && isHonorific(all[a - 1])))) return;
  const cue = cueFor(lower, start, end);
  if (cue === 'ORGANIZATION' && names === 0) return void out.push(finding('ORGANIZATION', start, end, 0.5));
  if (cue === 'LOCATION' && names === 0) return void out.push(finding('LOCATION', start, end, 0.5));
  // A lone unknown word followed by "and"/"the" is as likely a band, product or title as a person.
  if (names === 0 && cue === 'PERSON' && b - a === 1 && weakPersonCueOnly(lower, start, end)) return;
  if (names > 0 || cue === 'PERSON') {
    out.push(finding('PERSON', start, end, Math.min(0.9, 0.55 + 0.15 * names + (cue === 'PERSON' ? 0.15 : 0))));
    return;
  }
  const entity = classifyUnknown(text, all, a, b, cue);
  if (entity !== null) out.push(finding(entity, start, end, 0.45));
}

function analyze(text: string): Finding[] {
  const lower = lowerOf(text);
  const tokens = tokenize(text, lower);
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
    if (isHonorific(t) && (t.cap || text[t.end] === '.') && i + 1 < tokens.length) {
      out.push(finding('PREFIX', t.start, text[t.end] === '.' ? t.end + 1 : t.end, 0.8));
      i++;
      continue;
    }
    if (capLike(t)) {
      let j = i + 1;
      while (j < tokens.length && tokens[j].joinsPrev && j - i < 6) {
        const n = tokens[j];
        if (capLike(n)) j++;
        else if ((n.flags & NAME_PARTICLE) !== 0 && j + 1 < tokens.length && tokens[j + 1].joinsPrev && capLike(tokens[j + 1])) j++;
        else break;
      }
      classifyRun(text, lower, tokens, i, j, out);
      i = j;
      continue;
    }
    // Lower-case text: gazetteer first names (not common words), or anything right after a strong cue.
    if (!t.cap && !isCommon(t) && !isStop(text, t) && (isFirstName(t) || strongPersonCue(lower, t.start))) {
      let end = t.end;
      const n = tokens[i + 1];
      if (n && n.joinsPrev && !n.cap && !isCommon(n) && ((n.flags & SURNAME) !== 0 || !isFirstName(t) || n.lower.length > 3)) {
        end = n.end;
        i++;
      }
      out.push(finding('PERSON', t.start, end, isFirstName(t) ? 0.5 : 0.45));
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
