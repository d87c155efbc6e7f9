/** DOMAIN_NAME: bare host names like "example.co.uk" in prose, restricted to a curated TLD list. */
import { patternRecognizer } from '../recognizer';
import { BARE_DOMAIN_TLDS } from '../data/tlds';

// Labels exclude '.', so the repeated group is unambiguous (each iteration ends at a literal dot).
const DOMAIN = /(?<![\w@.\-/:])(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){1,6}[A-Za-z]{2,24}(?![\w\-@]|\.[A-Za-z0-9])/g;

const HAS_DOT_LETTER = /\.[A-Za-z]/;

const DOT_LABEL = /\.[A-Za-z0-9]/g;

/** [A-Za-z0-9-]: the characters of a label, and (with \w) what the lookbehind forbids before a match. */
function isLabelChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}

let startsText: string | null = null;
let starts: number[] = [];

/**
 * StartCandidates for DOMAIN: a match's first label ends at the match's first dot, which a label's
 * first character follows. The lookbehind forbids a letter, digit or '-' before the match, so for each
 * such dot the only possible start is where the run of label characters ending at it begins; the
 * regex itself is tried only there. Runs end at dots, so each is walked back once (linear). Memoized
 * for the most recent text, as the runner asks once per match.
 */
export function domainStarts(text: string): readonly number[] {
  if (text !== startsText) {
    starts = [];
    DOT_LABEL.lastIndex = 0;
    let d: RegExpExecArray | null;
    while ((d = DOT_LABEL.exec(text)) !== null) {
      let start = d.index;
      while (start > 0 && isLabelChar(text.charCodeAt(start - 1))) start--;
      if (start < d.index) starts.push(start);
    }
    startsText = text;
  }
  return starts;
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
  patterns: [{ name: 'domain', regex: DOMAIN, score: 0.55, startCandidates: domainStarts }],
  contextWords: ['website', 'site', 'domain', 'visit', 'http', 'host', 'dns', 'online at', 'go to'],
  contextBoost: 0.3,
  validate: validDomain,
});
