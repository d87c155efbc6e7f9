/**
 * Explicit list of heuristics. New families must be added here; a unit test fails if a
 * `*.heuristic.ts` file exists whose export is not registered, so nothing is silently inactive.
 */
import { delimiterInjectionHeuristic } from './delimiter-injection.heuristic';
import { encodedPayloadHeuristic } from './encoded-payload.heuristic';
import { homoglyphHeuristic } from './homoglyph.heuristic';
import { instructionOverrideI18nHeuristic } from './instruction-override-i18n.heuristic';
import { instructionOverrideHeuristic } from './instruction-override.heuristic';
import { invisibleCharsHeuristic } from './invisible-chars.heuristic';
import { jailbreakPersonaHeuristic } from './jailbreak-persona.heuristic';
import { outputHijackHeuristic } from './output-hijack.heuristic';
import { promptExtractionHeuristic } from './prompt-extraction.heuristic';
import type { Heuristic } from './types';

export const HEURISTIC_REGISTRY: ReadonlyArray<{ readonly file: string; readonly heuristic: Heuristic }> = [
  { file: 'instruction-override.heuristic.ts', heuristic: instructionOverrideHeuristic },
  { file: 'instruction-override-i18n.heuristic.ts', heuristic: instructionOverrideI18nHeuristic },
  { file: 'jailbreak-persona.heuristic.ts', heuristic: jailbreakPersonaHeuristic },
  { file: 'prompt-extraction.heuristic.ts', heuristic: promptExtractionHeuristic },
  { file: 'delimiter-injection.heuristic.ts', heuristic: delimiterInjectionHeuristic },
  { file: 'output-hijack.heuristic.ts', heuristic: outputHijackHeuristic },
  { file: 'encoded-payload.heuristic.ts', heuristic: encodedPayloadHeuristic },
  { file: 'invisible-chars.heuristic.ts', heuristic: invisibleCharsHeuristic },
  { file: 'homoglyph.heuristic.ts', heuristic: homoglyphHeuristic },
];

export const HEURISTICS: readonly Heuristic[] = HEURISTIC_REGISTRY.map((r) => r.heuristic);
export const TEXT_HEURISTICS: readonly Heuristic[] = HEURISTICS.filter((h) => h.scope === 'text');
