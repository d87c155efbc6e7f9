/**
 * Encoded payloads: the scorer decodes base64/hex/URL/ROT13/tag-character payloads and reruns the
 * text heuristics on them. A decoded payload that itself reads as an injection is strong evidence
 * (hiding it has no benign purpose); a merely decodable blob is only a weak signal.
 */
import type { Heuristic } from './types';

export const encodedPayloadHeuristic: Heuristic = {
  family: 'encoded_payload',
  scope: 'signal',
  evaluate({ payloads }) {
    if (payloads.length === 0) return null;
    let best = payloads[0]!;
    for (const p of payloads) if (p.bestScore > best.bestScore) best = p;
    if (best.bestScore >= 0.5) {
      return { family: 'encoded_payload', score: Math.min(0.95, best.bestScore + 0.05), rule: best.kind };
    }
    return { family: 'encoded_payload', score: 0.1, rule: best.kind };
  },
};
