import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClickHouse } from '../../workers/adapters/clickhouse/clickhouse-client';
import { migrateClickHouse } from '../../workers/adapters/clickhouse/migrate';
import { seedTenantEvents } from '../support/seed-events';
import { isolatedEnv } from '../support/test-env';

interface DocQuery {
  readonly heading: string;
  readonly sql: string;
  readonly columns: string[];
  readonly rows: { op: '>=' | '='; n: number };
}

/** Every ```sql block of docs/analytics.md with the `<!-- expect: ... -->` comment above it. */
function docQueries(): DocQuery[] {
  const md = readFileSync(join(__dirname, '..', '..', 'docs', 'analytics.md'), 'utf8');
  const out: DocQuery[] = [];
  const re = /<!-- expect: columns=([\w,]+) rows(>=|=)(\d+) -->\s*```sql\n([\s\S]*?)```/g;
  for (let m = re.exec(md); m; m = re.exec(md)) {
    const heading = [...md.slice(0, m.index).matchAll(/^## (.+)$/gm)].pop()?.[1] ?? '?';
    out.push({ heading, columns: m[1]!.split(','), rows: { op: m[2] as '>=' | '=', n: Number(m[3]) }, sql: m[4]!.trim() });
  }
  return out;
}

describe('docs/analytics.md queries against ClickHouse 18.16', () => {
  const { env } = isolatedEnv('analytics');
  const ch = createClickHouse(env);
  const tenantId = randomUUID();
  const queries = docQueries();

  beforeAll(async () => {
    await migrateClickHouse(ch);
    await seedTenantEvents(ch, env.CLICKHOUSE_DATABASE, tenantId);
  });
  afterAll(() => ch.close());

  it('finds every sql block of the page, each with an expectation', () => {
    const blocks = readFileSync(join(__dirname, '..', '..', 'docs', 'analytics.md'), 'utf8').match(/^```sql$/gm) ?? [];
    expect(queries.length).toBe(blocks.length);
    expect(queries.length).toBeGreaterThanOrEqual(8);
  });

  it.each(docQueries().map((q, i) => [`${i + 1}. ${q.heading}`, i] as const))('%s runs and returns the documented shape', async (_name, i) => {
    const q = queries[i]!;
    // FORMAT JSON carries the result's column names in order ("meta") next to the rows.
    const res = await ch.query({ query: q.sql.replace(/<tenant-id>/g, tenantId), format: 'JSON' });
    const body = (await res.json()) as { meta: { name: string }[]; data: unknown[] };
    const names = body.meta.map((m) => m.name);
    const rows = body.data;
    expect(names).toEqual(q.columns);
    if (q.rows.op === '=') expect(rows).toHaveLength(q.rows.n);
    else expect(rows.length).toBeGreaterThanOrEqual(q.rows.n);
  });

  it('derives actor, reason and outcome from the canonical payload, and counts injections', async () => {
    const detok = await ch.query({ query: `SELECT actor, reason, outcome, count() AS n FROM sentinel.detokenizations WHERE tenant_id = '${tenantId}' GROUP BY actor, reason, outcome ORDER BY actor`, format: 'JSONEachRow' });
    expect(await detok.json()).toEqual([
      { actor: 'ops-alice', reason: 'support_ticket', outcome: 'granted', n: '3' },
      { actor: 'ops-bob', reason: 'curiosity', outcome: 'refused', n: '3' },
    ]);
    const inj = await ch.query({ query: `SELECT decision, count() AS n FROM sentinel.injections WHERE tenant_id = '${tenantId}' GROUP BY decision ORDER BY decision`, format: 'JSONEachRow' });
    expect(await inj.json()).toEqual([
      { decision: 'block', n: '3' },
      { decision: 'reframe', n: '3' },
    ]);
  });
});
