/**
 * Presence of invisible characters. Tag characters have no legitimate use in prompts and are the
 * known channel for hidden instructions; bidi controls reorder what a human reviewer sees. Plain
 * zero-width spaces are weak evidence: they leak into ordinary text through copy/paste and machine
 * translation, and some scripts (Khmer, Thai) use them as word separators.
 */
import type { Heuristic } from './types';

export const invisibleCharsHeuristic: Heuristic = {
  family: 'invisible_chars',
  scope: 'signal',
  evaluate({ norm }) {
    if (norm.tagCount > 0) return { family: 'invisible_chars', score: 0.85, rule: 'tag_chars' };
    if (norm.bidiCount > 0) return { family: 'invisible_chars', score: 0.4, rule: 'bidi_controls' };
    if (norm.invisibleCount >= 4) return { family: 'invisible_chars', score: 0.3, rule: 'zero_width_many' };
    if (norm.invisibleCount > 0) return { family: 'invisible_chars', score: 0.1, rule: 'zero_width' };
    return null;
  },
};
