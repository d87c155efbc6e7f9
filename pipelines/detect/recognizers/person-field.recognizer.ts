/**
 * PERSON from a structured field's key: in {"customer_name":"Anna Kowalski"} the key is the cue that
 * prose would carry in words ("my name is"), so a bare person-looking value under a name-ish key is a
 * name. Fires only when the caller passes the key path (JSON log leaves, prompt metadata); plain
 * text never has one, so prose detection (and the PII eval) is unchanged.
 *
 * Name-ish key (case- and separator-insensitive: customer_name, customerName, Customer-Name are one):
 *  - its last word is a name word: name, names, firstname, lastname, fullname, surname, givenname,
 *    middlename, familyname, username, holdername, cardholder, or a person role (below);
 *  - every word before it is a person role or a name qualifier (first, last, full, given, middle,
 *    family, legal, maiden, preferred, card, account, primary, emergency).
 *  Person roles: customer, patient, user, contact, holder, client, member, employee, recipient, sender,
 *  guardian, beneficiary, spouse, passenger, guest, applicant, subscriber, insured, owner.
 *  So name, first_name, full_name, customer, patient, user_name, contact, card_holder and
 *  customer_name match; service_name, hostname, file_name and customer_id do not.
 *  A bare name word under a parent that names a thing ({"service":{"name":…}}) does not match either,
 *  and under a lone name/role word (name, customer, contact) a one-word value must be a known first
 *  name or surname ({"name":"Checkout"} is a product; {"name":"Anna"} a person).
 * Person-looking value: 1–4 capitalised words of letters, hyphens and apostrophes (lower-case name
 * particles such as "van", "de" may sit between them), no digits, not made only of common or
 * stop-listed words or placeholders ("Unknown", "Guest", "Java"), not ending in a company designator ("Acme Ltd").
 */
import type { DetectContext, Recognizer } from '../recognizer';
import type { Finding } from '../types';
import { COMMON_WORDS } from '../data/common-words';
import { FIRST_NAMES } from '../data/first-names';
import { NAME_PARTICLES } from '../data/honorifics';
import { ORG_SUFFIXES } from '../data/organization-words';
import { STOP_WORDS } from '../data/stop-words';
import { SURNAMES } from '../data/surnames';

const ROLES = new Set(['customer', 'patient', 'user', 'contact', 'holder', 'client', 'member', 'employee', 'recipient', 'sender', 'guardian', 'beneficiary', 'spouse', 'passenger', 'guest', 'applicant', 'subscriber', 'insured', 'owner']);
const NAME_WORDS = new Set(['name', 'names', 'firstname', 'lastname', 'fullname', 'surname', 'givenname', 'middlename', 'familyname', 'username', 'holdername', 'cardholder']);
const QUALIFIERS = new Set(['first', 'last', 'full', 'given', 'middle', 'family', 'legal', 'maiden', 'preferred', 'card', 'account', 'primary', 'emergency']);
/** Lone key words that name people and things alike ({"name":"Checkout"}): a one-word value must be a known name. */
const GENERIC = new Set(['name', 'names', 'username', ...ROLES]);
/** Values that fill a name field without naming anyone. */
const PLACEHOLDER_VALUES = new Set(['unknown', 'none', 'null', 'undefined', 'anonymous', 'anon', 'guest', 'admin', 'administrator', 'system', 'root', 'test', 'default', 'redacted', 'nobody', 'everyone', 'tbd', 'todo', 'empty', 'missing', 'user', 'customer', 'name', 'other']);
/** Parents whose `name` is a thing's name, not a person's. */
const THING_PARENTS = new Set([
  'service', 'app', 'application', 'host', 'file', 'queue', 'topic', 'product', 'job', 'table', 'metric', 'event', 'bucket', 'cluster', 'container',
  'pod', 'database', 'db', 'index', 'model', 'repo', 'repository', 'project', 'team', 'org', 'organization', 'company', 'brand', 'city', 'country',
  'street', 'span', 'operation', 'logger', 'thread', 'method', 'function', 'module', 'package', 'image', 'device', 'browser', 'os', 'plan', 'feature',
  'flag', 'field', 'column', 'type', 'kind', 'category', 'tag', 'label', 'role', 'status', 'env', 'environment', 'namespace', 'resource',
  'component', 'endpoint', 'route', 'step', 'stage', 'task', 'workflow', 'pipeline', 'region', 'zone', 'node', 'server', 'process', 'test',
]);

