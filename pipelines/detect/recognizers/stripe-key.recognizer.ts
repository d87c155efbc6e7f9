/** STRIPE_KEY: secret and restricted keys (sk_/rk_, live and test). Publishable pk_ keys are public by design. */
import { patternRecognizer } from '../recognizer';

export const stripeKeyRecognizer = patternRecognizer({
  name: 'stripe_key',
  entity: 'STRIPE_KEY',
  dataClass: 'secret',
  prefilter: (t) => t.includes('k_live_') || t.includes('k_test_'),
  patterns: [{ name: 'stripe', regex: /(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g, score: 0.95 }],
});
