import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sealValue } from '../../pipelines/cipher';
import { TOPICS } from '../../schemas/topics';
import type { DecisionEvent } from '../../schemas/types';
import { topicName } from '../../workers/config/env';
import { chString } from '../../workers/adapters/clickhouse/clickhouse-client';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { EventsStore } from '../../workers/audit/events.store';
import { verifyTenantChain } from '../../workers/audit/verify-chain';
import { eraseTenant } from '../../workers/jobs/erase-tenant';
import { startJobsWorker, type RunningJobs } from '../../workers/jobs/jobs.worker';
import { anchorDepsFor } from '../../workers/jobs/merkle-anchor.job';
import { hashTokenId, purgeVaultRows } from '../../workers/jobs/ttl-purge.job';
import { TenantKeyring } from '../../workers/keys/tenant-keyring';
import { jobsFailedTotal } from '../../workers/observability/metrics';
import { bootstrap, createAppContext, startAuditSink, type AppContext, type RunningWorker } from '../support/audit-app';
import { createVaultServices, type VaultServices } from '../../workers/vault/vault-services';
import { appendSynthetic, deleteEventsAndWait } from '../support/audit-fixtures';
import { collect } from '../support/kafka-collect';
import { isolatedEnv } from '../support/test-env';
import { retireTenants } from '../support/retire-tenants';

