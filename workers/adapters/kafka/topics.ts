import type { Kafka } from 'kafkajs';
import { TOPICS } from '../../../schemas/topics';
import { env, topicName, type Env } from '../../config/env';

/**
 * Creates every pipeline topic that does not exist yet (auto-create is off on our broker, so a
 * typo in a topic name fails loudly instead of silently creating a new topic).
 */
export async function ensureTopics(kafka: Kafka, e: Env = env()): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = Object.values(TOPICS).map((t) => topicName(t, e));
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: e.TOPIC_PARTITIONS, replicationFactor: 1 })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}
