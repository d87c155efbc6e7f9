import { Partitioners, type Kafka, type Message, type Producer, type RecordMetadata } from 'kafkajs';

/** How long one produce request may take, retries included, before the command gives up. */
export const SEND_DEADLINE_MS = 60_000;

/**
 * The producer the operator commands (dlq replay, backfill) use: idempotent, one request in
 * flight, retries not capped by count (a capped idempotent producer can re-send a batch under a
 * new sequence, i.e. duplicate it) but bounded in time by `withDeadline`: a broker that stays
 * away fails the command, and what was not acknowledged is not recorded (resumable).
 */
export function opsProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 2_000 },
  });
}

export async function withDeadline<T>(p: Promise<T>, what: string, ms = SEND_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no broker acknowledgement within ${ms} ms`)), ms)));
  try {
    return await Promise.race([p, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A record for `sendGrouped`: its topic, and the partition when the caller chose it. */
export interface TopicMessage {
  readonly topic: string;
  readonly message: Message;
}

/** Sends records to their topics in one request (acks=all, within the deadline); returns kafkajs' per-partition metadata. */
export async function sendGrouped(producer: Producer, records: readonly TopicMessage[], what: string): Promise<RecordMetadata[]> {
  const byTopic = new Map<string, Message[]>();
  for (const r of records) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r.message]);
  return withDeadline(producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) }), what);
}
