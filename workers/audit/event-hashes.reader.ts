import type { ClickHouseClient } from '@clickhouse/client';
import { chIdent, chString, chUInt } from '../adapters/clickhouse/clickhouse-client';
import { DependencyUnavailableError } from '../errors';

export interface EventLink {
  readonly seq: number;
  readonly hash: Buffer;
  readonly prevHash: Buffer;
}

export interface PrefixStats {
  readonly rows: number;
  readonly distinctSeqs: number;
  readonly maxSeq: number;
}

/**
 * Reads the chain columns (seq, hash, prev_hash) of sentinel.events: what the Merkle tree is built
 * over. TabSeparated instead of JSONEachRow because anchoring streams millions of rows and a split
 * is several times cheaper than JSON.parse per row. Hex hashes never contain tabs or escapes.
 */
export class EventHashesReader {
  private readonly table: string;

  constructor(
    private readonly ch: ClickHouseClient,
    database: string,
  ) {
    this.table = `${chIdent(database)}.events`;
  }

  /** Rows with from <= seq < to (to optional), in seq order, streamed: memory stays bounded. */
  async *stream(tenantId: string, from: number, to?: number): AsyncGenerator<EventLink> {
    const upper = to === undefined ? '' : ` AND seq < ${chUInt(to)}`;
    const result = await this.run(
      `SELECT seq, hash, prev_hash FROM ${this.table} WHERE tenant_id = ${chString(tenantId)} AND seq >= ${chUInt(from)}${upper} ORDER BY seq`,
    );
    try {
      for await (const rows of result.stream()) {
        for (const r of rows) {
          const [seq, hash, prev] = r.text.split('\t');
          yield { seq: Number(seq), hash: Buffer.from(hash ?? '', 'hex'), prevHash: Buffer.from(prev ?? '', 'hex') };
        }
      }
    } finally {
      result.close();
    }
  }

  /** Hashes of the given seq ranges [start, end), one query; duplicates are returned as stored. */
  async ranges(tenantId: string, ranges: readonly { start: number; end: number }[]): Promise<EventLink[]> {
    if (ranges.length === 0) return [];
    const where = ranges.map((r) => `(seq >= ${chUInt(r.start)} AND seq < ${chUInt(r.end)})`).join(' OR ');
    const out: EventLink[] = [];
    for await (const link of this.query(`SELECT seq, hash, prev_hash FROM ${this.table} WHERE tenant_id = ${chString(tenantId)} AND (${where}) ORDER BY seq`)) out.push(link);
    return out;
  }

  /** Row count, distinct seqs and max seq below `size`: a deleted or forged row changes them. */
  async prefixStats(tenantId: string, size: number): Promise<PrefixStats> {
    const result = await this.run(
      `SELECT count(), uniqExact(seq), max(seq) FROM ${this.table} WHERE tenant_id = ${chString(tenantId)} AND seq < ${chUInt(size)}`,
    );
    const text = (await result.text()).trim();
    const [rows, distinct, max] = text.split('\t').map(Number);
    return { rows: rows ?? 0, distinctSeqs: distinct ?? 0, maxSeq: max ?? 0 };
  }

  /** seq and hash of an event by id (null when not stored). Several rows mean a forged log. */
  async findEvent(tenantId: string, eventId: string): Promise<{ seq: number; hash: Buffer }[]> {
    const out: { seq: number; hash: Buffer }[] = [];
    for await (const l of this.query(`SELECT seq, hash, prev_hash FROM ${this.table} WHERE tenant_id = ${chString(tenantId)} AND event_id = ${chString(eventId)} ORDER BY seq`)) {
      out.push({ seq: l.seq, hash: l.hash });
    }
    return out;
  }

  private async *query(sql: string): AsyncGenerator<EventLink> {
    const result = await this.run(sql);
    const text = await result.text();
    for (const line of text.split('\n')) {
      if (!line) continue;
      const [seq, hash, prev] = line.split('\t');
      yield { seq: Number(seq), hash: Buffer.from(hash ?? '', 'hex'), prevHash: Buffer.from(prev ?? '', 'hex') };
    }
  }

  private async run(query: string) {
    try {
      return await this.ch.query({ query, format: 'TabSeparated' });
    } catch (err) {
      throw new DependencyUnavailableError('clickhouse', err);
    }
  }
}
