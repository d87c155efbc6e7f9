import { randomUUID } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { detectSensitive } from '../../pipelines/detect/engine';
import { TOPICS } from '../../schemas/topics';
import { topicName } from '../../workers/config/env';
import { chString } from '../../workers/adapters/clickhouse/clickhouse-client';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { createVaultServices } from '../../workers/vault/vault-services';
import { clickHouseHits, hitsIn, makeCanaries, needles, postgresHits } from '../support/canary';
import { collect } from '../support/kafka-collect';
import { isolatedEnv } from '../support/test-env';
import { startWorkerProcess } from '../support/worker-process';
import { tempDir } from '../support/temp-dir';

const freePort = () => new Promise<number>((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });
const until = async (check: () => Promise<boolean>, ms: number) => { for (const end = Date.now() + ms; Date.now() < end && !(await check()); ) await new Promise((r) => setTimeout(r, 500)); };

/**
 * Canary leakage: unique plaintext secrets go through a full `sentinel worker all` run (prompts,
 * structured logs, a dead-lettered message, a detokenization, debug logging). Afterwards no
 * plaintext may be found anywhere but the raw topics and the vault's ciphertext.
 */
describe('canary leakage: no plaintext outside raw topics and vault ciphertext', () => {
  const c = makeCanaries();
  const n = needles(c);
  let ctx: AppContext;
  let worker: ReturnType<typeof startWorkerProcess>;
  let vars: Record<string, string>;
  const tenantId = randomUUID();
  const logFile = join(tempDir('canary-worker-'), 'worker.log');

  beforeAll(async () => {
    const iso = isolatedEnv('canary', { LOG_LEVEL: 'debug', METRICS_PORT: String(await freePort()) });
    vars = iso.vars;
    ctx = await createAppContext('e2e-canary', iso.env);
    await bootstrap(ctx);
    await createTenant(ctx.pg.admin, { id: tenantId, name: 'Canary', slug: `canary-${tenantId.slice(0, 8)}`, region: 'eu-west-1' });
    worker = startWorkerProcess('all', vars);
  });
  afterAll(async () => {
    if (worker?.child.exitCode === null) await worker.stop();
    await ctx?.close();
  });

  it('finds zero canary hits in outputs, DLQ, decisions, logs, metrics, ClickHouse and Postgres', async () => {
    // Every canary is detected first, or the test would prove nothing.
    const nameText = `my name is ${c.name}`;
    expect(detectSensitive(nameText).some((f) => f.entity === 'PERSON' && nameText.slice(f.start, f.end).includes(c.name))).toBe(true);
    for (const v of [c.card, c.awsKey, c.email, c.githubToken, c.ssn]) expect(detectSensitive(`value: ${v} end`).some((f) => `value: ${v} end`.slice(f.start, f.end) === v)).toBe(true);

    const env = ctx.env;
    const prompts = [nameText, `mail me at ${c.email}`, `my card ${c.card} was declined`, `ssn ${c.ssn} please`, `deploy with ${c.awsKey}`, `token ${c.githubToken}`, `${nameText}, ${c.email}, ${c.ssn}, card ${c.card}`];
    const logLines = [
      JSON.stringify({ level: 'info', msg: `login by ${c.email}`, user: { about: nameText, ssn: c.ssn }, card: c.card, aws: c.awsKey, gh: [c.githubToken] }),
      `user=${c.email} card=${c.card} key=${c.awsKey} token=${c.githubToken} ssn=${c.ssn}`,
    ];
    const producer = ctx.kafka.producer();
    await producer.connect();
    await producer.send({ topic: topicName(TOPICS.promptsRaw, env), messages: prompts.map((text, i) => ({ key: tenantId, value: ctx.codecs.promptsRaw.encode({ tenant_id: tenantId, request_id: `canary-p${i}`, text, conversation_id: 'conv-canary', user_id: null, metadata: null, ts: Date.now() }) })) });
    await producer.send({ topic: topicName(TOPICS.logsRaw, env), messages: logLines.map((line, i) => ({ key: tenantId, value: Buffer.from(JSON.stringify({ tenant_id: tenantId, request_id: `canary-l${i}`, line, service: 'billing' })) })) });
    // Canaries in the pass-through fields: an e-mail as user_id, a card and a name in metadata.
    const fields = { tenant_id: tenantId, request_id: 'canary-fields', text: 'see the attached record', conversation_id: 'conv-canary', user_id: c.email, metadata: { card: c.card, customer_name: c.name, note: `reach ${c.email}` }, ts: Date.now() };
    await producer.send({ topic: topicName(TOPICS.promptsRaw, env), messages: [{ key: tenantId, value: ctx.codecs.promptsRaw.encode(fields) }] });
    const ghost = randomUUID();
    await producer.send({ topic: topicName(TOPICS.promptsRaw, env), messages: [{ key: ghost, value: Buffer.from(JSON.stringify({ tenant_id: ghost, request_id: 'canary-ghost', text: prompts.join(' | ') })) }] });
    await producer.disconnect();

    const out = await collect(ctx.kafka, [TOPICS.promptsSanitized, TOPICS.promptsBlocked, TOPICS.logsSanitized, TOPICS.dlq].map((t) => topicName(t, env)), (all) => all.length >= prompts.length + logLines.length + 2, 90_000);
    expect(out).toHaveLength(prompts.length + logLines.length + 2);

    // An audited detokenization (with a reason): the caller gets plaintext, nothing else may.
    const vault = await createVaultServices(ctx);
    const sanitized = await Promise.all(out.filter((m) => m.topic === topicName(TOPICS.promptsSanitized, env)).map((m) => ctx.codecs.promptsSanitized.decode(m.value)));
    const mail = sanitized.find((p) => p.request_id === 'canary-p1')!;
    expect((await vault.detokenizer.detokenize({ tenantId, reason: 'support_ticket', actor: 'canary@sec.example', text: mail.text })).text).toContain(c.email);
    await vault.close();

    // Let the sinks land everything in ClickHouse: decisions, the detokenization, the dead letter.
    const count = async (sql: string) => Number(((await (await ctx.ch.query({ query: sql, format: 'JSONEachRow' })).json()) as { n: string }[])[0]!.n);
    await until(async () => (await count(`SELECT count() AS n FROM sentinel.events WHERE tenant_id = ${chString(tenantId)}`)) >= prompts.length + logLines.length + 1, 60_000);
    await until(async () => (await count(`SELECT count() AS n FROM sentinel.dead_letters WHERE original_topic = ${chString(topicName(TOPICS.promptsRaw, env))}`)) >= 1, 30_000);

    const places: { place: string; hits: string[] }[] = [];
    // The observability server starts once every worker of `all` has started: wait for it.
    await until(() => fetch(`http://127.0.0.1:${vars.METRICS_PORT}/metrics`).then((r) => r.ok, () => false), 60_000);
    const metrics = await fetch(`http://127.0.0.1:${vars.METRICS_PORT}/metrics`).then((r) => r.text(), (err: Error) => { throw new Error(`/metrics: ${err.message}; worker exit ${worker.child.exitCode}; log tail: ${worker.logs().slice(-1500)}`); });
    places.push({ place: '/metrics', hits: hitsIn(metrics, n) });
    expect(worker.child.exitCode).toBeNull();
    await worker.stop();
    writeFileSync(logFile, worker.logs());
    places.push({ place: `worker log (${readFileSync(logFile).length} bytes)`, hits: hitsIn(readFileSync(logFile), n) });

    // Every topic of this run except the raw ones: values, keys and headers.
    const admin = ctx.kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(env.TOPIC_PREFIX) && !t.endsWith('.raw'));
    await admin.disconnect();
    const all = await collect(ctx.kafka, topics, () => false, 8_000);
    for (const t of topics) {
      const msgs = all.filter((m) => m.topic === t);
      const hits = new Set(msgs.flatMap((m) => hitsIn(Buffer.concat([m.value, m.key ?? Buffer.alloc(0), Buffer.from(JSON.stringify(m.headers))]), n)));
      places.push({ place: `topic ${t} (${msgs.length} msgs)`, hits: [...hits] });
    }
    const tables = ((await (await ctx.ch.query({ query: 'SHOW TABLES FROM sentinel', format: 'JSONEachRow' })).json()) as { name: string }[]).map((r) => r.name);
    for (const t of tables) places.push({ place: `clickhouse sentinel.${t}`, hits: await clickHouseHits(env.CLICKHOUSE_URL, `sentinel.${t}`, n) });
    const pg = await postgresHits(ctx.pg.admin, n, { redaction_maps: ['enc_value_aead'] });
    for (const t of pg.tables) places.push({ place: `postgres ${t}`, hits: pg.hits.filter((h) => h.startsWith(`${t}:`)) });

    const leaks = places.filter((p) => p.hits.length > 0);
    process.stdout.write(`\ncanary leakage: ${places.length} places searched for ${n.length} canaries, ${leaks.length} with hits\n${places.map((p) => `  ${p.hits.length ? 'LEAK' : 'ok  '} ${p.place}${p.hits.length ? `: ${p.hits.join(', ')}` : ''}`).join('\n')}\n`);
    expect(leaks).toEqual([]);
  });
});
