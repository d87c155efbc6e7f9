/** ZIP_CODE: US ZIP / ZIP+4 and similar 4–6 digit postcodes, only next to postcode words. */
import { patternRecognizer } from '../recognizer';

export const zipCodeRecognizer = patternRecognizer({
  name: 'zip_code',
  entity: 'ZIP_CODE',
  dataClass: 'pii',
  patterns: [{ name: 'zip', regex: /(?<![\d\-])\d{5}(?:-\d{4})?(?![\d\-])/g, score: 0.3 }],
  contextWords: ['zip', 'postal code', 'postcode', 'post code', 'plz'],
  contextWindow: 30,
  contextBoost: 0.45,
  requireContext: true,
});
