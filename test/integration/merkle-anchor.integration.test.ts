import { randomUUID } from 'node:crypto';
import { leafHash, merkleRoot, verifyConsistency, verifyInclusion, verifyTreeHead } from '../../pipelines/audit';
import type { ChainHead } from '../../pipelines/stages/audit.stage';
import { chString } from '../../workers/adapters/clickhouse/clickhouse-client';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { proveConsistency, proveEvent } from '../../workers/audit/audit-proofs';
import { EventsStore } from '../../workers/audit/events.store';
import { anchorDepsFor, AnchorIntegrityError, anchorTenant, type AnchorDeps } from '../../workers/jobs/merkle-anchor.job';
import { anchorIntegrityFailuresTotal } from '../../workers/observability/metrics';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { appendSynthetic, deleteEventsAndWait } from '../support/audit-fixtures';
import { isolatedEnv } from '../support/test-env';
import { retireTenants } from '../support/retire-tenants';

describe('Merkle anchoring over the ClickHouse audit chain', () => {
  const { env } = isolatedEnv('anchor');
  let ctx: AppContext;
  let deps: AnchorDeps;
  let store: EventsStore;

  beforeAll(async () => {
    ctx = await createAppContext('it-anchor', env);
    await bootstrap(ctx);
    deps = anchorDepsFor(ctx);
    store = new EventsStore(ctx.ch, env.CLICKHOUSE_DATABASE);
  });
  const created: string[] = [];
  afterAll(async () => {
    await retireTenants(ctx.pg.admin, created);
    await ctx?.close();
  });

  async function newTenant(): Promise<string> {
    const id = randomUUID();
    created.push(id);
    await createTenant(ctx.pg.admin, { id, name: 'Anchor IT', slug: `anchor-${id.slice(0, 8)}`, region: 'eu-west-1' });
    return id;
  }

  it('anchors a root equal to merkleRoot of the stored hashes, then stays consistent as the log grows', async () => {
    const tenantId = await newTenant();
    const first = await appendSynthetic(store, tenantId, null, 37);
    const a1 = await anchorTenant(deps, tenantId);
    expect(a1.status).toBe('anchored');
    const leaves1 = first.rows.map((r) => leafHash(Buffer.from(r.hash, 'hex')));
    expect(a1.anchor!.treeSize).toBe(37);
    expect(a1.anchor!.rootHash.equals(merkleRoot(leaves1))).toBe(true);
    expect(verifyTreeHead(a1.anchor!, a1.anchor!.publicKey)).toBe(true);

    expect((await anchorTenant(deps, tenantId)).status).toBe('unchanged');

    const second = await appendSynthetic(store, tenantId, first.head, 100);
    const a2 = await anchorTenant(deps, tenantId);
    const leaves2 = [...leaves1, ...second.rows.map((r) => leafHash(Buffer.from(r.hash, 'hex')))];
    expect(a2.anchor!.treeSize).toBe(137);
    expect(a2.anchor!.rootHash.equals(merkleRoot(leaves2))).toBe(true);
    expect(a2.anchor!.publicKey.equals(a1.anchor!.publicKey)).toBe(true);

    const c = await proveConsistency(deps, tenantId, 37);
    expect(c.proof.root1.equals(a1.anchor!.rootHash)).toBe(true);
    expect(verifyConsistency(c.proof)).toEqual({ ok: true });
    for (const n of [1, 16, 17, 64, 100]) expect(verifyConsistency((await proveConsistency(deps, tenantId, n, 130)).proof)).toEqual({ ok: true });
    for (const seq of [0, 15, 16, 36, 37, 100, 136]) {
      const p = await proveEvent(deps, tenantId, leaves2.length > seq ? [...first.rows, ...second.rows][seq]!.event_id : '');
      expect(p.proof.leafIdx).toBe(seq);
      expect(verifyInclusion(p.proof)).toEqual({ ok: true });
    }

    const mirrored = await ctx.ch.query({ query: `SELECT tree_size FROM ${env.CLICKHOUSE_DATABASE}.anchors FINAL WHERE tenant_id = ${chString(tenantId)} ORDER BY tree_size`, format: 'JSONEachRow' });
    expect(((await mirrored.json()) as { tree_size: string }[]).map((r) => Number(r.tree_size))).toEqual([37, 137]);
  });

  it('a deep run over an unchanged log re-derives the signed root', async () => {
    const tenantId = await newTenant();
    const first = await appendSynthetic(store, tenantId, null, 40);
    await anchorTenant(deps, tenantId);
    await appendSynthetic(store, tenantId, first.head, 3);
    const a = await anchorTenant(deps, tenantId, { deep: true });
    expect(a.anchor!.treeSize).toBe(43);
  });

  async function expectRewriteDetected(tenantId: string): Promise<void> {
    const before = (await anchorIntegrityFailuresTotal.get()).values[0]?.value ?? 0;
    await expect(anchorTenant(deps, tenantId)).rejects.toBeInstanceOf(AnchorIntegrityError);
    expect((await anchorIntegrityFailuresTotal.get()).values[0]!.value).toBe(before + 1);
    const latest = await deps.anchors.find(tenantId);
    expect(latest!.treeSize).toBe(20); // nothing stored after a failed check
  }

  async function anchoredTenant(): Promise<{ tenantId: string; head: ChainHead | null }> {
    const tenantId = await newTenant();
    const r = await appendSynthetic(store, tenantId, null, 20);
    await anchorTenant(deps, tenantId);
    const more = await appendSynthetic(store, tenantId, r.head, 5);
    return { tenantId, head: more.head };
  }

  it('fails loudly when an anchored event row is deleted', async () => {
    const { tenantId } = await anchoredTenant();
    await deleteEventsAndWait(ctx.ch, env.CLICKHOUSE_DATABASE, tenantId, 'seq = 7', 24);
    await expectRewriteDetected(tenantId);
  });

  it('fails loudly when a forged row is inserted into the anchored range', async () => {
    const { tenantId } = await anchoredTenant();
    const forged = await appendSynthetic(store, tenantId, { seq: 2, hash: Buffer.alloc(32, 7) }, 1);
    expect(forged.rows[0]!.seq).toBe(3);
    await expectRewriteDetected(tenantId);
  });

  it('fails loudly when an anchored row is replaced by one with another hash (same seq)', async () => {
    const { tenantId } = await anchoredTenant();
    await deleteEventsAndWait(ctx.ch, env.CLICKHOUSE_DATABASE, tenantId, 'seq = 18', 24);
    await appendSynthetic(store, tenantId, { seq: 17, hash: Buffer.alloc(32, 9) }, 1);
    await expectRewriteDetected(tenantId);
  });
});
