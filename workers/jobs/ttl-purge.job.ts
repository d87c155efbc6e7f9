import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { withTenant } from '../adapters/postgres/pools';
import type { AuditEmitter } from '../audit/audit-emitter';
import { purgedRowsTotal } from '../observability/metrics';

export interface PurgeDeps {
  readonly app: Pool;
  readonly audit: AuditEmitter;
}

export interface PurgeOptions {
  /** 'expired' (TTL purge) or 'all' (tenant erasure). */
  readonly scope?: 'expired' | 'all';
  readonly batchSize?: number;
  /** Stop after this many batches so one job run stays short; the next run continues. */
  readonly maxBatches?: number;
  readonly reason?: string;
}

export interface PurgeResult {
  readonly deleted: number;
  readonly batches: number;
  /** event_id of each purge audit event emitted (one per non-empty batch). */
  readonly eventIds: readonly string[];
}

/** Token ids are linkable pseudonyms: the audit log keeps only their SHA-256 (hex). */
export const hashTokenId = (tokenId: string): string => createHash('sha256').update(tokenId, 'utf8').digest('hex');

/**
 * Deletes a tenant's vault rows in batches and emits one 'purge' audit event per batch (counts,
 * data classes, SHA-256 of the token ids — never values). Each batch is one RLS-scoped transaction
 * whose event is acknowledged by Kafka (acks=all) *before* the COMMIT: a failed emit rolls the
 * delete back, so nothing is ever deleted unaudited (a failed commit after the emit over-reports,
 * and the next run deletes the same rows again). FOR UPDATE SKIP LOCKED lets several workers purge
 * the same tenant concurrently without waiting on or double-deleting each other's rows.
 */
export async function purgeVaultRows(deps: PurgeDeps, tenantId: string, opts: PurgeOptions = {}): Promise<PurgeResult> {
  const batchSize = opts.batchSize ?? 500;
  const maxBatches = opts.maxBatches ?? 100;
  const expiredOnly = (opts.scope ?? 'expired') === 'expired';
  const reason = opts.reason ?? (expiredOnly ? 'ttl_expired' : 'tenant_erasure');
  const eventIds: string[] = [];
  let deleted = 0;
  let batches = 0;
  while (batches < maxBatches) {
    const n = await withTenant(deps.app, tenantId, async (c) => {
      const res = await c.query<{ token_id: string; data_class: string }>(
        `DELETE FROM redaction_maps WHERE id IN (
           SELECT id FROM redaction_maps WHERE tenant_id = $1 ${expiredOnly ? 'AND expires_at < now()' : ''}
           ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING token_id, data_class`,
        [tenantId, batchSize],
      );
      if (res.rows.length === 0) return 0;
      const classes = new Map<string, number>();
      for (const r of res.rows) classes.set(r.data_class, (classes.get(r.data_class) ?? 0) + 1);
      const event = await deps.audit.emit({
        tenantId,
        eventType: 'purge',
        outcome: 'purged',
        tokenCount: res.rows.length,
        metadata: {
          reason,
          deleted: String(res.rows.length),
          data_classes: [...classes].sort().map(([k, v]) => `${k}=${v}`).join(','),
          token_id_sha256: res.rows.map((r) => hashTokenId(r.token_id)).sort().join(','),
        },
      });
      eventIds.push(event.event_id);
      return res.rows.length;
    });
    if (n === 0) break;
    deleted += n;
    batches += 1;
    purgedRowsTotal.inc(n);
    if (n < batchSize) break;
  }
  return { deleted, batches, eventIds };
}
