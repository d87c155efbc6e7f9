import { hostname } from 'node:os';
import { Partitioners } from 'kafkajs';
import { TOPICS } from '../../schemas/topics';
import { topicName } from '../config/env';
import { TenantDirectory } from '../adapters/postgres/tenants.repo';
import { EventsStore } from '../audit/events.store';
import { AuditSinkWorker } from '../audit/audit-sink.worker';
import { TenantKeyring } from '../keys/tenant-keyring';
import { PolicyStore } from '../policy/policy-store';
import type { AppContext } from './app-context';
import { DLQ_KEY_ID, deadLetterFor } from './dead-letter';
import { PromptHandler } from './prompt.handler';
import { TenantContextLoader } from './tenant-context';
import { TransactionalWorker } from './transactional-worker';

export interface RunningWorker {
  readonly name: string;
  stop(): Promise<void>;
}

export const WORKER_NAMES = ['prompt', 'audit-sink'] as const;
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

/** The fused detect → decide → tokenize worker for sentinel.prompts.raw. */
export async function startPromptWorker(ctx: AppContext): Promise<RunningWorker> {
  const contexts = new TenantContextLoader(
    new TenantDirectory(ctx.pg.app),
    new PolicyStore(ctx.pg.app),
    new TenantKeyring(ctx.pg.app, ctx.keyProvider),
    ctx.env.DEFAULT_TOKEN_TTL_SECONDS,
  );
  const c = ctx.codecs;
  const handler = new PromptHandler(
    { raw: c.promptsRaw, sanitized: c.promptsSanitized, blocked: c.promptsBlocked, decisions: c.decisions, dlq: c.dlq },
    contexts,
    ctx.pg.app,
    () => ctx.systemKeys.get(DLQ_KEY_ID),
    ctx.env.MAX_MESSAGE_BYTES,
  );
  const groupId = `${ctx.env.TOPIC_PREFIX}sentinel-prompt`;
  const worker = new TransactionalWorker(ctx.kafka, {
    groupId,
    topics: [topicName(TOPICS.promptsRaw, ctx.env)],
    transactionalId: `${groupId}-${instanceId(ctx)}`,
    handler,
  });
  await worker.start();
  return { name: 'prompt', stop: () => worker.stop() };
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

export async function startWorker(ctx: AppContext, name: WorkerName): Promise<RunningWorker> {
  switch (name) {
    case 'prompt':
      return startPromptWorker(ctx);
    case 'audit-sink':
      return startAuditSink(ctx);
  }
}
