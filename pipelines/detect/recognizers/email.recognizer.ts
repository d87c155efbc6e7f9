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

export const emailRecognizer = patternRecognizer({
  name: 'email',
  entity: 'EMAIL_ADDRESS',
  dataClass: 'pii',
  prefilter: (t) => t.includes('@'),
  patterns: [{ name: 'email', regex: EMAIL, score: 0.9 }],
  validate: (m) => !m.includes('..') && validDomain(m),
});

