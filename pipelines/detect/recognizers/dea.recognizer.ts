/**
 * US_DEA_NUMBER: registrant letter + (surname initial or 9) + 7 digits with the DEA checksum:
 * (d1+d3+d5) + 2*(d2+d4+d6) ≡ d7 (mod 10).
 */
import { patternRecognizer } from '../recognizer';

export function deaValid(m: string): boolean {
  const d = m.slice(2);
  const n = (i: number) => d.charCodeAt(i) - 48;
  const sum = n(0) + n(2) + n(4) + 2 * (n(1) + n(3) + n(5));
  return sum % 10 === n(6);
}

export const deaRecognizer = patternRecognizer({
  name: 'us_dea',
  entity: 'US_DEA_NUMBER',
  dataClass: 'phi',
  patterns: [{ name: 'dea', regex: /(?<![\w\-])[ABCDEFGHJKLMPRSTUXabcdefghjklmprstux][A-Za-z9]\d{7}(?![\w\-])/g, score: 0.55 }],
  contextWords: ['dea', 'prescriber', 'controlled substance', 'registration'],
  contextBoost: 0.35,
  validate: deaValid,
});
