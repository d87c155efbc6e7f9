/**
 * Date/time regexes shared by the DATE_TIME and DATE_OF_BIRTH recognizers, plus a range validator.
 * All repetition is bounded; alternations are anchored on distinct leading tokens.
 */
import type { PatternSpec } from '../recognizer';
import { digitRunStart } from '../pattern-exec';

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/** Every month alternative starts with one of these (all ASCII, matched case-insensitively). */
const MONTH_STEMS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Exactly the spellings MONTHS accepts; where only '.' or ' ' may follow the month, a match holds one of MONTH_ENDS. */
const MONTH_WORDS = ['jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july', 'aug', 'august', 'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december'];
const MONTH_ENDS = MONTH_WORDS.flatMap((w) => [`${w} `, `${w}.`]);
const TIME = '(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,6})?)?(?: ?[AaPp][Mm])?(?:Z|[+\\-]\\d{2}:?\\d{2})?)?';

export const DATE_PATTERNS: readonly PatternSpec[] = [
  { name: 'iso', regex: new RegExp(`(?<![\\d\\-])\\d{4}-\\d{1,2}-\\d{1,2}${TIME}(?![\\d])`, 'g'), score: 0.75, startCandidates: digitRunStart },
  { name: 'numeric', regex: new RegExp(`(?<![\\d/.\\-])\\d{1,2}([/.\\-])\\d{1,2}\\1(?:\\d{4}|\\d{2})${TIME}(?![\\d/]|[.\\-]\\d)`, 'g'), score: 0.6, startCandidates: digitRunStart },
  { name: 'ymd-slash', regex: /(?<![\d/])\d{4}\/\d{1,2}\/\d{1,2}(?![\d/])/g, score: 0.6, startCandidates: digitRunStart },
  {
    name: 'month-day-year',
    regex: new RegExp(`\\b(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?\\b`, 'gi'),
    score: 0.6,
    requires: MONTH_ENDS,
  },
  {
    name: 'day-month-year',
    regex: new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:${MONTHS})\\.?(?:,? \\d{4})?\\b`, 'gi'),
    score: 0.6,
    requires: MONTH_STEMS,
    startCandidates: digitRunStart,
  },
  { name: 'month-year', regex: new RegExp(`\\b(?:${MONTHS}) \\d{4}\\b`, 'gi'), score: 0.5, requires: MONTH_ENDS },
  { name: 'weekday', regex: /\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b/g, score: 0.6, requires: ['day'] },
  { name: 'clock', regex: /(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?(?![\d:])/g, score: 0.45, startCandidates: digitRunStart },
  { name: 'clock-ampm', regex: /\b\d{1,2} ?[AaPp]\.?[Mm]\.?(?!\w)/g, score: 0.45, startCandidates: digitRunStart },
];

/** Reject numeric shapes whose month/day are out of range (e.g. "33/44/2020" or version "1.2.3"). */
export function validDate(m: string): boolean {
  const iso = /^(\d{4})[\-/](\d{1,2})[\-/](\d{1,2})/.exec(m);
  if (iso) return +iso[2] >= 1 && +iso[2] <= 12 && +iso[3] >= 1 && +iso[3] <= 31 && +iso[1] >= 1800 && +iso[1] <= 2200;
  const num = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})/.exec(m);
  if (num) {
    const a = +num[1];
    const b = +num[2];
    // Either m/d or d/m order is acceptable.
    const md = a >= 1 && a <= 12 && b >= 1 && b <= 31;
    const dm = b >= 1 && b <= 12 && a >= 1 && a <= 31;
    return md || dm;
  }
  const clock = /^(\d{1,2}):(\d{2})/.exec(m);
  if (clock) return +clock[1] <= 24 && +clock[2] <= 59;
  return true;
}
