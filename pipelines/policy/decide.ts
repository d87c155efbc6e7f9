/**
 * decide(): the pure policy decision for one message. No I/O, no clock, no randomness: the same
 * input always yields the same Decision, which is what makes decisions replayable from audit.
 *
 * Per finding (dataClass !== 'injection'):
 *   1. minScore = entity rule ?? class rule ?? ruleset.minScore ?? 0; score < minScore -> ignored.
 *   2. action = allowlist match ('allow') ?? entity rule ?? class rule ?? defaultAction.
 *      The most specific source wins even when it is LOWER (entity 'allow' beats class 'block').
 *   3. for 'encrypt': tokenFormat and ttl cascade field by field (entity > class > top level).
 * Injection: score >= blockAbove -> block; else score >= reframeAbove -> reframe (prompt only
 * unless injection.appliesTo says otherwise). Findings of class 'injection' are reported as the
 * spans of that action. Message action = max by precedence block > reframe > encrypt > allow.
 */
import type { Finding } from '../detect/types';
import { matchAllowlist } from './allowlist';
import { maxAction, ruleId, scopeOf, ttlToSeconds } from './precedence';
import type { Action, ActedOn, ClassRule, Decision, DecideInput, EntityRule, Ruleset, Source, TokenFormat } from './types';

/** Everything decide() needs for one (source, entity, class) that does not depend on the finding's value. */
interface Resolved {
  readonly minScore: number;
  readonly action: Action;
  readonly rule: string;
  /** For action 'encrypt' (when not allowlisted): cascaded token format and TTL. */
  readonly tokenFormat: TokenFormat;
  readonly ttlSeconds: number | undefined;
  /** False when no allowlist entry can apply to this entity, so the value need not even be sliced. */
  readonly allowlistable: boolean;
}

interface Indexed {
  readonly entities: ReadonlyMap<string, EntityRule>; // key "NAME@source"
  readonly classes: ReadonlyMap<string, ClassRule>; // key "class@source"
  readonly injectionSources: readonly Source[];
  /** source -> dataClass -> entity, filled on demand (nested: no key string is built per finding). */
  readonly resolved: Map<Source, Map<string, Map<string, Resolved>>>;
  resolvedCount: number;
}

// Rulesets are immutable once validated; indexing them once per object keeps decide() O(findings)
// and lets every string (rule ids) and cascade be computed once per ruleset instead of per finding.
const cache = new WeakMap<Ruleset, Indexed>();

function indexOf(ruleset: Ruleset): Indexed {
  let idx = cache.get(ruleset);
  if (!idx) {
    const entities = new Map<string, EntityRule>();
    const classes = new Map<string, ClassRule>();
    // First rule wins on (impossible after validation) overlaps, matching the validator's report.
    for (const r of ruleset.entities ?? []) for (const s of scopeOf(r.appliesTo, ['log', 'prompt'])) if (!entities.has(`${r.entity}@${s}`)) entities.set(`${r.entity}@${s}`, r);
    for (const r of ruleset.classes ?? []) for (const s of scopeOf(r.appliesTo, ['log', 'prompt'])) if (!classes.has(`${r.dataClass}@${s}`)) classes.set(`${r.dataClass}@${s}`, r);
    const injectionSources = ruleset.injection ? scopeOf(ruleset.injection.appliesTo, ['prompt']) : [];
    idx = { entities, classes, injectionSources, resolved: new Map(), resolvedCount: 0 };
    cache.set(ruleset, idx);
  }
  return idx;
}

function resolve(idx: Indexed, r: Ruleset, source: Source, f: Finding): Resolved {
  let hit = idx.resolved.get(source)?.get(f.dataClass)?.get(f.entity);
  if (hit) return hit;
  const ent = idx.entities.get(`${f.entity}@${source}`);
  const cls = idx.classes.get(`${f.dataClass}@${source}`);
  const [action, rule] = ent
    ? [ent.action, ruleId('entity', ent.entity, ent.appliesTo)]
    : cls
      ? [cls.action, ruleId('class', cls.dataClass, cls.appliesTo)]
      : [r.defaultAction, 'default'];
  const ttl = ent?.ttl ?? cls?.ttl;
  const a = r.allowlist;
  hit = {
    minScore: ent?.minScore ?? cls?.minScore ?? r.minScore ?? 0,
    action,
    rule,
    tokenFormat: ent?.tokenFormat ?? cls?.tokenFormat ?? r.defaultTokenFormat ?? 'opaque',
    ttlSeconds: ttl === undefined ? undefined : ttlToSeconds(ttl),
    allowlistable: !!a && (!!a.values?.length || !!a.emailDomains?.length || !!a.patterns?.some((p) => !p.entities || p.entities.includes(f.entity))),
  };
  // Entity names come from detectors (a bounded set); the cap only guards against odd callers.
  if (idx.resolvedCount < 4096) {
    let byClass = idx.resolved.get(source);
    if (!byClass) idx.resolved.set(source, (byClass = new Map()));
    let byEntity = byClass.get(f.dataClass);
    if (!byEntity) byClass.set(f.dataClass, (byEntity = new Map()));
    byEntity.set(f.entity, hit);
    idx.resolvedCount++;
  }
  return hit;
}

