import type { ClickHouseClient } from '@clickhouse/client';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry/dist/schemaregistry-client';
import type { Kafka } from 'kafkajs';
import { TOPICS, type TopicKey } from '../../schemas/topics';
import type { BlockedPrompt, DeadLetter, StageEnvelope, DecisionEvent, RawLog, RawPrompt, SanitizedLog, SanitizedPrompt } from '../../schemas/types';
import { env, topicName, type Env } from '../config/env';
import { createClickHouse } from '../adapters/clickhouse/clickhouse-client';
import { migrateClickHouse } from '../adapters/clickhouse/migrate';
import { createKafka } from '../adapters/kafka/kafka-client';
import { ensureTopics } from '../adapters/kafka/topics';
import { migratePostgres } from '../adapters/postgres/migrate';
import { createPools, type PgPools } from '../adapters/postgres/pools';
import { TopicCodec } from '../adapters/registry/topic-codec';
import { createKeyProvider } from '../keys/key-provider.factory';
import type { KeyProvider } from '../keys/key-provider';
import { SystemKeys } from '../keys/system-keys';

export interface Codecs {
  readonly promptsRaw: TopicCodec<RawPrompt>;
  readonly logsRaw: TopicCodec<RawLog>;
  readonly promptsSanitized: TopicCodec<SanitizedPrompt>;
  readonly logsSanitized: TopicCodec<SanitizedLog>;
  readonly promptsBlocked: TopicCodec<BlockedPrompt>;
  readonly decisions: TopicCodec<DecisionEvent>;
  readonly dlq: TopicCodec<DeadLetter>;
  readonly detected: TopicCodec<StageEnvelope>;
  readonly decided: TopicCodec<StageEnvelope>;
}

/** The I/O clients a process needs, created once and closed together. */
export interface AppContext {
  readonly env: Env;
  readonly kafka: Kafka;
  readonly registry: SchemaRegistryClient;
  readonly pg: PgPools;
  readonly ch: ClickHouseClient;
  readonly keyProvider: KeyProvider;
  readonly systemKeys: SystemKeys;
  readonly codecs: Codecs;
  close(): Promise<void>;
}

export async function createAppContext(name: string, e: Env = env()): Promise<AppContext> {
  const kafka = createKafka(name, e);
  const registry = new SchemaRegistryClient({ baseURLs: [e.SCHEMA_REGISTRY_URL], cacheCapacity: 1000 });
  const pg = createPools(e);
  const ch = createClickHouse(e);
  const keyProvider = createKeyProvider(e);
  const codec = <T>(key: TopicKey) => new TopicCodec<T>(registry, key, topicName(TOPICS[key], e));
  const codecs: Codecs = {
    promptsRaw: codec('promptsRaw'),
    logsRaw: codec('logsRaw'),
    promptsSanitized: codec('promptsSanitized'),
    logsSanitized: codec('logsSanitized'),
    promptsBlocked: codec('promptsBlocked'),
    decisions: codec('decisions'),
    dlq: codec('dlq'),
    detected: codec('detected'),
    decided: codec('decided'),
  };
  return {
    env: e,
    kafka,
    registry,
    pg,
    ch,
    keyProvider,
    systemKeys: new SystemKeys(pg.app, keyProvider),
    codecs,
    close: async () => {
      await Promise.allSettled([pg.end(), ch.close()]);
    },
  };
}

/**
 * Idempotent setup every process may run at start: Postgres migrations, ClickHouse DDL, topics,
 * and schema registration (which also gives each codec its writer schema id).
 */
export async function bootstrap(ctx: AppContext): Promise<{ migrations: string[]; topicsCreated: string[] }> {
  const migrations = await migratePostgres(ctx.pg.admin);
  await migrateClickHouse(ctx.ch);
  const topicsCreated = await ensureTopics(ctx.kafka, ctx.env);
  await Promise.all(Object.values(ctx.codecs).map((c: TopicCodec<unknown>) => c.init()));
  return { migrations, topicsCreated };
}
