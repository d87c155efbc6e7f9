import type { Pool } from 'pg';
import { DependencyUnavailableError } from '../errors';
import type { KeyProvider } from './key-provider';

/**
 * System keys (not tenant-owned), e.g. `dlq-v1` which seals dead-letter payloads. Created on first
 * use, stored wrapped in system_keys, unwrapped once per process. A row is one generation of the
 * key per wrapping key (sql/postgres/018): each process uses the one its provider can unwrap.
 */
export class SystemKeys {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly pool: Pool,
    private readonly provider: KeyProvider,
  ) {}

  async get(keyId: string): Promise<Buffer> {
    const hit = this.cache.get(keyId);
    if (hit) return hit;
    const context = { system_key: keyId };
    try {
      const wrappingKeyId = this.provider.wrappingKeyFor(null);
      let row = await this.load(keyId, wrappingKeyId);
      if (!row) {
        const gen = await this.provider.generateDataKey(wrappingKeyId, context);
        gen.plaintext.fill(0);
        await this.pool.query(
          'INSERT INTO system_keys (key_id, provider, wrapping_key_id, wrapped_key) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          [keyId, this.provider.name, wrappingKeyId, gen.wrapped],
        );
        row = await this.load(keyId, wrappingKeyId);
      }
      if (!row) throw new Error(`system key ${keyId} could not be created`);
      const key = await this.provider.unwrap(row.wrapping_key_id, row.wrapped_key, context);
      this.cache.set(keyId, key);
      return key;
    } catch (err) {
      throw new DependencyUnavailableError('key store', err);
    }
  }

  private async load(keyId: string, wrappingKeyId: string): Promise<{ wrapping_key_id: string; wrapped_key: Buffer } | undefined> {
    const res = await this.pool.query<{ wrapping_key_id: string; wrapped_key: Buffer }>(
      'SELECT wrapping_key_id, wrapped_key FROM system_keys WHERE key_id = $1 AND wrapping_key_id = $2',
      [keyId, wrappingKeyId],
    );
    return res.rows[0];
  }
}
