/**
 * Small shared helpers: action precedence, TTL parsing and stable rule ids.
 * Kept separate so decide(), validation and diff agree on exactly one definition of each.
 */
import type { Action, Source } from './types';

const RANK: Readonly<Record<Action, number>> = { allow: 0, encrypt: 1, reframe: 2, block: 3 };

/** Precedence rank: block (3) > reframe (2) > encrypt (1) > allow (0). */
export function actionRank(action: Action): number {
  return RANK[action];
}

/** The higher-precedence of two actions. */
export function maxAction(a: Action, b: Action): Action {
  return RANK[a] >= RANK[b] ? a : b;
}

const ISO_DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * TTL in seconds, or undefined when the value is not a valid TTL. Calendar units (Y, months) are
 * not accepted by the schema, so every accepted duration has exactly one length in seconds.
 */
export function ttlToSeconds(ttl: string | number): number | undefined {
  if (typeof ttl === 'number') return Number.isSafeInteger(ttl) && ttl > 0 ? ttl : undefined;
  const m = ISO_DURATION.exec(ttl);
  if (!m) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((g) => (g === undefined ? 0 : Number(g)));
  const total = (w ?? 0) * 604800 + (d ?? 0) * 86400 + (h ?? 0) * 3600 + (min ?? 0) * 60 + (s ?? 0);
  return Number.isSafeInteger(total) && total > 0 ? total : undefined;
}

/** Sources a rule applies to; `fallback` when appliesTo is omitted. */
export function scopeOf(appliesTo: readonly Source[] | undefined, fallback: readonly Source[]): Source[] {
  return [...new Set(appliesTo ?? fallback)].sort();
}

/**
 * Stable rule id, e.g. 'entity:CREDIT_CARD' or 'class:secret@prompt'. The '@source' suffix only
 * appears for single-source rules, so a prompt rule and a log rule for the same class stay distinct
 * in audit records while unscoped rules keep the short id clients match on.
 */
export function ruleId(kind: 'entity' | 'class', name: string, appliesTo: readonly Source[] | undefined): string {
  const scope = scopeOf(appliesTo, ['log', 'prompt']);
  return scope.length === 1 ? `${kind}:${name}@${scope[0]}` : `${kind}:${name}`;
}
