/**
 * SECRET: catches credentials with no vendor prefix.
 *  - high-entropy tokens (>= 16 chars, Shannon entropy >= 3.5 bits/char, letters and digits) near
 *    password/secret/token/api_key words;
 *  - explicit assignments "password: hunter2" / "api_key=..." whatever their entropy.
 */
import { patternRecognizer } from '../recognizer';
import { shannonEntropy } from '../context';
import { mayContainAny } from '../gram-filter';

const ASSIGNMENT_CUES = ['pass', 'pwd', 'secret', 'token', 'api'];

const WORDS = ['password', 'passwd', 'pwd', 'secret', 'token', 'api_key', 'apikey', 'api-key', 'api key', 'access_key', 'private_key', 'auth', 'bearer', 'credential', 'client_secret'];

export const highEntropySecretRecognizer = patternRecognizer({
  name: 'high_entropy_secret',
  entity: 'SECRET',
  dataClass: 'secret',
  // No prefilter: requireContext already skips texts mentioning none of WORDS, on the shared lower-cased copy.
  patterns: [{ name: 'blob', regex: /(?<![A-Za-z0-9_\-+/=.])[A-Za-z0-9_\-+/=.]{16,256}(?![A-Za-z0-9_\-+/=])/g, score: 0.45 }],
  contextWords: WORDS,
  contextWindow: 40,
  contextBoost: 0.35,
  requireContext: true,
  validate: (m) => /\d/.test(m) && /[A-Za-z]/.test(m) && shannonEntropy(m) >= 3.5,
});

export const passwordAssignmentRecognizer = patternRecognizer({
  name: 'password_assignment',
  entity: 'SECRET',
  dataClass: 'secret',
  // The gram bitmap rules most texts out without a case-insensitive scan (see gram-filter.ts);
  // 'api' stands for api.?key, whose every match contains it.
  prefilter: (t) => mayContainAny(t, ASSIGNMENT_CUES) && /pass|pwd|secret|token|api.?key/i.test(t),
  patterns: [
    {
      name: 'assign',
      regex: /\b(?:password|passwd|pwd|pass|secret|client_secret|api[_\-]?key|access[_\-]?token|auth[_\-]?token)["']?\s{0,3}[:=]\s{0,3}["']?([^\s"',;]{4,256})/dgi,
      score: 0.8,
      group: 1,
    },
  ],
  // "password: <redacted>" / "password=*****" / placeholders are not secrets.
  invalidate: (m) => /^(?:\*+|x+|<[^>]*>|\$\{?[A-Za-z_]+\}?|null|none|true|false|changeme|redacted)$/i.test(m),
});
