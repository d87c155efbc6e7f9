import type { AuditEmitter } from '../audit/audit-emitter';
import type { KeyLifecycle } from '../keys/key-lifecycle';
import { purgeVaultRows, type PurgeDeps } from './ttl-purge.job';

export interface EraseDeps extends PurgeDeps {
  readonly keys: KeyLifecycle;
  readonly audit: AuditEmitter;
}

export interface EraseResult {
  readonly keysDestroyed: number;
  readonly vaultRowsDeleted: number;
  readonly erasureEventId: string;
}

/**
 * Right to be forgotten. Order matters: the keys are crypto-shredded first (KeyLifecycle.shredTenant:
 * every version 'destroyed', wrapped bytes zeroed, tenant 'deleted', a 'key' audit event), so from
 * that moment every sealed original is unrecoverable even if a later step fails; then the vault rows
 * are deleted in audited batches, and a final 'purge' event records the erasure. The audit log itself
 * is left intact and verifiable: its events hold ids, counts and hashes, never plaintext.
 * Idempotent: re-running after a partial failure shreds nothing new and deletes what is left.
 */
export async function eraseTenant(deps: EraseDeps, tenantId: string, opts: { actor?: string } = {}): Promise<EraseResult> {
  const shred = await deps.keys.shredTenant(tenantId, { actor: opts.actor });
  let vaultRowsDeleted = 0;
  for (;;) {
    const r = await purgeVaultRows(deps, tenantId, { scope: 'all', reason: 'tenant_erasure', batchSize: 1000, maxBatches: 50 });
    vaultRowsDeleted += r.deleted;
    if (r.deleted === 0) break;
  }
  const event = await deps.audit.emit({
    tenantId,
    eventType: 'purge',
    outcome: 'tenant_erased',
    tokenCount: vaultRowsDeleted,
    metadata: {
      reason: 'tenant_erasure',
      keys_destroyed: String(shred.keysDestroyed),
      vault_rows_deleted: String(vaultRowsDeleted),
      actor: (opts.actor ?? 'unknown').replace(/[^\x20-\x7e]/g, '?').slice(0, 128),
    },
  });
  return { keysDestroyed: shred.keysDestroyed, vaultRowsDeleted, erasureEventId: event.event_id };
}
