/**
 * Where tenant data keys come from. A provider generates a fresh data key and returns it both in
 * plaintext (used briefly, then dropped) and wrapped under the wrapping key (stored in Postgres).
 * The encryption context is bound to the wrapped key: unwrapping with another context fails.
 */
export interface GeneratedDataKey {
  readonly plaintext: Buffer;
  readonly wrapped: Buffer;
}

export type EncryptionContext = Readonly<Record<string, string>>;

export interface KeyProvider {
  readonly name: 'local' | 'aws';
  /** The wrapping key used for a tenant (a KMS key ARN, or the local master key's id). */
  wrappingKeyFor(tenantKmsKeyArn: string | null): string;
  generateDataKey(wrappingKeyId: string, context: EncryptionContext): Promise<GeneratedDataKey>;
  unwrap(wrappingKeyId: string, wrapped: Buffer, context: EncryptionContext): Promise<Buffer>;
  /** Wraps an existing key (re-wrap after a tenant's wrapping key changes); same context rules as unwrap. */
  wrap(wrappingKeyId: string, plaintext: Buffer, context: EncryptionContext): Promise<Buffer>;
}
