/**
 * Vault benchmark on the real local stack: tokenize (the pipeline's tokenizeText: HMAC token +
 * AES-256-GCM seal per value) with batched vault writes into redaction_maps through RLS (one
 * prepared INSERT ... SELECT FROM unnest(9 column arrays) per batch, `concurrency` batches in
 * flight), then detokenize latency per single-token request with the data key cached — which
 * includes the access-stamping UPDATE and the audit event written to the outbox in the same
 * transaction, as in production (detokenize-latency.bench.ts). Besides the headline figures it reports where the time went
 * (tokenize CPU per value, time stalled waiting for writes) and how soon the relay had each audit
 * event acknowledged by Kafka after its request returned, because on a shared 2-core host the
 * headline figures swing with the load and the split says which side moved.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_POLICY_REF, DEFAULT_RULESET } from '../../pipelines/policy';
import type { ActedOn } from '../../pipelines/policy/types';
import type { TenantContext, VaultRecord } from '../../pipelines/stages/stage.types';
import { tokenizeText } from '../../pipelines/stages/tokenize.stage';
import { withTenant } from '../../workers/adapters/postgres/pools';
import { createTenant } from '../../workers/adapters/postgres/tenants.repo';
import { insertVaultRows } from '../../workers/adapters/postgres/vault.repo';
import type { AppContext } from '../../workers/runtime/app-context';
import { createVaultServices } from '../../workers/vault/vault-services';
import { measureDetokenize, type DetokenizeLatency } from './detokenize-latency.bench';

export interface VaultBenchOptions {
  readonly values?: number;
  readonly valuesPerMessage?: number;
  readonly batchRows?: number;
  readonly concurrency?: number;
  readonly detokenizeSamples?: number;
}

export interface VaultBenchResult {
  tokenizeWritePerSec: number;
  /** Wall time inside tokenizeText per value (CPU-bound; inflated by a busy host). */
  tokenizeUsPerValue: number;
  /** Time the tokenize loop sat waiting for a free write slot: > 0 means Postgres was the bottleneck. */
  writeStallMs: number;
  /** Detokenize latency with the relay in a process of its own (the deployment: jobs worker relays). */
  detokenizeP50Ms: number;
  detokenizeP99Ms: number;
  /** From a request's return to Kafka's acks=all acknowledgement of its audit event (outbox relay). */
  auditDeliveryP50Ms: number;
  auditDeliveryP99Ms: number;
  /** The same with the serving process relaying its own events (OUTBOX_RELAY=listen). */
  inProcessRelay: DetokenizeLatency;
}

/** One message of `n` email-shaped values and the spans the policy would hand to tokenize. */
function message(i: number, n: number): { text: string; spans: ActedOn[] } {
  const spans: ActedOn[] = [];
  let text = '';
  for (let k = 0; k < n; k++) {
    const value = `user${i}.${k}@bench.example`;
    if (k > 0) text += ', ';
    spans.push({ entity: 'EMAIL_ADDRESS', dataClass: 'pii', start: text.length, end: text.length + value.length, score: 1, action: 'encrypt', rule: 'bench', tokenFormat: 'opaque', ttlSeconds: 3600 });
    text += value;
  }
  return { text, spans };
}

export async function benchVault(ctx: AppContext, opts: VaultBenchOptions = {}): Promise<VaultBenchResult> {
  const { values = 100_000, valuesPerMessage = 10, batchRows = 1000, concurrency = 4, detokenizeSamples = 10_000 } = opts;
  const tenantId = randomUUID();
  await createTenant(ctx.pg.admin, { id: tenantId, name: 'bench', slug: `bench-${tenantId.slice(0, 8)}`, region: 'local' });
  // The serving side relays nothing (OUTBOX_RELAY=off) until measureDetokenize says otherwise.
  const vault = await createVaultServices(ctx, { relay: 'off' });
  try {
    const [dataKey, tokenKey] = [await vault.keyring.activeKey(tenantId, null, 'data'), await vault.keyring.activeKey(tenantId, null, 'token')];
    const stage: TenantContext = { tenantId, policy: { ruleset: DEFAULT_RULESET, ref: DEFAULT_POLICY_REF }, dataKey, tokenKey, defaultTtlSeconds: 3600 };

    // Tokenize + write: CPU work overlaps with up to `concurrency` INSERTs in flight.
    const inFlight = new Set<Promise<void>>();
    const sampleTokens: string[] = [];
    let pending: VaultRecord[] = [];
    let tokenizeMs = 0;
    let writeStallMs = 0;
    const flush = async (rows: VaultRecord[]) => {
      const w0 = performance.now();
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      writeStallMs += performance.now() - w0;
      const p = withTenant(ctx.pg.app, tenantId, (c) => insertVaultRows(c, rows)).then(() => void inFlight.delete(p));
      inFlight.add(p);
    };
    const started = performance.now();
    for (let i = 0; i * valuesPerMessage < values; i++) {
      const m = message(i, valuesPerMessage);
      const t0 = performance.now();
      const out = tokenizeText(m.text, m.spans, stage, { requestId: `bench-${i}`, conversationId: null }, Date.now());
      tokenizeMs += performance.now() - t0;
      pending.push(...out.vault);
      if (sampleTokens.length < detokenizeSamples && i % 5 === 0) sampleTokens.push(out.vault[0]!.tokenId);
      if (pending.length >= batchRows) {
        await flush(pending);
        pending = [];
      }
    }
    if (pending.length > 0) await flush(pending);
    const drain0 = performance.now();
    await Promise.all(inFlight);
    writeStallMs += performance.now() - drain0;
    const tokenizeWritePerSec = Math.round(values / ((performance.now() - started) / 1000));

    // Detokenize: sequential single-token requests, key cached after the first; the relay in a
    // process of its own (the jobs worker's role), then inside this one.
    const separate = await measureDetokenize(ctx, vault, tenantId, sampleTokens, detokenizeSamples, 'separate-process');
    const inProcess = await measureDetokenize(ctx, vault, tenantId, sampleTokens, detokenizeSamples, 'in-process');
    return {
      tokenizeWritePerSec,
      tokenizeUsPerValue: Math.round((tokenizeMs * 1_000_000) / values) / 1000,
      writeStallMs: Math.round(writeStallMs),
      detokenizeP50Ms: separate.p50Ms,
      detokenizeP99Ms: separate.p99Ms,
      auditDeliveryP50Ms: separate.deliveryP50Ms,
      auditDeliveryP99Ms: separate.deliveryP99Ms,
      inProcessRelay: inProcess,
    };
  } finally {
    await vault.close();
    // Bench rows are noise for everyone else; the tenant row stays as the record of the run.
    await ctx.pg.admin.query('DELETE FROM redaction_maps WHERE tenant_id = $1', [tenantId]).catch(() => undefined);
  }
}
