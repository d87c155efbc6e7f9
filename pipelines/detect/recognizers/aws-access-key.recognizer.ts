/** AWS_ACCESS_KEY_ID: 20-char IDs with a documented resource prefix (AKIA long-term, ASIA temporary, ...). */
import { patternRecognizer } from '../recognizer';

export const awsAccessKeyRecognizer = patternRecognizer({
  name: 'aws_access_key',
  entity: 'AWS_ACCESS_KEY_ID',
  dataClass: 'secret',
  patterns: [{ name: 'akid', regex: /(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, score: 0.95 }],
});
