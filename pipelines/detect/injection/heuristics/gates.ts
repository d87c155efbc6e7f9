/**
 * Cheap, sound pre-filters ("gates") for the pattern rules. A gate is a necessary condition for a
 * rule's regex to match; when it fails the regex is skipped, so gates never change results, only
 * cost. All gates of all pattern heuristics live in one index so that one pass over a text's tokens
 * decides every token gate at once, instead of each rule probing a per-text token set word by word.
 */
import type { NormalizedText } from '../normalize';
import { NeedleScan } from './needle-scan';
import { addSlot, emptySlotSet, type SlotSet } from './slot-set';
import { TokenTable } from './token-table';

/** A necessary condition for a rule to match: one of `tokens` is a whole \w-token or one of `substrings` occurs. */
export interface Gate {
  readonly tokens: readonly string[];
  readonly substrings: readonly string[];
}

const WORD_RUN = /^[a-z0-9_]+/;

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

/**
 * True when the source at `at` forces a non-word character (or the end) right there, so a word run
 * that precedes it is a whole token: a literal space, `\b`, or `\W` not made optional by `*`, `?`, `{0`.
 */
function boundedAt(branch: string, at: number): boolean {
  if (branch.charAt(at) === ' ' || branch.startsWith('\\b', at)) return true;
  if (!branch.startsWith('\\W', at)) return false;
  const q = branch.charAt(at + 2);
  return q !== '*' && q !== '?' && !branch.startsWith('{0', at + 2);
}

function branchGate(branch: string, tokens: string[], substrings: string[]): boolean {
  const group = /^\\b\(\?:([^()]*)\)/.exec(branch);
  if (group) {
    for (const alt of group[1]!.split('|')) {
      const run = WORD_RUN.exec(alt)?.[0];
      if (!run) return false;
      const next = alt.charAt(run.length);
      const bounded = next === '' ? boundedAt(branch, group[0].length) : /[ '\-,:]/.test(next);
      if (bounded) tokens.push(run);
      else if (run.length >= 3) substrings.push(run);
      else return false;
    }
    return true;
  }
  const literal = /^\\b([a-z]{3,})/.exec(branch);
  if (literal) {
    // A literal ending at a forced boundary is a whole token (a Set lookup instead of a text scan).
    if (boundedAt(branch, literal[0].length)) tokens.push(literal[1]!);
    else substrings.push(literal[1]!);
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

interface SubstringGate {
  readonly needle: string;
  /** Searched in the raw input instead of the normalised text. */
  readonly raw: boolean;
  readonly ids: number[];
}

/** Every registered gate, evaluated together once per text (see file comment). */
class GateIndex {
  private readonly byToken = new TokenTable();
  private readonly substrings: SubstringGate[] = [];
  private readonly ungated: number[] = [];
  private size = 0;
  /** Substring searchers for the raw and the normalised text; rebuilt when a gate is registered. */
  private scans: { readonly norm: NeedleScan; readonly raw: NeedleScan; readonly split: number; readonly order: readonly number[] } | null = null;
  /** found[k] for substring gate order[k], reused across texts (evaluate is synchronous, never nested). */
  private found = new Uint8Array(0);

  /** Registers one rule's gate (null: always open); returns the rule's slot. */
  register(gate: Gate | null, raw: boolean): number {
    const id = this.size++;
    this.scans = null;
    if (!gate) {
      this.ungated.push(id);
      return id;
    }
    for (const t of gate.tokens) this.byToken.add(t, id);
    for (const needle of gate.substrings) {
      const same = this.substrings.find((s) => s.needle === needle && s.raw === raw);
      if (same) same.ids.push(id);
      else this.substrings.push({ needle, raw, ids: [id] });
    }
    return id;
  }

  /**
   * Which slots' gates are open for this text. Called once per text (heuristicContext in types.ts);
   * every heuristic then reads the result from its context.
   */
  evaluate(raw: string, norm: NormalizedText): SlotSet {
    const open = emptySlotSet(this.size);
    for (const id of this.ungated) addSlot(open, id);
    this.byToken.markTokensIn(norm.text, open);
    const scans = (this.scans ??= this.buildScans());
    // found[k] is 1 iff substring gate order[k] occurs in its text (normalised first, then raw).
    if (this.found.length !== scans.order.length) this.found = new Uint8Array(scans.order.length);
    const found = this.found.fill(0);
    scans.norm.scan(norm.text, found);
    scans.raw.scan(raw, found, scans.split);
    for (let k = 0; k < found.length; k++) if (found[k] === 1) for (const id of this.substrings[scans.order[k]!]!.ids) addSlot(open, id);
    return open;
  }

  private buildScans(): NonNullable<GateIndex['scans']> {
    const normAt: number[] = [];
    const rawAt: number[] = [];
    this.substrings.forEach((s, i) => (s.raw ? rawAt : normAt).push(i));
    const needles = (at: number[], prefilter: boolean) => new NeedleScan(at.map((i) => this.substrings[i]!.needle), prefilter);
    // Raw-text needles are template tokens and markup ("<|", "[INST]", "###") that most prompts lack.
    return { norm: needles(normAt, false), raw: needles(rawAt, true), split: normAt.length, order: [...normAt, ...rawAt] };
  }
}

export const GATES = new GateIndex();