/** A key split into lower-case words at separators and camelCase humps ("customerName" → customer, name). */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * How the innermost key of the path names a person: 'specific' (first_name, customer_name), 'generic'
 * (a lone name or role word: name, customer, contact), or null when it does not.
 */
export function personKeyKind(fieldKeys: readonly string[]): 'specific' | 'generic' | null {
  const key = fieldKeys[fieldKeys.length - 1];
  if (key === undefined || key.length > 64) return null;
  const words = keyWords(key);
  const last = words[words.length - 1];
  if (last === undefined || words.length > 4 || !(NAME_WORDS.has(last) || ROLES.has(last))) return null;
  if (!words.slice(0, -1).every((w) => ROLES.has(w) || QUALIFIERS.has(w))) return null;
  if (words.length > 1 || !GENERIC.has(last)) return 'specific';
  // {"service":{"name":"Checkout"}}: a bare name word takes its meaning from the parent.
  const parent = fieldKeys[fieldKeys.length - 2];
  if (NAME_WORDS.has(last) && parent !== undefined && keyWords(parent).some((w) => THING_PARENTS.has(w))) return null;
  return 'generic';
}

export function isPersonKey(fieldKeys: readonly string[]): boolean {
  return personKeyKind(fieldKeys) !== null;
}

const WORD = /^[\p{Lu}][\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*$/u;

/** The trimmed value's span when it looks like a person name, else null. `generic`: the key alone is a weak cue. */
export function personValueSpan(value: string, generic = false): { start: number; end: number } | null {
  if (value.length > 128) return null;
  const start = value.length - value.trimStart().length;
  const trimmed = value.trim();
  const words = trimmed.split(' ');
  let capitalised = 0;
  let informative = 0;
  let known = 0;
  for (const w of words) {
    if (WORD.test(w)) {
      capitalised++;
      const lower = w.toLowerCase();
      const isName = FIRST_NAMES.has(lower) || SURNAMES.has(lower);
      if (isName) known++;
      if (isName || !(COMMON_WORDS.has(lower) || STOP_WORDS.has(lower) || PLACEHOLDER_VALUES.has(lower))) informative++;
    } else if (!NAME_PARTICLES.has(w)) return null;
  }
  const last = words[words.length - 1]!;
  if (capitalised < 1 || capitalised > 4 || informative === 0 || !WORD.test(words[0]!) || !WORD.test(last)) return null;
  if (generic && capitalised === 1 && known === 0) return null;
  // "Acme Ltd" under "customer" is a company: the proper-noun analysis reports it as one.
  if (words.length > 1 && ORG_SUFFIXES.has(last.toLowerCase())) return null;
  return { start, end: start + trimmed.length };
}

export const personFieldRecognizer: Recognizer = {
  name: 'person_field_key',
  entities: ['PERSON'],
  detect(text: string, ctx?: DetectContext): Finding[] {
    const keys = ctx?.fieldKeys;
    const kind = keys && keys.length > 0 ? personKeyKind(keys) : null;
    if (kind === null) return [];
    const span = personValueSpan(text, kind === 'generic');
    if (!span) return [];
    // 0.85: as strong as an explicit "name:" cue in prose and well above the default policy's 0.5
    // floor; it also outranks the proper-noun analysis' LOCATION/ORGANIZATION guesses (≤ 0.8) for
    // names like "Jordan" when the two overlap.
    return [{ entity: 'PERSON', dataClass: 'pii', start: span.start, end: span.end, score: 0.85, detector: 'person_field_key' }];
  },
};
