import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { DependencyUnavailableError } from '../errors';
import type { EncryptionContext, GeneratedDataKey, KeyProvider } from './key-provider';

/**
 * AWS KMS key provider: data keys come from GenerateDataKey under the tenant's KMS key
 * (tenants.kms_key_arn) and are unwrapped with Decrypt. The encryption context is passed to KMS,
 * which binds it to the ciphertext blob (and records it in CloudTrail).
 */
export class AwsKmsKeyProvider implements KeyProvider {
  readonly name = 'aws' as const;

  constructor(
    private readonly client: KMSClient,
    private readonly defaultKeyId?: string,
  ) {}

  static fromEndpoint(opts: { endpoint?: string; region: string; defaultKeyId?: string; credentials?: { accessKeyId: string; secretAccessKey: string } }): AwsKmsKeyProvider {
    return new AwsKmsKeyProvider(new KMSClient({ endpoint: opts.endpoint, region: opts.region, credentials: opts.credentials }), opts.defaultKeyId);
  }

  wrappingKeyFor(tenantKmsKeyArn: string | null): string {
    const id = tenantKmsKeyArn ?? this.defaultKeyId;
    if (!id) throw new DependencyUnavailableError('aws kms (tenant has no kms_key_arn and no default key is configured)');
    return id;
  }

  async generateDataKey(wrappingKeyId: string, context: EncryptionContext): Promise<GeneratedDataKey> {
    try {
      const out = await this.client.send(new GenerateDataKeyCommand({ KeyId: wrappingKeyId, KeySpec: 'AES_256', EncryptionContext: { ...context } }));
      if (!out.Plaintext || !out.CiphertextBlob) throw new Error('GenerateDataKey returned no key');
      return { plaintext: Buffer.from(out.Plaintext), wrapped: Buffer.from(out.CiphertextBlob) };
    } catch (err) {
      throw new DependencyUnavailableError('aws kms', err);
    }
  }

  async unwrap(wrappingKeyId: string, wrapped: Buffer, context: EncryptionContext): Promise<Buffer> {
    try {
      const out = await this.client.send(new DecryptCommand({ KeyId: wrappingKeyId, CiphertextBlob: wrapped, EncryptionContext: { ...context } }));
      if (!out.Plaintext) throw new Error('Decrypt returned no plaintext');
      return Buffer.from(out.Plaintext);
    } catch (err) {
      throw new DependencyUnavailableError('aws kms', err);
    }
  }

  /** Encrypt (not ReEncrypt): the caller already holds the plaintext key, and this works across accounts/providers. */
  async wrap(wrappingKeyId: string, plaintext: Buffer, context: EncryptionContext): Promise<Buffer> {
    try {
      const out = await this.client.send(new EncryptCommand({ KeyId: wrappingKeyId, Plaintext: plaintext, EncryptionContext: { ...context } }));
      if (!out.CiphertextBlob) throw new Error('Encrypt returned no ciphertext');
      return Buffer.from(out.CiphertextBlob);
    } catch (err) {
      throw new DependencyUnavailableError('aws kms', err);
    }
  }
}
