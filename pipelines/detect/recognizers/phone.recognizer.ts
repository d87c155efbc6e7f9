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
import { countDigits } from '../recognizer';
import { hasContext } from '../context';

// Each repetition starts with a separator not in \d, so the groups cannot overlap (no ambiguity).
const CANDIDATE =
  /(?<![\w+(.:/\-])(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,5}\) ?)?\d{1,8}(?:[ .\-]\(?\d{1,8}\)?){0,6}(?:(?: ?x| ?ext\.? ?)\d{1,6})?(?![\w:/@]|\.\d|-\d)/g;

const CONTEXT = ['phone', 'call', 'tel', 'mobile', 'cell', 'fax', 'office', 'reach', 'answering', 'contact', 'whatsapp', 'sms', 'dial', 'ring', 'landline', 'hotline'];
/** Upper bound on libphonenumber parses per input so adversarial text stays fast. */
const MAX_PARSES = 64;
/** Natural text never holds thousands of phone-shaped runs; past this the input is a digit wall. */
const MAX_CANDIDATES = 2000;
const EXT = /(?: ?x| ?ext\.? ?)\d{1,6}$/;
const SSN_SHAPE = /^\d{3}-\d{2}-\d{4}$/;
const DATE_SHAPE = /^(?:\d{4}[\-.]\d{1,2}[\-.]\d{1,2}|\d{1,2}[\-.]\d{1,2}[\-.]\d{2,4})$/;

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
  const lib = allowParse && digits >= 7 ? libScore(c.replace(EXT, '')) : 0;
  if (lib > 0) return lib;
  // Shape: separated groups or parentheses look like a dialable number; a bare run does not.
  const shaped = /[ .\-()]/.test(c);
  return shaped ? 0.3 : digits >= 10 ? 0.25 : 0.1;
}

export const phoneRecognizer: Recognizer = {
  name: 'phone',
  entities: ['PHONE_NUMBER'],
  detect(text: string): Finding[] {
    if (countDigits(text, 6) < 6) return [];
    const out: Finding[] = [];
    let parses = 0;
    CANDIDATE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let seen = 0;
    while ((m = CANDIDATE.exec(text)) !== null && seen++ < MAX_CANDIDATES) {
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
