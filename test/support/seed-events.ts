import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { chainAppend, type AuditRow, type ChainHead } from '../../pipelines/stages/audit.stage';
import type { DecisionEvent, FindingRef } from '../../schemas/types';
import { deadLetterRow } from '../../workers/audit/dlq-sink';
import { EventsStore } from '../../workers/audit/events.store';

const DAY = 86_400_000;

/** What one seeded day holds: decisions (prompt unless noted), then two detokenizations. */
const find = (entity: string, data_class: string, action: string): FindingRef => ({ entity, data_class, start: 0, end: 10, score: 0.9, action });
const DAY_PLAN: readonly Partial<DecisionEvent>[] = [
  { decision: 'allow' },
  { decision: 'allow' },
  { decision: 'encrypt', findings: [find('EMAIL_ADDRESS', 'pii', 'encrypt')], matched_rules: ['class:pii'], token_count: 1 },
  { decision: 'encrypt', findings: [find('CREDIT_CARD', 'pci', 'encrypt'), find('EMAIL_ADDRESS', 'pii', 'encrypt')], matched_rules: ['class:pci', 'class:pii'], token_count: 2 },
  { decision: 'reframe', matched_rules: ['injection:reframe'], injection_score: 0.62 },
  { decision: 'block', matched_rules: ['injection:block'], injection_score: 0.97 },
  { decision: 'block', findings: [find('AWS_ACCESS_KEY_ID', 'secret', 'block')], matched_rules: ['class:secret@prompt'] },
  { decision: 'encrypt', source: 'log', findings: [find('AWS_ACCESS_KEY_ID', 'secret', 'encrypt')], matched_rules: ['class:secret@log'], token_count: 1 },
  { event_type: 'detokenize', source: null, decision: 'granted', metadata: { actor: 'ops-alice', reason: 'support_ticket', outcome: 'granted' }, token_count: 2 },
  { event_type: 'detokenize', source: null, decision: 'refused', metadata: { actor: 'ops-bob', reason: 'curiosity', outcome: 'refused' } },
];

export function seedEvent(tenantId: string, i: number, ts: number, over: Partial<DecisionEvent>): DecisionEvent {
  return {
    event_id: randomUUID(),
    tenant_id: tenantId,
    event_type: 'decision',
    request_id: `seed-${i}`,
    source: 'prompt',
    decision: 'allow',
    matched_rules: [],
    policy_id: 'builtin:default',
    policy_version: '1.0.0',
    ruleset_hash: 'ab'.repeat(32),
    findings: [],
    injection_score: 0.01,
    token_count: 0,
    ciphertext_len: 0,
    latency_ms: 3,
    shadow: false,
    user_id: null,
    metadata: null,
    ts,
    ...over,
  };
}

/**
 * Writes `days` days of DAY_PLAN (today and the days before, an hour apart from now) as a valid
 * hash chain through the audit sink's own code (chainAppend + EventsStore), plus two dead letters.
 * Returns the rows so tests can derive their expectations from exactly what was stored.
 */
export async function seedTenantEvents(ch: ClickHouseClient, database: string, tenantId: string, days = 3, nowMs = Date.now()): Promise<AuditRow[]> {
  const store = new EventsStore(ch, database);
  const rows: AuditRow[] = [];
  let head: ChainHead | null = await store.head(tenantId);
  let i = 0;
  for (let d = days - 1; d >= 0; d--) {
    for (const over of DAY_PLAN) {
      const ts = nowMs - d * DAY - 3_600_000 + i * 1000;
      const next = chainAppend(head, seedEvent(tenantId, i, ts, over), { topic: 'seed', partition: 0, offset: String(i) });
      rows.push(next.row);
      head = next.head;
      i++;
    }
  }
  await store.insert(rows);
  const base = { stage: 'prompt', error_class: 'PipelineRejection', error_message: 'x', original_topic: 'sentinel.prompts.raw', original_partition: 0, tenant_id: tenantId, payload_sealed: Buffer.alloc(0), payload_key_id: 'dlq-v1', ts: nowMs };
  const dead = [
    deadLetterRow({ ...base, reason_code: 'schema_violation', original_offset: '1' }, { topic: `seed-dlq-${tenantId}`, partition: 0, offset: '0' }),
    deadLetterRow({ ...base, reason_code: 'tenant_inactive', original_offset: '2' }, { topic: `seed-dlq-${tenantId}`, partition: 0, offset: '1' }),
  ];
  await ch.insert({ table: `${database}.dead_letters`, values: dead, format: 'JSONEachRow' });
  return rows;
}
