import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { verifyInclusion } from '../../pipelines/audit';
import { TOPICS } from '../../schemas/topics';
import type { RawLog, RawPrompt } from '../../schemas/types';
import { findRepoDir } from '../config/repo-paths';
import { topicName } from '../config/env';
import { chString } from '../adapters/clickhouse/clickhouse-client';
import { createTenant } from '../adapters/postgres/tenants.repo';
import { proveEvent } from '../audit/audit-proofs';
import { verifyTenantChain } from '../audit/verify-chain';
import { anchorDepsFor, anchorTenant } from '../jobs/merkle-anchor.job';
import { publishPolicy } from '../policy/policy.repo';
import { writeReport } from '../report/write-report';
import { bootstrap, createAppContext, type AppContext } from '../runtime/app-context';
import { ALL_WORKERS, startWorker } from '../runtime/pipeline-workers';
import { createVaultServices } from '../vault/vault-services';
import { collectForTenant } from './collect';
import { sampleLogs, samplePrompts } from './sample-prompts';

/**
 * The whole product on the local stack, narrated: a tenant with a published policy, a mixed stream
 * of prompts and logs (PII, secrets, injections), the sanitized / blocked / dead-lettered outputs,
 * an audited detokenization with a reason code, the audit chain verified, a Merkle inclusion proof
 * against a signed tree head verified, and the HTML report written.
 */
export async function runDemo(opts: { count: number; out: (line: string) => void }): Promise<void> {
  const { out } = opts;
  const ctx = await createAppContext('demo');
  const workers = [];
  try {
    await bootstrap(ctx);
    const tenant = await createTenant(ctx.pg.admin, { name: 'Acme Health (demo)', slug: `acme-demo-${Date.now().toString(36)}`, region: 'eu-west-1' });
    const ruleset = JSON.parse(readFileSync(`${findRepoDir('docs')}/policy-example.json`, 'utf8')) as unknown;
    const policy = await publishPolicy(ctx.pg.admin, { tenantId: tenant.id, version: '1.0.0', ruleset, description: 'demo policy (docs/policy-example.json)', activate: true });
    out(`▶ tenant ${tenant.slug} (${tenant.id}) with policy ${policy.policy.version} (${policy.policy.status}) from docs/policy-example.json`);
    for (const name of ALL_WORKERS) workers.push(await startWorker(ctx, name));
    out(`▶ workers running: ${ALL_WORKERS.join(', ')}`);

    const startedAt = Date.now();
    const prompts = samplePrompts(opts.count);
    const logs = sampleLogs(Math.max(3, Math.floor(opts.count / 10)));
    const originals = await produce(ctx, tenant.id, prompts.map((p) => p.text), logs);
    out(`▶ produced ${prompts.length} prompts, ${logs.length} JSON log lines, and 2 bad messages (an unknown tenant, undecodable bytes)`);

    const result = await collectForTenant(ctx, tenant.id, { prompts: prompts.length, logs: logs.length, deadLetters: 2 }, startedAt, 60_000);
    out(`▶ sanitized ${result.sanitized.length} · blocked ${result.blocked.length} · logs ${result.logs.length} · dead-lettered ${result.deadLetters}`);
    for (const b of result.blocked.slice(0, 2)) out(`  blocked ${b.request_id} (${originals.get(b.request_id)?.slice(0, 40)}…): ${b.matched_rules.join(', ')}`);
    const reframed = result.sanitized.find((s) => s.decision === 'reframe');
    if (reframed) out(`  reframed ${reframed.request_id}: ${reframed.text.split('\n')[0]}…`);
    const example = result.sanitized.find((s) => s.token_count >= 2) ?? result.sanitized.find((s) => s.token_count > 0);
    const log = result.logs.find((l) => l.token_count > 0);
    if (log) out(`  log line : ${log.line}`);

    const vault = await createVaultServices(ctx);
    try {
      if (example) {
        out(`  original : ${originals.get(example.request_id)}`);
        out(`  sanitized: ${example.text}`);
        const restored = await vault.detokenizer.detokenize({ tenantId: tenant.id, reason: 'support_ticket', actor: 'demo-operator', text: example.text });
        out(`▶ detokenized with reason support_ticket by demo-operator (audit event ${restored.eventId}):`);
        out(`  restored : ${restored.text}`);
      }
      const refused = await vault.detokenizer.detokenize({ tenantId: tenant.id, actor: 'curious-intern', text: example?.text ?? '' }).then(
        () => 'granted?!',
        (err: Error) => err.message,
      );
      out(`  without a reason code: refused (${refused}) — and audited too`);
    } finally {
      await vault.close();
    }

    const expected = result.sanitized.length + result.blocked.length + result.logs.length + 2;
    const rows = await waitForAuditRows(ctx, tenant.id, expected);
    const chain = await verifyTenantChain(ctx.ch, ctx.env.CLICKHOUSE_DATABASE, tenant.id);
    out(`▶ audit: ${rows} hash-chained events in ClickHouse; chain ${chain.ok ? 'verifies' : `BROKEN at seq ${chain.firstBreak?.seq}`} (${chain.verified} checked)`);
    const deps = anchorDepsFor(ctx);
    const anchored = await anchorTenant(deps, tenant.id);
    const event = await firstDecisionEvent(ctx, tenant.id);
    const { proof, anchor } = await proveEvent(deps, tenant.id, event);
    const verdict = verifyInclusion(proof);
    out(`▶ Merkle anchor: tree of ${anchored.anchor?.treeSize ?? anchor.treeSize} events signed (Ed25519); inclusion proof for event ${event} (leaf ${proof.leafIdx}, ${proof.proof.length} hashes) ${verdict.ok ? 'verifies' : `FAILS: ${verdict.reason}`}`);
    out(`  prove it yourself: npx sentinel audit prove --tenant ${tenant.id} --event ${event} | npx sentinel audit verify-inclusion`);
    const html = await writeReport(ctx, { tenantId: tenant.id, since: '1d', out: 'report-demo.html' });
    out(`▶ report: ${html.path} (npx sentinel report --tenant ${tenant.id} --since 7d --out report.html)`);
  } finally {
    await Promise.allSettled(workers.map((w) => w.stop()));
    await ctx.close();
  }
}

