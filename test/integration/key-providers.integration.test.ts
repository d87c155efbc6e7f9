import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadEnv } from '../../workers/config/env';
import { AwsKmsKeyProvider } from '../../workers/keys/aws-kms-key-provider';
import { LocalKeyProvider } from '../../workers/keys/local-key-provider';
import type { KeyProvider } from '../../workers/keys/key-provider';
import { tempDir } from '../support/temp-dir';

const env = loadEnv();

async function roundTrip(provider: KeyProvider, wrappingKeyId: string): Promise<void> {
  const context = { tenant_id: randomUUID(), purpose: 'data', key_version: '1' };
  const generated = await provider.generateDataKey(wrappingKeyId, context);
  expect(generated.plaintext).toHaveLength(32);
  expect(generated.wrapped.equals(generated.plaintext)).toBe(false);
  expect((await provider.unwrap(wrappingKeyId, generated.wrapped, context)).equals(generated.plaintext)).toBe(true);
  // The context is bound: a wrapped key copied to another tenant does not unwrap.
  await expect(provider.unwrap(wrappingKeyId, generated.wrapped, { ...context, tenant_id: randomUUID() })).rejects.toThrow();
}

describe('key providers', () => {
  const keyDir = tempDir('sentinel-key-');

  it('local: wraps data keys under a master key file it creates with mode 0600', async () => {
    const file = join(keyDir, 'master.key');
    const provider = new LocalKeyProvider({ masterKeyFile: file });
    await roundTrip(provider, provider.wrappingKeyFor());
    const again = new LocalKeyProvider({ masterKeyFile: file });
    expect(again.wrappingKeyFor()).toBe(provider.wrappingKeyFor());
  });

  it('aws: GenerateDataKey / Decrypt against the local KMS endpoint (moto)', async () => {
    const client = new KMSClient({ endpoint: env.KMS_ENDPOINT, region: env.KMS_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const created = await client.send(new CreateKeyCommand({ Description: 'sentinel integration test' }));
    const arn = created.KeyMetadata!.Arn!;
    const provider = new AwsKmsKeyProvider(client);
    expect(provider.wrappingKeyFor(arn)).toBe(arn);
    await roundTrip(provider, arn);
  });

  it('aws: an unreachable endpoint is a retriable dependency failure, not a crash', async () => {
    const provider = AwsKmsKeyProvider.fromEndpoint({ endpoint: 'http://127.0.0.1:1', region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    await expect(provider.generateDataKey('arn:aws:kms:us-east-1:000000000000:key/none', {})).rejects.toMatchObject({ retriable: true, code: 'dependency_unavailable' });
  });
});
