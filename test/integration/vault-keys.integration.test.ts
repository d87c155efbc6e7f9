import { parseSealedHeader } from '../../pipelines/cipher';
import { withTenant } from '../../workers/adapters/postgres/pools';
import { keyContext, TenantKeyring, type KeyPurpose } from '../../workers/keys/tenant-keyring';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { isDetokenizeRefused } from '../../workers/vault/detokenize.errors';
import { createVaultServices, type VaultServices } from '../../workers/vault/vault-services';
import { isolatedEnv } from '../support/test-env';
import { auditEvents, newTenant, sanitizeAndStore, stageContext, storeValue } from '../support/vault-fixture';

interface StoredKey {
  purpose: KeyPurpose;
  key_version: number;
  status: string;
  wrapping_key_id: string;
  wrapped_key: Buffer;
}

/** The stored key rows exactly as on disk (owner connection, no RLS, no cache). */
async function storedKeys(ctx: AppContext, tenantId: string): Promise<StoredKey[]> {
  const res = await ctx.pg.admin.query<StoredKey>(
    'SELECT purpose, key_version, status, wrapping_key_id, wrapped_key FROM tenant_keys WHERE tenant_id = $1 ORDER BY purpose, key_version', [tenantId]);
  return res.rows;
}

describe('vault: key rotation, re-wrap and crypto-shredding (local provider, real Postgres)', () => {
  const { env } = isolatedEnv('vkeys');
  let ctx: AppContext;
  let vault: VaultServices;
  const ask = (tenantId: string, tokens: string[]) => vault.detokenizer.detokenize({ tenantId, reason: 'security_incident', actor: 'ops', tokens });

  beforeAll(async () => {
    ctx = await createAppContext('it-vkeys', env);
    await bootstrap(ctx);
    vault = await createVaultServices(ctx);
  });
  afterAll(async () => {
    await vault?.close();
    await ctx?.close();
  });

  it('rotates the data key: old rows still open, new writes use v2, tokens stay the same', async () => {
    const t = await newTenant(ctx, 'rot');
    const before = await stageContext(vault.keyring, t);
    const oldToken = await storeValue(ctx, before, 'v1@example.com');
    const first = await sanitizeAndStore(ctx, before, 'Mail carol@example.org please');

    const rotated = await vault.keys.rotateTenantKey(t, 'data', { actor: 'ops' });
    expect(rotated).toEqual({ purpose: 'data', version: 2, retired: [1] });
    const after = await stageContext(vault.keyring, t);
    expect(after.dataKey.version).toBe(2);
    expect(after.tokenKey.version).toBe(1); // only the data key rotates by default
    const newToken = await storeValue(ctx, after, 'v2@example.com');
    const second = await sanitizeAndStore(ctx, after, 'Mail carol@example.org please');
    expect(second.text).toBe(first.text); // deterministic tokens unchanged across a data-key rotation

    const sealed = await ctx.pg.admin.query<{ token_id: string; enc_value_aead: Buffer }>(
      'SELECT token_id, enc_value_aead FROM redaction_maps WHERE tenant_id = $1 AND token_id = ANY($2)', [t, [oldToken, newToken]]);
    const versions = new Map(sealed.rows.map((r) => [r.token_id, parseSealedHeader(r.enc_value_aead).keyVersion]));
    expect([versions.get(oldToken), versions.get(newToken)]).toEqual([1, 2]);
    // A fresh keyring (another process) reads both versions from storage.
    const other = await createVaultServices(ctx, { keyring: new TenantKeyring(ctx.pg.app, ctx.keyProvider) });
    const out = await other.detokenizer.detokenize({ tenantId: t, reason: 'legal_hold', actor: 'ops', tokens: [oldToken, newToken] });
    await other.close();
    expect(out.values!.map((v) => v.value)).toEqual(['v1@example.com', 'v2@example.com']);
    expect((await storedKeys(ctx, t)).map((k) => `${k.purpose}:${k.key_version}:${k.status}`)).toEqual(['data:1:retired', 'data:2:active', 'token:1:active']);

    await expect(vault.keys.rotateTenantKey(t, 'token')).rejects.toThrow(/token key/);
    expect(await vault.keys.rotateTenantKey(t, 'token', { allowTokenKey: true })).toMatchObject({ purpose: 'token', version: 2 });
    const third = await sanitizeAndStore(ctx, await stageContext(vault.keyring, t), 'Mail carol@example.org please');
    expect(third.text).not.toBe(first.text); // the documented consequence of rotating the token key
  });

  it('re-wraps every version (fresh wrapped bytes that still unwrap) and records the KMS key', async () => {
    const t = await newTenant(ctx, 'rewrap');
    const token = await storeValue(ctx, await stageContext(vault.keyring, t), 'wrap@example.com');
    await vault.keys.rotateTenantKey(t, 'data');
    const before = await storedKeys(ctx, t);
    const r = await vault.keys.rewrapTenantKeys(t, 'arn:aws:kms:eu-west-1:000000000000:key/local-test', { actor: 'ops' });
    expect(r.rewrapped).toBe(3);
    const after = await storedKeys(ctx, t);
    after.forEach((k, i) => expect(k.wrapped_key.equals(before[i]!.wrapped_key)).toBe(false));
    const tenant = await ctx.pg.admin.query<{ kms_key_arn: string }>('SELECT kms_key_arn FROM tenants WHERE id = $1', [t]);
    expect(tenant.rows[0]!.kms_key_arn).toBe('arn:aws:kms:eu-west-1:000000000000:key/local-test');
    expect((await ask(t, [token])).values![0]!.value).toBe('wrap@example.com');
    const events = await auditEvents(ctx, t, 'key', 2);
    expect(events.map((e) => e.metadata?.op)).toEqual(['rotate', 'rewrap']);
  });

  it('crypto-shreds: stored key bytes are zeros and unwrap under no key; detokenize refuses, audited', async () => {
    const t = await newTenant(ctx, 'shred');
    const stage = await stageContext(vault.keyring, t);
    const tokens = [await storeValue(ctx, stage, 'gone@example.com'), ...(await sanitizeAndStore(ctx, stage, 'Card 4556 7375 8689 9855 and dave@example.net')).vault.map((v) => v.tokenId)];
    await vault.keys.rotateTenantKey(t, 'data');
    const before = await storedKeys(ctx, t);
    // Control: before shredding, the stored bytes do unwrap with the master key.
    for (const k of before) await expect(ctx.keyProvider.unwrap(k.wrapping_key_id, k.wrapped_key, keyContext(t, k.purpose, k.key_version))).resolves.toHaveLength(32);

    expect(await vault.keys.shredTenant(t, { actor: 'dpo' })).toEqual({ keysDestroyed: 3, vaultRows: tokens.length });

    const after = await storedKeys(ctx, t);
    expect(after).toHaveLength(3);
    for (const k of after) {
      expect(k.status).toBe('destroyed');
      expect(k.wrapped_key.equals(Buffer.alloc(k.wrapped_key.length))).toBe(true);
      // Even holding the master key, nothing stored unwraps to a data key.
      await expect(ctx.keyProvider.unwrap(k.wrapping_key_id, k.wrapped_key, keyContext(t, k.purpose, k.key_version))).rejects.toThrow();
    }
    // Fresh keyring (no cache): the vault rows are still there but refuse to open.
    const fresh = await createVaultServices(ctx, { keyring: new TenantKeyring(ctx.pg.app, ctx.keyProvider) });
    const err = await fresh.detokenizer.detokenize({ tenantId: t, reason: 'legal_hold', actor: 'dpo', tokens }).catch((e: unknown) => e);
    await fresh.close();
    expect(isDetokenizeRefused(err, 'key_destroyed')).toBe(true);
    // The same cached keyring was told to forget: it refuses too, and no new key can be minted.
    expect(isDetokenizeRefused(await ask(t, tokens).catch((e: unknown) => e), 'key_destroyed')).toBe(true);
    await expect(vault.keyring.activeKey(t, null, 'data')).rejects.toThrow(/no usable data key/);
    await expect(vault.keys.rotateTenantKey(t, 'data')).rejects.toThrow(/crypto-shredded/);
    const status = await ctx.pg.admin.query<{ status: string }>('SELECT status FROM tenants WHERE id = $1', [t]);
    expect(status.rows[0]!.status).toBe('deleted');
    const keyEvents = await auditEvents(ctx, t, 'key', 2);
    expect(keyEvents.map((e) => e.decision)).toEqual(['rotated', 'shredded']);
  });

  it('RLS: a tenant sees only its own key rows, even without a tenant filter', async () => {
    const a = await newTenant(ctx, 'rls-ka');
    const b = await newTenant(ctx, 'rls-kb');
    await stageContext(vault.keyring, a);
    await stageContext(vault.keyring, b);
    const seen = await withTenant(ctx.pg.app, a, (c) => c.query<{ tenant_id: string }>('SELECT tenant_id FROM tenant_keys'));
    expect(new Set(seen.rows.map((r) => r.tenant_id))).toEqual(new Set([a]));
    // Key operations on B through A's session cannot see B's tenant row.
    const update = await withTenant(ctx.pg.app, a, (c) => c.query("UPDATE tenant_keys SET status = 'destroyed' WHERE tenant_id = $1", [b]));
    expect(update.rowCount).toBe(0);
  });
});