function sortedByPosition(findings: readonly Finding[]): readonly Finding[] {
  for (let i = 1; i < findings.length; i++) if (byPosition(findings[i - 1]!, findings[i]!) > 0) return [...findings].sort(byPosition);
  return findings; // the engine already emits position order; a stable sort would not change it
}

export function decide(input: DecideInput): Decision {
  const { ruleset, source, text } = input;
  const idx = indexOf(ruleset);
  // Nothing found (most id fields, many texts) and no injection action: the loop below would
  // produce exactly this, after allocating its Set and arrays.
  if (input.findings.length === 0 && !injectionAction(ruleset, idx, source, input.injection.score)) {
    return { action: 'allow', matchedRules: [], policy: input.policyRef, actedOn: [] };
  }
  const matched = new Set<string>();
  const reasons: string[] = [];
  const actedOn: ActedOn[] = [];
  let action: Action = 'allow';
  let ignored = 0;

  const findings = sortedByPosition(input.findings);
  for (const f of findings) {
    if (f.dataClass === 'injection') continue; // handled with the injection score below
    const res = resolve(idx, ruleset, source, f);
    if (f.score < res.minScore) {
      ignored++;
      continue;
    }
    // An out-of-range span cannot be compared with the allowlist: fail closed (no allowlisting).
    const validSpan = f.start >= 0 && f.end <= text.length && f.start < f.end;
    const allowed = validSpan && res.allowlistable ? matchAllowlist(ruleset.allowlist, f.entity, text.slice(f.start, f.end)) : undefined;
    const act = allowed ? 'allow' : res.action;
    const rule = allowed ?? res.rule;
    matched.add(rule);
    action = maxAction(action, act);
    actedOn.push(act === 'encrypt' ? describeEncrypt(f, rule, res) : describe(f, act, rule));
  }
  if (ignored > 0) reasons.push(`${ignored} finding(s) below minScore ignored`);

  const inj = injectionAction(ruleset, idx, source, input.injection.score);
  if (inj) {
    const rule = `injection:${inj.action}`;
    matched.add(rule);
    action = maxAction(action, inj.action);
    reasons.push(`injection score ${input.injection.score} >= ${inj.threshold} ${inj.limit}`);
    for (const r of input.injection.reasons) reasons.push(`injection: ${r}`);
    for (const f of findings) if (f.dataClass === 'injection') actedOn.push(describe(f, inj.action, rule));
    actedOn.sort(byPosition);
  }

  // Two literals rather than a conditional spread (slow in V8); same keys in the same order.
  const matchedRules = [...matched].sort();
  return reasons.length > 0 ? { action, matchedRules, policy: input.policyRef, actedOn, reasons } : { action, matchedRules, policy: input.policyRef, actedOn };
}

function injectionAction(r: Ruleset, idx: Indexed, source: Source, score: number): { action: 'block' | 'reframe'; threshold: 'blockAbove' | 'reframeAbove'; limit: number } | undefined {
  const p = r.injection;
  if (!p || !idx.injectionSources.includes(source)) return undefined;
  if (p.blockAbove !== undefined && score >= p.blockAbove) return { action: 'block', threshold: 'blockAbove', limit: p.blockAbove };
  if (p.reframeAbove !== undefined && score >= p.reframeAbove) return { action: 'reframe', threshold: 'reframeAbove', limit: p.reframeAbove };
  return undefined;
}

// Copy fields explicitly: never spread the finding, so nothing else (e.g. a debug 'text') leaks.
function describe(f: Finding, action: Action, rule: string): ActedOn {
  return { entity: f.entity, dataClass: f.dataClass, start: f.start, end: f.end, score: f.score, action, rule };
}

// Two literals rather than `{ ...base, ttlSeconds }`: object spread was a third of decide()'s time.
// Same keys in the same order, so the JSON (and audit hashes) are unchanged.
function describeEncrypt(f: Finding, rule: string, res: Resolved): ActedOn {
  const { tokenFormat, ttlSeconds } = res;
  return ttlSeconds === undefined
    ? { entity: f.entity, dataClass: f.dataClass, start: f.start, end: f.end, score: f.score, action: 'encrypt', rule, tokenFormat }
    : { entity: f.entity, dataClass: f.dataClass, start: f.start, end: f.end, score: f.score, action: 'encrypt', rule, tokenFormat, ttlSeconds };
}

type Sortable = Pick<Finding, 'start' | 'end' | 'entity' | 'dataClass' | 'score'>;
const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Total order on everything that reaches the Decision, so input order can never change it. */
function byPosition(a: Sortable, b: Sortable): number {
  return a.start - b.start || a.end - b.end || cmp(a.entity, b.entity) || cmp(a.dataClass, b.dataClass) || a.score - b.score;
}
