import type { Pool } from 'pg';
import { leafHash, nodeHash, type NodeId } from '../../pipelines/audit';
import { withTenant } from '../adapters/postgres/pools';
import type { EventHashesReader } from './event-hashes.reader';

/**
 * Perfect subtrees at this level and above are stored in Postgres (about n/8 rows for n leaves);
 * lower ones are recomputed from at most 2^4 = 16 event hashes. Storing every leaf and level-1..3
 * node would be ~2n rows for data ClickHouse already holds.
 */
export const STORED_MIN_LEVEL = 4;

export interface MerkleNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Buffer;
}

export class MerkleIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MerkleIntegrityError';
  }
}

/** Stores completed perfect subtrees and serves any perfect node (stored or recomputed) for proofs. */
export class MerkleNodeStore {
  constructor(
    private readonly app: Pool,
    private readonly events: EventHashesReader,
  ) {}

  /**
   * Upserts nodes. DO UPDATE rather than DO NOTHING: nodes beyond the last anchor may have been
   * written by a run that failed its integrity check, and must not shadow the recomputed ones.
   * Nodes inside an anchored range are never re-emitted (runs append after the anchored size).
   */
  async put(tenantId: string, nodes: readonly MerkleNode[]): Promise<void> {
    if (nodes.length === 0) return;
    await withTenant(this.app, tenantId, (c) =>
      c.query(
        `INSERT INTO merkle_nodes (tenant_id, level, idx, hash)
         SELECT $1, l, i, h FROM unnest($2::smallint[], $3::bigint[], $4::bytea[]) AS t(l, i, h)
         ON CONFLICT (tenant_id, level, idx) DO UPDATE SET hash = EXCLUDED.hash`,
        [tenantId, nodes.map((n) => n.level), nodes.map((n) => String(n.index)), nodes.map((n) => n.hash)],
      ),
    );
  }

  /** Hashes of `ids`, in order; throws MerkleIntegrityError when a node cannot be produced. */
  async get(tenantId: string, ids: readonly NodeId[]): Promise<Buffer[]> {
    const found = new Map<string, Buffer>();
    const key = (level: number, index: number) => `${level}:${index}`;
    const high = ids.filter((id) => id.level >= STORED_MIN_LEVEL);
    if (high.length > 0) {
      const res = await withTenant(this.app, tenantId, (c) =>
        c.query<{ level: number; idx: string; hash: Buffer }>(
          `SELECT level, idx, hash FROM merkle_nodes WHERE tenant_id = $1
             AND (level, idx) IN (SELECT * FROM unnest($2::smallint[], $3::bigint[]))`,
          [tenantId, high.map((n) => n.level), high.map((n) => String(n.index))],
        ),
      );
      for (const r of res.rows) found.set(key(r.level, Number(r.idx)), r.hash);
    }
    const low = ids.filter((id) => id.level < STORED_MIN_LEVEL);
    if (low.length > 0) {
      const ranges = low.map((id) => ({ start: id.index * 2 ** id.level, end: (id.index + 1) * 2 ** id.level }));
      const links = await this.events.ranges(tenantId, ranges);
      const bySeq = new Map<number, Buffer>();
      for (const l of links) {
        // Two rows with one seq is a forged or replayed insert: never pick one silently.
        if (bySeq.has(l.seq)) throw new MerkleIntegrityError(`seq ${l.seq} is stored more than once`);
        bySeq.set(l.seq, leafHash(l.hash));
      }
      low.forEach((id, i) => {
        const r = ranges[i]!;
        let level: Buffer[] = [];
        for (let s = r.start; s < r.end; s += 1) {
          const h = bySeq.get(s);
          if (!h) throw new MerkleIntegrityError(`event seq ${s} is missing`);
          level.push(h);
        }
        while (level.length > 1) {
          const next: Buffer[] = [];
          for (let j = 0; j < level.length; j += 2) next.push(nodeHash(level[j]!, level[j + 1]!));
          level = next;
        }
        found.set(key(id.level, id.index), level[0]!);
      });
    }
    return ids.map((id) => {
      const h = found.get(key(id.level, id.index));
      if (!h) throw new MerkleIntegrityError(`merkle node ${id.level}:${id.index} is not stored`);
      return h;
    });
  }
}