async function produce(ctx: AppContext, tenantId: string, texts: string[], lines: string[]): Promise<Map<string, string>> {
  const originals = new Map<string, string>();
  const producer = ctx.kafka.producer();
  await producer.connect();
  const prompts = texts.map((text, i) => {
    const prompt: RawPrompt = { tenant_id: tenantId, request_id: `demo-${i}`, text, conversation_id: `conv-${i % 4}`, user_id: null, metadata: { app: 'demo' }, ts: Date.now() };
    originals.set(prompt.request_id, text);
    return { key: tenantId, value: ctx.codecs.promptsRaw.encode(prompt) };
  });
  const ghost = randomUUID();
  prompts.push({ key: ghost, value: Buffer.from(JSON.stringify({ tenant_id: ghost, request_id: 'demo-ghost', text: 'who am I?' })) });
  prompts.push({ key: tenantId, value: Buffer.from([0xde, 0xad, 0xbe, 0xef]) });
  const logs = lines.map((line, i) => {
    const log: RawLog = { tenant_id: tenantId, request_id: `demo-log-${i}`, line, service: 'checkout', metadata: null, ts: Date.now() };
    return { key: tenantId, value: ctx.codecs.logsRaw.encode(log) };
  });
  await producer.send({ topic: topicName(TOPICS.promptsRaw, ctx.env), messages: prompts });
  await producer.send({ topic: topicName(TOPICS.logsRaw, ctx.env), messages: logs });
  await producer.disconnect();
  return originals;
}

async function firstDecisionEvent(ctx: AppContext, tenantId: string): Promise<string> {
  const r = await ctx.ch.query({
    query: `SELECT event_id FROM ${ctx.env.CLICKHOUSE_DATABASE}.events WHERE tenant_id = ${chString(tenantId)} AND event_type = 'decision' ORDER BY seq LIMIT 1`,
    format: 'JSONEachRow',
  });
  return ((await r.json()) as { event_id: string }[])[0]!.event_id;
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
