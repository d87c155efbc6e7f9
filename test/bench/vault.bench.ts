/**
 * Vault benchmark on the real local stack: tokenize (the pipeline's tokenizeText: HMAC token +
 * AES-256-GCM seal per value) with batched vault writes into redaction_maps through RLS (one
 * prepared INSERT ... SELECT FROM unnest(9 column arrays) per batch, `concurrency` batches in
 * flight), then detokenize latency per single-token request with the data key cached — which
 * includes the access-stamping UPDATE and the audit event written to the outbox in the same
 * transaction, as in production. Besides the headline figures it reports where the time went
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
  detokenizeP50Ms: number;
  detokenizeP99Ms: number;
  /** From a request's return to Kafka's acks=all acknowledgement of its audit event (outbox relay). */
  auditDeliveryP50Ms: number;
  auditDeliveryP99Ms: number;
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

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function benchVault(ctx: AppContext, opts: VaultBenchOptions = {}): Promise<VaultBenchResult> {
  const { values = 100_000, valuesPerMessage = 10, batchRows = 1000, concurrency = 4, detokenizeSamples = 10_000 } = opts;
  const tenantId = randomUUID();
  await createTenant(ctx.pg.admin, { id: tenantId, name: 'bench', slug: `bench-${tenantId.slice(0, 8)}`, region: 'local' });
  const vault = await createVaultServices(ctx);
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

    // Detokenize: sequential single-token requests, key cached after the first. The relay's
    // publish is wrapped (same instance, same producer) to note when each audit event was acked.
    const acked: Array<{ at: number; value: Buffer }> = [];
    const publish = vault.audit.publishEncoded.bind(vault.audit);
    vault.audit.publishEncoded = async (messages, headers) => {
      await publish(messages, headers);
      const at = performance.now();
      for (const m of messages) acked.push({ at, value: m.value });
    };
    const ask = (token: string) => vault.detokenizer.detokenize({ tenantId, reason: 'support_ticket', actor: 'bench', tokens: [token] });
    for (const t of sampleTokens.slice(0, 50)) await ask(t); // warm-up: key unwrap, producer connect, JIT
    await vault.outbox.drain();
    acked.length = 0;
    const times: number[] = [];
    const returned = new Map<string, number>();
    for (let i = 0; i < detokenizeSamples; i++) {
      const t0 = performance.now();
      const out = await ask(sampleTokens[i % sampleTokens.length]!);
      const t1 = performance.now();
      times.push(t1 - t0);
      returned.set(out.eventId, t1);
    }
    await vault.outbox.drain();
    const delivery: number[] = [];
    for (const a of acked) {
      const t1 = returned.get((await ctx.codecs.decisions.decode(a.value)).event_id);
      if (t1 !== undefined) delivery.push(a.at - t1);
    }
    if (delivery.length !== returned.size) throw new Error(`relay delivered ${delivery.length} of ${returned.size} audit events`);
    delivery.sort((a, b) => a - b);
    times.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 1000) / 1000;
    return {
      tokenizeWritePerSec,
      tokenizeUsPerValue: round((tokenizeMs * 1000) / values),
      writeStallMs: Math.round(writeStallMs),
      detokenizeP50Ms: round(percentile(times, 50)),
      detokenizeP99Ms: round(percentile(times, 99)),
      auditDeliveryP50Ms: round(percentile(delivery, 50)),
      auditDeliveryP99Ms: round(percentile(delivery, 99)),
    };
  } finally {
    await vault.close();
    // Bench rows are noise for everyone else; the tenant row stays as the record of the run.
    await ctx.pg.admin.query('DELETE FROM redaction_maps WHERE tenant_id = $1', [tenantId]).catch(() => undefined);
  }
}
