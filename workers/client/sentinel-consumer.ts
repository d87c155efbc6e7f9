import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import type { TopicKey } from '../../schemas/topics';
import type { BlockedPrompt, SanitizedLog, SanitizedPrompt } from '../../schemas/types';
import type { TopicCodec } from '../adapters/registry/topic-codec';
import { ClientConnections, resolveClientConfig, type SentinelClientConfig } from './client-config';

/** Where a message came from, for logging or idempotent handling on the consumer's side. */
export interface MessageMeta {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
}

/** Give only the callbacks you need: the consumer subscribes to exactly those topics. */
export interface SentinelHandlers {
  readonly onPrompt?: (prompt: SanitizedPrompt, meta: MessageMeta) => Promise<void> | void;
  readonly onLog?: (log: SanitizedLog, meta: MessageMeta) => Promise<void> | void;
  readonly onBlocked?: (blocked: BlockedPrompt, meta: MessageMeta) => Promise<void> | void;
  /** A message that does not decode. Default: rethrow, so the consumer stops there rather than skip it. */
  readonly onError?: (err: Error, meta: MessageMeta) => Promise<void> | void;
}

export interface SentinelConsumerConfig extends SentinelClientConfig {
  /** Consumer group; default a random one (each run reads independently). */
  readonly groupId?: string;
  /** Start at the beginning of the topics when the group has no committed offset. Default false. */
  readonly fromBeginning?: boolean;
}

type Dispatch = (value: Buffer, meta: MessageMeta) => Promise<void>;

/**
 * Consumes Sentinel's outputs decoded into their typed records. Reads read_committed: the pipeline
 * writes outputs in Kafka transactions, and an aborted transaction must never reach a caller.
 */
export class SentinelConsumer {
  private readonly conn: ClientConnections;
  private readonly consumer: Consumer;

  constructor(private readonly config: SentinelConsumerConfig = {}) {
    this.conn = new ClientConnections(resolveClientConfig(config));
    this.consumer = this.conn.kafka.consumer({ groupId: config.groupId ?? `sentinel-client-${randomUUID()}`, readUncommitted: false });
  }

  /** Connects, subscribes and starts dispatching; resolves once running (kafkajs runs in the background). */
  async run(handlers: SentinelHandlers): Promise<void> {
    const routes = new Map<string, Dispatch>();
    const route = async <T>(key: TopicKey, fn: ((v: T, m: MessageMeta) => Promise<void> | void) | undefined) => {
      if (!fn) return;
      const codec: TopicCodec<T> = await this.conn.codec<T>(key);
      routes.set(this.conn.topic(key), async (value, meta) => fn(await codec.decode(value), meta));
    };
    await route('promptsSanitized', handlers.onPrompt);
    await route('logsSanitized', handlers.onLog);
    await route('promptsBlocked', handlers.onBlocked);
    if (routes.size === 0) throw new Error('give at least one of onPrompt, onLog, onBlocked');
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...routes.keys()], fromBeginning: this.config.fromBeginning ?? false });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        if (!message.value) return;
        const meta: MessageMeta = { topic, partition, offset: message.offset, timestamp: message.timestamp };
        try {
          await routes.get(topic)!(message.value, meta);
        } catch (err) {
          if (!handlers.onError) throw err;
          await handlers.onError(err instanceof Error ? err : new Error(String(err)), meta);
        }
      },
    });
  }

  async disconnect(): Promise<void> {
    await this.consumer.disconnect();
  }
}
