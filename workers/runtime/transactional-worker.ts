import type { Consumer, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import { groupTimeouts } from '../adapters/kafka/kafka-client';
import { CachedKeyPartitioner } from '../adapters/kafka/key-partitioner';
import { logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { isRetriable } from '../errors';
import { backoffMs } from './backoff';
import { isProducerFatal } from './producer-errors';
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
  readonly sessionTimeoutMs?: number;
  /** Partitions handled at once (default 3, see PARTITIONS_IN_FLIGHT in config/env.ts). */
  readonly partitionsInFlight?: number;
  /**
   * Called when the worker can never make progress again: its transactional producer was fenced
   * (another producer with the same transactional id, or the broker expired its transaction) or
   * the consumer crashed for good. The process should exit non-zero so a supervisor restarts it.
   */
  readonly onFatal?: (err: unknown) => void;
}

/**
 * Consume → handle → produce outputs and commit offsets in ONE Kafka transaction (exactly-once
 * between topics). A chunk that fails is never skipped: its partition is paused, rewound to the
 * chunk's first offset and resumed after a jittered backoff, so a down dependency makes the
 * partition wait (fail closed) while memory stays bounded by one fetch per partition.
 */
export class TransactionalWorker {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly attempts = new Map<string, number>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private stopping = false;
  private joined = false;
  /** One producer has at most one open transaction: partitions handled concurrently commit in turn. */
  private commitQueue: Promise<unknown> = Promise.resolve();

  constructor(
    kafka: Kafka,
    private readonly opts: TransactionalWorkerOptions,
  ) {
    this.consumer = kafka.consumer({ groupId: opts.groupId, readUncommitted: false, ...groupTimeouts(opts.sessionTimeoutMs ?? 10_000) });
    this.producer = kafka.producer({
      transactionalId: opts.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 30_000,
      createPartitioner: CachedKeyPartitioner,
      // kafkajs' advice for exactly-once: an idempotent producer must not give up on its own.
      // A short first backoff: the transaction after a commit often gets CONCURRENT_TRANSACTIONS
      // from AddPartitionsToTxn while the broker still writes the previous commit's markers (a few
      // ms). kafkajs' default first retry (300 ms) made that the longest step of a transaction;
      // the Java client retries it after 20 ms. Outages still back off exponentially to 5 s.
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 20, maxRetryTime: 5_000 },
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (this.joined = true));
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      if (!payload.restart && !this.stopping) this.fatal(payload.error);
    });
  }

  get ready(): boolean {
    return this.joined && !this.stopping;
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    for (const topic of this.opts.topics) await this.consumer.subscribe({ topic, fromBeginning: this.opts.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.opts.partitionsInFlight ?? 3,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /** Stops fetching; the in-flight chunk finishes and commits; then the group is left. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.resumeTimers) clearTimeout(t);
    await this.consumer.disconnect().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const size = this.opts.chunkSize ?? 500;
    const chunkAt = (i: number): InputMessage[] =>
      batch.messages.slice(i, i + size).map((m) => ({
        topic: batch.topic,
        partition: batch.partition,
        offset: m.offset,
        key: m.key,
        value: m.value,
        headers: m.headers ?? {},
        timestamp: m.timestamp,
      }));
    let next: InputMessage[] | undefined;
    for (let i = 0; i < batch.messages.length; i += size) {
      if (!isRunning() || isStale() || this.stopping) return;
      const chunk = next ?? chunkAt(i);
      next = i + size < batch.messages.length ? chunkAt(i + size) : undefined;
      if (!(await this.processChunk(chunk, next))) return;
      const last = chunk[chunk.length - 1]!.offset;
      resolveOffset(last);
      metrics.consumerLag.set({ topic: batch.topic, partition: String(batch.partition) }, Math.max(0, Number(batch.highWatermark) - Number(last) - 1));
      await heartbeat();
    }
  }

  /** Returns false when the chunk was not committed (partition paused for retry, or stopping). */
  private async processChunk(chunk: InputMessage[], next: InputMessage[] | undefined): Promise<boolean> {
    const first = chunk[0]!;
    const key = `${first.topic}/${first.partition}`;
    const timer = metrics.chunkLatency.startTimer({ stage: this.opts.handler.name });
    try {
      metrics.messagesIn.inc({ topic: first.topic }, chunk.length);
      const outputs = await this.opts.handler.handle(chunk, next);
      const turn = this.commitQueue.then(() => this.commit(chunk, outputs));
      this.commitQueue = turn.catch(() => undefined);
      await turn;
      for (const o of outputs) metrics.messagesOut.inc({ topic: o.topic });
      this.attempts.delete(key);
      timer();
      return true;
    } catch (err) {
      if (this.stopping) return false;
      if (isProducerFatal(err)) {
        // Retrying cannot help: every later transaction of this producer fails the same way, so
        // pausing and rewinding would stall the partitions forever while the group still sees us.
        this.fatal(err);
        return false;
      }
      const attempt = this.attempts.get(key) ?? 0;
      this.attempts.set(key, attempt + 1);
      const wait = backoffMs(attempt, 200, 10_000);
      metrics.retries.inc({ stage: this.opts.handler.name, retriable: String(isRetriable(err)) });
      logger.warn({ stage: this.opts.handler.name, partition: first.partition, offset: first.offset, attempt, err: errorSummary(err), waitMs: wait }, 'chunk failed; partition paused for retry');
      this.pauseAndRewind(first, wait);
      return false;
    }
  }

  private fatal(err: unknown): void {
    if (this.stopping) return;
    this.stopping = true;
    logger.fatal({ stage: this.opts.handler.name, err: errorSummary(err) }, 'worker cannot make progress (producer fenced or consumer crashed)');
    this.opts.onFatal?.(err);
  }

  private pauseAndRewind(first: InputMessage, waitMs: number): void {
    const tp = [{ topic: first.topic, partitions: [first.partition] }];
    this.consumer.pause(tp);
    metrics.pausedPartitions.inc({ stage: this.opts.handler.name });
    this.consumer.seek({ topic: first.topic, partition: first.partition, offset: first.offset });
    const t = setTimeout(() => {
      this.resumeTimers.delete(t);
      metrics.pausedPartitions.dec({ stage: this.opts.handler.name });
      if (!this.stopping) this.consumer.resume(tp);
    }, waitMs);
    this.resumeTimers.add(t);
  }

  private async commit(chunk: InputMessage[], outputs: OutputRecord[]): Promise<void> {
    const last = chunk[chunk.length - 1]!;
    const txn = await this.producer.transaction();
    try {
      // The broker limits a record batch (all of one request's records for a partition), not just
      // a message: send the chunk's outputs in requests of bounded size, all in this transaction.
      for (const group of sizeBoundedGroups(outputs, MAX_REQUEST_BYTES)) {
        const byTopic = new Map<string, OutputRecord[]>();
        for (const o of group) {
          const list = byTopic.get(o.topic);
          if (list) list.push(o);
          else byTopic.set(o.topic, [o]);
        }
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

/** Outputs per produce request, well under the topics' max.message.bytes (see adapters/kafka/topics.ts). */
const MAX_REQUEST_BYTES = 512 * 1024;

/** Splits outputs, in order, into groups whose values add up to at most `limit` bytes (a larger single record goes alone). */
export function sizeBoundedGroups(outputs: readonly OutputRecord[], limit: number): OutputRecord[][] {
  const groups: OutputRecord[][] = [];
  let current: OutputRecord[] = [];
  let bytes = 0;
  for (const o of outputs) {
    const size = o.value.length + (typeof o.key === 'string' ? o.key.length : (o.key?.length ?? 0));
    if (current.length > 0 && bytes + size > limit) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(o);
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Error summary for logs: class and message only (messages never carry payload text). */
export function errorSummary(err: unknown): { class: string; message: string } {
  return err instanceof Error ? { class: err.name, message: err.message.slice(0, 300) } : { class: typeof err, message: String(err).slice(0, 300) };
}
