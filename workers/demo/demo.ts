import { randomUUID } from 'node:crypto';
import { findPlaceholders, openValue, restoreText, type PlaceholderMatch } from '../../pipelines/cipher';
import { TOPICS } from '../../schemas/topics';
import type { RawPrompt } from '../../schemas/types';
import { topicName } from '../config/env';
import { chString } from '../adapters/clickhouse/clickhouse-client';
import { withTenant } from '../adapters/postgres/pools';
import { createTenant } from '../adapters/postgres/tenants.repo';
import { findVaultRows } from '../adapters/postgres/vault.repo';
import { verifyTenantChain } from '../audit/verify-chain';
import { writeReport } from '../report/write-report';
import { TenantKeyring } from '../keys/tenant-keyring';
import { bootstrap, createAppContext, type AppContext } from '../runtime/app-context';
import { ALL_WORKERS, startWorker } from '../runtime/pipeline-workers';
import { collectForTenant } from './collect';
import { samplePrompts } from './sample-prompts';

/**
 * The whole pipeline on the local stack, narrated: a tenant, a mixed stream of prompts, the
 * sanitized / blocked / dead-lettered outputs, one sanitized prompt restored from the vault, and
 * the tenant's audit chain verified in ClickHouse.
 */
export async function runDemo(opts: { count: number; out: (line: string) => void }): Promise<void> {
  const { out } = opts;
  const ctx = await createAppContext('demo');
  const workers = [];
  try {
    await bootstrap(ctx);
    const tenant = await createTenant(ctx.pg.admin, { name: 'Acme Health (demo)', slug: `acme-demo-${Date.now().toString(36)}`, region: 'eu-west-1' });
    out(`▶ tenant ${tenant.slug} (${tenant.id}), default policy`);
    for (const name of ALL_WORKERS) workers.push(await startWorker(ctx, name));
    out(`▶ workers running: ${ALL_WORKERS.join(', ')}`);

    const startedAt = Date.now();
    const prompts = samplePrompts(opts.count);
    const originals = await produce(ctx, tenant.id, prompts.map((p) => p.text));
    out(`▶ produced ${prompts.length} prompts + 2 bad messages (one unknown tenant, one undecodable)`);

    const result = await collectForTenant(ctx, tenant.id, prompts.length, startedAt, 60_000);
    out(`▶ sanitized ${result.sanitized.length} · blocked ${result.blocked.length} · dead-lettered ${result.deadLetters}`);
    for (const b of result.blocked.slice(0, 2)) out(`  blocked ${b.request_id}: ${b.matched_rules.join(', ')}`);
    const example = result.sanitized.find((s) => s.token_count >= 2) ?? result.sanitized[0];
    if (example) {
      out(`  original : ${originals.get(example.request_id)}`);
      out(`  sanitized: ${example.text}`);
      out(`  restored : ${await restore(ctx, tenant.id, example.text)}  (from the vault, AES-256-GCM)`);
    }

    const rows = await waitForAuditRows(ctx, tenant.id, result.sanitized.length + result.blocked.length);
    const report = await verifyTenantChain(ctx.ch, ctx.env.CLICKHOUSE_DATABASE, tenant.id);
    out(`▶ audit: ${rows} hash-chained events in ClickHouse; chain ${report.ok ? 'verifies' : `BROKEN at seq ${report.firstBreak?.seq}`} (${report.verified} checked)`);
    out(`  verify yourself: npx sentinel audit verify --tenant ${tenant.id}`);
    // Last: the operator's view of everything above, as one self-contained HTML file.
    const html = await writeReport(ctx, { tenantId: tenant.id, since: '1d', out: 'report-demo.html' });
    out(`▶ report: ${html.path} (open it in a browser; npx sentinel report --tenant ${tenant.id} --since 7d --out report.html)`);
  } finally {
    await Promise.allSettled(workers.map((w) => w.stop()));
    await ctx.close();
  }
}

async function produce(ctx: AppContext, tenantId: string, texts: string[]): Promise<Map<string, string>> {
  const originals = new Map<string, string>();
  const producer = ctx.kafka.producer();
  await producer.connect();
  const messages = texts.map((text, i) => {
    const prompt: RawPrompt = { tenant_id: tenantId, request_id: `demo-${i}`, text, conversation_id: `conv-${i % 4}`, user_id: null, metadata: { app: 'demo' }, ts: Date.now() };
    originals.set(prompt.request_id, text);
    return { key: tenantId, value: ctx.codecs.promptsRaw.encode(prompt) };
  });
  const ghost = randomUUID();
  messages.push({ key: ghost, value: Buffer.from(JSON.stringify({ tenant_id: ghost, request_id: 'demo-ghost', text: 'who am I?' })) });
  messages.push({ key: tenantId, value: Buffer.from([0xde, 0xad, 0xbe, 0xef]) });
  await producer.send({ topic: topicName(TOPICS.promptsRaw, ctx.env), messages });
  await producer.disconnect();
  return originals;
}

async function restore(ctx: AppContext, tenantId: string, sanitized: string): Promise<string> {
  const keyring = new TenantKeyring(ctx.pg.app, ctx.keyProvider);
  const idOf = (ref: PlaceholderMatch) => (ref.kind === 'fpe' ? `fpe:${ref.entity}:${ref.id}` : ref.id);
  const ids = findPlaceholders(sanitized).map(idOf);
  const rows = new Map((await withTenant(ctx.pg.app, tenantId, (c) => findVaultRows(c, tenantId, ids))).map((r) => [r.token_id, r]));
  const keys = new Map<number, Buffer>();
  for (const r of rows.values()) {
    const version = r.enc_value_aead.readUInt32BE(1);
    if (!keys.has(version)) keys.set(version, (await keyring.keyVersion(tenantId, 'data', version)).key);
  }
  return restoreText(sanitized, (ref) => {
    const row = rows.get(idOf(ref))!;
    const keyVersion = row.enc_value_aead.readUInt32BE(1);
    return openValue(keys.get(keyVersion)!, row.enc_value_aead, { tenantId, tokenId: idOf(ref), dataClass: row.data_class, keyVersion }).toString('utf8');
  });
}

async function waitForAuditRows(ctx: AppContext, tenantId: string, expected: number): Promise<number> {
  let n = 0;
  for (let i = 0; i < 60; i++) {
    const r = await ctx.ch.query({ query: `SELECT count() AS n FROM ${ctx.env.CLICKHOUSE_DATABASE}.events WHERE tenant_id = ${chString(tenantId)}`, format: 'JSONEachRow' });
    n = Number(((await r.json()) as { n: string }[])[0]!.n);
    if (n >= expected) break;
    await new Promise((res) => setTimeout(res, 500));
  }
  return n;
}
