import type { Pool, PoolClient } from 'pg';
import { withTenant } from '../adapters/postgres/pools';
import type { AuditEmitter } from '../audit/audit-emitter';
import type { KeyProvider } from './key-provider';
import { keyContext, type KeyPurpose, type TenantKeyring } from './tenant-keyring';

export interface KeyLifecycleDeps {
  readonly app: Pool;
  readonly provider: KeyProvider;
  readonly keyring: TenantKeyring;
  readonly audit: AuditEmitter;
  /** Owner pool, only for a best-effort VACUUM after shredding (the app role may not vacuum). */
  readonly admin?: Pool;
}

export interface RotationResult {
  readonly purpose: KeyPurpose;
  readonly version: number;
  readonly retired: number[];
}

export class KeyLifecycleError extends Error {
  readonly retriable = false;
}

interface KeyRow {
  purpose: KeyPurpose;
  key_version: number;
  wrapping_key_id: string;
  wrapped_key: Buffer;
  status: string;
}

/**
 * Tenant key operations: rotation, re-wrap under a new KMS key, crypto-shredding. Each runs in one
 * RLS-scoped transaction under a per-tenant advisory lock (so two operators cannot interleave),
 * and emits its 'key' audit event before committing: an operation is never done unaudited.
 * Other processes keep cached plaintext keys for up to the keyring TTL (5 min by default).
 */
export class KeyLifecycle {
  constructor(private readonly deps: KeyLifecycleDeps) {}

  /**
   * Adds version n+1 as the active key; older versions become 'retired' and still decrypt (the
   * sealed header names its version). Rotating the token key changes every deterministic and FPE
   * token minted afterwards (same value, new token) and lets a new FPE token collide with an old one,
   * so it must be asked for explicitly.
   */
  async rotateTenantKey(tenantId: string, purpose: KeyPurpose = 'data', opts: { allowTokenKey?: boolean; actor?: string } = {}): Promise<RotationResult> {
    if (purpose === 'token' && !opts.allowTokenKey) throw new KeyLifecycleError('rotating the token key changes tokens; pass allowTokenKey to confirm');
    const result = await this.locked(tenantId, async (c, kmsKeyArn) => {
      const rows = await this.keyRows(c, tenantId);
      const mine = rows.filter((r) => r.purpose === purpose);
      if (mine.some((r) => r.status === 'destroyed')) throw new KeyLifecycleError(`tenant ${tenantId} has been crypto-shredded`);
      const version = Math.max(0, ...mine.map((r) => r.key_version)) + 1;
      const wrappingKeyId = this.deps.provider.wrappingKeyFor(kmsKeyArn);
      const generated = await this.deps.provider.generateDataKey(wrappingKeyId, keyContext(tenantId, purpose, version));
      generated.plaintext.fill(0); // the keyring unwraps on first use; nothing keeps plaintext here
      const retired = await c.query<{ key_version: number }>(
        "UPDATE tenant_keys SET status = 'retired' WHERE tenant_id = $1 AND purpose = $2 AND status = 'active' RETURNING key_version",
        [tenantId, purpose],
      );
      await c.query(
        'INSERT INTO tenant_keys (tenant_id, key_version, purpose, provider, wrapping_key_id, wrapped_key) VALUES ($1, $2, $3, $4, $5, $6)',
        [tenantId, version, purpose, this.deps.provider.name, wrappingKeyId, generated.wrapped],
      );
      const out = { purpose, version, retired: retired.rows.map((r) => r.key_version).sort((a, b) => a - b) };
      await this.audit(tenantId, 'rotated', opts.actor, { op: 'rotate', purpose, key_version: String(version), wrapping_key_id: wrappingKeyId });
      return out;
    });
    this.deps.keyring.forget(tenantId);
    return result;
  }

