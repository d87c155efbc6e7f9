/** CARD_CVV: 3–4 digits immediately after a CVV/CVC/security-code label. Meaningless without that label. */
import { patternRecognizer } from '../recognizer';
import { mentionsAny } from '../gram-filter';

const LABELS = ['cvv', 'cvc', 'cvv2', 'cvc2', 'cid', 'security code', 'card code', 'csc'];

export const cardCvvRecognizer = patternRecognizer({
  name: 'card_cvv',
  entity: 'CARD_CVV',
  dataClass: 'pci',
  // Same test as lower-casing and includes() per label, on the lower-cased copy the engine shares.
  prefilter: (t) => mentionsAny(t, LABELS),
  // Capture the digits that follow the label within a few characters (e.g. "CVV: 123", "cvc 0421").
  patterns: [
    {
      name: 'labelled',
      regex: /(?:cvv2?|cvc2?|cid|csc|security code|card code)\b[^\d\n]{0,12}?(\d{3,4})(?!\d)/dgi,
      score: 0.85,
      group: 1,
    },
  ],
});

