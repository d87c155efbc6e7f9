import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { chainAppend, type AuditRow, type ChainHead } from '../../pipelines/stages/audit.stage';
import type { DecisionEvent } from '../../schemas/types';
import { chIdent, chString } from '../../workers/adapters/clickhouse/clickhouse-client';
import type { EventsStore } from '../../workers/audit/events.store';

/** A synthetic decision event (no plaintext, like the real ones). */
export function syntheticDecision(tenantId: string, i: number): DecisionEvent {
  return {
    event_id: randomUUID(),
    tenant_id: tenantId,
    event_type: 'decision',
    request_id: `req-${i}`,
    source: 'prompt',
    decision: i % 3 === 0 ? 'encrypt' : 'allow',
    matched_rules: i % 3 === 0 ? ['pii-email'] : [],
    policy_id: null,
    policy_version: '1.0.0',
    ruleset_hash: null,
    findings: i % 3 === 0 ? [{ entity: 'EMAIL_ADDRESS', data_class: 'pii', start: 3, end: 20, score: 0.99, action: 'encrypt' }] : [],
    injection_score: 0,
    token_count: i % 3 === 0 ? 1 : 0,
    ciphertext_len: 0,
    latency_ms: 1.5,
    shadow: false,
    user_id: null,
    metadata: null,
    ts: 1_700_000_000_000 + i,
  };
}

/** Chains `n` synthetic events after `head` and inserts them as one batch, like the sink does. */
export async function appendSynthetic(store: EventsStore, tenantId: string, head: ChainHead | null, n: number): Promise<{ head: ChainHead | null; rows: AuditRow[] }> {
  const rows: AuditRow[] = [];
  let h = head;
  for (let i = 0; i < n; i++) {
    const next = chainAppend(h, syntheticDecision(tenantId, (h?.seq ?? -1) + 1), { topic: `synthetic-${tenantId}`, partition: 0, offset: String((h?.seq ?? -1) + 1) });
    rows.push(next.row);
    h = next.head;
  }
  await store.insert(rows);
  return { head: h, rows };
}

/** ALTER TABLE ... DELETE is an asynchronous mutation on ClickHouse 18.16: wait until it has applied. */
export async function deleteEventsAndWait(ch: ClickHouseClient, database: string, tenantId: string, where: string, expectedRemaining: number): Promise<void> {
  const table = `${chIdent(database)}.events`;
  await ch.command({ query: `ALTER TABLE ${table} DELETE WHERE tenant_id = ${chString(tenantId)} AND (${where})` });
  for (let i = 0; i < 100; i++) {
    const res = await ch.query({ query: `SELECT count() FROM ${table} WHERE tenant_id = ${chString(tenantId)}`, format: 'TabSeparated' });
    if (Number((await res.text()).trim()) === expectedRemaining) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('ClickHouse mutation did not apply in time');
}
