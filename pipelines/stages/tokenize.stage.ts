import { hkdfSync } from 'node:crypto';
import { countDigits, deterministicToken, fpeToken, FPE_MIN_DIGITS, renderPlaceholder, rewriteText, sealValue, type TextReplacement } from '../cipher';
import type { ActedOn } from '../policy/types';
import { conversationUuid, derivedUuid } from './ids';
import type { TenantContext, TokenScope, VaultRecord } from './stage.types';

export interface TokenizedText {
  readonly text: string;
  readonly vault: readonly VaultRecord[];
  readonly tokenCount: number;
  readonly ciphertextBytes: number;
}

const fpeKeys = new WeakMap<Buffer, Buffer>();

/** FF1 gets its own subkey of the token key, so the two uses never share key material. */
function fpeKeyOf(tokenKey: Buffer): Buffer {
  let k = fpeKeys.get(tokenKey);
  if (!k) {
    k = Buffer.from(hkdfSync('sha256', tokenKey, Buffer.alloc(0), 'ciphermesh/fpe-key/v1', 32));
    fpeKeys.set(tokenKey, k);
  }
  return k;
}

/**
 * Replaces every span the policy chose to encrypt with a placeholder and seals each original
 * into a vault record. Token ids are keyed HMACs (or FF1 ciphertexts), never random, so a replay
 * of the same message yields the same ids and the vault insert is a no-op:
 *  - opaque: scoped to the request — unlinkable across requests;
 *  - deterministic: scoped to the conversation — the LLM sees consistent references;
 *  - fpe: FF1 over the digits, shape kept; falls back to deterministic below FPE_MIN_DIGITS;
 *  - with scope.stableKey (ids in pass-through fields): opaque and deterministic are keyed on it,
 *    so the same id gets the same token in every request of the tenant.
 */
export function tokenizeText(text: string, spans: readonly ActedOn[], ctx: TenantContext, scope: TokenScope, nowMs: number): TokenizedText {
  // Most texts (and nearly every id field) have nothing to encrypt: just the escaping.
  if (spans.length === 0) return { text: rewriteText(text, []), vault: [], tokenCount: 0, ciphertextBytes: 0 };
  const replacements: TextReplacement[] = [];
  const vault = new Map<string, VaultRecord>();
  let ciphertextBytes = 0;
  // Same for every record of this text; derived lazily because most texts have nothing to vault.
  let conversation: string | null | undefined;
  // The opaque scope is per request: built once per text, not per span.
  let requestScope: string | undefined;
  for (const span of spans) {
    if (span.action !== 'encrypt') continue;
    const value = text.slice(span.start, span.end);
    const format = span.tokenFormat === 'fpe' && countDigits(value) < FPE_MIN_DIGITS ? 'deterministic' : (span.tokenFormat ?? 'opaque');
    let tokenId: string;
    let placeholder: string;
    let tweak: Buffer | null = null;
    if (format === 'fpe') {
      const fpe = fpeToken(fpeKeyOf(ctx.tokenKey.key), { tenantId: ctx.tenantId, entity: span.entity, value });
      tokenId = `fpe:${span.entity}:${fpe.token}`;
      tweak = fpe.tweak;
      placeholder = renderPlaceholder({ kind: 'fpe', entity: span.entity, id: fpe.token });
    } else {
      const tokenScope = scope.stableKey ?? (format === 'deterministic' ? (scope.conversationId ?? '') : (requestScope ??= `\u0000request:${scope.requestId}`));
      tokenId = deterministicToken(ctx.tokenKey.key, { tenantId: ctx.tenantId, conversationId: tokenScope, entity: span.entity, value });
      placeholder = renderPlaceholder({ kind: 'tok', entity: span.entity, id: tokenId });
    }
    replacements.push({ start: span.start, end: span.end, replacement: placeholder });
    if (!vault.has(tokenId)) {
      const sealed = sealValue(ctx.dataKey.key, value, { tenantId: ctx.tenantId, tokenId, dataClass: span.dataClass, keyVersion: ctx.dataKey.version });
      ciphertextBytes += sealed.length;
      vault.set(tokenId, {
        id: derivedUuid('vault', ctx.tenantId, tokenId),
        tenantId: ctx.tenantId,
        conversationId: conversation === undefined ? (conversation = scope.stableKey !== undefined ? null : conversationUuid(ctx.tenantId, scope.conversationId)) : conversation,
        tokenId,
        sealed,
        fpeTweak: tweak,
        dataClass: span.dataClass,
        fieldType: span.entity,
        expiresAt: new Date(nowMs + (span.ttlSeconds ?? ctx.defaultTtlSeconds) * 1000),
      });
    }
  }
  return { text: rewriteText(text, replacements), vault: [...vault.values()], tokenCount: replacements.length, ciphertextBytes };
}
