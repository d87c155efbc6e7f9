/**
 * URL_CREDENTIALS: the userinfo ("user:password") of scheme://user:password@host connection strings
 * (postgres, mysql, mongodb+srv, redis, amqp, https...). The whole userinfo is the span: user names
 * in DSNs are often service accounts that help an attacker as much as the password does.
 */
import { patternRecognizer } from '../recognizer';

/** [A-Za-z0-9+.-]: scheme characters, which the lookbehind also forbids before a match. */
function isSchemeChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;
}

let startsText: string | null = null;
let starts: number[] = [];

/**
 * StartCandidates: a match is a scheme directly followed by "://", and the lookbehind forbids a scheme
 * character before it, so for each "://" the only possible start is where the run of scheme characters
 * ending there begins. Memoized for the most recent text (the runner asks once per match).
 */
export function schemeStarts(text: string): readonly number[] {
  if (text !== startsText) {
    starts = [];
    for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
      let start = at;
      while (start > 0 && isSchemeChar(text.charCodeAt(start - 1))) start--;
      if (start < at) starts.push(start);
    }
    startsText = text;
  }
  return starts;
}

export const connectionStringRecognizer = patternRecognizer({
  name: 'connection_string',
  entity: 'URL_CREDENTIALS',
  dataClass: 'secret',
  prefilter: (t) => t.includes('://') && t.includes('@'),
  patterns: [
    {
      name: 'userinfo',
      regex: /(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]{1,20}:\/\/([^\s:/@]{0,128}:[^\s@/]{1,256})@[A-Za-z0-9.\-\[\]]{1,255}/dg,
      score: 0.95,
      group: 1,
      startCandidates: schemeStarts,
    },
  ],
});
