import { hostname } from 'node:os';
import { Partitioners } from 'kafkajs';
import { TOPICS } from '../../schemas/topics';
import { topicName } from '../config/env';
import { TenantDirectory } from '../adapters/postgres/tenants.repo';
import { EventsStore } from '../audit/events.store';
import { AuditSinkWorker } from '../audit/audit-sink.worker';
import { startJobsWorker } from '../jobs/jobs.worker';
import { startDlqSink } from '../audit/dlq-sink';
import { TenantKeyring } from '../keys/tenant-keyring';
import { PolicyChangeListener } from '../policy/policy-change.listener';
import { PolicyStore } from '../policy/policy-store';
import { SignatureCatalog } from '../signatures/signature-catalog';
import type { AppContext } from './app-context';
import { DLQ_KEY_ID, deadLetterFor } from './dead-letter';
import { StageHandler } from './stage.handler';
import { DetectPool } from './detect-pool';
import { PassthroughHandler } from './passthrough.handler';
import { TOPOLOGIES, workerPlan, type WorkerPlan } from '../../pipelines/topology';
import { TenantContextLoader } from './tenant-context';
import { TransactionalWorker } from './transactional-worker';

export interface RunningWorker {
  readonly name: string;
  /** For /readyz; workers without a notion of readiness omit it. */
  readonly ready?: () => boolean;
  stop(): Promise<void>;
}

/** What `sentinel worker all` runs: the fused pipeline and every sink and job runner. */
export const ALL_WORKERS = ['pipeline', 'audit-sink', 'dlq-sink', 'jobs'] as const;
/** Every worker `sentinel worker <name>` accepts ('prompt' is the fused pipeline's old name). */
export const WORKER_NAMES = [...ALL_WORKERS, 'detect', 'decide', 'protect', 'prompt', 'passthrough'] as const;
export type WorkerName = (typeof WORKER_NAMES)[number];

/**
 * Worker slot id, default the host name. Transactional ids derive from it, so a worker restarted on
 * the same host fences its crashed predecessor's open transaction at once instead of leaving
 * read_committed consumers waiting for the transaction timeout. Several workers on one host need
 * distinct WORKER_INSTANCE_ID values.
 */
function instanceId(ctx: AppContext): string {
  return ctx.env.WORKER_INSTANCE_ID ?? (hostname().replace(/[^A-Za-z0-9._-]/g, '-') || 'local');
}

/**
 * A stage worker per pipelines/topology.ts: `pipeline` runs detect → decide → protect fused;
 * `detect`, `decide` and `protect` are the split topology's workers, one consumer group each.
 */
export async function startStageWorker(ctx: AppContext, plan: WorkerPlan): Promise<RunningWorker> {
  // NOTIFY drives policy reloads (ms); the longer TTL only backs up a lost notification.
  const tenants = new TenantDirectory(ctx.pg.app);
  const policies = new PolicyStore(ctx.pg.app, 30_000);
  const usesPolicy = plan.stages.includes('decide') || plan.stages.includes('protect');
  const signatures = new SignatureCatalog(ctx.pg.app);
  const usesSignatures = plan.stages.includes('detect');
  const listener = usesPolicy || usesSignatures ? new PolicyChangeListener(ctx.env.APP_DATABASE_URL, [policies, tenants, signatures]) : undefined;
  await listener?.start();
  const contexts = new TenantContextLoader(tenants, policies, new TenantKeyring(ctx.pg.app, ctx.keyProvider), ctx.env.DEFAULT_TOKEN_TTL_SECONDS);
  const detectPool = usesSignatures && ctx.env.DETECT_THREADS > 0 ? new DetectPool(ctx.env.DETECT_THREADS) : undefined;
  const handler = new StageHandler(plan, { env: ctx.env, codecs: ctx.codecs, contexts, app: ctx.pg.app, dlqKey: () => ctx.systemKeys.get(DLQ_KEY_ID), signatures, detectPool });
  const inputs = plan.input === 'raw' ? [TOPICS.promptsRaw, TOPICS.logsRaw] : [TOPICS[plan.input]];
  const groupId = `${ctx.env.TOPIC_PREFIX}sentinel-${plan.name}`;
  const worker = new TransactionalWorker(ctx.kafka, {
    groupId,
    topics: inputs.map((t) => topicName(t, ctx.env)),
    transactionalId: `${groupId}-${instanceId(ctx)}`,
    handler,
    sessionTimeoutMs: ctx.env.KAFKA_SESSION_TIMEOUT_MS,
    partitionsInFlight: ctx.env.PARTITIONS_IN_FLIGHT,
    chunkSize: ctx.env.CHUNK_MESSAGES,
    // A fenced producer never commits again: exit non-zero so a supervisor notices and restarts
    // the slot, instead of the process holding partitions on which it makes no progress.
    onFatal: () => process.exit(70),
  });
  await worker.start().catch(async (err: unknown) => {
    await listener?.stop();
    await detectPool?.close();
    throw err;
  });
  return {
    name: plan.name,
    ready: () => worker.ready,
    stop: async () => {
      await worker.stop();
      await listener?.stop();
      await detectPool?.close();
    },
  };
}

