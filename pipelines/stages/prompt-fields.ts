import type { FindingRef, RawPrompt } from '../../schemas/types';
import { maxAction } from '../policy/precedence';
import type { Action, Decision } from '../policy/types';
import type { Segment } from './envelope';
import { pathKey } from './json-leaves';
import type { TenantContext, VaultRecord } from './stage.types';
import { tokenizeText } from './tokenize.stage';

/**
 * A prompt's pass-through fields (conversation_id, user_id, metadata) are scanned like its text:
 * each is a segment of the envelope (so the split topology carries them with no schema change),
 * detected, decided with the same policy and, in stage 3, tokenized in place. Segment paths:
 * `conversation_id`, `user_id`, `metadata.<key>` (`metadata["odd key"]`) for a value and the same
 * with a trailing `~` for the key itself (the JSONPath-Plus notation for a property name).
 *
 * Metadata KEYS are scanned too: producers set them, but a map keyed by e-mail or card number is
 * data, not schema. A key the policy tokenizes is renamed to its placeholder; other keys stay.
 *
 * Ids stay joinable: an id with no finding passes unchanged; an id with one is tokenized on a
 * tenant-wide scope (TokenScope.stableKey), so the same user gets the same token in every request.
 */
export const TEXT_PATH = '$';
export const CONVERSATION_PATH = 'conversation_id';
export const USER_PATH = 'user_id';
/** Token scope of id fields: one per tenant (NUL-prefixed, so no producer conversation id can equal it). */
const ID_SCOPE = '\u0000id-field';

export function metadataPath(key: string): string {
  return `metadata${pathKey(key)}`;
}

export function metadataKeyPath(key: string): string {
  return `${metadataPath(key)}~`;
}

/** Segments of the prompt's pass-through fields, after the text's own '$' segment. */
export function promptFieldSegments(p: RawPrompt): Segment[] {
  const out: Segment[] = [];
  if (p.conversation_id) out.push({ path: CONVERSATION_PATH, text: p.conversation_id });
  if (p.user_id) out.push({ path: USER_PATH, text: p.user_id });
  for (const [k, v] of Object.entries(p.metadata ?? {})) out.push({ path: metadataKeyPath(k), text: k }, { path: metadataPath(k), text: v });
  return out;
}

/**
 * True when the prompt has no metadata and `segments` has a segment for each id field it carries
 * (so promptFieldSegments would add nothing): the cheap common case of completeSegments' check.
 * False (the caller then runs the full check) whenever metadata is present.
 */
export function coversPlainFields(p: RawPrompt, segments: readonly Segment[]): boolean {
  if (p.metadata && Object.keys(p.metadata).length > 0) return false;
  return (!p.conversation_id || hasPath(segments, CONVERSATION_PATH)) && (!p.user_id || hasPath(segments, USER_PATH));
}

function hasPath(segments: readonly Segment[], path: string): boolean {
  for (const s of segments) if (s.path === path) return true;
  return false;
}

/** Every field decision folded into one: strongest action, rules, reasons and path-tagged findings. */
export interface FieldDecisions {
  readonly action: Action;
  readonly matchedRules: readonly string[];
  readonly reasons: readonly string[];
  readonly findings: readonly FindingRef[];
}

export interface ProtectedFields {
  readonly conversationId: string | null;
  readonly userId: string | null;
  readonly metadata: { [key: string]: string } | null;
  /** What the text's and metadata's deterministic tokens are keyed on (see protectFields). */
  readonly tokenConversation: string | null;
  /** Segment path → the path named in audit events (never a flagged key in plaintext). */
  readonly auditPaths: ReadonlyMap<string, string>;
  readonly decided: FieldDecisions;
  readonly vault: readonly VaultRecord[];
  readonly tokenCount: number;
  readonly ciphertextBytes: number;
}

/**
 * Stage 3 for the fields: tokenizes what the policy chose to encrypt (look-alike placeholders are
 * escaped as in the text; ordinary values come back unchanged). Fails closed when a field has no
 * decided segment (an envelope from a worker that predates field scanning): nothing passes unscanned.
 */
