/**
 * Recognizer framework, shaped after Presidio's PatternRecognizer: a declarative definition
 * (regex patterns + context words + checksum hooks) turned into a `Recognizer` by a generic runner.
 * Non-regex recognizers (phone, gazetteers) implement `Recognizer` directly.
 */
import type { DataClass, Finding } from './types';
import { hasContext } from './context';
import { mayContainAny, mentionsAny } from './gram-filter';
import { execAtCandidates, type StartCandidates } from './pattern-exec';

/**
 * Where a text came from, for recognizers that use it as a cue. A structured field's key is the
 * strongest context a bare value has ({"customer_name":"Anna Kowalski"}): prose cues cannot see it.
 */
export interface DetectContext {
  /** Object keys from the outermost to the one holding the value (array indexes left out). */
  readonly fieldKeys?: readonly string[];
}

export interface Recognizer {
  readonly name: string;
  /** Entities this recognizer can emit; the engine uses it to skip recognizers not asked for. */
  readonly entities: readonly string[];
  detect(text: string, ctx?: DetectContext): Finding[];
}

export interface PatternSpec {
  readonly name: string;
  /** Must carry the `g` flag and be linear-safe: bounded repetition, no ambiguous nested quantifiers. */
  readonly regex: RegExp;
  readonly score: number;
  /** Capture group holding the entity span (default 0, the whole match). Use the `d` flag for exact offsets. */
  readonly group?: number;
  /**
   * Optional skip-ahead: the smallest index >= `from` at which a match can start, or -1 when none can.
   * Must never skip a real match start; then the matches are exactly the plain scan's, found without
   * running the regex over stretches that cannot hold one (e.g. far from any '@' for emails).
   */
  readonly seek?: (text: string, from: number) => number;
  /**
   * Optional lower-case literals of which every match contains at least one (rules in gram-filter.ts).
   * When the shared bitmap proves none occurs in the text, the pattern is not run at all.
   */
  readonly requires?: readonly string[];
  /**
   * Optional: every offset where a match can start (e.g. digitRunStart for patterns that begin at the
   * first digit of a number). The regex is then tried stickily at those offsets only, instead of at
   * every offset of the text (see pattern-exec.ts). Must never leave out a real match start.
   */
  readonly startCandidates?: StartCandidates;
}

export interface PatternRecognizerDef {
  readonly name: string;
  readonly entity: string;
  readonly dataClass: DataClass;
  readonly patterns: readonly PatternSpec[];
  /** Lower-case words/phrases whose presence near the match raises confidence. */
  readonly contextWords?: readonly string[];
  /** Characters scanned before the match for context (after-window is half of it). Default 48. */
  readonly contextWindow?: number;
  /** Added to the score when context is present (capped at 1). Default 0.35. */
  readonly contextBoost?: number;
  /** When true, matches without context are dropped entirely (for ambiguous shapes like licence numbers). */
  readonly requireContext?: boolean;
  /** Cheap whole-text check run before any regex; returning false skips the recognizer. */
  readonly prefilter?: (text: string) => boolean;
  /** Checksum/semantic check. false rejects, true keeps the score, a number replaces it. */
  readonly validate?: (match: string) => boolean | number;
  /**
   * Narrow an over-collected match: return the prefix of `match` that is the entity, or null to reject.
   * Lets regexes stay simple (greedy, flat) while spans stay exact.
   */
  readonly trim?: (match: string) => string | null;
  /** Return true to reject well-known fakes / structurally invalid values. */
  readonly invalidate?: (match: string) => boolean;
}

/** Count ASCII digits without allocating; used by prefilters. Stops early at `needed`. */
export function countDigits(text: string, needed: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++n >= needed) return n;
  }
  return n;
}

export function digitsOnly(s: string): string {
  return s.replace(/\D+/g, '');
}

/**
 * Density guard: natural text never holds more than about one entity of a kind per 32 chars. Past this
 * many findings a recognizer stops and reports the rest of the input as one span of its entity
 * (fail closed: the remainder is treated as sensitive rather than left unscanned).
 */
export function findingCap(textLength: number): number {
  return 256 + (textLength >> 5);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** The next match of `p` from its regex's lastIndex, exactly as `p.regex.exec(text)` returns it. */
function nextMatch(p: PatternSpec, text: string): RegExpExecArray | null {
  if (p.startCandidates) return execAtCandidates(p.regex, text, p.startCandidates);
  if (p.seek) {
    const at = p.seek(text, p.regex.lastIndex);
    if (at < 0) return null;
    if (at > p.regex.lastIndex) p.regex.lastIndex = at;
  }
  return p.regex.exec(text);
}

export function patternRecognizer(def: PatternRecognizerDef): Recognizer {
  for (const p of def.patterns) {
    if (!p.regex.global) throw new Error(`${def.name}/${p.name}: regex must be global`);
  }
  const window = def.contextWindow ?? 48;
  const boost = def.contextBoost ?? 0.35;
  const words = def.contextWords ?? [];
  return {
    name: def.name,
    entities: [def.entity],
    detect(text: string): Finding[] {
      if (def.prefilter && !def.prefilter(text)) return [];
      // Context-gated recognizers can only fire when a context word occurs somewhere in the text.
      if (def.requireContext && words.length > 0 && !mentionsAny(text, words)) return [];
      const out: Finding[] = [];
      const cap = findingCap(text.length);
      for (const p of def.patterns) {
        if (p.requires && !mayContainAny(text, p.requires)) continue;
        const re = p.regex;
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = nextMatch(p, text)) !== null) {
          if (out.length >= cap) {
            out.push({ entity: def.entity, dataClass: def.dataClass, start: m.index, end: text.length, score: 0.5, detector: `${def.name}:density-cap` });
            return out;
          }
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          const g = p.group ?? 0;
          const raw = m[g];
          if (raw === undefined) continue;
          const value = def.trim ? def.trim(raw) : raw;
          if (value === null || value.length === 0) continue;
          // With the `d` flag the group offset is exact; otherwise fall back to locating the group text.
          const start = g === 0 ? m.index : (m.indices?.[g]?.[0] ?? m.index + m[0].indexOf(raw));
          const end = start + value.length;
          if (def.invalidate && def.invalidate(value)) continue;
          let score = p.score;
          if (def.validate) {
            const v = def.validate(value);
            if (v === false) continue;
            if (typeof v === 'number') score = v;
          }
          if (words.length > 0) {
            const ctx = hasContext(text, start, end, words, window);
            if (ctx) score += boost;
            else if (def.requireContext) continue;
          }
          out.push({ entity: def.entity, dataClass: def.dataClass, start, end, score: clamp01(score), detector: def.name });
        }
      }
      return out;
    },
  };
}
