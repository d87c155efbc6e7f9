import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import type { AuditRow, ChainHead } from '../../pipelines/stages/audit.stage';
import { chIdent, chString, chUInt } from '../adapters/clickhouse/clickhouse-client';
import { DependencyUnavailableError } from '../errors';
import { EVENT_COLUMNS, eventsTsvChunks, tsvRepresentable } from './events-tsv';

/** Reads and writes sentinel.events. Every value in SQL text is quoted or validated (CH 18.16 has no bound parameters). */
export class EventsStore {
  private readonly table: string;

  constructor(
    private readonly ch: ClickHouseClient,
    database: string,
  ) {
    this.table = `${chIdent(database)}.events`;
  }

  /** The last stored link of a tenant's chain, or null for a tenant with no events yet. */
  async head(tenantId: string): Promise<ChainHead | null> {
    const rows = await this.select<{ seq: string; hash: string }>(
      `SELECT seq, hash FROM ${this.table} WHERE tenant_id = ${chString(tenantId)} ORDER BY seq DESC LIMIT 1`,
    );
    const r = rows[0];
    return r ? { seq: Number(r.seq), hash: Buffer.from(r.hash, 'hex') } : null;
  }

  /** Which of `eventIds` the tenant's chain already holds (the sink's guard against re-sent outbox events). */
  async storedEventIds(tenantId: string, eventIds: readonly string[]): Promise<string[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.select<{ event_id: string }>(
      `SELECT event_id FROM ${this.table} WHERE tenant_id = ${chString(tenantId)} AND event_id IN (${eventIds.map(chString).join(', ')})`,
    );
    return rows.map((r) => r.event_id);
  }

  /**
   * `offset/event_id` of the rows stored from these source offsets of a topic partition, for these
   * tenants (the sort key's prefix, so the lookup does not scan other tenants' chains).
   */
  async storedAtOffsets(topic: string, partition: number, tenantIds: readonly string[], offsets: readonly string[]): Promise<Set<string>> {
    if (tenantIds.length === 0 || offsets.length === 0) return new Set();
    const rows = await this.select<{ o: string; event_id: string }>(
      `SELECT toString(src_offset) AS o, event_id FROM ${this.table} WHERE tenant_id IN (${tenantIds.map(chString).join(', ')}) AND src_topic = ${chString(topic)} AND src_partition = ${chUInt(partition)} AND src_offset IN (${offsets.map(chUInt).join(', ')})`,
    );
    return new Set(rows.map((r) => `${r.o}/${r.event_id}`));
  }

  /** Highest source offset already stored for a topic partition (-1 if none): the resume point. */
  async lastOffset(topic: string, partition: number): Promise<bigint> {
    const rows = await this.select<{ o: string; n: string }>(
      `SELECT max(src_offset) AS o, count() AS n FROM ${this.table} WHERE src_topic = ${chString(topic)} AND src_partition = ${chUInt(partition)}`,
    );
    const r = rows[0];
    return r && Number(r.n) > 0 ? BigInt(r.o) : -1n;
  }

  /**
   * One INSERT per batch: a ClickHouse block insert is atomic, so a crash leaves all or nothing.
   * TabSeparated rather than JSONEachRow: cheaper to build here and to parse in ClickHouse (see
   * events-tsv.ts, also for why DateTime needs the basic parser); the client takes non-JSON
   * formats only as byte streams. Rows TabSeparated cannot carry exactly go as JSONEachRow.
   */
  async insert(rows: readonly AuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      if (!tsvRepresentable(rows)) {
        await this.ch.insert({ table: this.table, values: rows as AuditRow[], format: 'JSONEachRow' });
        return;
      }
      await this.ch.insert({
        table: this.table,
        values: Readable.from(eventsTsvChunks(rows), { objectMode: false }),
        format: 'TabSeparated',
        columns: [...EVENT_COLUMNS],
        clickhouse_settings: { date_time_input_format: 'basic' },
      });
    } catch (err) {
      throw new DependencyUnavailableError('clickhouse', err);
    }
  }

  async select<T>(query: string): Promise<T[]> {
    try {
      const res = await this.ch.query({ query, format: 'JSONEachRow' });
      return (await res.json()) as T[];
    } catch (err) {
      throw new DependencyUnavailableError('clickhouse', err);
    }
  }
}
