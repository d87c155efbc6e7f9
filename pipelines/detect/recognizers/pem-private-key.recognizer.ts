/** PRIVATE_KEY: PEM private key blocks, BEGIN through END; a truncated block (no END) is still reported. */
import { patternRecognizer } from '../recognizer';

export const pemPrivateKeyRecognizer = patternRecognizer({
  name: 'pem_private_key',
  entity: 'PRIVATE_KEY',
  dataClass: 'secret',
  prefilter: (t) => t.includes('PRIVATE KEY'),
  patterns: [
    {
      name: 'block',
      regex: /-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY-----[A-Za-z0-9+/=\s:,\-]{1,16384}?-----END (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY-----/g,
      score: 1,
    },
    // Truncated paste: header plus the base64 body that follows it.
    { name: 'header', regex: /-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY-----[A-Za-z0-9+/=\s]{0,16384}/g, score: 0.9 },
  ],
});
