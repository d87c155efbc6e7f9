import type { ClickHouseClient } from '@clickhouse/client';
import type { Pool } from 'pg';
import type { MerkleFrontierState, SignedTreeHead } from '../../pipelines/audit';
import { chIdent, chString, chUInt } from '../adapters/clickhouse/clickhouse-client';
import { withTenant } from '../adapters/postgres/pools';
import { DependencyUnavailableError } from '../errors';

/** A signed tree head as stored: what `prove` proves against and the next run extends. */
export interface StoredAnchor extends SignedTreeHead {
  readonly publicKey: Buffer;
  readonly frontier: MerkleFrontierState;
  readonly lastEventHash: Buffer;
}

interface AnchorRow {
  tenant_id: string;
  tree_size: string;
  root_hash: Buffer;
  sth_timestamp_ms: string;
  signature: Buffer;
  public_key: Buffer;
  frontier_state: MerkleFrontierState;
  last_event_hash: Buffer;
}

const COLS = 'tenant_id, tree_size, root_hash, sth_timestamp_ms, signature, public_key, frontier_state, last_event_hash';

function toAnchor(r: AnchorRow): StoredAnchor {
  return {
    tenantId: r.tenant_id,
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash,
    timestamp: Number(r.sth_timestamp_ms),
    signature: r.signature,
    publicKey: r.public_key,
    frontier: r.frontier_state,
    lastEventHash: r.last_event_hash,
  };
}

/** audit_anchors in Postgres (system of record, under RLS) mirrored to ClickHouse sentinel.anchors. */
export class AnchorStore {
  constructor(
    private readonly app: Pool,
    private readonly ch: ClickHouseClient,
    private readonly database: string,
  ) {}

  /** The latest anchor, or the one of exactly `size` when given. */
  async find(tenantId: string, size?: number): Promise<StoredAnchor | null> {
    const res = await withTenant(this.app, tenantId, (c) =>
      size === undefined
        ? c.query<AnchorRow>(`SELECT ${COLS} FROM audit_anchors WHERE tenant_id = $1 ORDER BY tree_size DESC LIMIT 1`, [tenantId])
        : c.query<AnchorRow>(`SELECT ${COLS} FROM audit_anchors WHERE tenant_id = $1 AND tree_size = $2`, [tenantId, size]),
    );
    return res.rows[0] ? toAnchor(res.rows[0]) : null;
  }

  /** Inserts into Postgres; a concurrent writer of the same size loses on the primary key. */
  async insert(a: StoredAnchor): Promise<void> {
    await withTenant(this.app, a.tenantId, (c) =>
      c.query(`INSERT INTO audit_anchors (${COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        a.tenantId,
        String(a.treeSize),
        a.rootHash,
        String(a.timestamp),
        a.signature,
        a.publicKey,
        JSON.stringify(a.frontier),
        a.lastEventHash,
      ]),
    );
  }

  /**
   * Mirrors an anchor to ClickHouse (ReplacingMergeTree on tenant and size, so repeating it is
   * harmless). Runs after the Postgres commit, and again at the start of the next run, so a
   * ClickHouse outage delays the mirror but never loses it.
   */
  async mirror(a: StoredAnchor): Promise<void> {
    const table = `${chIdent(this.database)}.anchors`;
    try {
      const res = await this.ch.query({
        query: `SELECT count() FROM ${table} WHERE tenant_id = ${chString(a.tenantId)} AND tree_size = ${chUInt(a.treeSize)}`,
        format: 'TabSeparated',
      });
      if (Number((await res.text()).trim()) > 0) return;
      await this.ch.insert({
        table,
        format: 'JSONEachRow',
        values: [{
          tenant_id: a.tenantId,
          tree_size: a.treeSize,
          root_hash: a.rootHash.toString('hex'),
          sth_timestamp_ms: a.timestamp,
          signature: a.signature.toString('base64'),
          public_key: a.publicKey.toString('base64'),
        }],
      });
    } catch (err) {
      throw new DependencyUnavailableError('clickhouse', err);
    }
  }
}
