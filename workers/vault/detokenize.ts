import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { findPlaceholders, isCipherError, openValue, parseSealedHeader, restoreText, type PlaceholderRef } from '../../pipelines/cipher';
import { withClient, withTenant } from '../adapters/postgres/pools';
import { claimVaultRows, readVaultRows, type SealedVaultRow } from '../adapters/postgres/vault-access.repo';
import type { AuditOutbox } from '../audit/audit-outbox';
import { KeyDestroyedError, type TenantKeyring } from '../keys/tenant-keyring';
import { detokenizeFacts, type DetokenizeAttempt } from './detokenize-audit';
import { DetokenizeRefusedError, type RefusalCode } from './detokenize.errors';

export interface DetokenizeRequest {
  readonly tenantId: string;
  readonly reason?: string;
  readonly actor?: string;
  /** Vault token ids (fpe tokens as `fpe:<ENTITY>:<ciphertext>`), or… */
  readonly tokens?: readonly string[];
  /** …a whole sanitized text, restored byte for byte. Exactly one of the two. */
  readonly text?: string;
}

export interface DetokenizeResult {
  readonly eventId: string;
  readonly tokenCount: number;
  readonly text?: string;
  readonly values?: ReadonlyArray<{ readonly token: string; readonly value: string }>;
}

export interface DetokenizerDeps {
  readonly app: Pool;
  readonly keyring: TenantKeyring;
  /** Where attempts are recorded: a grant by the claim statement, a refusal in its own transaction; commits wake the relays (sql/postgres/020). */
  readonly outbox: Pick<AuditOutbox, 'record' | 'row'>;
  readonly reasonCodes: ReadonlySet<string>;
  readonly maxTokens?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refusal raised inside the flow; turned into an audited DetokenizeRefusedError at the edge. */
class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly detail: string,
    readonly counts?: { expired: number; notFound: number },
  ) {
    super(detail);
  }
}

/**
 * Refuses unless every token has a live row: unknown ids (and other tenants', which RLS hides) as
 * not_found, else expired ones as expired. `lost`: the rows were all live at the read and the claim
 * still failed, so one of them changed in between.
 */
function refuseUnavailable(tokenIds: readonly string[], rows: readonly SealedVaultRow[], lost = false): void {
  const expired = rows.filter((r) => !r.live).length;
  const counts = { expired, notFound: tokenIds.length - rows.length };
  if (counts.notFound > 0) throw new Refusal('not_found', `${counts.notFound} token(s) not found for this tenant`, counts);
  if (counts.expired > 0) throw new Refusal('expired', `${counts.expired} token(s) expired`, counts);
  if (lost) throw new Refusal('expired', 'a token expired or was removed during the request', counts);
}

/** The vault key of a placeholder: fpe ciphertexts are unique only per entity. */
export function vaultTokenId(ref: PlaceholderRef): string {
  return ref.kind === 'fpe' ? `fpe:${ref.entity}:${ref.id}` : ref.id;
}

/**
 * Audited detokenization. All or nothing: one expired, unknown or other tenant's token refuses the
 * whole request (a text cannot be restored in part, and partial answers would let a caller probe
 * which ids exist). Every attempt records exactly one audit event. A grant's event is written to
 * the audit outbox by the statement that stamps access_reason_code, and values are returned only
 * after that statement committed: no value leaves without its durable audit record. The caller does
 * not wait for Kafka: the commit wakes a relay, which delivers the event to the chain a few ms
 * later, from its own process when OUTBOX_RELAY=off (sql/postgres/020, 021).
 */
export class Detokenizer {
  constructor(private readonly deps: DetokenizerDeps) {}

