/** EMAIL_ADDRESS: RFC-5322-ish local part + dotted domain with an alphabetic TLD. */
import { patternRecognizer } from '../recognizer';

// Flat character classes only; label structure is checked in code to keep the regex linear.
// The lookbehind forces matches to start at a token boundary so a long local-part run is scanned once.
const EMAIL = /(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9.\-]{0,251}[A-Za-z0-9])?/g;

function validDomain(match: string): boolean {
  const at = match.indexOf('@');
  // The regex already ends on an alphanumeric, so trailing sentence punctuation is excluded.
  const domain = match.slice(at + 1);
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const l of labels) {
    if (l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-')) return false;
  }
  return /^[A-Za-z]{2,24}$/.test(labels[labels.length - 1]);
}

/**
 * A match's '@' lies 1–64 chars after its start, so no match starts more than 64 chars before the next
 * '@' (and none after the last one).
 */
export function seekEmail(text: string, from: number): number {
  const at = text.indexOf('@', from);
  return at < 0 ? -1 : Math.max(from, at - 64);
}

export const emailRecognizer = patternRecognizer({
  name: 'email',
  entity: 'EMAIL_ADDRESS',
  dataClass: 'pii',
  prefilter: (t) => t.includes('@'),
  patterns: [{ name: 'email', regex: EMAIL, score: 0.9, seek: seekEmail }],
  validate: (m) => !m.includes('..') && validDomain(m),
});

