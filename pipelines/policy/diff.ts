/**
 * Structural diff of two rulesets for `policy diff`.
 *
 * Paths are JSON pointers, except that elements of rule arrays are addressed by a stable key
 * instead of an index, so re-ordering or inserting a rule does not show every later rule as
 * "changed":
 *   /classes/<rule id>     e.g. /classes/class:secret@prompt/action
 *   /entities/<rule id>    e.g. /entities/entity:PERSON/minScore
 *   /allowlist/patterns/<pattern>
 * Arrays of scalars (appliesTo, allowlist values, emailDomains, entities) are compared as sets:
 * an added member is reported at '<array path>/-' (RFC 6902 "append" spelling) with its value.
 * Other arrays fall back to index-wise comparison.
 */
import { ruleId } from './precedence';
import type { Source } from './types';

export interface RulesetDiff {
  readonly added: readonly { readonly path: string; readonly value: unknown }[];
  readonly removed: readonly { readonly path: string; readonly value: unknown }[];
  readonly changed: readonly { readonly path: string; readonly from: unknown; readonly to: unknown }[];
}

type Mutable = { added: { path: string; value: unknown }[]; removed: { path: string; value: unknown }[]; changed: { path: string; from: unknown; to: unknown }[] };

const seg = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Differences turning `before` into `after`, each list sorted by path. */
export function diffRulesets(before: unknown, after: unknown): RulesetDiff {
  const out: Mutable = { added: [], removed: [], changed: [] };
  walk(before, after, '', out);
  const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { added: out.added.sort(byPath), removed: out.removed.sort(byPath), changed: out.changed.sort(byPath) };
}

export function isEmptyDiff(d: RulesetDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function walk(a: unknown, b: unknown, path: string, out: Mutable): void {
  if (isRecord(a) && isRecord(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const p = `${path}/${seg(k)}`;
      if (!(k in b)) out.removed.push({ path: p, value: a[k] });
      else if (!(k in a)) out.added.push({ path: p, value: b[k] });
      else walk(a[k], b[k], p, out);
    }
  } else if (Array.isArray(a) && Array.isArray(b)) {
    walkArray(a, b, path, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.changed.push({ path, from: a, to: b });
  }
}

/** Stable key for an element of a keyed array, or undefined when the array is not keyed. */
function keyOf(path: string, item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  const scope = item['appliesTo'] as readonly Source[] | undefined;
  if (path === '/classes' && typeof item['dataClass'] === 'string') return ruleId('class', item['dataClass'], scope);
  if (path === '/entities' && typeof item['entity'] === 'string') return ruleId('entity', item['entity'], scope);
  if (path === '/allowlist/patterns' && typeof item['pattern'] === 'string') return item['pattern'];
  return undefined;
}

function walkArray(a: readonly unknown[], b: readonly unknown[], path: string, out: Mutable): void {
  const scalar = (v: unknown): boolean => v === null || typeof v !== 'object';
  if (a.every(scalar) && b.every(scalar)) {
    const as = new Set(a.map((v) => JSON.stringify(v)));
    const bs = new Set(b.map((v) => JSON.stringify(v)));
    for (const v of a) if (!bs.has(JSON.stringify(v))) out.removed.push({ path: `${path}/-`, value: v });
    for (const v of b) if (!as.has(JSON.stringify(v))) out.added.push({ path: `${path}/-`, value: v });
    return;
  }
  const ak = a.map((v) => keyOf(path, v));
  const bk = b.map((v) => keyOf(path, v));
  const keyed = [...ak, ...bk].every((k) => k !== undefined) && new Set(ak).size === a.length && new Set(bk).size === b.length;
  if (!keyed) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= b.length) out.removed.push({ path: `${path}/${i}`, value: a[i] });
      else if (i >= a.length) out.added.push({ path: `${path}/${i}`, value: b[i] });
      else walk(a[i], b[i], `${path}/${i}`, out);
    }
    return;
  }
  const bMap = new Map(b.map((v, i) => [bk[i] as string, v]));
  const aMap = new Map(a.map((v, i) => [ak[i] as string, v]));
  for (const [k, v] of aMap) {
    const p = `${path}/${seg(k)}`;
    if (bMap.has(k)) walk(v, bMap.get(k), p, out);
    else out.removed.push({ path: p, value: v });
  }
  for (const [k, v] of bMap) if (!aMap.has(k)) out.added.push({ path: `${path}/${seg(k)}`, value: v });
}