  async detokenize(req: DetokenizeRequest): Promise<DetokenizeResult> {
    const started = performance.now();
    // Without a valid tenant there is no chain to record the attempt in: a usage error, not audited.
    if (typeof req.tenantId !== 'string' || !UUID.test(req.tenantId)) throw new DetokenizeRefusedError('invalid_request', 'tenant id is not a UUID', null);
    const tenantId = req.tenantId.toLowerCase();
    const mode = req.text !== undefined ? 'text' : 'tokens';
    const tokenIds = [...new Set(mode === 'text' ? findPlaceholders(req.text ?? '').map(vaultTokenId) : (req.tokens ?? []))];
    const attempt = { tenantId, requestId: `detok-${randomUUID()}`, actor: req.actor, reason: req.reason, mode, tokenIds } as const;
    try {
      this.precheck(req, tokenIds.length);
      return await withClient(this.deps.app, async (c) => {
        // Read, open, then claim: the claim stamps the rows and writes the grant's event in one
        // statement that commits on return, so values leave only with their durable audit record,
        // and a refusal before it (missing, expired, undecryptable) has nothing to undo.
        const rows = await readVaultRows(c, tenantId, tokenIds);
        refuseUnavailable(tokenIds, rows);
        const values = await this.open(tenantId, rows);
        // The grant's latency_ms is therefore the time up to the claim.
        const grant = this.deps.outbox.row(detokenizeFacts({ ...attempt, latencyMs: performance.now() - started }));
        // Lost only to a row expiring or vanishing (purge, erasure) since the read: refused as such.
        if (!(await claimVaultRows(c, tenantId, tokenIds, req.reason!, grant))) refuseUnavailable(tokenIds, await readVaultRows(c, tenantId, tokenIds), true);
        return { ...this.render(req, tokenIds, values), eventId: grant.event.event_id, tokenCount: tokenIds.length };
      });
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      const refused: DetokenizeAttempt = { ...attempt, refusal: err.code, counts: err.counts, latencyMs: performance.now() - started };
      // Nothing was claimed; the refusal is recorded in a transaction of its own.
      const event = await withTenant(this.deps.app, tenantId, (c) => this.deps.outbox.record(c, detokenizeFacts(refused)));
      throw new DetokenizeRefusedError(err.code, err.detail, event.event_id);
    }
  }

  private precheck(req: DetokenizeRequest, count: number): void {
    if ((req.text === undefined) === (req.tokens === undefined)) throw new Refusal('invalid_request', 'give exactly one of tokens or text');
    if (!req.actor || req.actor.trim() === '') throw new Refusal('missing_actor', 'an actor is required');
    if (!req.reason) throw new Refusal('missing_reason', 'a reason code is required');
    if (!this.deps.reasonCodes.has(req.reason)) throw new Refusal('unknown_reason', 'reason code is not in DETOKENIZE_REASON_CODES');
    if (count > (this.deps.maxTokens ?? 1000)) throw new Refusal('too_many_tokens', `${count} tokens exceed the per-request limit`);
    if (req.text !== undefined) {
      try {
        restoreText(req.text, () => ''); // strict scan only: rejects malformed placeholders before any lookup
      } catch (err) {
        if (isCipherError(err)) throw new Refusal('malformed_text', err.code);
        throw err;
      }
    }
  }

  /** Each row names its key version in the sealed header; old versions stay readable after rotation. */
  private async open(tenantId: string, rows: readonly SealedVaultRow[]): Promise<Map<string, string>> {
    const values = new Map<string, string>();
    for (const row of rows) {
      try {
        const { keyVersion } = parseSealedHeader(row.enc_value_aead);
        const key = await this.deps.keyring.keyVersion(tenantId, 'data', keyVersion);
        const aad = { tenantId, tokenId: row.token_id, dataClass: row.data_class, keyVersion };
        values.set(row.token_id, openValue(key.key, row.enc_value_aead, aad).toString('utf8'));
      } catch (err) {
        if (err instanceof KeyDestroyedError) throw new Refusal('key_destroyed', 'the data key of a token has been destroyed');
        if (isCipherError(err)) throw new Refusal('integrity_failure', `sealed value did not open (${err.code})`);
        throw err;
      }
    }
    return values;
  }

  private render(req: DetokenizeRequest, tokenIds: readonly string[], values: Map<string, string>): Pick<DetokenizeResult, 'text' | 'values'> {
    if (req.text !== undefined) return { text: restoreText(req.text, (ref) => values.get(vaultTokenId(ref))!) };
    return { values: tokenIds.map((token) => ({ token, value: values.get(token)! })) };
  }
}
