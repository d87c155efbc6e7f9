/** IBAN_CODE: country code + 2 check digits + BBAN, length per country, ISO 7064 mod-97 == 1. */
import { patternRecognizer } from '../recognizer';

/** Total IBAN length by country (SWIFT IBAN registry). */
const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22,
  GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27,
  MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31,
  SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** mod-97 over the rearranged IBAN, computed incrementally to avoid BigInt. */
export function ibanChecksumOk(compact: string): boolean {
  const s = compact.slice(4) + compact.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/**
 * The regex over-collects (up to 34 alnum chars with optional single spaces), so the span is cut
 * to the country's exact length here; anything else fails. Returns the IBAN-bearing prefix or null.
 */
export function ibanPrefix(candidate: string): string | null {
  const want = LENGTHS[candidate.slice(0, 2).toUpperCase()];
  if (want === undefined) return null;
  let n = 0;
  let i = 0;
  for (; i < candidate.length && n < want; i++) if (candidate[i] !== ' ') n++;
  if (n !== want) return null;
  const rest = candidate.slice(i);
  // The IBAN must end at a token or group boundary, not in the middle of more alphanumerics.
  if (rest.length > 0 && rest[0] !== ' ') return null;
  const compact = candidate.slice(0, i).replace(/ /g, '').toUpperCase();
  return ibanChecksumOk(compact) ? candidate.slice(0, i) : null;
}

export const ibanRecognizer = patternRecognizer({
  name: 'iban',
  entity: 'IBAN_CODE',
  dataClass: 'pii',
  patterns: [
    // Capture 1 is the over-collected candidate; validation trims it (see ibanPrefix).
    { name: 'iban', regex: /(?<![A-Za-z0-9])([A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30})(?![A-Za-z0-9])/g, score: 0.9, group: 1 },
  ],
  trim: ibanPrefix,
});
