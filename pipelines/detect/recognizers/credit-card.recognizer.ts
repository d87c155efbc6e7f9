/** CREDIT_CARD: 13–19 digit PANs (optionally grouped by spaces/dashes) passing Luhn and an issuer-range check. */
import { digitsOnly, patternRecognizer } from '../recognizer';
import { luhnValid } from '../context';
import { digitCount } from '../text-cache';
import { digitRunStart } from '../pattern-exec';

/** Issuer prefix ranges with allowed lengths. Ranges are compared on the leading digits. */
const ISSUERS: ReadonlyArray<{ lo: number; hi: number; width: number; lengths: readonly number[] }> = [
  { lo: 4, hi: 4, width: 1, lengths: [13, 16, 19] }, // Visa
  { lo: 51, hi: 55, width: 2, lengths: [16] }, // Mastercard
  { lo: 2221, hi: 2720, width: 4, lengths: [16] }, // Mastercard 2-series
  { lo: 34, hi: 34, width: 2, lengths: [15] }, // Amex
  { lo: 37, hi: 37, width: 2, lengths: [15] },
  { lo: 6011, hi: 6011, width: 4, lengths: [16, 17, 18, 19] }, // Discover
  { lo: 644, hi: 649, width: 3, lengths: [16, 17, 18, 19] },
  { lo: 65, hi: 65, width: 2, lengths: [16, 17, 18, 19] },
  { lo: 3528, hi: 3589, width: 4, lengths: [16, 17, 18, 19] }, // JCB
  { lo: 300, hi: 305, width: 3, lengths: [14, 15, 16, 17, 18, 19] }, // Diners
  { lo: 36, hi: 36, width: 2, lengths: [14, 15, 16, 17, 18, 19] },
  { lo: 38, hi: 39, width: 2, lengths: [14, 15, 16, 17, 18, 19] },
  { lo: 62, hi: 62, width: 2, lengths: [16, 17, 18, 19] }, // UnionPay
];

export function issuerOf(pan: string): boolean {
  for (const r of ISSUERS) {
    const head = Number(pan.slice(0, r.width));
    if (head >= r.lo && head <= r.hi && r.lengths.includes(pan.length)) return true;
  }
  return false;
}

function validateCard(match: string): boolean | number {
  const pan = digitsOnly(match);
  if (pan.length < 13 || pan.length > 19) return false;
  if (/^(\d)\1+$/.test(pan)) return false;
  if (!luhnValid(pan)) return false;
  // UnionPay cards are not always Luhn-valid, but we only accept Luhn-valid ones to stay precise.
  return issuerOf(pan) ? true : 0.35;
}

export const CARD_CONTEXT = ['card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'pan', 'cc ', 'payment', 'charge'];

export const creditCardRecognizer = patternRecognizer({
  name: 'credit_card',
  entity: 'CREDIT_CARD',
  dataClass: 'pci',
  prefilter: (t) => digitCount(t) >= 12,
  patterns: [
    // Contiguous digits; lookarounds reject slices of longer digit runs.
    { name: 'contiguous', regex: /(?<![\d])\d{13,19}(?![\d])/g, score: 0.8, startCandidates: digitRunStart },
    // 4-4-4-4(-1..3) with one consistent separator (backreference).
    { name: 'grouped-4', regex: /(?<![\d\-])\d{4}([ \-])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?(?![\d])/g, score: 0.85, startCandidates: digitRunStart },
    // Amex 4-6-5 and Diners 4-6-4.
    { name: 'grouped-amex', regex: /(?<![\d\-])\d{4}([ \-])\d{6}\1\d{4,5}(?![\d])/g, score: 0.85, startCandidates: digitRunStart },
  ],
  contextWords: CARD_CONTEXT,
  contextBoost: 0.15,
  validate: validateCard,
});