export function protectFields(prompt: RawPrompt, segments: readonly Segment[], ctx: TenantContext, nowMs: number): ProtectedFields {
  const byPath = new Map<string, Segment>();
  for (const s of segments) byPath.set(s.path, s); // a repeated path: the last one wins, as before
  const expected = promptFieldSegments(prompt);
  const vault: VaultRecord[] = [];
  const auditPaths = new Map<string, string>();
  const out = new Map<string, string>();
  let tokenCount = 0;
  let ciphertextBytes = 0;
  // Deterministic tokens are keyed on the conversation id as it leaves Sentinel. When the id held a
  // sensitive value it was tokenized on the tenant-wide id scope, so its placeholder is as stable
  // across the conversation as the id itself, and the plaintext never becomes a token key or the
  // vault's conversation column (conversationUuid is an unkeyed hash: guessable for an e-mail).
  let tokenConversation = prompt.conversation_id;
  for (const want of expected) {
    const s = byPath.get(want.path);
    if (!s?.decision || !s.detection || s.text !== want.text) throw new Error('a prompt field reached stage 3 without its decided segment');
    const isId = want.path === CONVERSATION_PATH || want.path === USER_PATH;
    const spans = s.decision.actedOn.filter((a) => a.action === 'encrypt');
    const scope = isId ? { requestId: prompt.request_id, conversationId: null, stableKey: ID_SCOPE } : { requestId: prompt.request_id, conversationId: tokenConversation };
    const t = tokenizeText(s.text, spans, ctx, scope, nowMs);
    out.set(want.path, t.text);
    vault.push(...t.vault);
    tokenCount += t.tokenCount;
    ciphertextBytes += t.ciphertextBytes;
    if (want.path === CONVERSATION_PATH && spans.length > 0) tokenConversation = t.text;
    if (want.path.endsWith('~')) {
      // A flagged key is named in audit paths by its placeholder, or by `*` when it stayed plaintext.
      const key = spans.length > 0 ? t.text : s.detection.findings.length > 0 ? null : s.text;
      const valuePath = key === null ? 'metadata.*' : metadataPath(key);
      auditPaths.set(want.path, `${valuePath}~`);
      auditPaths.set(want.path.slice(0, -1), valuePath);
    } else if (isId) auditPaths.set(want.path, want.path);
  }
  const meta = prompt.metadata ? Object.fromEntries(Object.keys(prompt.metadata).map((k) => [out.get(metadataKeyPath(k))!, out.get(metadataPath(k))!])) : null;
  return {
    conversationId: prompt.conversation_id ? out.get(CONVERSATION_PATH)! : prompt.conversation_id,
    userId: prompt.user_id ? out.get(USER_PATH)! : prompt.user_id,
    metadata: meta,
    tokenConversation,
    auditPaths,
    decided: foldFieldDecisions(segments, (s) => s.decision, auditPaths),
    vault,
    tokenCount,
    ciphertextBytes,
  };
}

/** Folds the chosen decision (enforced or shadow) of every field segment, findings tagged with audit paths. */
export function foldFieldDecisions(segments: readonly Segment[], pick: (s: Segment) => Decision | undefined, auditPaths: ReadonlyMap<string, string>): FieldDecisions {
  let action: Action = 'allow';
  const rules = new Set<string>();
  const reasons: string[] = [];
  const findings: FindingRef[] = [];
  for (const s of segments) {
    const path = auditPaths.get(s.path);
    const d = pick(s);
    if (path === undefined || !d) continue;
    action = maxAction(action, d.action);
    d.matchedRules.forEach((r) => rules.add(r));
    for (const r of d.reasons ?? []) reasons.push(`${path}: ${r}`);
    for (const a of d.actedOn) findings.push({ entity: a.entity, data_class: a.dataClass, start: a.start, end: a.end, score: a.score, action: a.action, path });
  }
  return { action, matchedRules: [...rules].sort(), reasons, findings };
}

/** The text's decision with the fields' folded in: what the prompt as a whole is (blocked, …). */
export function withFields(text: Decision, fields: FieldDecisions): Decision {
  const reasons = [...(text.reasons ?? []), ...fields.reasons];
  // Without field rules the text's are already sorted and unique (decide's output): reuse a copy.
  const matchedRules = fields.matchedRules.length === 0 && isSortedUnique(text.matchedRules) ? [...text.matchedRules] : [...new Set([...text.matchedRules, ...fields.matchedRules])].sort();
  const action = maxAction(text.action, fields.action);
  // Same keys in the same order as spreading `text` and overriding: no conditional spread (slow).
  return reasons.length > 0 ? { ...text, action, matchedRules, reasons } : { ...text, action, matchedRules };
}

function isSortedUnique(xs: readonly string[]): boolean {
  for (let i = 1; i < xs.length; i++) if (!(xs[i - 1]! < xs[i]!)) return false;
  return true;
}
