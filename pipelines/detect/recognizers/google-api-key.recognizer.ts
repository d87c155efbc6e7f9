/** GOOGLE_API_KEY: "AIza" + 35 URL-safe chars. */
import { patternRecognizer } from '../recognizer';

export const googleApiKeyRecognizer = patternRecognizer({
  name: 'google_api_key',
  entity: 'GOOGLE_API_KEY',
  dataClass: 'secret',
  prefilter: (t) => t.includes('AIza'),
  patterns: [{ name: 'aiza', regex: /(?<![A-Za-z0-9_\-])AIza[0-9A-Za-z_\-]{35}(?![A-Za-z0-9_\-])/g, score: 0.95 }],
});
