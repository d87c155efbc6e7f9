import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { BackfillRecord, BackfillRun } from './backfill';
import { rangesOf, readTopicRange, type PartitionRange } from './topic-range-reader';

/**
 * The offsets a topic backfill covers, fixed once at the start: from the first offset at or after
 * `sinceMs` (offsets by timestamp) to the first offset after `untilMs`, or the high watermark.
 */
export async function topicWindow(kafka: Kafka, topic: string, sinceMs: number, untilMs: number | null): Promise<{ offsets: Record<string, string>; ends: Record<string, string> }> {
  const start = await rangesOf(kafka, topic, { sinceMs });
  const until = untilMs === null ? undefined : await rangesOf(kafka, topic, { sinceMs: untilMs + 1 });
  const offsets: Record<string, string> = {};
  const ends: Record<string, string> = {};
  for (const r of start) {
    offsets[r.partition] = r.start;
    ends[r.partition] = until?.find((u) => u.partition === r.partition)?.start ?? r.end;
  }
  return { offsets, ends };
}

function headersOf(h: IHeaders | undefined): Record<string, Buffer | string> {
  const out: Record<string, Buffer | string> = {};
  for (const [k, v] of Object.entries(h ?? {})) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first;
  }
  return out;
}

/** Records still to send, for the progress bar. */
export function remaining(position: { offsets: Record<string, string>; ends: Readonly<Record<string, string>> }): number {
  return Object.keys(position.ends).reduce((n, p) => n + Math.max(0, Number(BigInt(position.ends[p]!) - BigInt(position.offsets[p] ?? position.ends[p]!))), 0);
}

/**
 * Re-produces a topic window into the raw topic of `kind`, values and keys byte for byte, original
 * headers kept. Records whose own timestamp is after --until (producer clocks are not monotonic)
 * are skipped and counted. Returns true when every partition reached its end offset.
 */
export async function backfillTopic(run: BackfillRun, topic: string, kind: BackfillRecord['kind'], untilMs: number | null): Promise<boolean> {
  const position = run.cp.position;
  if (!('offsets' in position)) throw new Error('checkpoint position is not per-partition offsets');
  const ranges: PartitionRange[] = Object.keys(position.ends).map((p) => ({ partition: Number(p), start: position.offsets[p] ?? position.ends[p]!, end: position.ends[p]! }));
  const sendChunk = async (partition: number, chunk: readonly KafkaMessage[]) => {
    const records: BackfillRecord[] = [];
    let skipped = 0;
    for (const m of chunk) {
      if (!m.value || (untilMs !== null && Number(m.timestamp) > untilMs)) skipped++;
      else records.push({ kind, key: m.key, value: m.value, headers: headersOf(m.headers) });
    }
    await run.send(records);
    run.cp.counts.skipped += skipped;
    position.offsets[partition] = String(BigInt(chunk[chunk.length - 1]!.offset) + 1n);
    run.save();
    run.bar.tick(chunk.length, records.length);
  };
  const { complete } = await readTopicRange(run.deps.kafka, topic, ranges, async (partition, messages, heartbeat) => {
    for (let i = 0; i < messages.length; i += run.batchSize) {
      if (run.stopping) return false;
      await sendChunk(partition, messages.slice(i, i + run.batchSize));
      await heartbeat();
    }
    return !run.stopping;
  });
  return complete && !run.stopping;
}
