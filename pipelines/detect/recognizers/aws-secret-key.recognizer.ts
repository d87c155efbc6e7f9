/** AWS_SECRET_ACCESS_KEY: 40 base64-ish chars; only near AWS words, because any 40-char blob matches the shape. */
import { patternRecognizer } from '../recognizer';
import { shannonEntropy } from '../context';
import { mayContainAny } from '../gram-filter';

const AWS_CUES = ['aws', 'secret'];

export const awsSecretKeyRecognizer = patternRecognizer({
  name: 'aws_secret_key',
  entity: 'AWS_SECRET_ACCESS_KEY',
  dataClass: 'secret',
  // The gram bitmap rules most texts out without a case-insensitive scan (see gram-filter.ts).
  prefilter: (t) => mayContainAny(t, AWS_CUES) && /aws|secret/i.test(t),
  // Token-start lookbehind: a long base64 wall is scanned once instead of at every offset.
  patterns: [{ name: 'secret', regex: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, score: 0.4 }],
  contextWords: ['aws', 'secret_access_key', 'secret access key', 'secretaccesskey', 'aws_secret'],
  contextWindow: 80,
  contextBoost: 0.5,
  requireContext: true,
  validate: (m) => shannonEntropy(m) >= 4 && /\d/.test(m) && /[a-z]/.test(m) && /[A-Z]/.test(m),
});
