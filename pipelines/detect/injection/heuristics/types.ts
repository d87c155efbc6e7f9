/**
 * Contract shared by all heuristic families. A heuristic looks at the normalised text (and, for the
 * obfuscation families, at what normalisation and decoding found) and returns at most one hit with a
 * confidence. Confidences are expert-set priors, not fitted to data, so that attack families absent
 * from our evaluation set (delimiter tokens, smuggled payloads) still score high.
 */
import type { DecodedPayload } from '../decoders';
import type { NormalizedText } from '../normalize';

export type InjectionFamily =
  | 'instruction_override'
  | 'jailbreak_persona'
  | 'prompt_extraction'
  | 'delimiter_injection'
  | 'output_hijack'
  | 'encoded_payload'
  | 'invisible_chars'
  | 'homoglyph_obfuscation';

/** A decoded payload together with the best text-heuristic score its decoded text produced. */
export interface ScannedPayload extends DecodedPayload {
  readonly bestScore: number;
}

export interface HeuristicContext {
  /** Original input; only used for literal delimiter tokens that normalisation would blur. */
  readonly raw: string;
  readonly norm: NormalizedText;
  readonly payloads: readonly ScannedPayload[];
}

export interface HeuristicHit {
  readonly family: InjectionFamily;
  /** Confidence in [0, 1] that this alone indicates an injection. */
  readonly score: number;
  /** Stable rule id for reasons/metrics; never contains input text. */
  readonly rule: string;
}

export interface Heuristic {
  readonly family: InjectionFamily;
  /** 'text' heuristics read only the normalised text and are rerun on decoded payloads. */
  readonly scope: 'text' | 'signal';
  evaluate(ctx: HeuristicContext): HeuristicHit | null;
}

export interface PatternRule {
  readonly id: string;
  /** Must be linear-safe: no nested unbounded quantifiers; gaps are bounded. */
  readonly re: RegExp;
  readonly score: number;
  /** Match against the raw input instead of the normalised text. */
  readonly raw?: boolean;
}

const WORD_RUN = /^[a-z0-9_]+/;
const tokenCache = new WeakMap<NormalizedText, ReadonlySet<string>>();

/** The \w-runs of the normalised text, computed once per text and shared by all heuristics. */
export function tokensOf(norm: NormalizedText): ReadonlySet<string> {
  let t = tokenCache.get(norm);
  if (!t) {
    t = new Set(norm.text.match(/[a-z0-9_]+/g) ?? []);
    tokenCache.set(norm, t);
  }
  return t;
}

/**
 * Derives a cheap, sound pre-filter from a rule that starts with `\b(?:alt1|alt2|...)`: any match
 * must contain one alternative literally, hence that alternative's leading word as a whole \w-token.
 * Returns null (always run the regex) when the source does not have that simple shape. This lets a
 * benign text skip most regex scans with a few Set lookups, which is what makes >5k prompts/s
 * possible with ~100 rules.
 */
export function gateWords(source: string): readonly string[] | null {
  const m = /^\\b\(\?:([^()]*)\)(\\b| |,|\\W|$)/.exec(source);
  if (!m) return null;
  const words: string[] = [];
  for (const alt of m[1]!.split('|')) {
    const run = WORD_RUN.exec(alt)?.[0];
    if (!run) return null;
    const next = alt.charAt(run.length);
    // The run must end at a word boundary inside the alternative (or the group must be followed by one).
    if (next === '' ? false : !/[ '\-,:]/.test(next)) return null;
    words.push(run);
  }
  return words;
}

/** Builds a text heuristic that reports the highest-scoring matching rule of a family. */
export function patternHeuristic(family: InjectionFamily, rules: readonly PatternRule[]): Heuristic {
  // Highest score first, so we can stop at the first match.
  const ordered = [...rules]
    .sort((a, b) => b.score - a.score)
    .map((r) => ({ ...r, gate: r.raw ? null : gateWords(r.re.source) }));
  return {
    family,
    scope: 'text',
    evaluate(ctx) {
      let tokens: ReadonlySet<string> | undefined;
      for (const r of ordered) {
        if (r.gate) {
          tokens ??= tokensOf(ctx.norm);
          if (!r.gate.some((w) => tokens!.has(w))) continue;
        }
        if (r.re.test(r.raw ? ctx.raw : ctx.norm.text)) return { family, score: r.score, rule: r.id };
      }
      return null;
    },
  };
}
