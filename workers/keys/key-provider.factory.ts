import { isAbsolute, join } from 'node:path';
import { env, type Env } from '../config/env';
import { repoRoot } from '../config/repo-paths';
import type { KeyProvider } from './key-provider';
import { LocalKeyProvider } from './local-key-provider';
import { AwsKmsKeyProvider } from './aws-kms-key-provider';

/** Builds the configured key provider (KEY_PROVIDER=local|aws). */
export function createKeyProvider(e: Env = env()): KeyProvider {
  if (e.KEY_PROVIDER === 'aws') {
    // Against the local moto endpoint any credentials work; in AWS the default chain applies.
    const local = /^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(e.KMS_ENDPOINT);
    return AwsKmsKeyProvider.fromEndpoint({
      endpoint: e.KMS_ENDPOINT,
      region: e.KMS_REGION,
      defaultKeyId: e.KMS_DEFAULT_KEY_ID,
      credentials: local ? { accessKeyId: 'test', secretAccessKey: 'test' } : undefined,
    });
  }
  const file = isAbsolute(e.LOCAL_MASTER_KEY_FILE) ? e.LOCAL_MASTER_KEY_FILE : join(repoRoot(), e.LOCAL_MASTER_KEY_FILE);
  return new LocalKeyProvider({ masterKeyHex: e.LOCAL_MASTER_KEY, masterKeyFile: file });
}
