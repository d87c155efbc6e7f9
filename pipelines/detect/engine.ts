/**
 * Detection engine: runs every registered recognizer, drops low-confidence findings,
 * resolves overlaps and returns findings sorted by start offset.
 */
import type { Finding } from './types';
import type { DetectContext, Recognizer } from './recognizer';
import { RECOGNIZERS } from './recognizers/registry';

export interface DetectOptions {
  /** Only return these entities (UPPER_SNAKE). Recognizers that cannot emit them are skipped. */
  readonly entities?: readonly string[];
  /** Minimum score to keep a finding. Default DEFAULT_MIN_SCORE. */
  readonly minScore?: number;
  /** Where the text sits in a structured record (its key path), for key-cued recognizers. */
  readonly context?: DetectContext;
}

/** Recognizers score weak/unconfirmed shapes below this so they only surface with context. */
export const DEFAULT_MIN_SCORE = 0.4;

/** Cache recognizer subsets per entity filter so repeated calls with the same filter don't re-filter. */
const subsetCache = new Map<string, readonly Recognizer[]>();

function recognizersFor(entities: readonly string[] | undefined): readonly Recognizer[] {
  if (!entities) return RECOGNIZERS;
  const key = entities.join(',');
  let hit = subsetCache.get(key);
  if (!hit) {
    const want = new Set(entities);
    hit = RECOGNIZERS.filter((r) => r.entities.some((e) => want.has(e)));
    if (subsetCache.size < 256) subsetCache.set(key, hit);
  }
  return hit;
}

/**
 * Greedy overlap resolution: best first (higher score, then longer span), keep a finding only if it
 * does not overlap an already-kept one. Non-overlapping findings of any entity all survive.
 */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  findings.sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // Kept spans never overlap each other, so they stay sorted by start and a new span can only clash
  // with its immediate neighbours: binary search keeps this O(n log n) on hostile inputs.
  const kept: Finding[] = [];
  for (const f of findings) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid].start < f.start) lo = mid + 1;
      else hi = mid;
    }
    const prev = lo > 0 ? kept[lo - 1] : undefined;
    const next = lo < kept.length ? kept[lo] : undefined;
    if ((prev && prev.end > f.start) || (next && next.start < f.end)) continue;
    kept.splice(lo, 0, f);
  }
  return kept;
}

export function detectSensitive(text: string, opts?: DetectOptions): Finding[] {
  if (text.length === 0) return [];
  const minScore = opts?.minScore ?? DEFAULT_MIN_SCORE;
  const want = opts?.entities ? new Set(opts.entities) : null;
  const all: Finding[] = [];
  for (const r of recognizersFor(opts?.entities)) {
    for (const f of r.detect(text, opts?.context)) {
      if (f.score >= minScore && (want === null || want.has(f.entity))) all.push(f);
    }
  }
  return resolveOverlaps(all);
}
