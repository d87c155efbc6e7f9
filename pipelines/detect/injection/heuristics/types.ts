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
  /** Literal substrings one of which every match contains: a cheap pre-check for hand-written gates. */
  readonly needs?: readonly string[];
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

/** A necessary condition for a rule to match: one of `tokens` is a whole \w-token or one of `substrings` occurs. */
export interface Gate {
  readonly tokens: readonly string[];
  readonly substrings: readonly string[];
}

/** Splits a regex source at top-level `|` (outside groups and character classes). */
function topLevelBranches(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

function branchGate(branch: string, tokens: string[], substrings: string[]): boolean {
  const group = /^\\b\(\?:([^()]*)\)/.exec(branch);
  if (group) {
    for (const alt of group[1]!.split('|')) {
      const run = WORD_RUN.exec(alt)?.[0];
      if (!run) return false;
      const next = alt.charAt(run.length);
      const after = branch.charAt(group[0].length);
      const bounded = next === '' ? after === ' ' || branch.startsWith('\\b', group[0].length) : /[ '\-,:]/.test(next);
      if (bounded) tokens.push(run);
      else if (run.length >= 3) substrings.push(run);
      else return false;
    }
    return true;
  }
  const literal = /^\\b([a-z]{3,})/.exec(branch);
  if (literal) {
    substrings.push(literal[1]!);
    return true;
  }
  return false;
}

/**
 * Derives a cheap, sound pre-filter from a rule's source: every top-level branch must start with
 * `\b(?:alt|alt...)` or `\b` + a literal word, and any match then contains one of those words.
 * Returns null (always run the regex) when the source does not have that shape. Benign text then
 * skips most regex scans after a few Set lookups, which is what makes >5k prompts/s possible.
 */
export function gateFor(source: string): Gate | null {
  const tokens: string[] = [];
  const substrings: string[] = [];
  for (const b of topLevelBranches(source)) if (!branchGate(b, tokens, substrings)) return null;
  return { tokens, substrings };
}

function passes(gate: Gate, text: string, tokens: ReadonlySet<string>): boolean {
  for (const t of gate.tokens) if (tokens.has(t)) return true;
  for (const s of gate.substrings) if (text.includes(s)) return true;
  return false;
}

/** Builds a text heuristic that reports the highest-scoring matching rule of a family. */
export function patternHeuristic(family: InjectionFamily, rules: readonly PatternRule[]): Heuristic {
  // Highest score first, so we can stop at the first match.
  const ordered = [...rules]
    .sort((a, b) => b.score - a.score)
    .map((r) => ({ ...r, gate: r.needs ? { tokens: [], substrings: r.needs } : r.raw ? null : gateFor(r.re.source) }));
  return {
    family,
    scope: 'text',
    evaluate(ctx) {
      const text = ctx.norm.text;
      for (const r of ordered) {
        if (r.gate && !passes(r.gate, r.raw ? ctx.raw : text, tokensOf(ctx.norm))) continue;
        if (r.re.test(r.raw ? ctx.raw : text)) return { family, score: r.score, rule: r.id };
      }
      return null;
    },
  };
}
