import type { Pool } from 'pg';
import { PipelineRejection } from '../../pipelines/errors';
import { decideEnvelope } from '../../pipelines/stages/decide.stage';
import { detectInputs } from '../../pipelines/stages/detect.stage';
import { requestOf, tenantOf, type Envelope, type StageInput } from '../../pipelines/stages/envelope';
import { protectEnvelope } from '../../pipelines/stages/protect.stage';
import type { TenantContext, VaultRecord } from '../../pipelines/stages/stage.types';
import type { WorkerPlan } from '../../pipelines/topology';
import { TOPICS } from '../../schemas/topics';
import type { DecisionEvent } from '../../schemas/types';
import { topicName, type Env } from '../config/env';
import { withTenant } from '../adapters/postgres/pools';
import { insertVaultRows } from '../adapters/postgres/vault.repo';
import { DependencyUnavailableError, asError, isRetriable } from '../errors';
import { metrics } from '../observability/metrics';
import type { Codecs } from './app-context';
import { deadLetterFor } from './dead-letter';
import { fromEnvelope, toEnvelope } from './envelope-codec';
import type { BatchHandler, InputMessage, OutputRecord } from './messages';
import type { TenantContextLoader } from './tenant-context';
import type { SignatureCatalog } from '../signatures/signature-catalog';
import type { SignatureIndex } from '../../pipelines/detect/injection';
import { withEnvelope, type DetectPool, type DetectResult } from './detect-pool';
import type { DetectJob } from './detect-protocol';

/** A message that keeps failing with a non-dependency error goes to the DLQ after this many tries. */
const MAX_POISON_ATTEMPTS = 3;

export interface StageHandlerDeps {
  readonly env: Env;
  readonly codecs: Codecs;
  readonly contexts: TenantContextLoader;
  readonly app: Pool;
  readonly dlqKey: () => Promise<Buffer>;
  /** Per-tenant attack signatures (shipped + pgvector table) for the detect stage. */
  readonly signatures: SignatureCatalog;
  /** Threads for the detect stage; without one it runs on the main thread. */
  readonly detectPool?: DetectPool;
}

/** A decoded message of a chunk after the detect stage (or why it got no further). */
type Detected = { readonly m: InputMessage; readonly stop: () => void } & (
  | { readonly ok: true; readonly tenant: string; readonly envelope: Envelope }
  | { readonly ok: false; readonly tenant: string | null; readonly error: Error }
);
/** A decoded raw input waiting for the detect stage. */
type Undetected = { readonly ok: 'pending'; readonly m: InputMessage; readonly tenant: string; readonly stop: () => void; readonly job: DetectJob; readonly signatures: SignatureIndex };

/**
 * Runs a worker plan's stages (pipelines/topology.ts) over a chunk: decode the input (raw topics
 * or a stage envelope), run the stages this worker owns, and emit either the next envelope or the
 * final outputs, vault rows and audit events. Rejections go to the DLQ; dependency failures throw
 * so the whole chunk is retried (fail closed); anything else is retried a few times, then
 * dead-lettered as `stage_failed` so one poison message cannot stall its partition.
 */
export class StageHandler implements BatchHandler {
  readonly name: string;
  private readonly failures = new Map<string, number>();
  /** Chunks whose decode and detect were started early (see BatchHandler.handle's `next`). */
  private readonly prefetched = new WeakMap<readonly InputMessage[], Promise<Detected[]>>();

  constructor(
    private readonly plan: WorkerPlan,
    private readonly deps: StageHandlerDeps,
  ) {
    this.name = plan.name;
  }

