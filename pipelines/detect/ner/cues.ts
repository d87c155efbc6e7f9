/**
 * Words around a capitalized phrase that indicate what it is ("my name is X" → PERSON,
 * "grew up in X" → LOCATION, "works at X" → ORGANIZATION). Checked on small lower-cased windows.
 */
import { ORG_CUES } from '../data/organization-words';

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

/** Length of the longest cue that `s` ends with (0 if none): longer cues are more specific. */
function longestSuffix(s: string, cues: readonly string[]): number {
  let best = 0;
  for (const c of cues) if (c.length > best && s.endsWith(c)) best = c.length;
  return best;
}
function startsWithAny(s: string, cues: readonly string[]): boolean {
  for (const c of cues) if (s.startsWith(c)) return true;
  return false;
}

export function cueFor(text: string, start: number, end: number): Cue {
  const before = text.slice(Math.max(0, start - 24), start).toLowerCase();
  const after = text.slice(end, end + 24).toLowerCase();
  const o = longestSuffix(before, ORG_CUES);
  const p = longestSuffix(before, PERSON_BEFORE);
  const l = longestSuffix(before, LOCATION_BEFORE);
  const pa = startsWithAny(after, PERSON_AFTER);
  if (o > 0 && o >= p && o >= l) return 'ORGANIZATION';
  if (startsWithAny(after, LOCATION_AFTER)) return 'LOCATION';
  if (p > l) return 'PERSON';
  if (l > p) return pa ? 'PERSON' : 'LOCATION';
  return pa ? 'PERSON' : null;
}

/** Cues explicit enough to trust even when the following word is lower-case ("my name is claudia"). */
const STRONG_PERSON = ['name is ', 'name: ', 'call me ', 'calls me ', 'named him ', 'named her ', "partner's name ", 'user: '];

export function strongPersonCue(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 20), start).toLowerCase();
  return STRONG_PERSON.some((c) => before.endsWith(c));
}
