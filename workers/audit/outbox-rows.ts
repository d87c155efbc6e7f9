import type { PoolClient } from 'pg';
import type { DecisionEvent } from '../../schemas/types';
import { auditEventOf, type AuditFacts } from './audit-emitter';

/** Kafka header the relay puts on what it sends; the audit sink drops a re-sent event_id it carries. */
export const OUTBOX_HEADER = 'sentinel-delivery';
export const OUTBOX_HEADER_VALUE = 'outbox';

/**
 * Records an audit event in the transactional outbox, inside the caller's transaction (opened
 * with withTenant: the row's tenant must be the transaction's, RLS checks it), bound for `topic`. The event becomes
 * durable exactly when the caller's work commits, and not at all if it rolls back.
 */
export async function recordAuditEvent(client: PoolClient, topic: string, facts: AuditFacts): Promise<DecisionEvent> {
  const event = auditEventOf(facts);
  await client.query('INSERT INTO audit_outbox (tenant_id, event_id, topic, event) VALUES ($1, $2, $3, $4)', [event.tenant_id, event.event_id, topic, JSON.stringify(event)]);
  return event;
}
