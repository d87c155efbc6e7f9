/**
 * UK_NHS: 10 digits (3-3-4 grouping) with the NHS mod-11 check digit. The 3-3-4 shape collides with
 * US phone numbers, so it requires NHS/health context.
 */
import { digitsOnly, patternRecognizer } from '../recognizer';

export function nhsChecksumOk(match: string): boolean {
  const d = digitsOnly(match);
  if (d.length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (d.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === d.charCodeAt(9) - 48;
}

export const ukNhsRecognizer = patternRecognizer({
  name: 'uk_nhs',
  entity: 'UK_NHS',
  dataClass: 'phi',
  patterns: [{ name: 'nhs', regex: /(?<![\d\-])\d{3}([ \-]?)\d{3}\1\d{4}(?![\d\-])/g, score: 0.4 }],
  contextWords: ['nhs', 'national health', 'health service', 'patient'],
  contextBoost: 0.45,
  requireContext: true,
  validate: nhsChecksumOk,
});
