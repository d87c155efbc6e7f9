import { randomUUID } from 'node:crypto';
import { findPlaceholders, openValue, restoreText, type PlaceholderRef } from '../../pipelines/cipher';
import { TOPICS } from '../../schemas/topics';
import type { BlockedPrompt, DeadLetter, RawPrompt, SanitizedPrompt } from '../../schemas/types';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { withTenant } from '../../workers/adapters/postgres/pools';
import { findVaultRows } from '../support/vault-rows';
import { chString } from '../../workers/adapters/clickhouse/clickhouse-client';
import { verifyTenantChain } from '../../workers/audit/verify-chain';
import { TenantKeyring } from '../../workers/keys/tenant-keyring';
import { openDeadLetter, DLQ_KEY_ID } from '../../workers/runtime/dead-letter';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { collect } from '../support/kafka-collect';
import { CLEAN_PROMPTS, email, groupedCard, luhnCard, prng } from '../support/fixtures';
import { isolatedEnv } from '../support/test-env';
import { startWorkerProcess } from '../support/worker-process';
import { retireTenants } from '../support/retire-tenants';

/** The vault key of a placeholder (fpe ids are only unique per entity). */
function vaultTokenId(ref: PlaceholderRef): string {
  return ref.kind === 'fpe' ? `fpe:${ref.entity}:${ref.id}` : ref.id;
}

/**
 * Issue 2's proof: 200 prompts through the real stack (Kafka, registry, Postgres, ClickHouse) and
 * a real `sentinel worker all` process.
 */
