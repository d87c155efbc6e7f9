/** DOMAIN_NAME: bare host names like "example.co.uk" in prose, restricted to a curated TLD list. */
import { patternRecognizer } from '../recognizer';
import { BARE_DOMAIN_TLDS } from '../data/tlds';

// Labels exclude '.', so the repeated group is unambiguous (each iteration ends at a literal dot).
const DOMAIN = /(?<![\w@.\-/:])(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){1,6}[A-Za-z]{2,24}(?![\w\-@]|\.[A-Za-z0-9])/g;

const HAS_DOT_LETTER = /\.[A-Za-z]/;

const DOT_LABEL = /\.[A-Za-z0-9]/g;

/**
 * A match's first label (at most 63 chars) ends at a '.' followed by the next label's first character,
 * so no match starts more than 63 chars before the next such dot (and none after the last one).
 */
export function seekDomain(text: string, from: number): number {
  DOT_LABEL.lastIndex = from;
  const d = DOT_LABEL.exec(text);
  return d === null ? -1 : Math.max(from, d.index - 63);
}

function validDomain(m: string): boolean | number {
  const labels = m.split('.');
  const tld = labels[labels.length - 1].toLowerCase();
  if (!BARE_DOMAIN_TLDS.has(tld)) return false;
  // A single short label before the TLD ("e.g", "i.e", "a.m") is an abbreviation, not a host.
  if (labels.length === 2 && labels[0].length < 2) return false;
  return true;
}

export const domainRecognizer = patternRecognizer({
  name: 'domain',
  entity: 'DOMAIN_NAME',
  dataClass: 'pii',
  // Every match has a '.' directly followed by the TLD's first ASCII letter; prose's sentence dots rarely are.
  prefilter: (t) => HAS_DOT_LETTER.test(t),
  patterns: [{ name: 'domain', regex: DOMAIN, score: 0.55, seek: seekDomain }],
  contextWords: ['website', 'site', 'domain', 'visit', 'http', 'host', 'dns', 'online at', 'go to'],
  contextBoost: 0.3,
  validate: validDomain,
});
