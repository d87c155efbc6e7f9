import { Partitioners, type Consumer, type EachBatchPayload, type Kafka, type Producer } from 'kafkajs';
import { logger } from '../observability/logger';
import { isRetriable } from '../errors';
import { backoffMs, sleep } from './backoff';
import type { BatchHandler, InputMessage, OutputRecord } from './messages';

export interface TransactionalWorkerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Stable per worker slot: a restarted worker fences its predecessor's open transaction. */
  readonly transactionalId: string;
  readonly handler: BatchHandler;
  /** Messages per transaction. */
  readonly chunkSize?: number;
  readonly fromBeginning?: boolean;
}

/**
 * Consume → handle → produce outputs and commit offsets in ONE Kafka transaction (exactly-once
 * between topics). A failed chunk is retried with backoff and never skipped: when a dependency
 * is down the partition waits (fail closed) instead of passing anything on unsanitized.
 */
export class TransactionalWorker {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly abort = new AbortController();

  constructor(
    kafka: Kafka,
    private readonly opts: TransactionalWorkerOptions,
  ) {
    this.consumer = kafka.consumer({ groupId: opts.groupId, readUncommitted: false, sessionTimeout: 30_000, heartbeatInterval: 3_000 });
    this.producer = kafka.producer({
      transactionalId: opts.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 30_000,
      createPartitioner: Partitioners.DefaultPartitioner,
      // kafkajs' advice for exactly-once: an idempotent producer must not give up on its own.
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000 },
    });
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    for (const topic of this.opts.topics) await this.consumer.subscribe({ topic, fromBeginning: this.opts.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /** Stops fetching, lets the in-flight chunk finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.consumer.disconnect().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const size = this.opts.chunkSize ?? 500;
    for (let i = 0; i < batch.messages.length; i += size) {
      if (!isRunning() || isStale() || this.abort.signal.aborted) return;
      const chunk: InputMessage[] = batch.messages.slice(i, i + size).map((m) => ({
        topic: batch.topic,
        partition: batch.partition,
        offset: m.offset,
        key: m.key,
        value: m.value,
        headers: m.headers ?? {},
        timestamp: m.timestamp,
      }));
      const committed = await this.processChunk(chunk, heartbeat);
      if (!committed) return;
      resolveOffset(chunk[chunk.length - 1]!.offset);
      await heartbeat();
    }
  }

  /** Returns false when the worker is stopping before the chunk could be committed. */
  private async processChunk(chunk: InputMessage[], heartbeat: () => Promise<void>): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      if (this.abort.signal.aborted) return false;
      try {
        const outputs = await this.opts.handler.handle(chunk);
        await this.commit(chunk, outputs);
        return true;
      } catch (err) {
        const wait = backoffMs(attempt, 200, 5_000);
        logger.warn({ stage: this.opts.handler.name, attempt, retriable: isRetriable(err), err: errorSummary(err), waitMs: wait }, 'chunk failed; retrying');
        await sleep(wait, this.abort.signal);
        await heartbeat().catch(() => undefined);
      }
    }
  }

  private async commit(chunk: InputMessage[], outputs: OutputRecord[]): Promise<void> {
    const last = chunk[chunk.length - 1]!;
    const txn = await this.producer.transaction();
    try {
      const byTopic = new Map<string, OutputRecord[]>();
      for (const o of outputs) {
        const list = byTopic.get(o.topic);
        if (list) list.push(o);
        else byTopic.set(o.topic, [o]);
      }
      if (byTopic.size > 0) {
        await txn.sendBatch({
          topicMessages: [...byTopic].map(([topic, records]) => ({
            topic,
            messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
          })),
        });
      }
      await txn.sendOffsets({
        consumerGroupId: this.opts.groupId,
        topics: [{ topic: last.topic, partitions: [{ partition: last.partition, offset: (BigInt(last.offset) + 1n).toString() }] }],
      });
      await txn.commit();
    } catch (err) {
      await txn.abort().catch(() => undefined);
      throw err;
    }
  }
}

/** Error summary for logs: class and message only (messages never carry payload text). */
export function errorSummary(err: unknown): { class: string; message: string } {
  return err instanceof Error ? { class: err.name, message: err.message.slice(0, 300) } : { class: typeof err, message: String(err).slice(0, 300) };
}
