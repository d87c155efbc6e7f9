import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { logger } from '../observability/logger';
import { jobsCompletedTotal, jobsFailedTotal } from '../observability/metrics';
import { errorSummary } from '../runtime/transactional-worker';
import type { AppContext } from '../runtime/app-context';
import type { RunningWorker } from '../runtime/pipeline-workers';
import { createVaultServices } from '../vault/vault-services';
import { anchorDepsFor, AnchorIntegrityError, anchorTenant } from './merkle-anchor.job';
import { purgeVaultRows } from './ttl-purge.job';
import {
  ANCHOR_QUEUE,
  anchorSchedulerId,
  DEFAULT_JOBS_CONFIG,
  jobOptions,
  PURGE_QUEUE,
  purgeSchedulerId,
  redisConnection,
  type JobsConfig,
  type TenantJobData,
} from './job-queues';
import { TenantScheduler } from './tenant-scheduler';

const lastWarned = new Map<string, number>();
/** One line per queue per 10 s: an outage reconnect loop would otherwise log every few ms. */
function warnThrottled(queue: string, err: Error): void {
  const now = Date.now();
  if ((lastWarned.get(queue) ?? 0) + 10_000 > now) return;
  lastWarned.set(queue, now);
  logger.warn({ queue, err: errorSummary(err) }, 'job queue connection error; ioredis keeps reconnecting');
}

export interface RunningJobs extends RunningWorker {
  readonly anchorQueue: Queue<TenantJobData>;
  readonly purgeQueue: Queue<TenantJobData>;
  /** Re-reads active tenants and (re)creates their schedulers now. */
  syncTenants(): Promise<void>;
}

/**
 * `sentinel worker jobs`: BullMQ workers for Merkle anchoring and TTL purge, plus one repeatable
 * scheduler per active tenant and queue. One anchor run per tenant at a time is guaranteed by the
 * scheduler (one pending job per scheduler id) and, across workers and the CLI, by the anchoring
 * advisory lock. Integrity failures are UnrecoverableError (retrying cannot fix a rewritten log);
 * everything else retries with exponential backoff. Redis outages are ridden out by ioredis.
 */
export async function startJobsWorker(ctx: AppContext, overrides: Partial<JobsConfig> = {}): Promise<RunningJobs> {
  const cfg: JobsConfig = { ...DEFAULT_JOBS_CONFIG, ...overrides };
  const connection = redisConnection(ctx.env.REDIS_URL);
  const common = { connection, prefix: cfg.prefix };
  const vault = await createVaultServices(ctx, { relay: 'listen', outboxSweepMs: ctx.env.OUTBOX_SWEEP_EVERY_MS });
  const anchorDeps = anchorDepsFor(ctx);

  const anchorQueue = new Queue<TenantJobData>(ANCHOR_QUEUE, { ...common, defaultJobOptions: jobOptions(cfg) });
  const purgeQueue = new Queue<TenantJobData>(PURGE_QUEUE, { ...common, defaultJobOptions: jobOptions(cfg) });

  const anchorWorker = new Worker<TenantJobData>(
    ANCHOR_QUEUE,
    async (job) => {
      try {
        const out = await anchorTenant(anchorDeps, job.data.tenantId);
        return { status: out.status, treeSize: out.anchor?.treeSize ?? 0 };
      } catch (err) {
        if (err instanceof AnchorIntegrityError) throw new UnrecoverableError(err.message);
        throw err;
      }
    },
    { ...common, concurrency: cfg.concurrency },
  );
  const purgeWorker = new Worker<TenantJobData>(
    PURGE_QUEUE,
    async (job) => {
      const r = await purgeVaultRows({ app: ctx.pg.app, audit: vault.audit }, job.data.tenantId);
      return { deleted: r.deleted, batches: r.batches };
    },
    { ...common, concurrency: cfg.concurrency },
  );
  for (const [name, w] of [[ANCHOR_QUEUE, anchorWorker], [PURGE_QUEUE, purgeWorker]] as const) {
    w.on('completed', () => jobsCompletedTotal.inc({ queue: name }));
    w.on('failed', (job: Job<TenantJobData> | undefined, err: Error) => {
      const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      jobsFailedTotal.inc({ queue: name, final: String(final) });
      const fields = { queue: name, tenantId: job?.data.tenantId, attempt: job?.attemptsMade, final, err: errorSummary(err) };
      if (final) logger.error(fields, 'job failed');
      else logger.warn(fields, 'job attempt failed; retrying with backoff');
    });
    // Connection errors while Redis is down: ioredis reconnects by itself; log (throttled), don't crash.
    w.on('error', (err: Error) => warnThrottled(name, err));
  }
  anchorQueue.on('error', (err: Error) => warnThrottled(ANCHOR_QUEUE, err));
  purgeQueue.on('error', (err: Error) => warnThrottled(PURGE_QUEUE, err));

  const scheduler = new TenantScheduler(ctx.pg.admin, [
    { queue: anchorQueue, id: anchorSchedulerId, every: cfg.anchorEveryMs, name: 'anchor', opts: jobOptions(cfg) },
    { queue: purgeQueue, id: purgeSchedulerId, every: cfg.purgeEveryMs, name: 'purge', opts: jobOptions(cfg) },
  ], cfg.onlyTenants);
  await scheduler.sync().catch((err: unknown) => logger.warn({ err: errorSummary(err) }, 'tenant scheduler sync failed; will retry'));
  const timer = setInterval(() => void scheduler.sync().catch((err: unknown) => logger.warn({ err: errorSummary(err) }, 'tenant scheduler sync failed')), cfg.discoverEveryMs);
  timer.unref();

  return {
    name: 'jobs',
    anchorQueue,
    purgeQueue,
    syncTenants: () => scheduler.sync(),
    stop: async () => {
      clearInterval(timer);
      await Promise.allSettled([anchorWorker.close(), purgeWorker.close()]);
      await Promise.allSettled([anchorQueue.close(), purgeQueue.close(), vault.close()]);
    },
  };
}
