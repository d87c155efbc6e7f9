import type { Pool } from 'pg';

/**
 * Tests that rewrite a tenant's audit log on purpose retire that tenant afterwards: every jobs
 * worker on the same stack (the demo's, a developer's `worker all`) anchors each active tenant and
 * would otherwise report the deliberate rewrite as an integrity failure, forever.
 */
export async function retireTenants(admin: Pool, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await admin.query("UPDATE tenants SET status = 'deleted' WHERE id = ANY($1::uuid[])", [ids]);
}
