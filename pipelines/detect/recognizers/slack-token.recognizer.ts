/** SLACK_TOKEN: xoxb-/xoxp-/xoxa-/xoxr-/xoxs- tokens and xapp- app-level tokens. */
import { patternRecognizer } from '../recognizer';

export const slackTokenRecognizer = patternRecognizer({
  name: 'slack_token',
  entity: 'SLACK_TOKEN',
  dataClass: 'secret',
  prefilter: (t) => t.includes('xox') || t.includes('xapp-'),
  patterns: [
    { name: 'xox', regex: /(?<![A-Za-z0-9\-])xox[abprs]-[A-Za-z0-9\-]{10,250}(?![A-Za-z0-9\-])/g, score: 0.95 },
    { name: 'xapp', regex: /(?<![A-Za-z0-9\-])xapp-\d-[A-Za-z0-9\-]{10,250}(?![A-Za-z0-9\-])/g, score: 0.95 },
  ],
});
