import type { DefaultJobOptions, Queue } from 'bullmq';
import type { Pool } from 'pg';
import type { TenantJobData } from './job-queues';

export interface ScheduleSpec {
  readonly queue: Queue<TenantJobData>;
  readonly id: (tenantId: string) => string;
  readonly every: number;
  readonly name: string;
  readonly opts: DefaultJobOptions;
}

/**
 * Keeps one repeatable job scheduler per active tenant and queue. Checks each scheduler exists
 * rather than remembering what it created: Redis runs without persistence here, so after a Redis
 * restart every scheduler is gone and the next sync must recreate them. Tenants that stopped being
 * active (suspended, deleted) lose their schedulers. Runs never overlap.
 */
export class TenantScheduler {
  private running: Promise<void> | null = null;

  constructor(
    /** Owner pool: listing all tenants is an operator-level read that RLS would hide from the app role. */
    private readonly admin: Pool,
    private readonly specs: readonly ScheduleSpec[],
    private readonly onlyTenants?: readonly string[],
  ) {}

  sync(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<void> {
    const res = await this.admin.query<{ id: string }>("SELECT id FROM tenants WHERE status = 'active'");
    const active = new Set(res.rows.map((r) => r.id).filter((id) => !this.onlyTenants || this.onlyTenants.includes(id)));
    for (const spec of this.specs) {
      for (const tenantId of active) {
        const id = spec.id(tenantId);
        if (await spec.queue.getJobScheduler(id)) continue;
        await spec.queue.upsertJobScheduler(id, { every: spec.every }, { name: spec.name, data: { tenantId }, opts: spec.opts });
      }
      const existing = await spec.queue.getJobSchedulers(0, -1);
      for (const s of existing) {
        const tenantId = s.template?.data?.tenantId;
        if (tenantId && !active.has(tenantId)) await spec.queue.removeJobScheduler(s.key);
      }
    }
  }
}
