import type { Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { TOPICS } from '../../schemas/topics';
import type { RawPrompt } from '../../schemas/types';
import { topicName } from '../../workers/config/env';
import type { AppContext } from '../../workers/runtime/app-context';
import { CLEAN_PROMPTS, email, groupedCard, luhnCard, prng } from './fixtures';

export interface SentPrompt {
  readonly tenantId: string;
  readonly requestId: string;
  readonly text: string;
  /** Plaintext values that must never appear in an output. */
  readonly secrets: readonly string[];
}

/**
 * Generates and produces mixed prompts (emails, Luhn-valid cards, both, clean) for a set of tenants,
 * remembering every request it sent, so a test can count what it tried.
 */
export class PromptLoad {
  /** Acknowledged by the broker: each must end in exactly one output. */
  readonly sent = new Map<string, SentPrompt>();
  /** Sends that failed (e.g. broker down): they may or may not have been written; never counted as lost. */
  readonly uncertain = new Map<string, SentPrompt>();
  private readonly rand: () => number;
  private producer?: Producer;
  private n = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly tenants: readonly string[],
    private readonly label: string,
    seed = 7,
  ) {
    this.rand = prng(seed);
  }

  private next(tenantId?: string): SentPrompt {
    const i = this.n++;
    const tenant = tenantId ?? this.tenants[i % this.tenants.length]!;
    const requestId = `${this.label}-${i}`;
    const secrets: string[] = [];
    let text = CLEAN_PROMPTS[i % CLEAN_PROMPTS.length]!;
    const kind = i % 4;
    if (kind === 0 || kind === 3) {
      const e = email(this.rand);
      secrets.push(e);
      text = `Please reply to ${e} with the summary (#${i}).`;
    }
    if (kind === 1 || kind === 3) {
      const card = i % 2 ? luhnCard(this.rand) : groupedCard(luhnCard(this.rand));
      secrets.push(card);
      text = kind === 3 ? `${text} Card ${card} was declined.` : `My card number is ${card}, why was it declined?`;
    }
    return { tenantId: tenant, requestId, text, secrets };
  }

  async produce(count: number, tenantId?: string): Promise<void> {
    if (!this.producer) {
      this.producer = this.ctx.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner, retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000 } });
      await this.producer.connect();
    }
    const topic = topicName(TOPICS.promptsRaw, this.ctx.env);
    const messages = [];
    const batch: SentPrompt[] = [];
    for (let k = 0; k < count; k++) {
      const p = this.next(tenantId);
      batch.push(p);
      const raw: RawPrompt = { tenant_id: p.tenantId, request_id: p.requestId, text: p.text, conversation_id: `conv-${this.n % 50}`, user_id: null, metadata: null, ts: Date.now() };
      messages.push({ key: p.tenantId, value: this.ctx.codecs.promptsRaw.encode(raw) });
    }
    try {
      await this.producer.send({ topic, acks: -1, messages });
    } catch (err) {
      for (const p of batch) this.uncertain.set(p.requestId, p);
      throw err;
    }
    for (const p of batch) this.sent.set(p.requestId, p);
  }

  /** Produces `perTick` prompts every `everyMs` until the returned stop() is awaited. */
  steady(perTick: number, everyMs: number, tenantId?: string): { stop: () => Promise<void> } {
    let running = true;
    const loop = (async () => {
      while (running) {
        await this.produce(perTick, tenantId).catch((err: unknown) => console.error(`steady load: ${String(err)}`));
        await new Promise((r) => setTimeout(r, everyMs));
      }
    })();
    return { stop: async () => void ((running = false), await loop) };
  }

  async close(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
  }
}
