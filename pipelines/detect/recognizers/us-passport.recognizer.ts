/** US_PASSPORT: 9 digits or one letter + 8 digits (next-gen books), only near "passport". */
import { patternRecognizer } from '../recognizer';
import { mayContainAny } from '../gram-filter';

const PASSPORT_CUES = ['passport'];

export const usPassportRecognizer = patternRecognizer({
  name: 'us_passport',
  entity: 'US_PASSPORT',
  dataClass: 'pii',
  // The gram bitmap rules most texts out without a case-insensitive scan (see gram-filter.ts).
  prefilter: (t) => mayContainAny(t, PASSPORT_CUES) && /passport/i.test(t),
  patterns: [{ name: 'passport', regex: /(?<![\w\-])[A-Za-z]?\d{8,9}(?![\w\-])/g, score: 0.4 }],
  contextWords: ['passport'],
  contextWindow: 40,
  contextBoost: 0.45,
  requireContext: true,
});
