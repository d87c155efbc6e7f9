import type { Pool } from 'pg';
import { withTenant } from '../adapters/postgres/pools';
import { DependencyUnavailableError } from '../errors';
import type { KeyProvider } from './key-provider';

export type KeyPurpose = 'data' | 'token';

export interface TenantKey {
  readonly version: number;
  readonly key: Buffer;
}

interface CachedKey extends TenantKey {
  expiresAt: number;
  usesLeft: number;
}

/**
 * Per-tenant envelope keys. Wrapped keys live in tenant_keys; an unwrapped key stays in memory for
 * at most `ttlMs` and `maxUses` uses, then is unwrapped again, so a leaked heap snapshot holds few
 * keys and a destroyed key stops working within the TTL. The first use for a tenant creates its
 * key (racing creators agree through the primary key).
 */
export class TenantKeyring {
  private readonly cache = new Map<string, CachedKey>();

  constructor(
    private readonly pool: Pool,
    private readonly provider: KeyProvider,
    private readonly opts: { ttlMs: number; maxUses: number } = { ttlMs: 5 * 60_000, maxUses: 1_000_000 },
  ) {}

  async activeKey(tenantId: string, kmsKeyArn: string | null, purpose: KeyPurpose): Promise<TenantKey> {
    const cacheKey = `${tenantId}/${purpose}/active`;
    const hit = this.take(cacheKey);
    if (hit) return hit;
    const row = await this.loadActive(tenantId, purpose) ?? (await this.create(tenantId, kmsKeyArn, purpose));
    const key = await this.unwrapRow(tenantId, purpose, row);
    this.put(cacheKey, key);
    return key;
  }

  async keyVersion(tenantId: string, purpose: KeyPurpose, version: number): Promise<TenantKey> {
    const cacheKey = `${tenantId}/${purpose}/${version}`;
    const hit = this.take(cacheKey);
    if (hit) return hit;
    const rows = await withTenant(this.pool, tenantId, (c) =>
      c.query<WrappedRow>('SELECT key_version, wrapping_key_id, wrapped_key, status FROM tenant_keys WHERE tenant_id = $1 AND purpose = $2 AND key_version = $3', [tenantId, purpose, version]),
    );
    const row = rows.rows[0];
    if (!row || row.status === 'destroyed') throw new KeyDestroyedError(tenantId, purpose, version);
    const key = await this.unwrapRow(tenantId, purpose, row);
    this.put(cacheKey, key);
    return key;
  }

  /** Drops every cached key of a tenant (after rotation or crypto-shredding). */
  forget(tenantId: string): void {
    for (const k of this.cache.keys()) if (k.startsWith(`${tenantId}/`)) this.cache.delete(k);
  }

  private take(cacheKey: string): TenantKey | undefined {
    const hit = this.cache.get(cacheKey);
    if (!hit) return undefined;
    if (hit.expiresAt < Date.now() || hit.usesLeft <= 0) {
      hit.key.fill(0);
      this.cache.delete(cacheKey);
      return undefined;
    }
    hit.usesLeft -= 1;
    return hit;
  }

  private put(cacheKey: string, key: TenantKey): void {
    this.cache.set(cacheKey, { ...key, expiresAt: Date.now() + this.opts.ttlMs, usesLeft: this.opts.maxUses });
  }

  private async loadActive(tenantId: string, purpose: KeyPurpose): Promise<WrappedRow | undefined> {
    const res = await withTenant(this.pool, tenantId, (c) =>
      c.query<WrappedRow>(
        "SELECT key_version, wrapping_key_id, wrapped_key, status FROM tenant_keys WHERE tenant_id = $1 AND purpose = $2 AND status = 'active' ORDER BY key_version DESC LIMIT 1",
        [tenantId, purpose],
      ),
    );
    return res.rows[0];
  }

  private async create(tenantId: string, kmsKeyArn: string | null, purpose: KeyPurpose): Promise<WrappedRow> {
    const wrappingKeyId = this.provider.wrappingKeyFor(kmsKeyArn);
    const generated = await this.provider.generateDataKey(wrappingKeyId, keyContext(tenantId, purpose, 1));
    generated.plaintext.fill(0); // we keep only the wrapped form; unwrapRow() is the single path to plaintext
    await withTenant(this.pool, tenantId, (c) =>
      c.query(
        'INSERT INTO tenant_keys (tenant_id, key_version, purpose, provider, wrapping_key_id, wrapped_key) VALUES ($1, 1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [tenantId, purpose, this.provider.name, wrappingKeyId, generated.wrapped],
      ),
    );
    const row = await this.loadActive(tenantId, purpose);
    if (!row) throw new KeyDestroyedError(tenantId, purpose, 1);
    return row;
  }

  private async unwrapRow(tenantId: string, purpose: KeyPurpose, row: WrappedRow): Promise<TenantKey> {
    try {
      const key = await this.provider.unwrap(row.wrapping_key_id, row.wrapped_key, keyContext(tenantId, purpose, row.key_version));
      return { version: row.key_version, key };
    } catch (err) {
      throw new DependencyUnavailableError('key provider', err);
    }
  }
}

interface WrappedRow {
  key_version: number;
  wrapping_key_id: string;
  wrapped_key: Buffer;
  status: string;
}

export function keyContext(tenantId: string, purpose: KeyPurpose, version: number): Record<string, string> {
  return { tenant_id: tenantId, purpose, key_version: String(version) };
}

export class KeyDestroyedError extends Error {
  readonly retriable = false;
  constructor(tenantId: string, purpose: KeyPurpose, version: number) {
    super(`no usable ${purpose} key v${version} for tenant ${tenantId} (destroyed or never created)`);
    this.name = 'KeyDestroyedError';
  }
}
