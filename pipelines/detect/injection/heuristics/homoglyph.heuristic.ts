/**
 * Homoglyph obfuscation: Cyrillic/Greek look-alikes mixed into Latin words, or stylised
 * fullwidth/mathematical letters, or words spelled out letter by letter ("i g n o r e"). Normal multilingual text never mixes scripts inside one word, so
 * even a single replacement is meaningful; several make deliberate evasion very likely.
 */
import type { Heuristic } from './types';

export const homoglyphHeuristic: Heuristic = {
  family: 'homoglyph_obfuscation',
  scope: 'signal',
  evaluate({ norm }) {
    if (norm.homoglyphCount >= 3) return { family: 'homoglyph_obfuscation', score: 0.65, rule: 'mixed_script_many' };
    if (norm.homoglyphCount > 0) return { family: 'homoglyph_obfuscation', score: 0.45, rule: 'mixed_script' };
    if (norm.spacedRuns > 0) return { family: 'homoglyph_obfuscation', score: 0.45, rule: 'spaced_letters' };
    if (norm.styledCount >= 4) return { family: 'homoglyph_obfuscation', score: 0.35, rule: 'styled_letters' };
    return null;
  },
};
