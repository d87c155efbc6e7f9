/**
 * US_MBI: Medicare Beneficiary Identifier, 11 chars C A AN N A AN N A A N N (dashes optional),
 * letters exclude S, L, O, I, B, Z. The format is distinctive enough for a moderate base score.
 */
import { patternRecognizer } from '../recognizer';
import { digitRunStart } from '../pattern-exec';

const A = '[AC-HJKMNP-RT-Y]';
const AN = '[AC-HJKMNP-RT-Y0-9]';
const MBI = new RegExp(`(?<![\\w\\-])[1-9]${A}${AN}\\d-?${A}${AN}\\d-?${A}${A}\\d\\d(?![\\w\\-])`, 'g');

export const usMbiRecognizer = patternRecognizer({
  name: 'us_mbi',
  entity: 'US_MBI',
  dataClass: 'phi',
  patterns: [{ name: 'mbi', regex: MBI, score: 0.5, startCandidates: digitRunStart }],
  contextWords: ['medicare', 'mbi', 'beneficiary', 'cms'],
  contextBoost: 0.4,
});
