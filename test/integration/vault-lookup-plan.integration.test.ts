import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { VaultRecord } from '../../pipelines/stages/stage.types';
import { loadEnv } from '../../workers/config/env';
import { migratePostgres } from '../../workers/adapters/postgres/migrate';
import { createPools, withTenant, type PgPools } from '../../workers/adapters/postgres/pools';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { insertVaultRows } from '../../workers/adapters/postgres/vault.repo';
import { vaultRecord } from '../support/vault-rows';

/**
 * Detokenization's lookups must probe the unique (tenant_id, token_id) index by both columns even
 * when the statistics predate the tenant's rows (sql/postgres/022). Before 022, a tenant bulk-loaded
 * since the last ANALYZE had some reads and claims walk its whole index range: 15-65 ms each.
 * The plans are read with auto_explain, at notice level, from the functions' nested statements.
 */
describe('vault lookups: one plan, also on stale statistics (real Postgres, RLS)', () => {
  const ROWS = 20_000;
  const UNIQUE_INDEX = 'redaction_maps_tenant_id_token_id_key';
  let pg: PgPools;
  let tenantId: string;
  const tokens: string[] = [];

  beforeAll(async () => {
    pg = createPools(loadEnv());
    await migratePostgres(pg.admin);
    tenantId = (await createTenant(pg.admin, { name: 'Lookup plan', slug: `lookup-plan-${randomUUID().slice(0, 8)}`, region: 'eu' })).id;
    // Statistics from now, without this tenant; then its rows. Autovacuum could analyze in between
    // only if its next round came within these seconds; a fresh plan is the good one either way.
    await pg.admin.query('ANALYZE redaction_maps');
    for (let start = 0; start < ROWS; start += 1000) {
      const batch: VaultRecord[] = [];
      for (let i = start; i < start + 1000; i++) {
        const tokenId = `plan-${i}-${randomUUID()}`;
        tokens.push(tokenId);
        batch.push(vaultRecord(tenantId, tokenId));
      }
      await withTenant(pg.app, tenantId, (c) => insertVaultRows(c, batch));
    }
  }, 60_000);
  afterAll(async () => {
    await pg.admin.query('DELETE FROM redaction_maps WHERE tenant_id = $1', [tenantId]).catch(() => undefined);
    await pg.end();
  });

  it('leaves the unique index as the only one that leads with tenant_id', async () => {
    const res = await pg.admin.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
       WHERE i.indrelid = 'redaction_maps'::regclass AND a.attname = 'tenant_id'`,
    );
    expect(res.rows.map((r) => r.name)).toEqual([UNIQUE_INDEX]);
  });

  it('reads and claims each token with a two-column probe, touching a handful of buffers', async () => {
    const client = await pg.admin.connect();
    const plans: string[] = [];
    const onNotice = (n: { message?: string }): void => {
      if (n.message?.includes('redaction_maps')) plans.push(n.message);
    };
    try {
      await client.query(`LOAD 'auto_explain'`);
      for (const setting of ['log_min_duration = 0', 'log_nested_statements = on', 'log_analyze = on', 'log_buffers = on', `log_level = 'notice'`]) {
        await client.query(`SET auto_explain.${setting}`);
      }
      await client.query('SET ROLE sentinel_app'); // row-level security applies, as in production
      client.on('notice', onNotice);
      const sample = Array.from({ length: 25 }, (_, k) => tokens[(k * 797) % ROWS]!);
      for (const token of sample) await readAndClaim(client, tenantId, [token]);
      await readAndClaim(client, tenantId, sample.slice(0, 5)); // several tokens in one request
    } finally {
      client.off('notice', onNotice);
      await client.query('RESET ROLE').catch(() => undefined);
      client.release(true); // auto_explain stays loaded in the session: do not pool it
    }
    const lookups = plans.filter((p) => /Query Text: (SELECT m\.token_id|UPDATE redaction_maps)/.test(p));
    expect(lookups.length).toBeGreaterThanOrEqual(2 * 26); // a read and a claim per request, or per token
    for (const plan of lookups) {
      expect(plan).toContain(`Index Scan using ${UNIQUE_INDEX}`);
      expect(plan).toMatch(/Index Cond: \(\(tenant_id = .*\) AND \(\(?token_id\)?(::text)? = /);
      expect(plan).not.toContain('Rows Removed by Filter');
      const hits = Number(/Buffers: shared hit=(\d+)/.exec(plan)?.[1] ?? NaN);
      expect(hits).toBeLessThan(50); // a tenant-range walk is thousands (20,000 rows here)
    }
  }, 60_000);
});

/** Calls the two functions as detokenize does, the claim inside a transaction rolled back after. */
async function readAndClaim(client: PoolClient, tenantId: string, tokens: readonly string[]): Promise<void> {
  const read = await client.query('SELECT * FROM sentinel_vault_read($1, $2)', [tenantId, tokens]);
  expect(read.rows).toHaveLength(tokens.length);
  await client.query('BEGIN');
  try {
    // The event is never committed, so no relay ever sees it.
    await client.query('SELECT sentinel_vault_claim($1, $2, $3, $4, $5, $6)', [tenantId, tokens, 'plan-check', randomUUID(), 'plan-check', '{}']);
  } finally {
    await client.query('ROLLBACK');
  }
}
