import { randomUUID } from 'node:crypto';
import { findPlaceholders, openValue, restoreText, type PlaceholderRef } from '../../pipelines/cipher';
import { TOPICS } from '../../schemas/topics';
import type { RawLog, RawPrompt } from '../../schemas/types';
import { topicName } from '../../workers/config/env';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { withTenant } from '../../workers/adapters/postgres/pools';
import { findVaultRows } from '../support/vault-rows';
import { TenantKeyring } from '../../workers/keys/tenant-keyring';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { collect } from '../support/kafka-collect';
import { isolatedEnv } from '../support/test-env';
import { startWorkerProcess } from '../support/worker-process';

const CARD = '4539 1488 0343 6467';
const MAIL = 'anna.kowalski@example.com';
const NAME = 'Anna Kowalski';
const AWS = 'AKIAZ3MSJV4WWNKWW5FJ';

/**
 * Pass-through fields and key-cued names through a real `sentinel worker pipeline`: sensitive
 * metadata values and ids leave tokenized (restorable from the vault), opaque ids and ordinary
 * metadata leave unchanged, a secret in metadata blocks the prompt, and a bare name under
 * "customer_name" in a JSON log line is tokenized as PERSON. No topic carries the plaintext.
 */
describe('thin path: prompt metadata / ids and JSON log names are scanned', () => {
  const { env, vars } = isolatedEnv('fields');
  let ctx: AppContext;
  let worker: ReturnType<typeof startWorkerProcess>;
  const tenantId = randomUUID();

  beforeAll(async () => {
    ctx = await createAppContext('e2e-fields', env);
    await bootstrap(ctx);
    await createTenant(ctx.pg.admin, { id: tenantId, name: 'E2E Fields', slug: `e2e-fields-${tenantId.slice(0, 8)}`, region: 'eu-west-1' });
    worker = startWorkerProcess('pipeline', vars);
  });

  afterAll(async () => {
    expect(await worker?.stop()).toBe(0);
    await ctx?.close();
  });

  it('tokenizes sensitive fields, keeps opaque ids, blocks on a metadata secret, and finds the log name', async () => {
    const base = { tenant_id: tenantId, text: 'Summarise the ticket.', conversation_id: 'conv-1', ts: Date.now() };
    const sensitive: RawPrompt = { ...base, request_id: 'f-1', user_id: MAIL, metadata: { card: CARD, contact: MAIL, customer_name: NAME, app: 'e2e' } };
    const opaque: RawPrompt = { ...base, request_id: 'f-2', user_id: 'u-8842', metadata: { app: 'e2e' } };
    const secret: RawPrompt = { ...base, request_id: 'f-3', user_id: MAIL, metadata: { deploy_key: AWS } };
    const log: RawLog = { tenant_id: tenantId, request_id: 'l-1', line: JSON.stringify({ customer_name: NAME, level: 'info', service_name: 'checkout-api' }), service: 'billing', metadata: null, ts: Date.now() };
    const producer = ctx.kafka.producer();
    await producer.connect();
    await producer.send({ topic: topicName(TOPICS.promptsRaw, env), messages: [sensitive, secret].map((p) => ({ key: tenantId, value: ctx.codecs.promptsRaw.encode(p) })) });
    // Plain JSON producers too (no registry): union members written naturally.
    await producer.send({ topic: topicName(TOPICS.promptsRaw, env), messages: [{ key: tenantId, value: Buffer.from(JSON.stringify(opaque)) }] });
    await producer.send({ topic: topicName(TOPICS.logsRaw, env), messages: [{ key: tenantId, value: ctx.codecs.logsRaw.encode(log) }] });
    await producer.disconnect();

    const [san, blk, logs, dec] = [TOPICS.promptsSanitized, TOPICS.promptsBlocked, TOPICS.logsSanitized, TOPICS.decisions].map((t) => topicName(t, env)) as [string, string, string, string];
    const out = await collect(ctx.kafka, [san, blk, logs, dec], (all) => all.filter((m) => m.topic !== dec).length >= 4 && all.filter((m) => m.topic === dec).length >= 4, 90_000);
    for (const m of out) expect(m.value.toString('latin1')).not.toMatch(/anna\.kowalski|Anna Kowalski|4539 1488 0343 6467|AKIAZ3MSJV4WWNKWW5FJ/);

    const prompts = new Map((await Promise.all(out.filter((m) => m.topic === san).map((m) => ctx.codecs.promptsSanitized.decode(m.value)))).map((p) => [p.request_id, p]));
    const s = prompts.get('f-1')!;
    expect(s.metadata!.app).toBe('e2e');
    expect(s.conversation_id).toBe('conv-1');
    expect(findPlaceholders(s.user_id!)).toMatchObject([{ entity: 'EMAIL_ADDRESS' }]);
    expect(findPlaceholders(s.metadata!.card!)).toMatchObject([{ kind: 'fpe', entity: 'CREDIT_CARD' }]);
    expect(findPlaceholders(s.metadata!.customer_name!)).toMatchObject([{ entity: 'PERSON' }]);
    expect(prompts.get('f-2')).toMatchObject({ user_id: 'u-8842', conversation_id: 'conv-1', metadata: { app: 'e2e' }, decision: 'allow' });

    // The vault restores every tokenized field byte for byte.
    const dataKey = await new TenantKeyring(ctx.pg.app, ctx.keyProvider).activeKey(tenantId, null, 'data');
    const tokenOf = (r: PlaceholderRef) => (r.kind === 'fpe' ? `fpe:${r.entity}:${r.id}` : r.id);
    const restore = async (text: string) => {
      const ids = findPlaceholders(text).map(tokenOf);
      const rows = new Map((await withTenant(ctx.pg.app, tenantId, (c) => findVaultRows(c, tenantId, ids))).map((r) => [r.token_id, r]));
      return restoreText(text, (ref) => {
        const row = rows.get(tokenOf(ref))!;
        return openValue(dataKey.key, row.enc_value_aead, { tenantId, tokenId: tokenOf(ref), dataClass: row.data_class, keyVersion: dataKey.version }).toString('utf8');
      });
    };
    expect(await restore(s.user_id!)).toBe(MAIL);
    expect(await restore(s.metadata!.card!)).toBe(CARD);
    expect(await restore(s.metadata!.contact!)).toBe(MAIL);
    expect(await restore(s.metadata!.customer_name!)).toBe(NAME);

    const blocked = await Promise.all(out.filter((m) => m.topic === blk).map((m) => ctx.codecs.promptsBlocked.decode(m.value)));
    expect(blocked.map((b) => b.request_id)).toEqual(['f-3']);
    expect(blocked[0]!.user_id).toBe(s.user_id); // the same tenant-wide id token, never the e-mail

    const [line] = await Promise.all(out.filter((m) => m.topic === logs).map((m) => ctx.codecs.logsSanitized.decode(m.value)));
    const parsed = JSON.parse(line!.line) as Record<string, string>;
    expect(findPlaceholders(parsed.customer_name!)).toMatchObject([{ entity: 'PERSON' }]);
    expect(parsed).toMatchObject({ level: 'info', service_name: 'checkout-api' });

    const events = await Promise.all(out.filter((m) => m.topic === dec).map((m) => ctx.codecs.decisions.decode(m.value)));
    const paths = (id: string) => events.find((e) => e.request_id === id)!.findings.map((f) => `${f.path}:${f.entity}`).sort();
    expect(paths('f-1')).toEqual(['metadata.card:CREDIT_CARD', 'metadata.contact:EMAIL_ADDRESS', 'metadata.customer_name:PERSON', 'user_id:EMAIL_ADDRESS']);
    expect(paths('f-3')).toEqual(['metadata.deploy_key:AWS_ACCESS_KEY_ID', 'user_id:EMAIL_ADDRESS']);
    expect(paths('l-1')).toEqual(['$.customer_name:PERSON']);
  });
});