/** The hash-chaining ClickHouse sink for sentinel.decisions. */
export async function startAuditSink(ctx: AppContext): Promise<RunningWorker> {
  const dlqProducer = ctx.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000 },
  });
  await dlqProducer.connect();
  const sink = new AuditSinkWorker(ctx.kafka, {
    groupId: `${ctx.env.TOPIC_PREFIX}sentinel-audit-sink`,
    topic: topicName(TOPICS.decisions, ctx.env),
    sessionTimeoutMs: ctx.env.KAFKA_SESSION_TIMEOUT_MS,
    codec: ctx.codecs.decisions,
    store: new EventsStore(ctx.ch, ctx.env.CLICKHOUSE_DATABASE),
    deadLetter: async (m, err) => {
      const record = deadLetterFor(ctx.codecs.dlq, await ctx.systemKeys.get(DLQ_KEY_ID), 'audit-sink', m, err, null);
      await dlqProducer.send({ topic: record.topic, acks: -1, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
    },
  });
  await sink.start();
  return {
    name: 'audit-sink',
    stop: async () => {
      await sink.stop();
      await dlqProducer.disconnect().catch(() => undefined);
    },
  };
}

/** Benchmark baseline: raw prompts copied unchanged to the sanitized topic, same transaction loop. */
export async function startPassthrough(ctx: AppContext): Promise<RunningWorker> {
  const groupId = `${ctx.env.TOPIC_PREFIX}sentinel-passthrough`;
  const worker = new TransactionalWorker(ctx.kafka, {
    groupId,
    topics: [topicName(TOPICS.promptsRaw, ctx.env)],
    transactionalId: `${groupId}-${instanceId(ctx)}`,
    handler: new PassthroughHandler(topicName(TOPICS.promptsSanitized, ctx.env)),
    sessionTimeoutMs: ctx.env.KAFKA_SESSION_TIMEOUT_MS,
    partitionsInFlight: ctx.env.PARTITIONS_IN_FLIGHT,
    chunkSize: ctx.env.CHUNK_MESSAGES,
    // A fenced producer never commits again: exit non-zero so a supervisor notices and restarts
    // the slot, instead of the process holding partitions on which it makes no progress.
    onFatal: () => process.exit(70),
  });
  await worker.start();
  return { name: 'passthrough', ready: () => worker.ready, stop: () => worker.stop() };
}

export async function startWorker(ctx: AppContext, name: WorkerName): Promise<RunningWorker> {
  switch (name) {
    case 'pipeline':
    case 'prompt':
      return startStageWorker(ctx, TOPOLOGIES.fused[0]);
    case 'passthrough':
      return startPassthrough(ctx);
    case 'detect':
    case 'decide':
    case 'protect':
      return startStageWorker(ctx, workerPlan(name)!);
    case 'audit-sink':
      return startAuditSink(ctx);
    case 'jobs':
      return startJobsWorker(ctx, { anchorEveryMs: ctx.env.ANCHOR_EVERY_MS, purgeEveryMs: ctx.env.PURGE_EVERY_MS, discoverEveryMs: ctx.env.JOBS_DISCOVER_EVERY_MS });
    case 'dlq-sink':
      return startDlqSink(ctx);
  }
}
