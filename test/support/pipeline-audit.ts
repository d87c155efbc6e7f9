import type { Kafka } from 'kafkajs';
import { findPlaceholders, type PlaceholderRef } from '../../pipelines/cipher';
import { TOPICS } from '../../schemas/topics';
import type { BlockedPrompt, DecisionEvent, SanitizedPrompt } from '../../schemas/types';
import { topicName } from '../../workers/config/env';
import { chString } from '../../workers/adapters/clickhouse/clickhouse-client';
import { verifyTenantChain, type VerifyReport } from '../../workers/audit/verify-chain';
import type { AppContext } from '../../workers/runtime/app-context';
import { collect, type Collected } from './kafka-collect';
import type { SentPrompt } from './prompt-load';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(pred: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 250): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await Promise.resolve().then(pred).catch(() => false)) return true;
    await sleep(everyMs);
  }
  return pred();
}

/** True once `groupId` has committed every partition of `topics` up to its end offset (all input consumed). */
export async function caughtUp(kafka: Kafka, groupId: string, topics: string[]): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const e of ends) {
        const c = mine.find((p) => p.partition === e.partition)?.offset ?? '-1';
        if (e.high !== '0' && BigInt(c) < BigInt(e.high)) return false;
      }
    }
    return true;
  } finally {
    await admin.disconnect();
  }
}

export interface Outputs {
  readonly sanitized: (SanitizedPrompt & { tsKafka: number })[];
  readonly blocked: BlockedPrompt[];
  readonly decisions: DecisionEvent[];
}

/**
 * Reads sanitized, blocked and decision topics (read_committed) until `expected` of each arrived
 * (only records keyed by `tenantId` when given), plus a settle.
 */
export async function readOutputs(ctx: AppContext, expected: number, timeoutMs = 90_000, settleMs = 3_000, tenantId?: string): Promise<Outputs> {
  const [san, blk, dec] = [TOPICS.promptsSanitized, TOPICS.promptsBlocked, TOPICS.decisions].map((t) => topicName(t, ctx.env));
  const mine = (m: Collected) => !tenantId || m.key?.toString() === tenantId;
  const got = await collect(ctx.kafka, [san!, blk!, dec!], (m) => m.filter((x) => x.topic === dec && mine(x)).length >= expected && m.filter((x) => x.topic !== dec && mine(x)).length >= expected, timeoutMs, settleMs);
  const all = got.filter(mine);
  const sanitized = await Promise.all(all.filter((m) => m.topic === san).map(async (m) => ({ ...(await ctx.codecs.promptsSanitized.decode(m.value)), tsKafka: Number(m.timestamp) })));
  const blocked = await Promise.all(all.filter((m) => m.topic === blk).map((m) => ctx.codecs.promptsBlocked.decode(m.value)));
  const decisions = await Promise.all(all.filter((m) => m.topic === dec).map((m) => ctx.codecs.decisions.decode(m.value)));
  return { sanitized, blocked, decisions };
}

export interface Tally {
  messages: number;
  lost: number;
  duplicated: number;
  leaked: number;
  decisionsMissing: number;
  decisionsDuplicated: number;
}

const PLACEHOLDER = /\[\[(tok|fpe):[^\]]*\]\]/g;

/** True when a sanitized text still holds one of the prompt's secrets (or a card's digits) outside placeholders. */
export function leaks(text: string, secrets: readonly string[]): boolean {
  const bare = text.replace(PLACEHOLDER, ' ');
  const digits = bare.replace(/\D/g, '');
  return secrets.some((s) => bare.includes(s) || (/^[\d ]+$/.test(s) && digits.includes(s.replace(/\D/g, ''))));
}

/** Counts lost / duplicated / leaked outputs of `sent` (requests in `uncertain` may be present or not). */
export function tally(sent: ReadonlyMap<string, SentPrompt>, out: Outputs, uncertain: ReadonlyMap<string, SentPrompt> = new Map()): Tally {
  const seen = new Map<string, number>();
  for (const id of [...out.sanitized.map((s) => s.request_id), ...out.blocked.map((b) => b.request_id)]) seen.set(id, (seen.get(id) ?? 0) + 1);
  const decisions = new Map<string, number>();
  for (const d of out.decisions) decisions.set(d.request_id ?? '', (decisions.get(d.request_id ?? '') ?? 0) + 1);
  const t: Tally = { messages: sent.size, lost: 0, duplicated: 0, leaked: 0, decisionsMissing: 0, decisionsDuplicated: 0 };
  for (const id of sent.keys()) {
    if (!seen.has(id)) t.lost++;
    if (!decisions.has(id)) t.decisionsMissing++;
  }
  for (const [id, n] of seen) if (n > 1 && (sent.has(id) || uncertain.has(id))) t.duplicated += n - 1;
  for (const [id, n] of decisions) if (n > 1 && (sent.has(id) || uncertain.has(id))) t.decisionsDuplicated += n - 1;
  for (const s of out.sanitized) {
    const p = sent.get(s.request_id) ?? uncertain.get(s.request_id);
    if (p && leaks(s.text, p.secrets)) t.leaked++;
  }
  return t;
}

/** The vault key of a placeholder (fpe ids are only unique per entity). */
export function vaultTokenId(ref: PlaceholderRef): string {
  return ref.kind === 'fpe' ? `fpe:${ref.entity}:${ref.id}` : ref.id;
}

export interface VaultAudit {
  rows: number;
  duplicateKeys: number;
  tokensInOutputs: number;
  missing: number;
}

/** Vault rows of a tenant (owner pool, no RLS) against the tokens its sanitized outputs carry. */
export async function vaultAudit(ctx: AppContext, tenantId: string, texts: readonly string[]): Promise<VaultAudit> {
  const tokens = new Set(texts.flatMap((t) => findPlaceholders(t).map(vaultTokenId)));
  const rows = await ctx.pg.admin.query<{ token_id: string }>('SELECT token_id FROM redaction_maps WHERE tenant_id = $1', [tenantId]);
  const dup = await ctx.pg.admin.query<{ n: string }>('SELECT count(*) AS n FROM (SELECT token_id FROM redaction_maps WHERE tenant_id = $1 GROUP BY token_id HAVING count(*) > 1) d', [tenantId]);
  const stored = new Set(rows.rows.map((r) => r.token_id));
  return { rows: rows.rows.length, duplicateKeys: Number(dup.rows[0]!.n), tokensInOutputs: tokens.size, missing: [...tokens].filter((t) => !stored.has(t)).length };
}

export async function auditRowCount(ctx: AppContext, tenantId: string): Promise<number> {
  const r = await ctx.ch.query({ query: `SELECT count() AS n FROM ${ctx.env.CLICKHOUSE_DATABASE}.events WHERE tenant_id = ${chString(tenantId)}`, format: 'JSONEachRow' });
  return Number(((await r.json()) as { n: string }[])[0]!.n);
}

/** Waits until the tenant has `expected` audit rows (or timeout), then verifies its chain. */
export async function auditChain(ctx: AppContext, tenantId: string, expected: number, timeoutMs = 90_000): Promise<{ rows: number; report: VerifyReport }> {
  await waitFor(async () => (await auditRowCount(ctx, tenantId)) >= expected, timeoutMs, 500);
  const rows = await auditRowCount(ctx, tenantId);
  return { rows, report: await verifyTenantChain(ctx.ch, ctx.env.CLICKHOUSE_DATABASE, tenantId) };
}