describe('thin path: raw prompt → sanitized / DLQ → hash-chained audit', () => {
  const { env, vars } = isolatedEnv('thin');
  let ctx: AppContext;
  let worker: ReturnType<typeof startWorkerProcess>;
  const tenantId = randomUUID();
  const sent = new Map<string, { text: string; secrets: string[] }>();

  beforeAll(async () => {
    ctx = await createAppContext('e2e-thin', env);
    await bootstrap(ctx);
    await createTenant(ctx.pg.admin, { id: tenantId, name: 'E2E Thin', slug: `e2e-thin-${tenantId.slice(0, 8)}`, region: 'eu-west-1' });
    worker = startWorkerProcess('all', vars);
  });

  afterAll(async () => {
    const code = await worker?.stop();
    expect(code).toBe(0);
    await retireTenants(ctx.pg.admin, [tenantId]); // its chain gets a row deleted on purpose
    await ctx?.close();
  });

  it('sanitizes valid prompts exactly once, dead-letters bad ones, and chains every decision', async () => {
    const rand = prng(42);
    const producer = ctx.kafka.producer();
    await producer.connect();
    const raw = topicName(TOPICS.promptsRaw, env);
    const messages: { key: string; value: Buffer }[] = [];
    for (let i = 0; i < 120; i++) {
      const requestId = `req-${i}`;
      const secrets: string[] = [];
      let text = CLEAN_PROMPTS[i % CLEAN_PROMPTS.length]!;
      if (i % 3 === 0) {
        const e = email(rand);
        secrets.push(e);
        text = `Please reply to ${e} with the summary.`;
      } else if (i % 3 === 1) {
        const card = i % 2 ? luhnCard(rand) : groupedCard(luhnCard(rand));
        secrets.push(card);
        text = `My card number is ${card}, why was it declined?`;
      }
      sent.set(requestId, { text, secrets });
      const prompt: RawPrompt = { tenant_id: tenantId, request_id: requestId, text, conversation_id: `conv-${i % 7}`, user_id: null, metadata: { app: 'e2e' }, ts: Date.now() };
      // Half Avro through the registry, half plain JSON (producers without a registry).
      const value = i % 2 === 0 ? ctx.codecs.promptsRaw.encode(prompt) : Buffer.from(JSON.stringify({ tenant_id: tenantId, request_id: requestId, text }));
      messages.push({ key: tenantId, value });
    }
    const unknownTenant = randomUUID();
    for (let i = 0; i < 40; i++) {
      messages.push({ key: unknownTenant, value: Buffer.from(JSON.stringify({ tenant_id: unknownTenant, request_id: `ghost-${i}`, text: `card 4111 1111 1111 1111 #${i}` })) });
    }
    const undecodable = [
      Buffer.from([0x00, 0x00, 0x0f, 0x42, 0x3f, 0x01]), // Confluent framing, unknown schema id
      Buffer.from('{"tenant_id": "not json'),
      Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), // invalid UTF-8
      Buffer.from(JSON.stringify({ tenant_id: tenantId, text: 42 })), // wrong shape
    ];
    for (let i = 0; i < 40; i++) messages.push({ key: `bad-${i}`, value: undecodable[i % undecodable.length]! });
    await producer.send({ topic: raw, messages });
    await producer.disconnect();

    const sanitizedTopic = topicName(TOPICS.promptsSanitized, env);
    const blockedTopic = topicName(TOPICS.promptsBlocked, env);
    const dlqTopic = topicName(TOPICS.dlq, env);
    const out = await collect(ctx.kafka, [sanitizedTopic, blockedTopic, dlqTopic], (all) => all.length >= 200, 90_000);

    // Every valid prompt exactly once (sanitized or blocked), every bad one on the DLQ.
    const passed = await Promise.all(out.filter((m) => m.topic === sanitizedTopic).map((m) => ctx.codecs.promptsSanitized.decode(m.value)));
    const blocked = await Promise.all(out.filter((m) => m.topic === blockedTopic).map((m) => ctx.codecs.promptsBlocked.decode(m.value)));
    const dead = out.filter((m) => m.topic === dlqTopic);
    const ids = [...passed, ...blocked].map((p: SanitizedPrompt | BlockedPrompt) => p.request_id).sort();
    expect(ids).toEqual([...sent.keys()].sort());
    expect(new Set(ids).size).toBe(120);
    expect(dead).toHaveLength(80);

    // No plaintext left; the vault restores every sanitized text byte for byte.
    const keyring = new TenantKeyring(ctx.pg.app, ctx.keyProvider);
    const dataKey = await keyring.activeKey(tenantId, null, 'data');
    for (const p of passed) {
      const original = sent.get(p.request_id)!;
      for (const s of original.secrets) expect(p.text).not.toContain(s);
      const refs = findPlaceholders(p.text);
      expect(refs.length).toBeGreaterThanOrEqual(original.secrets.length);
      const tokenIds = refs.map(vaultTokenId);
      const rows = await withTenant(ctx.pg.app, tenantId, (c) => findVaultRows(c, tenantId, tokenIds));
      expect(rows).toHaveLength(new Set(tokenIds).size);
      const byToken = new Map(rows.map((r) => [r.token_id, r]));
      const restored = restoreText(p.text, (ref) => {
        const tokenId = vaultTokenId(ref);
        const row = byToken.get(tokenId)!;
        return openValue(dataKey.key, row.enc_value_aead, { tenantId, tokenId, dataClass: row.data_class, keyVersion: dataKey.version }).toString('utf8');
      });
      expect(restored).toBe(original.text);
    }

    // Dead letters: reason headers, and the sealed payload holds no plaintext but opens for replay.
    const reasons = dead.map((m) => m.headers['reason-code']);
    expect(reasons.filter((r) => r === 'unknown_tenant')).toHaveLength(40);
    expect(reasons.filter((r) => r === 'decode_failed' || r === 'invalid_utf8' || r === 'schema_violation')).toHaveLength(40);
    for (const m of dead) {
      expect(m.headers['original-topic']).toBe(raw);
      expect(m.value.toString('latin1')).not.toContain('4111 1111 1111 1111');
    }
    const dlqKey = await ctx.systemKeys.get(DLQ_KEY_ID);
    const ghost = dead.find((m) => m.headers['reason-code'] === 'unknown_tenant')!;
    const letter: DeadLetter = await ctx.codecs.dlq.decode(ghost.value);
    expect(openDeadLetter(dlqKey, letter).toString()).toContain('4111 1111 1111 1111');

    // ClickHouse: one chained row per decision; the chain verifies; tampering is detected.
    const countRows = async () => {
      const r = await ctx.ch.query({ query: `SELECT count() AS n FROM sentinel.events WHERE tenant_id = ${chString(tenantId)}`, format: 'JSONEachRow' });
      return Number(((await r.json()) as { n: string }[])[0]!.n);
    };
    for (let i = 0; i < 60 && (await countRows()) < 120; i++) await new Promise((r) => setTimeout(r, 500));
    expect(await countRows()).toBe(120);
    const report = await verifyTenantChain(ctx.ch, 'sentinel', tenantId);
    expect(report).toMatchObject({ ok: true, verified: 120 });

    await ctx.ch.command({ query: `ALTER TABLE sentinel.events DELETE WHERE tenant_id = ${chString(tenantId)} AND seq = 57` });
    for (let i = 0; i < 40 && (await countRows()) === 120; i++) await new Promise((r) => setTimeout(r, 250));
    const tampered = await verifyTenantChain(ctx.ch, 'sentinel', tenantId);
    expect(tampered.ok).toBe(false);
    expect(tampered.firstBreak).toMatchObject({ seq: 58, reason: 'seq_gap' });
  });
});
