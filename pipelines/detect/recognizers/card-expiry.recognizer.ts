/** CARD_EXPIRY: MM/YY or MM/YYYY, only near expiry or card words (a bare "05/26" is usually not PCI). */
import { patternRecognizer } from '../recognizer';

export const cardExpiryRecognizer = patternRecognizer({
  name: 'card_expiry',
  entity: 'CARD_EXPIRY',
  dataClass: 'pci',
  prefilter: (t) => t.includes('/') || t.includes('-'),
  patterns: [{ name: 'mm-yy', regex: /(?<![\d/\-])(?:0[1-9]|1[0-2]) ?[/\-] ?(?:\d{2}|20\d{2})(?![\d/\-])/g, score: 0.3 }],
  contextWords: ['exp', 'expiry', 'expiration', 'expires', 'valid thru', 'valid through', 'good thru', 'card', 'mm/yy'],
  contextWindow: 40,
  contextBoost: 0.5,
  requireContext: true,
});