const ROOT = join(__dirname, '..', '..');
const waitFor = async (what: string, fn: () => Promise<boolean>, ms = 30_000): Promise<void> => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await fn().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('audit jobs: TTL purge, tenant erasure, scheduled anchoring', () => {
  const { env } = isolatedEnv('auditjobs');
  let ctx: AppContext;
  let vault: VaultServices;
  let sink: RunningWorker;

  beforeAll(async () => {
    ctx = await createAppContext('it-audit-jobs', env);
    await bootstrap(ctx);
    vault = await createVaultServices(ctx);
    sink = await startAuditSink(ctx);
  });
  const created: string[] = [];
  afterAll(async () => {
    await sink?.stop();
    await vault?.close();
    await retireTenants(ctx.pg.admin, created);
    await ctx?.close();
  });

  async function newTenant(): Promise<string> {
    const id = randomUUID();
    created.push(id);
    await createTenant(ctx.pg.admin, { id, name: 'Jobs IT', slug: `jobs-${id.slice(0, 8)}`, region: 'eu-west-1' });
    return id;
  }

  async function insertVault(tenantId: string, n: number, expired: boolean, seal: (tokenId: string) => Buffer = () => randomBytes(40)): Promise<string[]> {
    const ids = Array.from({ length: n }, () => randomBytes(16).toString('base64url'));
    for (const tokenId of ids) {
      await ctx.pg.admin.query(
        'INSERT INTO redaction_maps (id, tenant_id, token_id, enc_value_aead, data_class, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [randomUUID(), tenantId, tokenId, seal(tokenId), 'pii', new Date(Date.now() + (expired ? -60_000 : 3_600_000))],
      );
    }
    return ids;
  }

  const vaultCount = async (tenantId: string) => Number((await ctx.pg.admin.query('SELECT count(*) AS n FROM redaction_maps WHERE tenant_id = $1', [tenantId])).rows[0].n);
  const chainEvents = async (tenantId: string) => {
    const res = await ctx.ch.query({ query: `SELECT event_type, decision, payload FROM ${env.CLICKHOUSE_DATABASE}.events WHERE tenant_id = ${chString(tenantId)} ORDER BY seq`, format: 'JSONEachRow' });
    return (await res.json()) as { event_type: string; decision: string; payload: string }[];
  };

  it('purge deletes only expired rows, in audited batches, idempotently and safely in parallel', async () => {
    const tenantId = await newTenant();
    const expired = await insertVault(tenantId, 25, true);
    const live = await insertVault(tenantId, 4, false);
    const deps = { app: ctx.pg.app, audit: vault.audit };
    const [a, b] = await Promise.all([purgeVaultRows(deps, tenantId, { batchSize: 4 }), purgeVaultRows(deps, tenantId, { batchSize: 4 })]);
    expect(a.deleted + b.deleted).toBe(25);
    expect(await vaultCount(tenantId)).toBe(live.length);
    expect((await purgeVaultRows(deps, tenantId)).deleted).toBe(0);

    const topic = topicName(TOPICS.decisions, env);
    const ids = new Set([...a.eventIds, ...b.eventIds]);
    const seen = await collect(ctx.kafka, [topic], (all) => all.filter((m) => m.key?.toString() === tenantId).length >= ids.size, 20_000);
    const events: DecisionEvent[] = [];
    for (const m of seen.filter((x) => x.key?.toString() === tenantId)) events.push(await ctx.codecs.decisions.decode(m.value));
    expect(events.every((e) => e.event_type === 'purge' && e.metadata?.reason === 'ttl_expired')).toBe(true);
    expect(events.reduce((s, e) => s + Number(e.metadata?.deleted), 0)).toBe(25);
    const hashed = events.flatMap((e) => (e.metadata?.token_id_sha256 ?? '').split(','));
    expect(new Set(hashed)).toEqual(new Set(expired.map(hashTokenId)));
    for (const m of seen) for (const t of expired) expect(m.value.includes(Buffer.from(t))).toBe(false);
    // Chained by the sink like any decision.
    await waitFor('purge events chained', async () => (await chainEvents(tenantId)).length === events.length);
    expect((await verifyTenantChain(ctx.ch, env.CLICKHOUSE_DATABASE, tenantId)).ok).toBe(true);
  });

  it('erasure destroys keys and vault rows, audits it, and leaves the chain verifiable', async () => {
    const tenantId = await newTenant();
    const keyring = new TenantKeyring(ctx.pg.app, ctx.keyProvider);
    const key = await keyring.activeKey(tenantId, null, 'data');
    const secret = `secret-${randomUUID()}`;
    await insertVault(tenantId, 3, false, (tokenId) => sealValue(key.key, secret, { tenantId, tokenId, dataClass: 'pii', keyVersion: key.version }));
    const before = (await ctx.pg.admin.query('SELECT wrapping_key_id, wrapped_key FROM tenant_keys WHERE tenant_id = $1', [tenantId])).rows[0];

    const r = await eraseTenant({ app: ctx.pg.app, audit: vault.audit, keys: vault.keys }, tenantId, { actor: 'it' });
    expect(r.keysDestroyed).toBeGreaterThanOrEqual(1);
    expect(r.vaultRowsDeleted).toBe(3);
    expect(await vaultCount(tenantId)).toBe(0);
    const keys = (await ctx.pg.admin.query('SELECT status, wrapped_key FROM tenant_keys WHERE tenant_id = $1', [tenantId])).rows as { status: string; wrapped_key: Buffer }[];
    expect(keys.every((k) => k.status === 'destroyed' && k.wrapped_key.every((b) => b === 0))).toBe(true);
    await expect(ctx.keyProvider.unwrap(before.wrapping_key_id, keys[0]!.wrapped_key, { tenant_id: tenantId, purpose: 'data', key_version: '1' })).rejects.toThrow();
    await expect(new TenantKeyring(ctx.pg.app, ctx.keyProvider).keyVersion(tenantId, 'data', key.version)).rejects.toThrow();
    expect((await ctx.pg.admin.query('SELECT status FROM tenants WHERE id = $1', [tenantId])).rows[0].status).toBe('deleted');

    await waitFor('erasure events chained', async () => (await chainEvents(tenantId)).some((e) => e.decision === 'tenant_erased'));
    const events = await chainEvents(tenantId);
    expect(events.map((e) => e.event_type)).toEqual(['key', 'purge', 'purge']);
    expect(JSON.stringify(events).includes(secret)).toBe(false);
    expect((await verifyTenantChain(ctx.ch, env.CLICKHOUSE_DATABASE, tenantId)).ok).toBe(true);
  });

  describe('BullMQ worker', () => {
    let jobs: RunningJobs;
    const tenants: string[] = [];
    beforeAll(async () => {
      tenants.push(await newTenant(), await newTenant());
      jobs = await startJobsWorker(ctx, { prefix: `it-${randomBytes(4).toString('hex')}`, anchorEveryMs: 500, purgeEveryMs: 60_000, discoverEveryMs: 500, backoffMs: 100, attempts: 2, onlyTenants: tenants });
    });
    afterAll(async () => jobs?.stop());

    const anchoredSize = async (t: string) => (await anchorDepsFor(ctx).anchors.find(t))?.treeSize ?? 0;

    it('anchors every tenant on schedule and resumes after Redis goes away and comes back', async () => {
      const store = new EventsStore(ctx.ch, env.CLICKHOUSE_DATABASE);
      const first = await appendSynthetic(store, tenants[0]!, null, 30);
      await waitFor('first anchor', async () => (await anchoredSize(tenants[0]!)) === 30);
      execFileSync('bash', [join(ROOT, 'scripts/stack/down.sh'), 'redis'], { stdio: 'ignore' });
      try {
        await appendSynthetic(store, tenants[0]!, first.head, 12);
        await new Promise((r) => setTimeout(r, 2_000));
        expect(await anchoredSize(tenants[0]!)).toBe(30);
      } finally {
        execFileSync('bash', [join(ROOT, 'scripts/stack/up.sh'), 'redis'], { stdio: 'ignore' });
      }
      await waitFor('anchor after Redis is back', async () => (await anchoredSize(tenants[0]!)) === 42, 60_000);
    }, 120_000);

    it('a rewritten log makes the job fail (failed state + metric), without retries', async () => {
      const t = tenants[1]!;
      const store = new EventsStore(ctx.ch, env.CLICKHOUSE_DATABASE);
      const r = await appendSynthetic(store, t, null, 10);
      await waitFor('anchor', async () => (await anchoredSize(t)) === 10);
      const failedBefore = (await jobsFailedTotal.get()).values.find((v) => v.labels.queue === 'merkle-anchor' && v.labels.final === 'true')?.value ?? 0;
      await deleteEventsAndWait(ctx.ch, env.CLICKHOUSE_DATABASE, t, 'seq = 4', 9);
      await appendSynthetic(store, t, r.head, 2);
      await waitFor('failed job', async () => (await jobs.anchorQueue.getFailed()).some((j) => j.data.tenantId === t && /inconsistent/.test(j.failedReason)));
      const failed = (await jobs.anchorQueue.getFailed()).find((j) => j.data.tenantId === t)!;
      expect(failed.attemptsMade).toBe(1);
      const failedAfter = (await jobsFailedTotal.get()).values.find((v) => v.labels.queue === 'merkle-anchor' && v.labels.final === 'true')?.value ?? 0;
      expect(failedAfter).toBeGreaterThan(failedBefore);
      expect(await anchoredSize(t)).toBe(10);
    }, 60_000);
  });
});
