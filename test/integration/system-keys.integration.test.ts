/**
 * System keys shared by processes configured with different wrapping keys (a KMS-backed worker next
 * to local ones, or a changed KMS_DEFAULT_KEY_ID): each gets the generation its provider can unwrap,
 * stable across processes, instead of whoever came first locking everyone else out.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { loadEnv } from '../../workers/config/env';
import { LocalKeyProvider } from '../../workers/keys/local-key-provider';
import { SystemKeys } from '../../workers/keys/system-keys';

const env = loadEnv();
const provider = (hex: string) => new LocalKeyProvider({ masterKeyHex: hex, masterKeyFile: '/nonexistent' });

describe('system keys across wrapping keys', () => {
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 2 });
  const keyId = `test-${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    await pool.query('DELETE FROM system_keys WHERE key_id = $1', [keyId]);
    await pool.end();
  });

  it('gives each wrapping key its own generation, stable for every process using that key', async () => {
    const [masterA, masterB] = [randomBytes(32).toString('hex'), randomBytes(32).toString('hex')];
    const a = await new SystemKeys(pool, provider(masterA)).get(keyId);
    const b = await new SystemKeys(pool, provider(masterB)).get(keyId);
    expect(a).toHaveLength(32);
    expect(b).toHaveLength(32);
    expect(a.equals(b)).toBe(false);
    // A fresh process with master A unwraps A's row again (no new generation, same key).
    expect((await new SystemKeys(pool, provider(masterA)).get(keyId)).equals(a)).toBe(true);
    const rows = await pool.query<{ n: string }>('SELECT count(*) AS n FROM system_keys WHERE key_id = $1', [keyId]);
    expect(Number(rows.rows[0]!.n)).toBe(2);
  });
});
