/**
 * PHONE_NUMBER: phone-shaped candidates are found with one flat regex, then scored:
 *  - libphonenumber-js (max metadata) validity with default region US, or international when '+'/'00';
 *  - otherwise a weak "phone shape" score that only clears the threshold with phone context words,
 *    because national formats of other countries (e.g. "0431 35 06 90") are not parseable without a region.
 * Parsing only candidates (not the whole text) keeps this fast and bounded on hostile input.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Finding } from '../types';
import type { Recognizer } from '../recognizer';
import { countDigits, digitsOnly } from '../recognizer';
import { hasContext } from '../context';
import { digitCount } from '../text-cache';

// Each repetition starts with a separator not in \d, so the groups cannot overlap (no ambiguity).
const CANDIDATE =
  /(?<![\w+(.:/\-])(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,5}\) ?)?\d{1,8}(?:[ .\-]\(?\d{1,8}\)?){0,6}(?:(?: ?x| ?ext\.? ?)\d{1,6})?(?![\w:/@]|\.\d|-\d)/g;

/** Sticky copy of CANDIDATE, tried only where a candidate can start ('+', '(' or a digit). */
const STICKY = new RegExp(CANDIDATE.source, 'y');
const SEED = /[+(\d]/g;

/** Next candidate at or after SEED.lastIndex: a cheap char-class scan instead of a lookbehind at every offset. */
function nextCandidate(text: string): RegExpExecArray | null {
  while (SEED.exec(text) !== null) {
    STICKY.lastIndex = SEED.lastIndex - 1;
    const m = STICKY.exec(text);
    if (m !== null && m[0].length > 0) {
      SEED.lastIndex = STICKY.lastIndex;
      return m;
    }
  }
  return null;
}

const CONTEXT = ['phone', 'call', 'tel', 'mobile', 'cell', 'fax', 'office', 'reach', 'answering', 'contact', 'whatsapp', 'sms', 'dial', 'ring', 'landline', 'hotline'];
/** Upper bound on libphonenumber parses per input so adversarial text stays fast. */
const MAX_PARSES = 64;
/** Natural text never holds thousands of phone-shaped runs; past this the input is a digit wall. */
const MAX_CANDIDATES = 2000;
const EXT = /(?: ?x| ?ext\.? ?)\d{1,6}$/;
const SSN_SHAPE = /^\d{3}-\d{2}-\d{4}$/;
const DATE_SHAPE = /^(?:\d{4}[\-.]\d{1,2}[\-.]\d{1,2}|\d{1,2}[\-.]\d{1,2}[\-.]\d{2,4})$/;

/**
 * Without '+'/'00' the number is parsed as US, where only 10 digits, 11 with the trunk prefix 1, or the
 * 011 international prefix can be valid or possible; other lengths skip the (costly) parse.
 */
function worthParsing(candidate: string, digits: number): boolean {
  if (candidate.startsWith('+') || candidate.startsWith('00')) return true;
  if (digits === 10) return true;
  const d = digitsOnly(candidate);
  return (digits === 11 && d[0] === '1') || d.startsWith('011');
}

function libScore(candidate: string): number {
  const intl = candidate.startsWith('+') || candidate.startsWith('00');
  const text = candidate.startsWith('00') ? '+' + candidate.slice(2) : candidate;
  const p = parsePhoneNumberFromString(text, intl ? undefined : 'US');
  if (p === undefined) return 0;
  if (p.isValid()) return 0.7;
  return p.isPossible() ? 0.35 : 0;
}

function scoreCandidate(c: string, digits: number, allowParse: boolean): number {
  if (SSN_SHAPE.test(c) || DATE_SHAPE.test(c)) return 0.15;
  const bare = c.replace(EXT, '');
  const lib = allowParse && digits >= 7 && worthParsing(bare, digits) ? libScore(bare) : 0;
  if (lib > 0) return lib;
  // Shape: separated groups or parentheses look like a dialable number; a bare run does not.
  const shaped = /[ .\-()]/.test(c);
  return shaped ? 0.3 : digits >= 10 ? 0.25 : 0.1;
}

export const phoneRecognizer: Recognizer = {
  name: 'phone',
  entities: ['PHONE_NUMBER'],
  detect(text: string): Finding[] {
    if (digitCount(text) < 6) return [];
    const out: Finding[] = [];
    let parses = 0;
    let m: RegExpExecArray | null;
    let seen = 0;
    SEED.lastIndex = 0;
    while ((m = nextCandidate(text)) !== null && seen++ < MAX_CANDIDATES) {
      let c = m[0];
      // Trailing separators and unmatched parens are not part of the number.
      c = c.replace(/[ .\-(]+$/, '');
      const ext = EXT.exec(c);
      const digits = countDigits(ext ? c.slice(0, ext.index) : c, 99);
      if (digits < 6 || digits > 15) continue;
      const start = m.index;
      const end = start + c.length;
      let score = scoreCandidate(c, digits, parses++ < MAX_PARSES);
      if (hasContext(text, start, end, CONTEXT, 40)) score += 0.4;
      else if (digits < 7) continue;
      out.push({ entity: 'PHONE_NUMBER', dataClass: 'pii', start, end, score: Math.min(1, score), detector: 'phone' });
    }
    return out;
  },
};
