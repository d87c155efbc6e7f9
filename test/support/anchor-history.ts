import { verifyConsistency } from '../../pipelines/audit';
import { proveConsistency } from '../../workers/audit/audit-proofs';
import type { StoredAnchor } from '../../workers/audit/anchor.store';
import { verifySth } from '../../workers/audit/sth-json';
import { anchorDepsFor, anchorTenant } from '../../workers/jobs/merkle-anchor.job';
import type { AppContext } from '../../workers/runtime/app-context';
import { sleep } from './pipeline-audit';

export interface AnchorHistory {
  readonly anchors: number;
  readonly sizes: readonly number[];
  /** 'ok' or the first problem: a bad signature, a broken consistency proof, a short final head. */
  readonly verdict: string;
}

/**
 * "The Merkle anchors stay consistent" after a fault: anchor the tenant's log once more, then check
 * every signed tree head stored for it (the jobs worker's, taken during the fault, and this final
 * one): each signature verifies, each consecutive pair has a consistency proof that verifies
 * against the two *signed* roots, and the final head covers `expectedSize` events.
 */
export async function checkAnchorHistory(ctx: AppContext, tenantId: string, expectedSize: number): Promise<AnchorHistory> {
  const deps = anchorDepsFor(ctx);
  for (let i = 0; i < 60; i++) {
    // 'locked': the jobs worker is anchoring this tenant right now; its head joins the history.
    if ((await anchorTenant(deps, tenantId)).status !== 'locked') break;
    await sleep(500);
  }
  const sizes = (
    await ctx.pg.admin.query<{ tree_size: string }>('SELECT tree_size FROM audit_anchors WHERE tenant_id = $1 ORDER BY tree_size', [tenantId])
  ).rows.map((r) => Number(r.tree_size));
  const heads: StoredAnchor[] = [];
  for (const size of sizes) heads.push((await deps.anchors.find(tenantId, size))!);
  return { anchors: heads.length, sizes, verdict: await judge(deps, tenantId, heads, expectedSize) };
}

async function judge(deps: ReturnType<typeof anchorDepsFor>, tenantId: string, heads: readonly StoredAnchor[], expectedSize: number): Promise<string> {
  for (const h of heads) if (!verifySth(h).ok) return `signature of head ${h.treeSize} does not verify`;
  for (let i = 1; i < heads.length; i++) {
    const [a, b] = [heads[i - 1]!, heads[i]!];
    const { proof } = await proveConsistency(deps, tenantId, a.treeSize, b.treeSize);
    const check = verifyConsistency({ ...proof, root1: a.rootHash, root2: b.rootHash });
    if (!check.ok) return `heads ${a.treeSize} → ${b.treeSize} inconsistent: ${check.reason}`;
  }
  const last = heads[heads.length - 1]?.treeSize ?? 0;
  return last === expectedSize ? 'ok' : `final head covers ${last} of ${expectedSize} events`;
}
