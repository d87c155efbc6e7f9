import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { chString } from '../../workers/adapters/clickhouse/clickhouse-client';
import { withClient, withTenant } from '../../workers/adapters/postgres/pools';
import { claimVaultRows, readVaultRows } from '../../workers/adapters/postgres/vault-access.repo';
import { AuditEmitter } from '../../workers/audit/audit-emitter';
import { AuditOutbox } from '../../workers/audit/audit-outbox';
import { OUTBOX_HEADER, OUTBOX_HEADER_VALUE } from '../../workers/audit/outbox-rows';
import { verifyTenantChain } from '../../workers/audit/verify-chain';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { startAuditSink, type RunningWorker } from '../../workers/runtime/pipeline-workers';
import { Detokenizer } from '../../workers/vault/detokenize';
import { createVaultServices, reasonCodes, type VaultServices } from '../../workers/vault/vault-services';
import { waitFor as waitUntil } from '../support/pipeline-audit';
import { isolatedEnv } from '../support/test-env';
import { auditEvents, newTenant, stageContext, storeValue } from '../support/vault-fixture';

const waitFor = async (what: string, fn: () => Promise<boolean>): Promise<void> => {
  if (!(await waitUntil(fn, 20_000, 200))) throw new Error(`timed out waiting for ${what}`);
};

/**
 * The detokenization audit outbox (sql/postgres/019): events commit with the vault access, the
 * relay delivers them, the sink chains a re-sent event once, and the app role can only append.
 */
