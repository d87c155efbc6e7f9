import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

/** Offsets [start, end) of one partition; `end` is exclusive (a high watermark, or an offset by time). */
export interface PartitionRange {
  readonly partition: number;
  readonly start: string;
  readonly end: string;
}

/** Return false to stop reading (e.g. --max reached, or a stop signal). */
export type RangeBatchHandler = (partition: number, messages: readonly KafkaMessage[], heartbeat: () => Promise<void>) => Promise<boolean | void>;

export interface RangeReadResult {
  /** Every partition reached its end. False when stopped early or idle for `idleTimeoutMs`. */
  readonly complete: boolean;
}

/** Ranges from a topic's low/high watermarks, optionally starting at offsets by timestamp. */
export async function rangesOf(kafka: Kafka, topic: string, opts: { sinceMs?: number; partition?: number } = {}): Promise<PartitionRange[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const marks = await admin.fetchTopicOffsets(topic);
    const since = opts.sinceMs !== undefined ? new Map((await admin.fetchTopicOffsetsByTimestamp(topic, opts.sinceMs)).map((p) => [p.partition, p.offset])) : undefined;
    return marks
      .filter((m) => opts.partition === undefined || m.partition === opts.partition)
      .map((m) => ({ partition: m.partition, start: since?.get(m.partition) ?? m.low, end: m.high }))
      .sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads the given ranges of a topic once, read_committed, with a throwaway consumer group that
 * never commits (reading must not move anyone's offsets), and resolves when every partition has
 * reached its end. Transaction markers occupy offsets too: a partition's position comes from
 * kafkajs' batch events (which count filtered control records), not from delivered messages
 * only, so a range ending in a commit marker still completes.
 */
export async function readTopicRange(kafka: Kafka, topic: string, ranges: readonly PartitionRange[], onBatch: RangeBatchHandler, idleTimeoutMs = 30_000): Promise<RangeReadResult> {
  const open = new Map(ranges.filter((r) => BigInt(r.start) < BigInt(r.end)).map((r) => [r.partition, r]));
  if (open.size === 0) return { complete: true };
  // Next offset to hand out per partition: a fetch issued before the seek applies, or a batch
  // re-delivered after a rebalance, must not reach the handler twice.
  const next = new Map([...open.values()].map((r) => [r.partition, BigInt(r.start)]));
  const consumer = kafka.consumer({ groupId: `sentinel-ops-${randomUUID()}`, readUncommitted: false, maxWaitTimeInMs: 500 });
  let finish: (complete: boolean) => void = () => undefined;
  let failure: unknown;
  const finished = new Promise<boolean>((resolve) => (finish = resolve));
  let lastProgress = Date.now();
  let busy = false;
  const advance = (partition: number, lastOffset: string) => {
    lastProgress = Date.now();
    const r = open.get(partition);
    if (r && BigInt(lastOffset) + 1n >= BigInt(r.end)) open.delete(partition);
    if (open.size === 0) finish(true);
  };
  consumer.on(consumer.events.END_BATCH_PROCESS, (e) => advance(e.payload.partition, e.payload.lastOffset));
  const idle = setInterval(() => {
    if (!busy && Date.now() - lastProgress > idleTimeoutMs) finish(false);
  }, 250);
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let stopped = false;
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        const r = open.get(batch.partition);
        if (stopped || !r) return;
        const from = next.get(batch.partition)!;
        const end = BigInt(r.end);
        const msgs = batch.messages.filter((m) => BigInt(m.offset) >= from && BigInt(m.offset) < end);
        if (msgs.length === 0) return;
        next.set(batch.partition, BigInt(msgs[msgs.length - 1]!.offset) + 1n);
        busy = true;
        try {
          if ((await onBatch(batch.partition, msgs, heartbeat)) === false) {
            stopped = true;
            finish(false);
          }
        } catch (err) {
          failure = err;
          stopped = true;
          finish(false);
        } finally {
          busy = false;
          lastProgress = Date.now();
        }
      },
    });
    for (const r of open.values()) consumer.seek({ topic, partition: r.partition, offset: r.start });
    const complete = await finished;
    if (failure !== undefined) throw failure;
    return { complete };
  } finally {
    clearInterval(idle);
    await consumer.disconnect().catch(() => undefined);
  }
}
