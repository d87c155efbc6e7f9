import type { ConnectionOptions, DefaultJobOptions } from 'bullmq';

export const ANCHOR_QUEUE = 'merkle-anchor';
export const PURGE_QUEUE = 'ttl-purge';

export interface TenantJobData {
  readonly tenantId: string;
}

export interface JobsConfig {
  /** BullMQ key prefix; tests use a unique one so they never see each other's jobs. */
  readonly prefix: string;
  readonly anchorEveryMs: number;
  readonly purgeEveryMs: number;
  /** How often the set of active tenants is re-read (new tenants get schedulers, deleted ones lose them). */
  readonly discoverEveryMs: number;
  readonly attempts: number;
  readonly backoffMs: number;
  readonly concurrency: number;
  /** Restrict scheduling to these tenants (tests, or sharding tenants across job workers). */
  readonly onlyTenants?: readonly string[];
}

export const DEFAULT_JOBS_CONFIG: JobsConfig = {
  prefix: 'sentinel',
  anchorEveryMs: 60_000,
  purgeEveryMs: 5 * 60_000,
  discoverEveryMs: 30_000,
  attempts: 5,
  backoffMs: 2_000,
  concurrency: 2,
};

/**
 * ioredis options from REDIS_URL. maxRetriesPerRequest null is what BullMQ workers require: a
 * command issued while Redis is down waits for the reconnect instead of failing, which is what
 * lets a worker that lost Redis carry on by itself once it is back.
 */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    // Capped reconnect backoff: an outage of minutes is retried every 2 s at most.
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2_000),
  };
}

/** Retries with exponential backoff; keeps a bounded history so failures stay inspectable. */
export function jobOptions(cfg: JobsConfig): DefaultJobOptions {
  return {
    attempts: cfg.attempts,
    backoff: { type: 'exponential', delay: cfg.backoffMs },
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 1000 },
  };
}

export const anchorSchedulerId = (tenantId: string): string => `anchor:${tenantId}`;
export const purgeSchedulerId = (tenantId: string): string => `purge:${tenantId}`;
