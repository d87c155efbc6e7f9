import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry/dist/schemaregistry-client';
import { TOPICS, type TopicKey } from '../../schemas/topics';
import { TopicCodec } from '../adapters/registry/topic-codec';

/** Where the client finds the pipeline. Every field defaults to the same env var the workers read. */
export interface SentinelClientConfig {
  /** Bootstrap brokers; default KAFKA_BROKERS or 127.0.0.1:9092. */
  readonly brokers?: readonly string[];
  /** Confluent-compatible registry; default SCHEMA_REGISTRY_URL or the local Apicurio ccompat URL. */
  readonly registryUrl?: string;
  /** Prefix of every topic name; default TOPIC_PREFIX or empty. */
  readonly topicPrefix?: string;
  /** kafkajs client id; default `sentinel-client`. */
  readonly clientId?: string;
}

export interface ResolvedClientConfig {
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly topicPrefix: string;
  readonly clientId: string;
}

/**
 * Reads only the three variables the client needs, rather than the workers' full env(): an
 * application embedding the client should not fail because of unrelated Sentinel settings.
 */
export function resolveClientConfig(config: SentinelClientConfig = {}, source: NodeJS.ProcessEnv = process.env): ResolvedClientConfig {
  const brokers = config.brokers ?? (source.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
  const topicPrefix = config.topicPrefix ?? source.TOPIC_PREFIX ?? '';
  if (!/^[a-z0-9._-]*$/.test(topicPrefix)) throw new Error('topicPrefix may only contain a-z 0-9 . _ -');
  if (brokers.length === 0) throw new Error('at least one broker is required');
  return {
    brokers,
    registryUrl: config.registryUrl ?? source.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
    topicPrefix,
    clientId: config.clientId ?? 'sentinel-client',
  };
}

/** The pieces both client classes build from a config: a Kafka client and per-topic codecs. */
export class ClientConnections {
  readonly kafka: Kafka;
  private readonly registry: SchemaRegistryClient;
  private readonly codecs = new Map<TopicKey, TopicCodec<unknown>>();

  constructor(readonly config: ResolvedClientConfig) {
    // kafkajs' own logger at ERROR: its info/warn chatter is noise inside someone else's app.
    this.kafka = new Kafka({ clientId: config.clientId, brokers: [...config.brokers], logLevel: logLevel.ERROR, retry: { initialRetryTime: 200, retries: 8 } });
    this.registry = new SchemaRegistryClient({ baseURLs: [config.registryUrl], cacheCapacity: 100 });
  }

  topic(key: TopicKey): string {
    return `${this.config.topicPrefix}${TOPICS[key]}`;
  }

  /** A codec registered with the registry (init is idempotent, done once per topic). */
  async codec<T>(key: TopicKey): Promise<TopicCodec<T>> {
    let c = this.codecs.get(key);
    if (!c) {
      c = new TopicCodec<unknown>(this.registry, key, this.topic(key));
      await c.init();
      this.codecs.set(key, c);
    }
    return c as TopicCodec<T>;
  }
}
