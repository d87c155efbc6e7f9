import type { PolicyRef, Ruleset } from '../policy/types';

/** The tenant's effective policy; `shadow` is a candidate evaluated beside it and audited, never enforced. */
export interface TenantPolicy {
  readonly ruleset: Ruleset;
  readonly ref: PolicyRef;
  readonly shadow?: { readonly ruleset: Ruleset; readonly ref: PolicyRef };
}

/** Everything a stage needs to know about the tenant of one message (the worker loads it). */
export interface TenantContext {
  readonly tenantId: string;
  readonly policy: TenantPolicy;
  /** AEAD key for vault originals. */
  readonly dataKey: { readonly version: number; readonly key: Buffer };
  /** HMAC / FF1 key for token ids. */
  readonly tokenKey: { readonly version: number; readonly key: Buffer };
  readonly defaultTtlSeconds: number;
}

/** One vault row to write; the value is already sealed. */
export interface VaultRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly conversationId: string | null;
  readonly tokenId: string;
  readonly sealed: Buffer;
  readonly fpeTweak: Buffer | null;
  readonly dataClass: string;
  readonly fieldType: string;
  readonly expiresAt: Date;
}

/** Where a message's tokens are scoped: request (opaque) or conversation (deterministic). */
export interface TokenScope {
  readonly requestId: string;
  readonly conversationId: string | null;
  /**
   * Keys opaque and deterministic tokens on this tenant-wide scope instead (the vault row then has
   * no conversation): for ids consumers join on, which must tokenize the same in every request.
   */
  readonly stableKey?: string;
}
