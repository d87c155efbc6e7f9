/**
 * Detection engine: runs every registered recognizer, drops low-confidence findings,
 * resolves overlaps and returns findings sorted by start offset.
 */
import type { Finding } from './types';
import type { Recognizer } from './recognizer';
import { RECOGNIZERS } from './recognizers/registry';

export interface DetectOptions {
  /** Only return these entities (UPPER_SNAKE). Recognizers that cannot emit them are skipped. */
  readonly entities?: readonly string[];
  /** Minimum score to keep a finding. Default DEFAULT_MIN_SCORE. */
  readonly minScore?: number;
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
  const kept: Finding[] = [];
  for (const f of findings) {
    let clash = false;
    for (const k of kept) {
      if (f.start < k.end && k.start < f.end) {
        clash = true;
        break;
      }
    }
    if (!clash) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

export function detectSensitive(text: string, opts?: DetectOptions): Finding[] {
  if (text.length === 0) return [];
  const minScore = opts?.minScore ?? DEFAULT_MIN_SCORE;
  const want = opts?.entities ? new Set(opts.entities) : null;
  const all: Finding[] = [];
  for (const r of recognizersFor(opts?.entities)) {
    for (const f of r.detect(text)) {
      if (f.score >= minScore && (want === null || want.has(f.entity))) all.push(f);
    }
  }
  return resolveOverlaps(all);
}
