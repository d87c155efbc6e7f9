import { availableParallelism } from 'node:os';
import { z } from 'zod';

/**
 * Every setting the workers and CLI read, validated once at start. Defaults run the local stack
 * that `npm run stack:up` starts; README.md's configuration reference mirrors this file.
 */
const EnvSchema = z.object({
  KAFKA_BROKERS: z.string().default('127.0.0.1:9092'),
  KAFKA_CLIENT_ID: z.string().default('sentinel'),
  TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(256).default(3),
  TOPIC_PREFIX: z.string().regex(/^[a-z0-9._-]*$/).default(''),
  SCHEMA_REGISTRY_URL: z.string().url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
  DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/sentinel'),
  APP_DATABASE_URL: z.string().default('postgres://sentinel_app@127.0.0.1:5432/sentinel'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  CLICKHOUSE_URL: z.string().url().default('http://127.0.0.1:8123'),
  CLICKHOUSE_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).default('sentinel'),
  KMS_ENDPOINT: z.string().url().default('http://127.0.0.1:4566'),
  KMS_REGION: z.string().default('us-east-1'),
  KMS_DEFAULT_KEY_ID: z.string().optional(),
  KEY_PROVIDER: z.enum(['local', 'aws']).default('local'),
  LOCAL_MASTER_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)').optional(),
  LOCAL_MASTER_KEY_FILE: z.string().default('.stack/keys/master.key'),
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** Reason codes a detokenization must cite (comma list); anything else is refused and audited. */
  DETOKENIZE_REASON_CODES: z
    .string()
    .regex(/^[a-z0-9_]{1,64}(,[a-z0-9_]{1,64})*$/, 'must be a comma list of lowercase codes [a-z0-9_]')
    .default('customer_request,fraud_investigation,legal_hold,support_ticket,security_incident'),
  MAX_OUTPUT_BYTES: z.coerce.number().int().min(64 * 1024).default(8 * 1024 * 1024),
  DEFAULT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(30 * 24 * 3600),
  WORKER_INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._-]+$/).optional(),
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300000).default(10000),
  /**
   * Partitions a stage worker handles at once (kafkajs partitionsConsumedConcurrently). One fetch
   * brings a batch for every assigned partition and the next fetch waits for all of them; the
   * chunks of partitions handled at once commit one transaction at a time. On the 2-core bench
   * host 6 (one per partition) drained 5–13 % faster than 3 in four A/B pairs, but with more
   * chunks queued for their commit the p50 at 500 prompts/s rose in three of them (BENCHMARKS.md).
   */
  PARTITIONS_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(3),
  /** Messages per Kafka transaction of a stage worker (one chunk of a partition's fetched batch). */
  CHUNK_MESSAGES: z.coerce.number().int().min(1).max(10_000).default(500),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** Jobs worker cadence: Merkle anchoring and TTL purge per tenant, and how often new tenants are found. */
  ANCHOR_EVERY_MS: z.coerce.number().int().min(1000).default(60_000),
  PURGE_EVERY_MS: z.coerce.number().int().min(1000).default(5 * 60_000),
  JOBS_DISCOVER_EVERY_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Jobs worker: how often it also sweeps the Postgres outbox for events no relay was woken for. */
  OUTBOX_SWEEP_EVERY_MS: z.coerce.number().int().min(100).default(2_000),
  /**
   * `listen`: this process relays outbox events, woken by Postgres when any writer commits. `off`:
   * it leaves them to the jobs worker (which always relays) and only drains on close — the setting
   * for a latency-sensitive detokenization service, whose requests then share no CPU with Kafka work.
   */
  OUTBOX_RELAY: z.enum(['listen', 'off']).default('listen'),
  /** How long a relay collects committed audit events after a wake-up before sending them in one batch. */
  OUTBOX_LINGER_MS: z.coerce.number().int().min(0).max(1_000).default(5),
  /**
   * Worker threads that run the detect stage (most of a pipeline worker's CPU) beside the main
   * thread, which decodes, protects and talks to Kafka. 0 runs detection on the main thread.
   */
  DETECT_THREADS: z.coerce.number().int().min(0).max(32).default(defaultDetectThreads()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

/**
 * One detect thread per core. The main thread is not given a core of its own: it mostly waits on
 * Kafka and Postgres. On the 2-core bench host, 2 threads beat 1 (which was no faster than none).
 */
function defaultDetectThreads(): number {
  return availableParallelism();
}

let cached: Env | undefined;

/** Parses process.env (or the given map); throws one readable error listing every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Process-wide configuration, parsed on first use. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** Topic name with the optional prefix (tests use a prefix to stay isolated). */
export function topicName(base: string, e: Env = env()): string {
  return `${e.TOPIC_PREFIX}${base}`;
}
