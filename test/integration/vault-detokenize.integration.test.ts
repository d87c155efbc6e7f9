import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chString } from '../../workers/adapters/clickhouse/clickhouse-client';
import { verifyTenantChain } from '../../workers/audit/verify-chain';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { startAuditSink, type RunningWorker } from '../../workers/runtime/pipeline-workers';
import { tokenRef } from '../../workers/vault/detokenize-audit';
import { isDetokenizeRefused, type RefusalCode } from '../../workers/vault/detokenize.errors';
import { createVaultServices, type VaultServices } from '../../workers/vault/vault-services';
import { email, luhnCard, prng } from '../support/fixtures';
import { isolatedEnv } from '../support/test-env';
import { auditEvents, newTenant, sanitizeAndStore, stageContext, storeValue } from '../support/vault-fixture';

const ACTOR = 'alice@sec.example';

describe('vault: audited detokenization (real Postgres, Kafka, ClickHouse)', () => {
  const { env, vars } = isolatedEnv('detok');
  let ctx: AppContext;
  let vault: VaultServices;
  let sink: RunningWorker;
  let tenantA: string;
  let tenantB: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    ctx = await createAppContext('it-detok', env);
    await bootstrap(ctx);
    vault = await createVaultServices(ctx);
    sink = await startAuditSink(ctx);
    tenantA = await newTenant(ctx, 'detok-a');
    tenantB = await newTenant(ctx, 'detok-b');
  });
  afterAll(async () => {
    await sink?.stop();
    await vault?.close();
    await ctx?.close();
  });

  const refusal = async (p: Promise<unknown>): Promise<RefusalCode> => {
    try {
      await p;
    } catch (err) {
      if (isDetokenizeRefused(err)) {
        expect(err.eventId).toMatch(/^[0-9a-f-]{36}$/);
        return err.code;
      }
      throw err;
    }
    throw new Error('expected a refusal');
  };

  it('grants, refuses and audits every attempt; stamps access on granted rows; chains the events', async () => {
    const rand = prng(7);
    const mail = email(rand);
    const card = luhnCard(rand);
    secrets.push(mail, card);
    // Includes a literal reserved opener, which the stage escapes and restore must unescape.
    const original = `Refund ${card} for ${mail} — note: [[tok:NOT_A_TOKEN:x]] stays literal.\n`;
    const stageA = await stageContext(vault.keyring, tenantA);
    const sanitized = await sanitizeAndStore(ctx, stageA, original);
    expect(sanitized.text).not.toContain(card);
    expect(sanitized.text).not.toContain(mail);

    // 1. Granted: whole text, byte for byte.
    const text = await vault.detokenizer.detokenize({ tenantId: tenantA, reason: 'customer_request', actor: ACTOR, text: sanitized.text });
    expect(text.text).toBe(original);
    expect(text.tokenCount).toBe(sanitized.vault.length);

    // 2. Granted: tokens → values, in request order.
    const ids = sanitized.vault.map((v) => v.tokenId);
    const values = await vault.detokenizer.detokenize({ tenantId: tenantA, reason: 'fraud_investigation', actor: ACTOR, tokens: ids });
    expect(values.values!.map((v) => v.token)).toEqual(ids);
    expect(values.values!.map((v) => v.value)).toEqual(expect.arrayContaining([card, mail]));
    const stamped = await ctx.pg.admin.query<{ access_reason_code: string; last_accessed_at: Date | null }>(
      'SELECT access_reason_code, last_accessed_at FROM redaction_maps WHERE tenant_id = $1 AND token_id = ANY($2)', [tenantA, ids]);
    expect(stamped.rows.map((r) => r.access_reason_code)).toEqual(ids.map(() => 'fraud_investigation'));
    expect(stamped.rows.every((r) => r.last_accessed_at !== null)).toBe(true);

    // 3–6. Refusals.
    expect(await refusal(vault.detokenizer.detokenize({ tenantId: tenantA, actor: ACTOR, tokens: ids }))).toBe('missing_reason');
    expect(await refusal(vault.detokenizer.detokenize({ tenantId: tenantA, reason: 'curiosity', actor: ACTOR, tokens: ids }))).toBe('unknown_reason');
    const expired = await storeValue(ctx, stageA, 'old@example.com', -60);
    expect(await refusal(vault.detokenizer.detokenize({ tenantId: tenantA, reason: 'legal_hold', actor: ACTOR, tokens: [ids[0]!, expired] }))).toBe('expired');
    const foreign = await storeValue(ctx, await stageContext(vault.keyring, tenantB), 'bob@other.example');
    // RLS: B's token is invisible to A — indistinguishable from an id that never existed.
    expect(await refusal(vault.detokenizer.detokenize({ tenantId: tenantA, reason: 'legal_hold', actor: ACTOR, tokens: [foreign] }))).toBe('not_found');
    const own = await vault.detokenizer.detokenize({ tenantId: tenantB, reason: 'legal_hold', actor: ACTOR, tokens: [foreign] });
    expect(own.values).toEqual([{ token: foreign, value: 'bob@other.example' }]);
    // A refused request stamps nothing: the expired row keeps no access reason.
    const untouched = await ctx.pg.admin.query('SELECT access_reason_code FROM redaction_maps WHERE tenant_id = $1 AND token_id = $2', [tenantA, expired]);
    expect(untouched.rows[0].access_reason_code).toBeNull();

    // One audit event per attempt, with actor / reason / outcome / hashed token ids — never values.
    const events = await auditEvents(ctx, tenantA, 'detokenize', 6);
    expect(events.map((e) => [e.decision, e.metadata?.refusal ?? null])).toEqual([
      ['granted', null], ['granted', null], ['refused', 'missing_reason'], ['refused', 'unknown_reason'], ['refused', 'expired'], ['refused', 'not_found'],
    ]);
    for (const e of events) expect(e.metadata?.actor).toBe(ACTOR);
    expect(events[1]!.metadata?.reason).toBe('fraud_investigation');
    expect(events[1]!.metadata?.token_refs?.split(',').sort()).toEqual(ids.map(tokenRef).sort());
    expect(events[4]!.metadata).toMatchObject({ tokens_expired: '1', tokens_not_found: '0' });
    const blob = JSON.stringify(events);
    for (const s of [...secrets, 'bob@other.example', 'old@example.com', ...ids]) expect(blob).not.toContain(s);

    // The audit sink hash-chains them in ClickHouse, and the chain verifies.
    const count = async () => {
      const r = await ctx.ch.query({ query: `SELECT count() AS n FROM sentinel.events WHERE tenant_id = ${chString(tenantA)} AND event_type = 'detokenize'`, format: 'JSONEachRow' });
      return Number(((await r.json()) as { n: string }[])[0]!.n);
    };
    for (let i = 0; i < 80 && (await count()) < 6; i++) await new Promise((r) => setTimeout(r, 250));
    expect(await count()).toBe(6);
    expect(await verifyTenantChain(ctx.ch, 'sentinel', tenantA)).toMatchObject({ ok: true, verified: 6 });
  });

  it('refuses malformed sanitized text and requests with both or neither input, audited', async () => {
    const t = await newTenant(ctx, 'detok-c');
    expect(await refusal(vault.detokenizer.detokenize({ tenantId: t, reason: 'support_ticket', actor: ACTOR, text: 'hi [[tok:EMAIL:short]]' }))).toBe('malformed_text');
    expect(await refusal(vault.detokenizer.detokenize({ tenantId: t, reason: 'support_ticket', actor: ACTOR }))).toBe('invalid_request');
    expect(await refusal(vault.detokenizer.detokenize({ tenantId: t, reason: 'support_ticket', actor: '', tokens: ['x'] }))).toBe('missing_actor');
    const events = await auditEvents(ctx, t, 'detokenize', 3);
    expect(events.map((e) => e.metadata?.refusal)).toEqual(['malformed_text', 'invalid_request', 'missing_actor']);
  });

  it('CLI: `sentinel detokenize` prints values with --json, exits 1 with one line when refused', () => {
    const cli = (args: string[], input?: string) =>
      spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'sentinel.js'), 'detokenize', '--tenant', tenantB, '--actor', ACTOR, ...args], { env: vars, input, encoding: 'utf8' });
    const ok = cli(['--reason', 'support_ticket', '--text', '-', '--json'], 'plain text, nothing to restore\n');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ text: 'plain text, nothing to restore\n', tokenCount: 0 });
    const refused = cli(['--reason', 'because', '--token', 'AAAAAAAAAAAAAAAAAAAAAA']);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/^sentinel: detokenize refused \(unknown_reason\)/);
  });
});
