import { Pool, type PoolClient } from 'pg';
import { env, type Env } from '../../config/env';
import { DependencyUnavailableError } from '../../errors';

/**
 * Two pools: `admin` (owner; migrations and operator commands that manage tenants) and `app`
 * (the non-owner role sentinel_app, subject to row-level security). Workers use `app` and set
 * the tenant per transaction with withTenant().
 */
export interface PgPools {
  readonly admin: Pool;
  readonly app: Pool;
  end(): Promise<void>;
}

export function createPools(e: Env = env()): PgPools {
  const admin = new Pool({ connectionString: e.DATABASE_URL, max: 4 });
  const app = new Pool({ connectionString: e.APP_DATABASE_URL, max: 8 });
  // A client losing its server must not crash the process; the next query will retry. The pool's
  // own handler covers idle clients only: pg-pool removes it while a client is checked out, so a
  // client held between queries (an open transaction, the anchoring lock) emitted an unhandled
  // 'error' when Postgres went away and took the worker down. Each client gets its own listener.
  for (const pool of [admin, app]) {
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
  }
  return { admin, app, end: async () => void (await Promise.all([admin.end(), app.end()])) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs fn in a transaction in which row-level security shows only `tenantId`'s rows. BEGIN and the
 * tenant setting go in one round trip (a simple-protocol query, which cannot take parameters): the
 * tenant id is inlined only after it matched the UUID pattern, hex digits and dashes, nothing else.
 */
export async function withTenant<T>(pool: Pool, tenantId: string, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error('withTenant: tenant id is not a UUID');
  return inTransaction(pool, fn, `BEGIN; SELECT set_config('sentinel.tenant_id', '${tenantId}', true)`);
}

/** fn on one pooled client, outside any transaction block (each statement commits on its own). */
export async function withClient<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw new DependencyUnavailableError('postgres', err);
  }
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

/** BEGIN → fn → COMMIT on one pooled client, ROLLBACK on any error; a pool that cannot connect is a dependency failure. */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  return withClient(pool, async (client) => {
    try {
      await client.query(begin);
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}