  async handle(messages: readonly InputMessage[], next?: readonly InputMessage[]): Promise<OutputRecord[]> {
    const detected = await this.detectedChunk(messages);
    // The detect threads would otherwise idle while this chunk is decided, protected and committed.
    // Without them (inline detection, or a decide/protect worker) an early start only reorders work.
    if (next && this.deps.detectPool) this.prefetch(next);
    const outputs: OutputRecord[] = [];
    const vault = new Map<string, VaultRecord[]>();
    const contexts = new Map<string, TenantContext>();
    for (const item of detected) {
      const m = item.m;
      try {
        if (!item.ok) throw item.error;
        const tenant = item.tenant;
        let env = item.envelope;
        if (this.plan.stages.includes('decide')) env = decideEnvelope(env, await this.deps.contexts.policy(tenant));
        // A message's records are collected first: all of them go out, or (too large) none.
        const mine: OutputRecord[] = [];
        let mineVault: readonly VaultRecord[] = [];
        if (this.plan.output !== 'final') {
          const topic = topicName(TOPICS[this.plan.output], this.deps.env);
          mine.push({ topic, key: tenant, value: this.deps.codecs[this.plan.output].encode(toEnvelope(env)) });
        } else {
          let ctx = contexts.get(tenant);
          if (!ctx) contexts.set(tenant, (ctx = await this.deps.contexts.load(tenant)));
          const outcome = protectEnvelope(env, ctx, Date.now());
          for (const o of outcome.outputs) mine.push({ topic: topicName(TOPICS[o.topic], this.deps.env), key: tenant, value: this.encodeOutput(o) });
          outcome.events.forEach((e, i) => mine.push(this.eventRecord(i === 0 ? { ...e, latency_ms: round3(Date.now() - env.receivedAt) } : e)));
          mineVault = outcome.vault;
        }
        const largest = Math.max(...mine.map((o) => o.value.length));
        if (largest > this.deps.env.MAX_OUTPUT_BYTES) throw new PipelineRejection('oversized', `an output of ${largest} bytes would exceed ${this.deps.env.MAX_OUTPUT_BYTES}`);
        outputs.push(...mine);
        if (mineVault.length > 0) {
          const list = vault.get(tenant);
          if (list) list.push(...mineVault);
          else vault.set(tenant, [...mineVault]);
        }
        this.failures.delete(`${m.topic}/${m.partition}/${m.offset}`);
      } catch (err) {
        if (isRetriable(err)) throw err;
        if (!(err instanceof PipelineRejection) && !this.isPoison(m)) throw err;
        const reason = err instanceof PipelineRejection ? err.code : 'stage_failed';
        metrics.deadLetters.inc({ stage: this.name, reason });
        outputs.push(deadLetterFor(this.deps.codecs.dlq, await this.deps.dlqKey(), this.name, m, err, item.tenant, this.deps.env));
      } finally {
        item.stop();
      }
    }
    await this.writeVault(vault);
    return outputs;
  }

  /** The chunk's detect results: started early by prefetch(), or now. */
  private detectedChunk(messages: readonly InputMessage[]): Promise<Detected[]> {
    const early = this.prefetched.get(messages);
    this.prefetched.delete(messages);
    return early ?? this.detectAll(messages);
  }

  /**
   * Starts decode and detect of a chunk handle() has not reached yet. Both are free of side effects
   * (caches aside), so a prefetched chunk that is never handled (this one failed, the partition
   * rewinds) is simply dropped; its failure, if any, surfaces when handle() awaits it.
   */
  private prefetch(messages: readonly InputMessage[]): void {
    const pending = this.detectAll(messages);
    pending.catch(() => undefined); // awaited later by handle(), or never (dropped): not unhandled
    this.prefetched.set(messages, pending);
  }

  /**
   * Decodes every message of the chunk and runs the detect stage where this worker owns it: on the
   * detect pool's threads when there is one (all of the chunk at once), else inline. A retriable
   * failure (registry, Postgres) fails the whole chunk; any other is kept with its message.
   */
  private async detectAll(messages: readonly InputMessage[]): Promise<Detected[]> {
    const items: (Detected | Undetected)[] = [];
    for (const m of messages) {
      const stop = metrics.stageLatency.startTimer({ stage: this.name });
      let tenant: string | null = null;
      try {
        const decoded = await this.decodeInput(m);
        tenant = tenantOf('input' in decoded ? decoded.input : decoded);
        await this.deps.contexts.tenant(tenant);
        if ('input' in decoded) items.push({ ok: true, m, tenant, stop, envelope: decoded });
        else items.push({ ok: 'pending', m, tenant, stop, job: { input: decoded, receivedAt: Number(m.timestamp) || Date.now() }, signatures: await this.deps.signatures.forTenant(tenant) });
      } catch (err) {
        if (isRetriable(err)) throw err;
        items.push({ ok: false, m, tenant, stop, error: asError(err) });
      }
    }
    const pool = this.deps.detectPool;
    const detect = pool ? (jobs: DetectJob[], s: SignatureIndex) => pool.detect(jobs, s) : async (jobs: DetectJob[], s: SignatureIndex) => detectInline(jobs, s);
    // One call per signature set (in practice per tenant); on the pool, spread over its threads at once.
    const bySet = new Map<SignatureIndex, number[]>();
    items.forEach((it, i) => {
      if (it.ok !== 'pending') return;
      const at = bySet.get(it.signatures);
      if (at) at.push(i);
      else bySet.set(it.signatures, [i]);
    });
    const detected: (Detected | Undetected)[] = [...items];
    await Promise.all(
      [...bySet].map(async ([signatures, at]) => {
        const pending = at.map((i) => items[i] as Undetected);
        const results = await detect(pending.map((it) => it.job), signatures);
        results.forEach((r, k) => (detected[at[k]!] = settled(pending[k]!, r)));
      }),
    );
    return detected as Detected[];
  }

