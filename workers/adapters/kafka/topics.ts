import { ConfigResourceTypes, type Kafka } from 'kafkajs';
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
        topics: missing.map((topic) => ({
          topic,
          numPartitions: e.TOPIC_PARTITIONS,
          replicationFactor: 1,
          // Inputs may be up to MAX_MESSAGE_BYTES and outputs grow (placeholders, envelopes):
          // topics accept records up to MAX_OUTPUT_BYTES plus headroom for batch overhead.
          configEntries: [{ name: 'max.message.bytes', value: maxMessageBytes(e) }],
        })),
      });
    }
    // Topics created by an older version keep Kafka's 1 MB default: raise it (idempotent; these
    // topics carry no other overrides, and alterConfigs replaces the topic's override set).
    const older = wanted.filter((t) => existing.has(t));
    if (older.length > 0) {
      await admin.alterConfigs({
        validateOnly: false,
        resources: older.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configEntries: [{ name: 'max.message.bytes', value: maxMessageBytes(e) }] })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}

/** Records up to MAX_OUTPUT_BYTES plus room for record-batch overhead. */
function maxMessageBytes(e: Env): string {
  return String(e.MAX_OUTPUT_BYTES + 64 * 1024);
}
