import { randomUUID } from 'node:crypto';
import { DEFAULT_POLICY_REF, DEFAULT_RULESET } from '../../pipelines/policy';
import type { ActedOn } from '../../pipelines/policy/types';
import { detectStage } from '../../pipelines/stages/detect.stage';
import { processPrompt } from '../../pipelines/stages/prompt.stage';
import type { TenantContext, VaultRecord } from '../../pipelines/stages/stage.types';
import { tokenizeText } from '../../pipelines/stages/tokenize.stage';
import { TOPICS } from '../../schemas/topics';
import type { DecisionEvent } from '../../schemas/types';
import { topicName } from '../../workers/config/env';
import { withTenant } from '../../workers/adapters/postgres/pools';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { insertVaultRows } from '../../workers/adapters/postgres/vault.repo';
import type { TenantKeyring } from '../../workers/keys/tenant-keyring';
import type { AppContext } from '../../workers/runtime/app-context';
import { collect } from './kafka-collect';

/** A tenant for one test, optionally bound to a KMS key. */
export async function newTenant(ctx: AppContext, label: string, kmsKeyArn: string | null = null): Promise<string> {
  const id = randomUUID();
  await createTenant(ctx.pg.admin, { id, name: label, slug: `${label}-${id.slice(0, 8)}`, region: 'eu-west-1', kmsKeyArn });
  return id;
}

/** The stage's tenant context built from the keyring and the built-in policy (no policy store needed). */
export async function stageContext(keyring: TenantKeyring, tenantId: string, kmsKeyArn: string | null = null): Promise<TenantContext> {
  const [dataKey, tokenKey] = await Promise.all([keyring.activeKey(tenantId, kmsKeyArn, 'data'), keyring.activeKey(tenantId, kmsKeyArn, 'token')]);
  return { tenantId, policy: { ruleset: DEFAULT_RULESET, ref: DEFAULT_POLICY_REF }, dataKey, tokenKey, defaultTtlSeconds: 3600 };
}

/** Runs the real prompt stage (detect → decide → tokenize) and writes its vault rows. */
export async function sanitizeAndStore(ctx: AppContext, stage: TenantContext, text: string, conversationId = 'conv-1'): Promise<{ text: string; vault: readonly VaultRecord[] }> {
  const prompt = { tenant_id: stage.tenantId, request_id: `req-${randomUUID()}`, text, conversation_id: conversationId, user_id: null, metadata: null, ts: Date.now() };
  const outcome = processPrompt(prompt, detectStage(text, 'prompt'), stage, Date.now());
  if (outcome.kind !== 'sanitized') throw new Error(`prompt was ${outcome.kind}`);
  await withTenant(ctx.pg.app, stage.tenantId, (c) => insertVaultRows(c, outcome.vault));
  return { text: outcome.sanitized.text, vault: outcome.vault };
}

/** Tokenizes one whole value as an opaque token with an explicit TTL (e.g. negative = already expired). */
export async function storeValue(ctx: AppContext, stage: TenantContext, value: string, ttlSeconds = 3600): Promise<string> {
  const span: ActedOn = { entity: 'EMAIL_ADDRESS', dataClass: 'pii', start: 0, end: value.length, score: 1, action: 'encrypt', rule: 'test', tokenFormat: 'opaque', ttlSeconds };
  const out = tokenizeText(value, [span], stage, { requestId: randomUUID(), conversationId: null }, Date.now());
  await withTenant(ctx.pg.app, stage.tenantId, (c) => insertVaultRows(c, out.vault));
  return out.vault[0]!.tokenId;
}

/** Audit events of `eventType` for `tenantId` on the isolated decisions topic, once `count` have arrived. */
export async function auditEvents(ctx: AppContext, tenantId: string, eventType: string, count: number, timeoutMs = 20_000): Promise<DecisionEvent[]> {
  const topic = topicName(TOPICS.decisions, ctx.env);
  const decoded = new Map<string, DecisionEvent>();
  const mine = (): DecisionEvent[] => [...decoded.values()].filter((e) => e.tenant_id === tenantId && e.event_type === eventType);
  const all = await collect(ctx.kafka, [topic], (seen) => seen.filter((m) => m.key?.toString() === tenantId).length >= count, timeoutMs);
  for (const m of all) if (m.key?.toString() === tenantId) decoded.set(`${m.partition}/${m.offset}`, await ctx.codecs.decisions.decode(m.value));
  return mine().sort((a, b) => a.ts - b.ts);
}
