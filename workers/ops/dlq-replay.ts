import { Partitioners, type Kafka, type Message, type PartitionMetadata, type Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { TOPICS } from '../../schemas/topics';
import { topicName, type Env } from '../config/env';
import { DLQ_KEY_ID, openDeadLetter } from '../runtime/dead-letter';
import { refString, type DeadLetterEntry } from './dlq-reader';
import { opsProducer, sendGrouped, withDeadline } from './ops-producer';

/** Stage inputs a dead letter may be replayed to (anything else is refused, not produced). */
const REPLAYABLE = [TOPICS.promptsRaw, TOPICS.logsRaw, TOPICS.detected, TOPICS.decided];
const BATCH = 100;
export const REPLAY_HEADER = 'sentinel-replay-of';

export interface ReplayDeps {
  readonly env: Env;
  readonly kafka: Kafka;
  readonly admin: Pool;
  readonly dlqKey: () => Promise<Buffer>;
}

export interface ReplayOptions {
  readonly dryRun?: boolean;
  /** Replay even dead letters recorded as replayed. */
  readonly force?: boolean;
  readonly actor: string;
}

export interface ReplayResult {
  readonly selected: number;
  readonly replayed: number;
  readonly alreadyReplayed: number;
  /** Original topic is not a stage input of this deployment (prefix included). */
  readonly refused: number;
  /** The sealed payload did not open (wrong key id, tampered, or another deployment's key). */
  readonly unopenable: number;
  readonly dryRun: boolean;
  readonly refs: string[];
}

interface Planned {
  readonly entry: DeadLetterEntry;
  readonly message: Message & { partition: number };
}

/**
 * Re-produces dead letters' original bytes to their original topics, key and carried headers
 * preserved, with a `sentinel-replay-of` header. Order per batch: produce (idempotent producer, acks=all), then
 * record the refs in dlq_replays. A crash between the two leaves records produced but not
 * recorded: the next run replays them again (at-least-once, never lost). A session advisory lock
 * per DLQ topic keeps two concurrent replays from sending the same dead letters.
 */
export async function replayDeadLetters(deps: ReplayDeps, entries: readonly DeadLetterEntry[], opts: ReplayOptions): Promise<ReplayResult> {
  const client = await deps.admin.connect();
  const dlqTopic = topicName(TOPICS.dlq, deps.env);
  const counts = { replayed: 0, alreadyReplayed: 0, refused: 0, unopenable: 0 };
  const refs: string[] = [];
  try {
    const lock = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(727275, hashtext($1)) AS ok', [dlqTopic]);
    if (!lock.rows[0]?.ok) throw new Error(`another dlq replay of ${dlqTopic} is running`);
    const done = await replayedSet(deps.admin, dlqTopic, entries);
    const allowed = new Set(REPLAYABLE.map((t) => topicName(t, deps.env)));
    const key = await deps.dlqKey();
    const todo: DeadLetterEntry[] = [];
    for (const e of entries) {
      if (!opts.force && done.has(refString(e.ref))) counts.alreadyReplayed++;
      else if (!allowed.has(e.letter.original_topic)) counts.refused++;
      else todo.push(e);
    }
    const producer = opts.dryRun ? undefined : opsProducer(deps.kafka);
    if (producer) await withDeadline(producer.connect(), 'connect');
    try {
      const partitioner = Partitioners.DefaultPartitioner();
      const metadata = new Map<string, PartitionMetadata[]>();
      for (let i = 0; i < todo.length; i += BATCH) {
        const planned: Planned[] = [];
        for (const entry of todo.slice(i, i + BATCH)) {
          let value: Buffer;
          try {
            if (entry.letter.payload_key_id !== DLQ_KEY_ID) throw new Error('unknown key id');
            value = openDeadLetter(key, entry.letter);
          } catch {
            counts.unopenable++;
            continue;
          }
          const topic = entry.letter.original_topic;
          if (!metadata.has(topic)) metadata.set(topic, await partitionsOf(deps.kafka, topic));
          // The original headers come back (as carried on the dead letter); the replay marker wins.
          const message = { key: entry.key, value, headers: { ...entry.originalHeaders, [REPLAY_HEADER]: refString(entry.ref) } };
          planned.push({ entry, message: { ...message, partition: partitioner({ topic, partitionMetadata: metadata.get(topic)!, message }) } });
        }
        if (opts.dryRun || planned.length === 0) {
          refs.push(...planned.map((p) => refString(p.entry.ref)));
          continue;
        }
        const offsets = await produce(producer!, planned);
        await recordReplays(deps.admin, dlqTopic, planned, offsets, opts.actor);
        counts.replayed += planned.length;
        refs.push(...planned.map((p) => refString(p.entry.ref)));
      }
    } finally {
      await producer?.disconnect().catch(() => undefined);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(727275, hashtext($1))', [dlqTopic]).catch(() => undefined);
    client.release();
  }
  return { selected: entries.length, ...counts, dryRun: opts.dryRun ?? false, refs };
}

async function partitionsOf(kafka: Kafka, topic: string): Promise<PartitionMetadata[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const md = await admin.fetchTopicMetadata({ topics: [topic] });
    return md.topics[0]?.partitions ?? [];
  } finally {
    await admin.disconnect();
  }
}

/** Sends one batch (acks=all) and returns each planned record's offset in its target partition. */
async function produce(producer: Producer, planned: readonly Planned[]): Promise<string[]> {
  const meta = await sendGrouped(producer, planned.map((p) => ({ topic: p.entry.letter.original_topic, message: p.message })), 'dlq replay');
  const next = new Map(meta.map((m) => [`${m.topicName}/${m.partition}`, BigInt(m.baseOffset ?? '-1')]));
  return planned.map((p) => {
    const k = `${p.entry.letter.original_topic}/${p.message.partition}`;
    const o = next.get(k) ?? -1n;
    if (o >= 0n) next.set(k, o + 1n);
    return String(o);
  });
}

async function replayedSet(admin: Pool, dlqTopic: string, entries: readonly DeadLetterEntry[]): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  const res = await admin.query<{ p: number; o: string }>(
    'SELECT dlq_partition AS p, dlq_offset::text AS o FROM dlq_replays WHERE dlq_topic = $1 AND (dlq_partition, dlq_offset) IN (SELECT * FROM unnest($2::int[], $3::bigint[]))',
    [dlqTopic, entries.map((e) => e.ref.partition), entries.map((e) => e.ref.offset)],
  );
  return new Set(res.rows.map((r) => `${dlqTopic}/${r.p}/${r.o}`));
}

