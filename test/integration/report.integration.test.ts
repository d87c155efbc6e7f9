import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { migrateClickHouse } from '../../workers/adapters/clickhouse/migrate';
import { migratePostgres } from '../../workers/adapters/postgres/migrate';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { writeReport, type WrittenReport } from '../../workers/report/write-report';
import { createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { seedTenantEvents } from '../support/seed-events';
import { isolatedEnv } from '../support/test-env';

const CHROMIUM = '/usr/bin/chromium';
const DAY = 86_400_000;

/**
 * The report opened in Debian's Chromium (headless, driven by playwright-core): the charts must
 * really render — SVG elements with a size, as many bars/points as the seeded data implies — and
 * the page must log no console error. A screenshot is left in /tmp for a human look.
 */
describe('sentinel report renders in headless Chromium', () => {
  const { env } = isolatedEnv('report');
  const tenantId = randomUUID();
  const userDataDir = mkdtempSync(join(tmpdir(), 'sentinel-chromium-'));
  const consoleErrors: string[] = [];
  let ctx: AppContext;
  let browser: BrowserContext;
  let page: Page;
  let report: WrittenReport;
  let seeded: Awaited<ReturnType<typeof seedTenantEvents>>;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: run scripts/ensure-chromium.sh`);
    ctx = await createAppContext('report-test', env);
    await migratePostgres(ctx.pg.admin);
    await migrateClickHouse(ctx.ch);
    await createTenant(ctx.pg.admin, { id: tenantId, name: 'Report Test <Clinic & Co>', slug: `report-${tenantId.slice(0, 8)}`, region: 'eu-west-1' });
    seeded = await seedTenantEvents(ctx.ch, env.CLICKHOUSE_DATABASE, tenantId);
    report = await writeReport(ctx, { tenantId, since: '7d', out: join(userDataDir, 'report.html') });
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1100, height: 900 },
    });
    page = await browser.newPage();
    page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`file://${report.path}`);
    await page.screenshot({ path: '/tmp/sentinel-report.png', fullPage: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  });

  async function expectRendered(selector: string, count: number): Promise<void> {
    const items = page.locator(selector);
    expect(await items.count()).toBe(count);
    for (const el of await items.all()) {
      const box = await el.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.width).toBeGreaterThan(0);
      expect(box!.height).toBeGreaterThan(0);
    }
  }

  it('draws one bar per (day, decision) with events', async () => {
    const decisions = seeded.filter((r) => r.event_type === 'decision');
    const pairs = new Set(decisions.map((r) => `${Math.floor(r.ts_ms / DAY)}/${r.decision}`));
    await expectRendered('#decisions-chart rect.bar', pairs.size);
    expect(await page.locator('#total-decisions').textContent()).toBe(String(decisions.length));
  });

  it('ranks entity types and detokenization reasons', async () => {
    const entities = new Set(seeded.flatMap((r) => r.finding_entities));
    await expectRendered('#entities-chart rect.bar', entities.size);
    await expectRendered('#detokenize-chart rect.bar', 2);
    const counts = new Map<string, number>();
    for (const e of seeded.flatMap((r) => r.finding_entities)) counts.set(e, (counts.get(e) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    expect(await page.locator('#entities-chart text.label').first().textContent()).toBe(top);
  });

  it('plots the injection rate for every day with prompts', async () => {
    const days = new Set(seeded.filter((r) => r.event_type === 'decision' && r.source === 'prompt').map((r) => Math.floor(r.ts_ms / DAY)));
    await expectRendered('#injection-chart circle.point', days.size);
    await expectRendered('#injection-chart path.line', 1);
  });

  it('shows chain and anchor status, escapes the tenant name, and logs no console error', async () => {
    expect(await page.locator('#chain-status').textContent()).toContain(`${seeded.length} event(s)`);
    expect(await page.locator('#anchor-status').textContent()).toMatch(/No anchors yet|Latest anchor/);
    expect(await page.title()).toContain('Report Test <Clinic & Co>');
    expect(consoleErrors).toEqual([]);
  });
});
