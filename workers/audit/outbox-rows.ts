import type { PoolClient } from 'pg';
import type { DecisionEvent } from '../../schemas/types';
import { auditEventOf, type AuditFacts } from './audit-emitter';

/** Kafka header the relay puts on what it sends; the audit sink drops a re-sent event_id it carries. */
export const OUTBOX_HEADER = 'sentinel-delivery';
export const OUTBOX_HEADER_VALUE = 'outbox';

/** An audit event bound for a topic, ready to be written to audit_outbox (columns in insert order). */
export interface OutboxRow {
  readonly event: DecisionEvent;
  readonly topic: string;
  /** $-parameters for (tenant_id, event_id, topic, event). */
  readonly params: readonly [string, string, string, string];
}

export function outboxRowOf(topic: string, facts: AuditFacts): OutboxRow {
  const event = auditEventOf(facts);
  return { event, topic, params: [event.tenant_id, event.event_id, topic, JSON.stringify(event)] };
}

/**
 * Records an audit event in the transactional outbox, inside the caller's transaction (opened
 * with withTenant: the row's tenant must be the transaction's, RLS checks it). The event becomes
 * durable exactly when the caller's work commits, and not at all if it rolls back.
 */
export async function recordAuditRow(client: PoolClient, row: OutboxRow): Promise<DecisionEvent> {
  await client.query('INSERT INTO audit_outbox (tenant_id, event_id, topic, event) VALUES ($1, $2, $3, $4)', [...row.params]);
  return row.event;
}
