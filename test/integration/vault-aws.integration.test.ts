import { CreateKeyCommand, DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { AwsKmsKeyProvider } from '../../workers/keys/aws-kms-key-provider';
import { keyContext, TenantKeyring, type KeyPurpose } from '../../workers/keys/tenant-keyring';
import { bootstrap, createAppContext, type AppContext } from '../../workers/runtime/app-context';
import { isDetokenizeRefused } from '../../workers/vault/detokenize.errors';
import { createVaultServices, type VaultServices } from '../../workers/vault/vault-services';
import { email, luhnCard, prng } from '../support/fixtures';
import { isolatedEnv } from '../support/test-env';
import { newTenant, sanitizeAndStore, stageContext } from '../support/vault-fixture';

/**
 * KEY_PROVIDER=aws end to end against the local KMS (moto): tenant data and token keys come from
 * GenerateDataKey under tenants.kms_key_arn; the real prompt stage tokenizes; the vault restores.
 */
describe('vault with the AWS KMS provider (moto)', () => {
  const { env } = isolatedEnv('vaws', { KEY_PROVIDER: 'aws' });
  const kms = new KMSClient({ endpoint: env.KMS_ENDPOINT, region: env.KMS_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  let ctx: AppContext;
  let vault: VaultServices;
  const newKey = async () => (await kms.send(new CreateKeyCommand({ Description: 'sentinel vault test' }))).KeyMetadata!.Arn!;
  const fresh = () => createVaultServices(ctx, { keyring: new TenantKeyring(ctx.pg.app, ctx.keyProvider) });

  beforeAll(async () => {
    ctx = await createAppContext('it-vaws', env);
    await bootstrap(ctx);
    vault = await createVaultServices(ctx);
  });
  afterAll(async () => {
    await vault?.close();
    await ctx?.close();
    kms.destroy();
  });

  it('tokenize (prompt stage) → vault → detokenize; rotate; re-wrap to a new CMK; shred', async () => {
    expect(ctx.keyProvider).toBeInstanceOf(AwsKmsKeyProvider);
    const [cmk1, cmk2] = [await newKey(), await newKey()];
    const t = await newTenant(ctx, 'aws', cmk1);
    const rand = prng(11);
    const original = `Customer ${email(rand)} paid with ${luhnCard(rand)} yesterday.`;
    const stored = await sanitizeAndStore(ctx, await stageContext(vault.keyring, t, cmk1), original);
    expect(stored.vault.length).toBeGreaterThanOrEqual(2);
    const keys = await ctx.pg.admin.query<{ provider: string; wrapping_key_id: string }>('SELECT provider, wrapping_key_id FROM tenant_keys WHERE tenant_id = $1', [t]);
    expect(keys.rows.map((r) => `${r.provider} ${r.wrapping_key_id}`)).toEqual([`aws ${cmk1}`, `aws ${cmk1}`]);
    const ask = (v: VaultServices) => v.detokenizer.detokenize({ tenantId: t, reason: 'support_ticket', actor: 'it', text: stored.text });
    expect((await ask(vault)).text).toBe(original);

    // Rotation under the tenant's CMK, then re-wrap everything to a new CMK and disable the old one.
    expect(await vault.keys.rotateTenantKey(t, 'data')).toMatchObject({ version: 2 });
    const after = await sanitizeAndStore(ctx, await stageContext(vault.keyring, t, cmk1), `Second: ${email(rand)}`);
    expect(await vault.keys.rewrapTenantKeys(t, cmk2)).toMatchObject({ rewrapped: 3, wrappingKeyId: cmk2 });
    // KMS itself says which key each stored blob is under (moto does not enforce disabled keys, so ask it).
    const wrapped = await ctx.pg.admin.query<{ purpose: KeyPurpose; key_version: number; wrapped_key: Buffer; wrapping_key_id: string }>(
      'SELECT purpose, key_version, wrapped_key, wrapping_key_id FROM tenant_keys WHERE tenant_id = $1', [t]);
    for (const r of wrapped.rows) {
      const out = await kms.send(new DecryptCommand({ CiphertextBlob: r.wrapped_key, EncryptionContext: keyContext(t, r.purpose, r.key_version) }));
      expect([out.KeyId, r.wrapping_key_id]).toEqual([cmk2, cmk2]);
    }
    const v2 = await fresh();
    expect((await ask(v2)).text).toBe(original); // fresh keyring: v1 and v2 data keys unwrapped under cmk2
    expect((await v2.detokenizer.detokenize({ tenantId: t, reason: 'support_ticket', actor: 'it', text: after.text })).text).toMatch(/^Second: /);
    await v2.close();

    // Crypto-shred: KMS itself cannot recover the data keys from what is stored.
    await vault.keys.shredTenant(t);
    const rows = await ctx.pg.admin.query<{ purpose: KeyPurpose; key_version: number; wrapped_key: Buffer }>('SELECT purpose, key_version, wrapped_key FROM tenant_keys WHERE tenant_id = $1', [t]);
    for (const r of rows.rows) {
      expect(r.wrapped_key.equals(Buffer.alloc(r.wrapped_key.length))).toBe(true);
      await expect(ctx.keyProvider.unwrap(cmk2, r.wrapped_key, keyContext(t, r.purpose, r.key_version))).rejects.toThrow();
    }
    const v3 = await fresh();
    expect(isDetokenizeRefused(await ask(v3).catch((e: unknown) => e), 'key_destroyed')).toBe(true);
    await v3.close();
  });
});
