/** US_SSN: AAA-GG-SSSS with SSA validity rules; unseparated 9-digit runs need context. */
import { digitsOnly, patternRecognizer } from '../recognizer';
import { digitCount } from '../text-cache';
import { digitRunStart } from '../pattern-exec';

/** Values published as examples or used in advertising; never real SSNs. */
const KNOWN_INVALID = new Set(['078051120', '219099999', '123456789', '457555462']);

export function ssnInvalid(match: string): boolean {
  const d = digitsOnly(match);
  if (d.length !== 9) return true;
  const area = d.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return true;
  if (d.slice(3, 5) === '00' || d.slice(5) === '0000') return true;
  if (/^(\d)\1{8}$/.test(d)) return true;
  return KNOWN_INVALID.has(d);
}

export const usSsnRecognizer = patternRecognizer({
  name: 'us_ssn',
  entity: 'US_SSN',
  dataClass: 'pii',
  prefilter: (t) => digitCount(t) >= 9,
  patterns: [
    { name: 'dashed', regex: /(?<![\d\-])\d{3}-\d{2}-\d{4}(?![\d\-]|\.\d)/g, score: 0.6, startCandidates: digitRunStart },
    { name: 'spaced-dotted', regex: /(?<![\d.])\d{3}([ .])\d{2}\1\d{4}(?![\d]|[ .]\d)/g, score: 0.35, startCandidates: digitRunStart },
    { name: 'bare', regex: /(?<![\d\-])\d{9}(?![\d\-])/g, score: 0.1, startCandidates: digitRunStart },
  ],
  contextWords: ['ssn', 'social security', 'social sec', 'ss#', 'ss #', 'tax id', 'taxpayer', 'itin'],
  contextBoost: 0.35,
  invalidate: ssnInvalid,
});
