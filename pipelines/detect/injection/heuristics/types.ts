/**
 * Contract shared by all heuristic families. A heuristic looks at the normalised text (and, for the
 * obfuscation families, at what normalisation and decoding found) and returns at most one hit with a
 * confidence. Confidences are expert-set priors, not fitted to data, so that attack families absent
 * from our evaluation set (delimiter tokens, smuggled payloads) still score high.
 */
import type { DecodedPayload } from '../decoders';
import type { NormalizedText } from '../normalize';
import { GATES, gateFor } from './gates';
import { hasSlot, type SlotSet } from './slot-set';

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
  /** The gate index's open slots for this raw/normalised pair (GATES.evaluate, once per text). */
  readonly openGates: SlotSet;
}

/** The context every heuristic of one text reads, with the gates evaluated once for all of them. */
export function heuristicContext(raw: string, norm: NormalizedText, payloads: readonly ScannedPayload[]): HeuristicContext {
  return { raw, norm, payloads, openGates: GATES.evaluate(raw, norm) };
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
  /**
   * A second necessary condition, checked together with the first (`needs` or the gate derived from
   * the regex's leading words): every match also contains one of these substrings. For rules whose
   * leading words are everyday words ("you", "new", "what"), this is usually the word that makes
   * the phrase an attack ("mode", "follow"), which keeps the regex from running on ordinary prose.
   */
  readonly alsoNeeds?: readonly string[];
  /**
   * Like `alsoNeeds`, as whole \w-tokens of the normalised text: every match contains one of these
   * words with a space or \W before it and \b after it (typically the regex's closing alternation).
   * A token lookup costs one probe per word of the text, where a substring needle is tried at every
   * position whose first two chars match it. Not for raw rules (tokens are read from the normalised
   * text).
   */
  readonly alsoNeedsWords?: readonly string[];
}

const tokenCache = new WeakMap<NormalizedText, ReadonlySet<string>>();

/** The \w-runs of the normalised text, computed once per text (kept for callers outside the gates). */
export function tokensOf(norm: NormalizedText): ReadonlySet<string> {
  let t = tokenCache.get(norm);
  if (!t) {
    t = new Set(norm.text.match(/[a-z0-9_]+/g) ?? []);
    tokenCache.set(norm, t);
  }
  return t;
}

export { gateFor, type Gate } from './gates';

/** Builds a text heuristic that reports the highest-scoring matching rule of a family. */
export function patternHeuristic(family: InjectionFamily, rules: readonly PatternRule[]): Heuristic {
  // Highest score first, so we can stop at the first match. Each rule gets a slot in the shared gate index.
  for (const r of rules) if (r.raw && r.alsoNeedsWords) throw new Error(`rule ${r.id}: alsoNeedsWords gates read the normalised text, not raw`);
  const ordered = [...rules]
    .sort((a, b) => b.score - a.score)
    .map((r) => ({
      re: r.re,
      raw: r.raw === true,
      score: r.score,
      id: r.id,
      slot: GATES.register(r.needs ? { tokens: [], substrings: r.needs } : r.raw ? null : gateFor(r.re.source), r.raw === true),
      alsoSlot: r.alsoNeeds || r.alsoNeedsWords ? GATES.register({ tokens: r.alsoNeedsWords ?? [], substrings: r.alsoNeeds ?? [] }, r.raw === true) : -1,
    }));
  return {
    family,
    scope: 'text',
    evaluate(ctx) {
      const open = ctx.openGates;
      const text = ctx.norm.text;
      for (const r of ordered) {
        if (hasSlot(open, r.slot) && (r.alsoSlot < 0 || hasSlot(open, r.alsoSlot)) && r.re.test(r.raw ? ctx.raw : text)) {
          return { family, score: r.score, rule: r.id };
        }
      }
      return null;
    },
  };
}
