/** OPENAI_API_KEY: "sk-" keys (legacy, sk-proj-, sk-svcacct-, sk-admin-). Entropy filters prose like "sk-learn-...". */
import { patternRecognizer } from '../recognizer';
import { shannonEntropy } from '../context';

export const openaiKeyRecognizer = patternRecognizer({
  name: 'openai_key',
  entity: 'OPENAI_API_KEY',
  dataClass: 'secret',
  prefilter: (t) => t.includes('sk-'),
  patterns: [{ name: 'sk', regex: /(?<![A-Za-z0-9_\-])sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_\-]{20,250}(?![A-Za-z0-9_\-])/g, score: 0.9 }],
  validate: (m) => /\d/.test(m) && /[A-Za-z]/.test(m) && shannonEntropy(m) >= 3.5,
});
