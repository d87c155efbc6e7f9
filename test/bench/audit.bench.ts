/**
 * Audit benchmarks against the real ClickHouse/Postgres (issue 7 "Measured"): sink throughput
 * (chainAppend + batched insert, what the sink does per batch), anchoring time for a large log,
 * and streaming chain verification. Each run uses fresh tenants so figures are not warm-cached.
 */
import { createHash, randomUUID } from 'node:crypto';
import { chainAppend, type AuditRow, type ChainHead } from '../../pipelines/stages/audit.stage';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { EventsStore } from '../../workers/audit/events.store';
import { verifyTenantChain } from '../../workers/audit/verify-chain';
import { anchorDepsFor, anchorTenant } from '../../workers/jobs/merkle-anchor.job';
import type { AppContext } from '../../workers/runtime/app-context';
import { syntheticDecision } from '../support/audit-fixtures';

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function benchTenant(ctx: AppContext, label: string): Promise<string> {
  const id = randomUUID();
  await createTenant(ctx.pg.admin, { id, name: `bench ${label}`, slug: `bench-${label}-${id.slice(0, 8)}`, region: 'eu-west-1' });
  return id;
}

/** chainAppend + EventsStore.insert of `n` DecisionEvents in sink-sized batches, pipelined two deep. */
export async function benchSinkThroughput(ctx: AppContext, n = 200_000, batch = 20_000): Promise<{ tenantId: string; events: number; eventsPerSec: number; chainOnlyPerSec: number }> {
  const tenantId = await benchTenant(ctx, 'sink');
  const store = new EventsStore(ctx.ch, ctx.env.CLICKHOUSE_DATABASE);
  const events = Array.from({ length: n }, (_, i) => syntheticDecision(tenantId, i));
  let head: ChainHead | null = null;
  let chainTime = 0;
  const start = process.hrtime.bigint();
  let inflight: Promise<void> = Promise.resolve();
  for (let i = 0; i < n; i += batch) {
    const t0 = process.hrtime.bigint();
    const rows: AuditRow[] = [];
    for (let j = i; j < Math.min(n, i + batch); j++) {
      const next = chainAppend(head, events[j]!, { topic: 'bench', partition: 0, offset: String(j) });
      rows.push(next.row);
      head = next.head;
    }
    chainTime += seconds(t0);
    // The sink inserts batch k while decoding/chaining batch k+1 would need a second consumer; here
    // two in flight shows what ClickHouse sustains, and ordering is kept by awaiting the previous.
    const prev = inflight;
    inflight = prev.then(() => store.insert(rows));
  }
  await inflight;
  const total = seconds(start);
  return { tenantId, events: n, eventsPerSec: Math.round(n / total), chainOnlyPerSec: Math.round(n / chainTime) };
}

/** Inserts `n` synthetic chain links (hash = SHA-256(prev || i)) and anchors them: first run, then +1000. */
export async function benchAnchoring(ctx: AppContext, n = 1_000_000): Promise<{ events: number; insertSec: number; anchorSec: number; incrementalSec: number; root: string }> {
  const tenantId = await benchTenant(ctx, 'anchor');
  const table = `${ctx.env.CLICKHOUSE_DATABASE}.events`;
  let prev = Buffer.alloc(32);
  const t0 = process.hrtime.bigint();
  const insertLinks = async (from: number, to: number) => {
    for (let i = from; i < to; i += 100_000) {
      const lines: object[] = [];
      for (let j = i; j < Math.min(to, i + 100_000); j++) {
        const h = createHash('sha256').update(prev).update(String(j)).digest();
        lines.push({ tenant_id: tenantId, seq: j, event_id: `e${j}`, event_type: 'decision', ts: 1700000000, ts_ms: 1700000000000, payload: '{}', prev_hash: prev.toString('hex'), hash: h.toString('hex'), src_topic: 'bench', src_partition: 0, src_offset: j });
        prev = h;
      }
      await ctx.ch.insert({ table, values: lines, format: 'JSONEachRow' });
    }
  };
  await insertLinks(0, n);
  const insertSec = seconds(t0);
  const deps = anchorDepsFor(ctx);
  const t1 = process.hrtime.bigint();
  const first = await anchorTenant(deps, tenantId);
  const anchorSec = seconds(t1);
  await insertLinks(n, n + 1000);
  const t2 = process.hrtime.bigint();
  await anchorTenant(deps, tenantId);
  const incrementalSec = seconds(t2);
  return { events: n, insertSec: round(insertSec), anchorSec: round(anchorSec), incrementalSec: round(incrementalSec), root: first.anchor!.rootHash.toString('hex') };
}

/** Streaming `audit verify` over a tenant's chain (e.g. the sink bench tenant). */
export async function benchVerify(ctx: AppContext, tenantId: string): Promise<{ verified: number; eventsPerSec: number; ok: boolean }> {
  const start = process.hrtime.bigint();
  const r = await verifyTenantChain(ctx.ch, ctx.env.CLICKHOUSE_DATABASE, tenantId);
  return { verified: r.verified, eventsPerSec: Math.round(r.verified / seconds(start)), ok: r.ok };
}

const round = (x: number) => Math.round(x * 100) / 100;
