/**
 * Words around a capitalized phrase that indicate what it is ("my name is X" → PERSON,
 * "grew up in X" → LOCATION, "works at X" → ORGANIZATION). Checked on small lower-cased windows.
 */
import { ORG_CUES } from '../data/organization-words';
import { CueSet } from './cue-set';

export type Cue = 'PERSON' | 'LOCATION' | 'ORGANIZATION' | null;

const PERSON_BEFORE = [
  'name is ', 'name: ', 'name:', 'names are ', 'call me ', 'calls me ', 'named him ', 'named her ', 'named ', 'this is ', 'dear ', 'hi ', 'hello ',
  'hey ', 'directed by ', 'starring ', 'written by ', 'produced by ', 'played by ', 'assistant to ', 'speak to ', 'tribute to ', 'thanks ',
  'thank you ', 'follow up with ', 'talk to ', 'married ', 'son of ', 'daughter of ', 'wife of ', 'husband of ', 'user: ', 'signed ', 'regards,',
  "i'm ", 'i am ', 'mr ', 'mrs ', 'ms ', 'dr ', 'by ', 'with ', 'said ', 'says ', 'told ', 'asked ', 'add ', 'under ', 'commenter ', 'producer ',
];
const PERSON_AFTER = [
  ' said', ' says', ' shouted', ' explained', ' lives ', ' listed ', ' is very', ' is a very', ' was born', "'s ", '’s ', ' will be', ' had given',
  ' is from', ' spent', ' concert', ' fan', ' version', ' novel', ' as guardian', ' as a beneficiary', ' to ', ':', ', can i', ', the ', ' and ', ' was a',
];
const LOCATION_BEFORE = [
  'from ', 'in ', 'to ', 'visit ', 'visited ', 'city of ', 'near ', 'grew up in ', 'lives in ', 'moved to ', 'born in ', 'trip to ', 'flight to ',
  'home city ', 'capital of ', 'where: ', 'located in ',
];
const LOCATION_AFTER = [' country club', ' was super fun', ' is moving', ' this morning', ' for a business trip', ', at the', ' city'];

const ORG_BEFORE_SET = new CueSet(ORG_CUES, 'end');
const PERSON_BEFORE_SET = new CueSet(PERSON_BEFORE, 'end');
const LOCATION_BEFORE_SET = new CueSet(LOCATION_BEFORE, 'end');
const PERSON_AFTER_SET = new CueSet(PERSON_AFTER, 'start');
const LOCATION_AFTER_SET = new CueSet(LOCATION_AFTER, 'start');

/**
 * Classifies the phrase lower[start, end) by the words around it. `lower` is the whole input lower-cased
 * with unchanged offsets (see lowerSameLength), so no per-phrase string is built.
 */
export function cueFor(lower: string, start: number, end: number): Cue {
  const o = ORG_BEFORE_SET.longestEndingAt(lower, start);
  const p = PERSON_BEFORE_SET.longestEndingAt(lower, start);
  const l = LOCATION_BEFORE_SET.longestEndingAt(lower, start);
  const pa = PERSON_AFTER_SET.startsAt(lower, end);
  if (o > 0 && o >= p && o >= l) return 'ORGANIZATION';
  if (LOCATION_AFTER_SET.startsAt(lower, end)) return 'LOCATION';
  if (p > l) return 'PERSON';
  if (l > p) return pa ? 'PERSON' : 'LOCATION';
  return pa ? 'PERSON' : null;
}

/** Cues explicit enough to trust even when the following word is lower-case ("my name is claudia"). */
const STRONG_PERSON = ['name is ', 'name: ', 'call me ', 'calls me ', 'named him ', 'named her ', "partner's name ", 'user: '];

/** Bucketed like the other cue lists: asked for nearly every lower-case token, it compares only the cues sharing the last two characters. */
const STRONG_PERSON_SET = new CueSet(STRONG_PERSON, 'end');

export function strongPersonCue(lower: string, start: number): boolean {
  return STRONG_PERSON_SET.longestEndingAt(lower, start) > 0;
}

/** Verbs and phrases after a phrase that only a person does ("Julia said", "Grace wrote"). */
const PERSON_VERBS = [' said', ' says', ' told', ' asked', ' wrote', ' replied', ' explained', ' was born', ' is my ', ' was my ', "'s birthday", ' lives '];

const PERSON_VERBS_SET = new CueSet(PERSON_VERBS, 'start');

export function personVerbAfter(lower: string, end: number): boolean {
  return PERSON_VERBS_SET.startsAt(lower, end);
}

/** After-cues that join lists and clauses rather than mark a person. */
const WEAK_AFTER = new CueSet([' and ', ', the ', ' to ', ':'], 'start');

/** The only person evidence for lower[start, end) is a weak after-cue (no before-cue, no person verb). */
export function weakPersonCueOnly(lower: string, start: number, end: number): boolean {
  return PERSON_BEFORE_SET.longestEndingAt(lower, start) === 0 && WEAK_AFTER.startsAt(lower, end) && !personVerbAfter(lower, end);
}