  /**
   * Re-wraps every live key version under `newKmsKeyArn` (unwrap with the old wrapping key, wrap with
   * the new, check the new blob unwraps to the same key) and records it as the tenant's KMS key.
   * The old wrapping key must still be usable while this runs; it can be retired afterwards.
   */
  async rewrapTenantKeys(tenantId: string, newKmsKeyArn: string, opts: { actor?: string } = {}): Promise<{ rewrapped: number; wrappingKeyId: string }> {
    const result = await this.locked(tenantId, async (c) => {
      const { provider } = this.deps;
      const wrappingKeyId = provider.wrappingKeyFor(newKmsKeyArn);
      const rows = (await this.keyRows(c, tenantId)).filter((r) => r.status !== 'destroyed');
      for (const row of rows) {
        const context = keyContext(tenantId, row.purpose, row.key_version);
        const plaintext = await provider.unwrap(row.wrapping_key_id, row.wrapped_key, context);
        try {
          const wrapped = await provider.wrap(wrappingKeyId, plaintext, context);
          if (!(await provider.unwrap(wrappingKeyId, wrapped, context)).equals(plaintext)) throw new KeyLifecycleError('re-wrapped key does not round-trip');
          await c.query(
            'UPDATE tenant_keys SET provider = $4, wrapping_key_id = $5, wrapped_key = $6 WHERE tenant_id = $1 AND purpose = $2 AND key_version = $3',
            [tenantId, row.purpose, row.key_version, provider.name, wrappingKeyId, wrapped],
          );
        } finally {
          plaintext.fill(0);
        }
      }
      await c.query('UPDATE tenants SET kms_key_arn = $2, updated_at = now() WHERE id = $1', [tenantId, newKmsKeyArn]);
      await this.audit(tenantId, 'rewrapped', opts.actor, { op: 'rewrap', wrapping_key_id: wrappingKeyId, keys_rewrapped: String(rows.length) });
      return { rewrapped: rows.length, wrappingKeyId };
    });
    this.deps.keyring.forget(tenantId);
    return result;
  }

  /**
   * Crypto-shredding: every key version is marked destroyed and its wrapped bytes overwritten with
   * zeros, so no key — not even the master key or the KMS key — can recover the data keys from what
   * is stored, and the tenant is marked deleted. Vault rows stay (ciphertext only) until purged.
   */
  async shredTenant(tenantId: string, opts: { actor?: string } = {}): Promise<{ keysDestroyed: number; vaultRows: number }> {
    const result = await this.locked(tenantId, async (c) => {
      const destroyed = await c.query(
        "UPDATE tenant_keys SET status = 'destroyed', wrapped_key = decode(repeat('00', octet_length(wrapped_key)), 'hex') WHERE tenant_id = $1",
        [tenantId],
      );
      await c.query("UPDATE tenants SET status = 'deleted', updated_at = now() WHERE id = $1", [tenantId]);
      const vault = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM redaction_maps WHERE tenant_id = $1', [tenantId]);
      const out = { keysDestroyed: destroyed.rowCount ?? 0, vaultRows: vault.rows[0]?.n ?? 0 };
      await this.audit(tenantId, 'shredded', opts.actor, { op: 'shred', keys_destroyed: String(out.keysDestroyed), vault_rows: String(out.vaultRows) });
      return out;
    });
    this.deps.keyring.forget(tenantId);
    // Superseded tuple versions keep the old bytes until vacuumed; see docs/vault.md for WAL/backups.
    await this.deps.admin?.query('VACUUM tenant_keys').catch(() => undefined);
    return result;
  }

  private async locked<T>(tenantId: string, fn: (c: PoolClient, kmsKeyArn: string | null) => Promise<T>): Promise<T> {
    return withTenant(this.deps.app, tenantId, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tenant-keys:${tenantId}`]);
      const tenant = await c.query<{ kms_key_arn: string | null }>('SELECT kms_key_arn FROM tenants WHERE id = $1', [tenantId]);
      if (tenant.rows.length === 0) throw new KeyLifecycleError(`tenant ${tenantId} not found`);
      return fn(c, tenant.rows[0]!.kms_key_arn);
    });
  }

  private async keyRows(c: PoolClient, tenantId: string): Promise<KeyRow[]> {
    const res = await c.query<KeyRow>(
      'SELECT purpose, key_version, wrapping_key_id, wrapped_key, status FROM tenant_keys WHERE tenant_id = $1 ORDER BY purpose, key_version FOR UPDATE',
      [tenantId],
    );
    return res.rows;
  }

  private async audit(tenantId: string, outcome: string, actor: string | undefined, metadata: Record<string, string>): Promise<void> {
    await this.deps.audit.emit({ tenantId, eventType: 'key', outcome, metadata: { ...metadata, actor: (actor ?? 'unknown').replace(/[^\x20-\x7e]/g, '?').slice(0, 128) } });
  }
}
