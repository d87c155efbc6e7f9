/**
 * US_NPI: National Provider Identifier — 10 digits starting 1/2, Luhn over "80840" + the number.
 * One in ten random 10-digit strings passes, so NPI/provider context is required.
 */
import { patternRecognizer } from '../recognizer';
import { luhnValid } from '../context';

export const npiValid = (m: string): boolean => /^[12]\d{9}$/.test(m) && luhnValid('80840' + m);

export const usNpiRecognizer = patternRecognizer({
  name: 'us_npi',
  entity: 'US_NPI',
  dataClass: 'phi',
  patterns: [{ name: 'npi', regex: /(?<![\d\-])[12]\d{9}(?![\d\-])/g, score: 0.4 }],
  contextWords: ['npi', 'provider', 'prescriber', 'physician', 'clinician'],
  contextBoost: 0.45,
  requireContext: true,
  validate: npiValid,
});