  /** A raw input (to be detected) or, on internal topics, the previous stage's envelope. */
  private async decodeInput(m: InputMessage): Promise<Envelope | StageInput> {
    if (!m.value) throw new PipelineRejection('decode_failed', 'empty value (tombstone)');
    if (m.value.length > this.deps.env.MAX_MESSAGE_BYTES) throw new PipelineRejection('oversized', `value of ${m.value.length} bytes exceeds ${this.deps.env.MAX_MESSAGE_BYTES}`);
    if (this.plan.input !== 'raw') return fromEnvelope(await this.deps.codecs[this.plan.input].decode(m.value));
    const input: StageInput =
      m.topic === topicName(TOPICS.logsRaw, this.deps.env)
        ? { kind: 'log', log: await this.deps.codecs.logsRaw.decode(m.value) }
        : { kind: 'prompt', prompt: await this.deps.codecs.promptsRaw.decode(m.value) };
    return normalizeTenant(input);
  }

  private encodeOutput(o: ReturnType<typeof protectEnvelope>['outputs'][number]): Buffer {
    switch (o.topic) {
      case 'promptsSanitized':
        return this.deps.codecs.promptsSanitized.encode(o.value);
      case 'promptsBlocked':
        return this.deps.codecs.promptsBlocked.encode(o.value);
      case 'logsSanitized':
        return this.deps.codecs.logsSanitized.encode(o.value);
    }
  }

  private eventRecord(event: DecisionEvent): OutputRecord {
    return { topic: topicName(TOPICS.decisions, this.deps.env), key: event.tenant_id, value: this.deps.codecs.decisions.encode(event) };
  }

  /** Counts failures per message; true once it has failed often enough to be dead-lettered. */
  private isPoison(m: InputMessage): boolean {
    const key = `${m.topic}/${m.partition}/${m.offset}`;
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    if (this.failures.size > 10_000) this.failures.clear(); // bounded: a stale count only delays a DLQ
    return n >= MAX_POISON_ATTEMPTS;
  }

  private async writeVault(byTenant: Map<string, VaultRecord[]>): Promise<void> {
    for (const [tenantId, rows] of byTenant) {
      try {
        await withTenant(this.deps.app, tenantId, (c) => insertVaultRows(c, rows));
      } catch (err) {
        throw err instanceof DependencyUnavailableError ? err : new DependencyUnavailableError('vault (postgres)', err);
      }
    }
  }
}

/** The detect stage on this thread, as the pool's threads run it; a job's failure stays with its message (DLQ or retry, as any stage's). */
function detectInline(jobs: readonly DetectJob[], signatures: SignatureIndex): DetectResult[] {
  const attempts = detectInputs(jobs.map((j) => j.input), signatures);
  return attempts.map((a, i) => (a.ok ? withEnvelope(jobs[i]!, a.detections) : { ok: false, error: asError(a.error) }));
}

function settled(it: Undetected, r: DetectResult): Detected {
  const { m, tenant, stop } = it;
  return r.ok ? { ok: true, m, tenant, stop, envelope: r.envelope } : { ok: false, m, tenant, stop, error: r.error };
}

function normalizeTenant(input: StageInput): StageInput {
  return input.kind === 'prompt'
    ? { kind: 'prompt', prompt: { ...input.prompt, tenant_id: input.prompt.tenant_id.toLowerCase() } }
    : { kind: 'log', log: { ...input.log, tenant_id: input.log.tenant_id.toLowerCase() } };
}

function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export { requestOf };
