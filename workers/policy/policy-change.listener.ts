import { Client, type Notification } from 'pg';
import { logger } from '../observability/logger';

/** Channel the triggers of sql/postgres/013_policy_notify.sql notify on; payload = tenant id. */
export const POLICY_CHANNEL = 'sentinel_policy';

/** Anything holding per-tenant state derived from policies or tenants (PolicyStore, TenantDirectory). */
export interface InvalidationTarget {
  invalidate(tenantId?: string): void;
}

export interface PolicyChangeListenerOptions {
  readonly applicationName?: string;
  /** Listen on another channel (the audit outbox's); a payload that is not a tenant id means "everything". */
  readonly channel?: string;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A LISTEN connection is otherwise silent; a periodic query notices a half-open socket. */
  readonly pingMs?: number;
  /** Called after the targets were invalidated (tenant id, or undefined for "everything"). */
  readonly onInvalidate?: (tenantId: string | undefined) => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Holds one dedicated Postgres connection in LISTEN mode (the policy channel, or the one given in
 * the options: the audit outbox relay listens the same way) and invalidates the targets' cache for the
 * tenant named by each notification, so a newly activated, pinned or shadowed version is used by
 * the next message (milliseconds, not a TTL). When the connection drops (Postgres restart, network)
 * it reconnects with exponential backoff and jitter and then invalidates everything, because
 * notifications sent while it was away are lost for good.
 */
export class PolicyChangeListener {
  private client: Client | null = null;
  private stopped = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly targets: readonly InvalidationTarget[],
    private readonly opts: PolicyChangeListenerOptions = {},
  ) {}

  /** Resolves once listening, or once the first attempt failed (retries continue in the background). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  get connected(): boolean {
    return this.client !== null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString, keepAlive: true, application_name: this.opts.applicationName ?? 'sentinel-policy-listener' });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (n: Notification) => this.onNotification(n));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      this.scheduleRetry(err);
      return;
    }
    if (this.stopped) return void (await client.end().catch(() => undefined));
    this.client = client;
    this.attempt = 0;
    this.invalidate(undefined);
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => void client.query('SELECT 1').catch((err: unknown) => this.lost(client, err)), this.opts.pingMs ?? 10_000);
    this.pingTimer.unref();
  }

  private get channel(): string {
    return this.opts.channel ?? POLICY_CHANNEL;
  }

  private onNotification(n: Notification): void {
    if (n.channel !== this.channel) return;
    const payload = n.payload ?? '';
    // An unexpected payload cannot be attributed to a tenant: dropping everything is always safe.
    this.invalidate(UUID.test(payload) ? payload.toLowerCase() : undefined);
  }

  private invalidate(tenantId: string | undefined): void {
    for (const t of this.targets) t.invalidate(tenantId);
    this.opts.onInvalidate?.(tenantId);
  }

  private lost(client: Client, err?: unknown): void {
    if (this.client !== client) return; // a stale client's late event, or already handled
    this.client = null;
    clearInterval(this.pingTimer);
    void client.end().catch(() => undefined);
    if (!this.stopped) this.scheduleRetry(err);
  }

  private scheduleRetry(err: unknown): void {
    if (this.stopped) return;
    const base = Math.min(this.opts.maxBackoffMs ?? 5_000, (this.opts.minBackoffMs ?? 250) * 2 ** this.attempt);
    const delay = Math.round(base / 2 + Math.random() * (base / 2));
    this.attempt++;
    logger.warn({ channel: this.channel, attempt: this.attempt, delayMs: delay, err: err instanceof Error ? err.message : undefined }, 'notification listener disconnected; reconnecting');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }
}
