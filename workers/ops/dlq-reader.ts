import type { IHeaders, Kafka } from 'kafkajs';
import type { DeadLetter } from '../../schemas/types';
import type { TopicCodec } from '../adapters/registry/topic-codec';
import { DROPPED_HEADERS, originalHeaders } from '../runtime/dlq-headers';
import { rangesOf, readTopicRange, type PartitionRange } from './topic-range-reader';

/** Where a dead letter sits in the DLQ topic. */
export interface DeadLetterRef {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface DeadLetterEntry {
  readonly ref: DeadLetterRef;
  readonly key: Buffer | null;
  /** Record timestamp (ms) of the DLQ record. */
  readonly timestamp: number;
  readonly letter: DeadLetter;
  /** The original message's headers the dead letter carried (restored on replay). */
  readonly originalHeaders: Readonly<Record<string, string>>;
  /** How many of the original headers (or extra values of one) were left off: sensitive, not UTF-8, too large. */
  readonly droppedHeaders: number;
}

export interface DlqFilter {
  readonly reason?: string;
  readonly stage?: string;
  /** Only dead letters written at or after this time (epoch ms). */
  readonly sinceMs?: number;
  readonly partition?: number;
  /** With `partition`: exactly this record. */
  readonly offset?: string;
  readonly max?: number;
}

export interface DlqReadResult {
  readonly entries: DeadLetterEntry[];
  /** Records that did not decode as dead letters (reported, never shown). */
  readonly undecodable: DeadLetterRef[];
  /** False when reading stopped before the high watermark (--max, or the broker went quiet). */
  readonly complete: boolean;
}

export interface DlqReaderDeps {
  readonly kafka: Kafka;
  readonly codec: TopicCodec<DeadLetter>;
  readonly topic: string;
}

export function refString(ref: DeadLetterRef): string {
  return `${ref.topic}/${ref.partition}/${ref.offset}`;
}

function header(h: IHeaders | undefined, name: string): string | undefined {
  const v = h?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : String(first);
}

/**
 * Reads the DLQ from its beginning (or --since, by offsets for timestamp) up to the high
 * watermark taken when reading starts, filtering on the routing headers before decoding.
 */
export async function readDeadLetters(deps: DlqReaderDeps, filter: DlqFilter = {}): Promise<DlqReadResult> {
  let ranges: PartitionRange[] = await rangesOf(deps.kafka, deps.topic, { sinceMs: filter.sinceMs, partition: filter.partition });
  if (filter.offset !== undefined) {
    const o = BigInt(filter.offset);
    ranges = ranges.map((r) => ({ ...r, start: filter.offset!, end: String(o < BigInt(r.end) ? o + 1n : o) }));
  }
  const entries: DeadLetterEntry[] = [];
  const undecodable: DeadLetterRef[] = [];
  const { complete } = await readTopicRange(deps.kafka, deps.topic, ranges, async (partition, messages) => {
    for (const m of messages) {
      if (!m.value) continue;
      if (filter.reason && header(m.headers, 'reason-code') !== filter.reason) continue;
      if (filter.stage && header(m.headers, 'stage') !== filter.stage) continue;
      const ref: DeadLetterRef = { topic: deps.topic, partition, offset: m.offset };
      let letter: DeadLetter;
      try {
        letter = await deps.codec.decode(m.value);
      } catch {
        undecodable.push(ref);
        continue;
      }
      if (filter.sinceMs !== undefined && letter.ts < filter.sinceMs) continue;
      const dropped = Number(header(m.headers, DROPPED_HEADERS) ?? 0);
      entries.push({ ref, key: m.key, timestamp: Number(m.timestamp), letter, originalHeaders: originalHeaders(m.headers), droppedHeaders: Number.isSafeInteger(dropped) && dropped > 0 ? dropped : 0 });
      if (filter.max !== undefined && entries.length >= filter.max) return false;
    }
    return true;
  });
  entries.sort((a, b) => a.ref.partition - b.ref.partition || Number(BigInt(a.ref.offset) - BigInt(b.ref.offset)));
  return { entries, undecodable, complete };
}

/** What `dlq list` / `inspect` print: routing facts and sizes, never the payload. */
export interface DeadLetterSummary {
  readonly ref: string;
  readonly partition: number;
  readonly offset: string;
  readonly reason: string;
  readonly stage: string;
  readonly errorClass: string;
  readonly originalTopic: string;
  readonly originalPartition: number;
  readonly originalOffset: string;
  readonly tenantId: string | null;
  readonly sealedBytes: number;
  readonly keyId: string;
  readonly time: string;
  /** Original headers carried (replayed with the message) and dropped when it was dead-lettered. */
  readonly headersCarried: number;
  readonly headersDropped: number;
}

export function summarize(e: DeadLetterEntry): DeadLetterSummary {
  const l = e.letter;
  return {
    ref: refString(e.ref),
    partition: e.ref.partition,
    offset: e.ref.offset,
    reason: l.reason_code,
    stage: l.stage,
    errorClass: l.error_class,
    originalTopic: l.original_topic,
    originalPartition: l.original_partition,
    originalOffset: l.original_offset,
    tenantId: displayTenant(l.tenant_id),
    sealedBytes: l.payload_sealed.length,
    keyId: l.payload_key_id,
    time: new Date(l.ts).toISOString(),
    headersCarried: Object.keys(e.originalHeaders).length,
    headersDropped: e.droppedHeaders,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A dead letter's tenant id comes from the rejected message: shown only when it is a UUID. */
export function displayTenant(id: string | null): string | null {
  return id === null ? null : UUID.test(id) ? id : '<not a uuid>';
}