async function recordReplays(admin: Pool, dlqTopic: string, planned: readonly Planned[], offsets: readonly string[], actor: string): Promise<void> {
  const col = <T>(f: (p: Planned, i: number) => T) => planned.map(f);
  await admin.query(
    `INSERT INTO dlq_replays (dlq_topic, dlq_partition, dlq_offset, original_topic, original_partition, original_offset, reason_code, tenant_id, replayed_partition, replayed_offset, replayed_by)
     SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::text[], $9::int[], $10::bigint[], $11::text[])
     ON CONFLICT (dlq_topic, dlq_partition, dlq_offset) DO UPDATE SET replay_count = dlq_replays.replay_count + 1, last_replayed_at = CURRENT_TIMESTAMP,
       replayed_partition = EXCLUDED.replayed_partition, replayed_offset = EXCLUDED.replayed_offset, replayed_by = EXCLUDED.replayed_by`,
    [
      dlqTopic,
      col((p) => p.entry.ref.partition),
      col((p) => p.entry.ref.offset),
      col((p) => p.entry.letter.original_topic),
      col((p) => p.entry.letter.original_partition),
      col((p) => p.entry.letter.original_offset),
      col((p) => p.entry.letter.reason_code),
      col((p) => p.entry.letter.tenant_id),
      col((p) => p.message.partition),
      col((_p, i) => (offsets[i] === '-1' ? null : offsets[i])),
      col(() => actor.slice(0, 128)),
    ],
  );
}
