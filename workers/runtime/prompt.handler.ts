import type { Pool } from 'pg';
import { PipelineRejection } from '../../pipelines/errors';
import { detectStage } from '../../pipelines/stages/detect.stage';
import { processPrompt, type PromptOutcome } from '../../pipelines/stages/prompt.stage';
import { shadowDecisionEvent } from '../../pipelines/stages/shadow.stage';
import type { TenantContext, VaultRecord } from '../../pipelines/stages/stage.types';
import { TOPICS } from '../../schemas/topics';
import type { BlockedPrompt, DeadLetter, DecisionEvent, RawPrompt, SanitizedPrompt } from '../../schemas/types';
import { topicName } from '../config/env';
import { withTenant } from '../adapters/postgres/pools';
import { insertVaultRows } from '../adapters/postgres/vault.repo';
import type { TopicCodec } from '../adapters/registry/topic-codec';
import { DependencyUnavailableError } from '../errors';
import { deadLetterFor } from './dead-letter';
import type { BatchHandler, InputMessage, OutputRecord } from './messages';
import type { TenantContextLoader } from './tenant-context';

export interface PromptCodecs {
  readonly raw: TopicCodec<RawPrompt>;
  readonly sanitized: TopicCodec<SanitizedPrompt>;
  readonly blocked: TopicCodec<BlockedPrompt>;
  readonly decisions: TopicCodec<DecisionEvent>;
  readonly dlq: TopicCodec<DeadLetter>;
}

/**
 * The fused prompt stage (detect → decide → tokenize) for a chunk of sentinel.prompts.raw.
 * Rejected messages become DLQ records; vault rows of the whole chunk are written (idempotently)
 * before the worker commits the outputs; any dependency failure throws so the chunk is retried.
 */
export class PromptHandler implements BatchHandler {
  readonly name = 'prompt';

  constructor(
    private readonly codecs: PromptCodecs,
    private readonly contexts: TenantContextLoader,
    private readonly app: Pool,
    private readonly dlqKey: () => Promise<Buffer>,
    private readonly maxMessageBytes: number,
  ) {}

  async handle(messages: readonly InputMessage[]): Promise<OutputRecord[]> {
    const outputs: OutputRecord[] = [];
    const vaultByTenant = new Map<string, VaultRecord[]>();
    const contexts = new Map<string, TenantContext>();
    for (const m of messages) {
      const started = performance.now();
      let prompt: RawPrompt | undefined;
      try {
        if (!m.value) throw new PipelineRejection('decode_failed', 'empty value (tombstone)');
        if (m.value.length > this.maxMessageBytes) throw new PipelineRejection('oversized', `value of ${m.value.length} bytes exceeds ${this.maxMessageBytes}`);
        prompt = await this.codecs.raw.decode(m.value);
        const tenantId = prompt.tenant_id.toLowerCase();
        let ctx = contexts.get(tenantId);
        if (!ctx) {
          ctx = await this.contexts.load(tenantId);
          contexts.set(tenantId, ctx);
        }
        const now = Date.now();
        const detection = detectStage(prompt.text, 'prompt');
        const outcome = processPrompt({ ...prompt, tenant_id: tenantId }, detection, ctx, now);
        outputs.push(...this.encodeOutcome(outcome, performance.now() - started));
        // Shadow candidate: audited beside the enforced decision, never applied to the outputs.
        const shadowStarted = performance.now();
        const shadow = shadowDecisionEvent({ ...prompt, tenant_id: tenantId }, detection, ctx, 'prompt', now);
        if (shadow) outputs.push(this.decisionRecord({ ...shadow, latency_ms: Math.round((performance.now() - shadowStarted) * 1000) / 1000 }));
        if (outcome.kind === 'sanitized' && outcome.vault.length > 0) {
          const list = vaultByTenant.get(tenantId) ?? [];
          list.push(...outcome.vault);
          vaultByTenant.set(tenantId, list);
        }
      } catch (err) {
        if (!(err instanceof PipelineRejection)) throw err;
        outputs.push(deadLetterFor(this.codecs.dlq, await this.dlqKey(), 'prompt', m, err, prompt?.tenant_id ?? null));
      }
    }
    await this.writeVault(vaultByTenant);
    return outputs;
  }

  private encodeOutcome(outcome: PromptOutcome, latencyMs: number): OutputRecord[] {
    const event = { ...outcome.event, latency_ms: Math.round(latencyMs * 1000) / 1000 };
    const key = event.tenant_id;
    const decision = this.decisionRecord(event);
    if (outcome.kind === 'blocked') {
      return [{ topic: topicName(TOPICS.promptsBlocked), key, value: this.codecs.blocked.encode(outcome.blocked) }, decision];
    }
    return [{ topic: topicName(TOPICS.promptsSanitized), key, value: this.codecs.sanitized.encode(outcome.sanitized) }, decision];
  }

  private decisionRecord(event: DecisionEvent): OutputRecord {
    return { topic: topicName(TOPICS.decisions), key: event.tenant_id, value: this.codecs.decisions.encode(event) };
  }

  private async writeVault(byTenant: Map<string, VaultRecord[]>): Promise<void> {
    for (const [tenantId, rows] of byTenant) {
      try {
        await withTenant(this.app, tenantId, (c) => insertVaultRows(c, rows));
      } catch (err) {
        throw err instanceof DependencyUnavailableError ? err : new DependencyUnavailableError('vault (postgres)', err);
      }
    }
  }
}
