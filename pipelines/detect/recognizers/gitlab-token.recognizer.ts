/** GITLAB_TOKEN: personal/project access tokens (glpat-) and a few sibling prefixes. */
import { patternRecognizer } from '../recognizer';

export const gitlabTokenRecognizer = patternRecognizer({
  name: 'gitlab_token',
  entity: 'GITLAB_TOKEN',
  dataClass: 'secret',
  prefilter: (t) => t.includes('gl'),
  patterns: [{ name: 'glpat', regex: /(?<![A-Za-z0-9_\-])gl(?:pat|dt|rt|cbt|ptt)-[A-Za-z0-9_\-]{20,64}(?![A-Za-z0-9_\-])/g, score: 0.95 }],
});