describe('audit outbox (real Postgres, Kafka, ClickHouse)', () => {
  const { env } = isolatedEnv('outbox');
  let ctx: AppContext;
  let vault: VaultServices;
  let sink: RunningWorker;

  beforeAll(async () => {
    ctx = await createAppContext('it-outbox', env);
    await bootstrap(ctx);
    // This process does not relay on its own: each test says which relay runs (as in production,
    // where the jobs worker relays for the processes that serve detokenization).
    vault = await createVaultServices(ctx, { relay: 'off' });
    sink = await startAuditSink(ctx);
  });
  afterAll(async () => {
    await sink?.stop();
    await vault?.close();
    await ctx?.close();
  });

  const pending = async (tenantId: string): Promise<number> =>
    Number((await ctx.pg.admin.query<{ n: string }>('SELECT count(*) AS n FROM audit_outbox WHERE tenant_id = $1', [tenantId])).rows[0]!.n);
  const chained = async (tenantId: string, eventId: string): Promise<number> => {
    const r = await ctx.ch.query({ query: `SELECT count() AS n FROM sentinel.events WHERE tenant_id = ${chString(tenantId)} AND event_id = ${chString(eventId)}`, format: 'JSONEachRow' });
    return Number(((await r.json()) as { n: string }[])[0]!.n);
  };

  /** A relay like the jobs worker's: its own producer and LISTEN connection, woken by commits. */
  const withListeningRelay = async (test: () => Promise<void>): Promise<void> => {
    const emitter = new AuditEmitter(ctx.kafka, ctx.codecs.decisions, ctx.env);
    const relay = new AuditOutbox(ctx.pg.admin, emitter);
    try {
      await relay.listen(env.APP_DATABASE_URL);
      await test();
    } finally {
      await relay.close();
      await emitter.close();
    }
  };

  it('a granted detokenization commits its event with the access stamp; the commit wakes a listening relay, which empties the outbox into the chain', () =>
    withListeningRelay(async () => {
      const tenant = await newTenant(ctx, 'outbox-a');
      const token = await storeValue(ctx, await stageContext(vault.keyring, tenant), 'carol@example.org');
      const out = await vault.detokenizer.detokenize({ tenantId: tenant, reason: 'support_ticket', actor: 'it', tokens: [token] });
      expect(out.values).toEqual([{ token, value: 'carol@example.org' }]);
      // No sweep and no drain: only the NOTIFY of sql/postgres/020 can have woken the relay.
      await waitFor('the relay to empty the outbox', async () => (await pending(tenant)) === 0);
      await waitFor('the event in the chain', async () => (await chained(tenant, out.eventId)) === 1);
      const [event] = await auditEvents(ctx, tenant, 'detokenize', 1);
      expect(event).toMatchObject({ event_id: out.eventId, decision: 'granted' });
      expect(JSON.stringify(event)).not.toContain('carol@example.org');
    }));

  it('a grant refused because a value does not open (ciphertext fails authentication) leaves only the refusal: nothing stamped, no granted event', async () => {
    const tenant = await newTenant(ctx, 'outbox-f');
    const token = await storeValue(ctx, await stageContext(vault.keyring, tenant), 'erin@example.org');
    await ctx.pg.admin.query("UPDATE redaction_maps SET enc_value_aead = overlay(enc_value_aead placing '\\x00'::bytea from 30 for 1) WHERE tenant_id = $1", [tenant]);
    const refused = await vault.detokenizer.detokenize({ tenantId: tenant, reason: 'legal_hold', actor: 'it', tokens: [token] }).then(
      () => 'granted',
      (e: { code?: string }) => e.code,
    );
    expect(refused).toBe('integrity_failure');
    expect(await pending(tenant)).toBe(1); // the refusal, and no granted event
    const stamp = await ctx.pg.admin.query('SELECT access_reason_code FROM redaction_maps WHERE tenant_id = $1', [tenant]);
    expect(stamp.rows[0].access_reason_code).toBeNull();
    await vault.outbox.drain(); // the jobs worker's relay, in production
    const [event] = await auditEvents(ctx, tenant, 'detokenize', 1);
    expect(event).toMatchObject({ decision: 'refused', metadata: expect.objectContaining({ refusal: 'integrity_failure' }) });
    // A committed granted event would have been relayed and chained along with the refusal.
    await waitFor('the refusal in the chain', async () => (await chained(tenant, event!.event_id)) === 1);
    const all = await ctx.ch.query({ query: `SELECT count() AS n FROM sentinel.events WHERE tenant_id = ${chString(tenant)}`, format: 'JSONEachRow' });
    expect(Number(((await all.json()) as { n: string }[])[0]!.n)).toBe(1);
  });

  it('a claim that finds a row expired since the read stamps nothing and writes no event (all or nothing)', async () => {
    const tenant = await newTenant(ctx, 'outbox-h');
    const stage = await stageContext(vault.keyring, tenant);
    const tokens = [await storeValue(ctx, stage, 'frank@example.org'), await storeValue(ctx, stage, 'gina@example.org')];
    const grant = vault.outbox.row({ tenantId: tenant, eventType: 'detokenize', outcome: 'granted', metadata: { actor: 'it' } });
    const claimed = await withClient(ctx.pg.app, async (c) => {
      expect((await readVaultRows(c, tenant, tokens)).map((r) => r.live)).toEqual([true, true]);
      // What a TTL passing (or the purge job) between the read and the claim looks like.
      await ctx.pg.admin.query("UPDATE redaction_maps SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND token_id = $2", [tenant, tokens[1]]);
      return claimVaultRows(c, tenant, tokens, 'support_ticket', grant);
    });
    expect(claimed).toBe(false);
    expect(await pending(tenant)).toBe(0);
    const stamps = await ctx.pg.admin.query('SELECT count(*)::int AS n FROM redaction_maps WHERE tenant_id = $1 AND access_reason_code IS NOT NULL', [tenant]);
    expect(stamps.rows[0].n).toBe(0);
    // And the request around such a claim is refused as expired, and audited.
    const refused = await vault.detokenizer.detokenize({ tenantId: tenant, reason: 'support_ticket', actor: 'it', tokens }).then(() => 'granted', (e: { code?: string }) => e.code);
    expect(refused).toBe('expired');
  });

  it('an event the relay sent twice (crash between send and delete) is chained once, and the chain verifies', async () => {
    const tenant = await newTenant(ctx, 'outbox-b');
    // A detokenizer whose relay never runs: the event stays in the outbox until a relay drains it.
    const idle = new AuditOutbox(ctx.pg.admin, vault.audit);
    const first = await withTenant(ctx.pg.app, tenant, (c) => idle.record(c, { tenantId: tenant, eventType: 'detokenize', outcome: 'granted', metadata: { actor: 'it' } }));
    const second = await withTenant(ctx.pg.app, tenant, (c) => idle.record(c, { tenantId: tenant, eventType: 'detokenize', outcome: 'refused', metadata: { actor: 'it' } }));
    expect(await pending(tenant)).toBe(2);
    // What a relay that died after its send left behind: the events on the topic, the rows still queued.
    await vault.audit.publishEncoded([first, second].map((e) => ({ key: tenant, value: vault.audit.encode(e) })), { [OUTBOX_HEADER]: OUTBOX_HEADER_VALUE });
    await waitFor('the first send to be chained', async () => (await chained(tenant, second.event_id)) === 1);
    expect(await idle.drain()).toBeGreaterThanOrEqual(2);
    expect(await pending(tenant)).toBe(0);
    // The re-sends are on the topic (4 records, 2 event ids) but not in the chain.
    const onTopic = await auditEvents(ctx, tenant, 'detokenize', 4);
    expect(onTopic).toHaveLength(4);
    expect(new Set(onTopic.map((e) => e.event_id))).toEqual(new Set([first.event_id, second.event_id]));
    const followUp = await vault.detokenizer.detokenize({ tenantId: tenant, reason: 'nope', actor: 'it', tokens: ['x'] }).catch((e: { eventId: string }) => e.eventId);
    await vault.outbox.drain();
    await waitFor('a later event to be chained', async () => (await chained(tenant, String(followUp))) === 1);
    expect(await chained(tenant, first.event_id)).toBe(1);
    expect(await chained(tenant, second.event_id)).toBe(1);
    expect(await verifyTenantChain(ctx.ch, 'sentinel', tenant)).toMatchObject({ ok: true, verified: 3 });
  });

  it('with Kafka unreachable the value is still released, the event stays queued, and a later relay delivers it', async () => {
    const tenant = await newTenant(ctx, 'outbox-e');
    const token = await storeValue(ctx, await stageContext(vault.keyring, tenant), 'dave@example.org');
    const nowhere = new Kafka({ clientId: 'it-outbox-down', brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const down = new AuditOutbox(ctx.pg.admin, new AuditEmitter(nowhere, ctx.codecs.decisions, ctx.env, 1_000), { lingerMs: 0 });
    const detokenizer = new Detokenizer({ app: ctx.pg.app, keyring: vault.keyring, outbox: down, reasonCodes: reasonCodes(ctx.env) });
    const out = await detokenizer.detokenize({ tenantId: tenant, reason: 'legal_hold', actor: 'it', tokens: [token] });
    expect(out.values?.[0]?.value).toBe('dave@example.org');
    await expect(down.drain()).rejects.toThrow(/audit \(kafka\)/);
    expect(await pending(tenant)).toBe(1);
    await vault.outbox.drain(); // the jobs worker's sweep, in production
    expect(await pending(tenant)).toBe(0);
    await waitFor('the event in the chain', async () => (await chained(tenant, out.eventId)) === 1);
    await down.close(0);
  });

  it('the app role can append only for its own tenant, and can neither read nor delete pending events', async () => {
    const tenant = await newTenant(ctx, 'outbox-c');
    const other = randomUUID();
    const facts = { tenantId: other, eventType: 'detokenize' as const, outcome: 'granted', metadata: {} };
    await expect(withTenant(ctx.pg.app, tenant, (c) => vault.outbox.record(c, facts))).rejects.toThrow(/row-level security/);
    await expect(withTenant(ctx.pg.app, tenant, (c) => c.query('SELECT * FROM audit_outbox'))).rejects.toThrow(/permission denied/);
    await expect(withTenant(ctx.pg.app, tenant, (c) => c.query('DELETE FROM audit_outbox'))).rejects.toThrow(/permission denied/);
  });

  it('a row that does not encode stays in the outbox for an operator and does not block the others', async () => {
    const tenant = await newTenant(ctx, 'outbox-g');
    const relay = new AuditOutbox(ctx.pg.admin, vault.audit, { lingerMs: 0 });
    const before = await withTenant(ctx.pg.app, tenant, (c) => relay.record(c, { tenantId: tenant, eventType: 'detokenize', outcome: 'granted', metadata: {} }));
    await ctx.pg.admin.query('INSERT INTO audit_outbox (tenant_id, event_id, topic, event) VALUES ($1, $2, $3, $4)', [tenant, randomUUID(), vault.audit.topic, '{"event_type": 42}']);
    const after = await withTenant(ctx.pg.app, tenant, (c) => relay.record(c, { tenantId: tenant, eventType: 'detokenize', outcome: 'refused', metadata: {} }));
    expect(await relay.drain()).toBe(2);
    expect(await pending(tenant)).toBe(1);
    await waitFor('both good events in the chain', async () => (await chained(tenant, before.event_id)) + (await chained(tenant, after.event_id)) === 2);
    await ctx.pg.admin.query('DELETE FROM audit_outbox WHERE tenant_id = $1', [tenant]);
  });

  it('relays only rows bound for its own topic (deployments sharing a database)', async () => {
    const tenant = await newTenant(ctx, 'outbox-d');
    await ctx.pg.admin.query("INSERT INTO audit_outbox (tenant_id, event_id, topic, event) VALUES ($1, $2, 'elsewhere.sentinel.decisions', '{}')", [tenant, randomUUID()]);
    await vault.outbox.drain();
    expect(await pending(tenant)).toBe(1);
    await ctx.pg.admin.query('DELETE FROM audit_outbox WHERE tenant_id = $1', [tenant]);
  });
});
