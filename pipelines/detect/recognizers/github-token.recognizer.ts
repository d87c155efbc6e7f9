/** GITHUB_TOKEN: classic prefixed tokens (ghp_/gho_/ghs_/ghu_/ghr_) and fine-grained github_pat_. */
import { patternRecognizer } from '../recognizer';

export const githubTokenRecognizer = patternRecognizer({
  name: 'github_token',
  entity: 'GITHUB_TOKEN',
  dataClass: 'secret',
  prefilter: (t) => t.includes('gh') || t.includes('github_pat_'),
  patterns: [
    { name: 'classic', regex: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])/g, score: 0.95 },
    { name: 'fine-grained', regex: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,244}(?![A-Za-z0-9_])/g, score: 0.95 },
  ],
});
