/** URL: scheme://... or www.... links. Trailing sentence punctuation is trimmed from the span. */
import { patternRecognizer } from '../recognizer';

/** Drop trailing punctuation that usually belongs to the sentence, keeping balanced ')' for wiki-style URLs. */
export function trimUrl(m: string): string | null {
  let end = m.length;
  while (end > 0 && '.,;:!?\'"'.includes(m[end - 1])) end--;
  if (m[end - 1] === ')' && !m.slice(0, end).includes('(')) end--;
  const out = m.slice(0, end);
  // Host must contain a dot-separated alphabetic TLD (rejects "http://localhost" style? keep those: they can leak infra).
  return /^(?:[a-z][a-z0-9+.\-]{1,20}:\/\/|www\.)[^\s/?#]{1,255}/i.test(out) ? out : null;
}

export const urlRecognizer = patternRecognizer({
  name: 'url',
  entity: 'URL',
  dataClass: 'pii',
  prefilter: (t) => t.includes('://') || t.includes('www.') || t.includes('WWW.'),
  patterns: [
    { name: 'scheme', regex: /(?<![A-Za-z0-9+.\-])(?:https?|ftp|wss?|sftp):\/\/[^\s<>"'`{}|\\^\[\]]{1,2048}/gi, score: 0.85 },
    { name: 'www', regex: /(?<![\w.\-/])www\.[A-Za-z0-9\-]{1,63}\.[^\s<>"'`{}|\\^\[\]]{2,2048}/gi, score: 0.8 },
  ],
  trim: trimUrl,
});
