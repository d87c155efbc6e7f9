import type { ClickHouseClient } from '@clickhouse/client';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { TOPICS } from '../../schemas/topics';
import type { DeadLetter } from '../../schemas/types';
import { chIdent } from '../adapters/clickhouse/clickhouse-client';
import { groupTimeouts } from '../adapters/kafka/kafka-client';
import type { TopicCodec } from '../adapters/registry/topic-codec';
import { topicName } from '../config/env';
import { logger } from '../observability/logger';
import type { AppContext } from '../runtime/app-context';
import { backoffMs, sleep } from '../runtime/backoff';
import type { RunningWorker } from '../runtime/pipeline-workers';
import { errorSummary } from '../runtime/transactional-worker';

/** One row of sentinel.dead_letters (sql/clickhouse/020_dead_letters.sql): routing facts only. */
export interface DeadLetterRow {
  readonly reason_code: string;
  readonly stage: string;
  readonly error_class: string;
  readonly original_topic: string;
  readonly original_partition: number;
  readonly original_offset: string;
  readonly tenant_id: string;
  readonly ts: number;
  readonly ts_ms: number;
  readonly src_topic: string;
  readonly src_partition: number;
  readonly src_offset: string;
}

/**
 * The sealed payload and the error message stay in Kafka: analysts need counts by reason, and a
 * table that never holds payload bytes cannot leak them (even sealed ones) by a careless query.
 */
export function deadLetterRow(dl: DeadLetter, src: { topic: string; partition: number; offset: string }): DeadLetterRow {
  return {
    reason_code: dl.reason_code,
    stage: dl.stage,
    error_class: dl.error_class,
    original_topic: dl.original_topic,
    original_partition: dl.original_partition,
    original_offset: /^\d{1,20}$/.test(dl.original_offset) ? dl.original_offset : '0',
    tenant_id: dl.tenant_id ?? '',
    ts: Math.floor(dl.ts / 1000),
    ts_ms: dl.ts,
    src_topic: src.topic,
    src_partition: src.partition,
    src_offset: src.offset,
  };
}

/**
 * Copies sentinel.dlq into ClickHouse for the analyst views. At least once: offsets are committed
 * after the insert, and the table is a ReplacingMergeTree keyed by the DLQ position, so a replay
 * after a crash collapses (the views read it FINAL).
 */
export class DlqSinkWorker {
  private readonly consumer: Consumer;
  private readonly table: string;

  constructor(
    kafka: Kafka,
    private readonly opts: { groupId: string; topic: string; sessionTimeoutMs: number; codec: TopicCodec<DeadLetter>; ch: ClickHouseClient; database: string },
  ) {
    this.consumer = kafka.consumer({ groupId: opts.groupId, readUncommitted: false, ...groupTimeouts(opts.sessionTimeoutMs) });
    this.table = `${chIdent(opts.database)}.dead_letters`;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.opts.topic, fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (p) => this.onBatch(p) });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0) return;
    const rows: DeadLetterRow[] = [];
    for (const m of batch.messages) {
      if (!m.value) continue;
      try {
        rows.push(deadLetterRow(await this.opts.codec.decode(m.value), { topic: batch.topic, partition: batch.partition, offset: m.offset }));
      } catch (err) {
        // There is no DLQ for the DLQ: an unreadable record is logged (position only) and skipped.
        logger.warn({ stage: 'dlq-sink', partition: batch.partition, offset: m.offset, err: errorSummary(err) }, 'dead letter does not decode; skipped');
      }
    }
    for (let attempt = 0; isRunning() && !isStale(); attempt++) {
      try {
        if (rows.length > 0) await this.opts.ch.insert({ table: this.table, values: rows as DeadLetterRow[], format: 'JSONEachRow' });
        const last = batch.messages[batch.messages.length - 1]!.offset;
        await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
        resolveOffset(last);
        return;
      } catch (err) {
        const wait = backoffMs(attempt, 200, 5_000);
        logger.warn({ stage: 'dlq-sink', attempt, err: errorSummary(err), waitMs: wait }, 'dead-letter insert failed; retrying');
        await sleep(wait);
        await heartbeat().catch(() => undefined);
      }
    }
  }
}

export async function startDlqSink(ctx: AppContext): Promise<RunningWorker> {
  const sink = new DlqSinkWorker(ctx.kafka, {
    groupId: `${ctx.env.TOPIC_PREFIX}sentinel-dlq-sink`,
    topic: topicName(TOPICS.dlq, ctx.env),
    sessionTimeoutMs: ctx.env.KAFKA_SESSION_TIMEOUT_MS,
    codec: ctx.codecs.dlq,
    ch: ctx.ch,
    database: ctx.env.CLICKHOUSE_DATABASE,
  });
  await sink.start();
  return { name: 'dlq-sink', stop: () => sink.stop() };
}
