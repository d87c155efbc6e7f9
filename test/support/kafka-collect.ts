import type { IHeaders, Kafka } from 'kafkajs';

export interface Collected {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

function headersOf(h: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) if (v !== undefined) out[k] = Array.isArray(v) ? String(v[0]) : String(v);
  return out;
}

/**
 * Reads topics from the beginning with read_committed until `done(all)` holds or `timeoutMs`
 * passes, then returns everything seen (the caller asserts on it; a timeout is not an error here).
 * `settleMs` keeps reading that long after `done` holds, so late duplicates are seen too.
 */
export async function collect(kafka: Kafka, topics: string[], done: (all: Collected[]) => boolean, timeoutMs: number, settleMs = 0): Promise<Collected[]> {
  const consumer = kafka.consumer({ groupId: `collect-${Date.now()}-${Math.random().toString(36).slice(2)}`, readUncommitted: false });
  const seen: Collected[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        if (message.value) seen.push({ topic, partition, offset: message.offset, timestamp: message.timestamp, key: message.key, value: message.value, headers: headersOf(message.headers) });
        if (done(seen)) finish();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
    return [...seen];
  } finally {
    await consumer.disconnect();
  }
}
