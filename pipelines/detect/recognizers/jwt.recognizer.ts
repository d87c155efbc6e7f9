/** JWT: header.payload.signature, header and payload being base64url JSON (so both start with "eyJ"). */
import { patternRecognizer } from '../recognizer';

export const jwtRecognizer = patternRecognizer({
  name: 'jwt',
  entity: 'JWT',
  dataClass: 'secret',
  prefilter: (t) => t.includes('eyJ'),
  patterns: [
    {
      name: 'jws',
      // Token-start lookbehind so "eyJeyJeyJ..." walls are tried once, not at every occurrence.
      regex: /(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{5,4000}\.eyJ[A-Za-z0-9_\-]{5,8000}\.[A-Za-z0-9_\-]{0,2000}(?![A-Za-z0-9_\-])/g,
      score: 0.95,
    },
  ],
});
