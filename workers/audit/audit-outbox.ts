import type { Pool, PoolClient } from 'pg';
import type { DecisionEvent } from '../../schemas/types';
import { inTransaction } from '../adapters/postgres/pools';
import { PolicyChangeListener } from '../policy/policy-change.listener';
import { logger } from '../observability/logger';
import { outboxRelayedTotal, outboxRelayFailuresTotal } from '../observability/metrics';
import { errorSummary } from '../runtime/transactional-worker';
import { withTimeout, type AuditEmitter, type AuditFacts } from './audit-emitter';
import { OUTBOX_HEADER, OUTBOX_HEADER_VALUE, outboxRowOf, recordAuditRow, type OutboxRow } from './outbox-rows';

/** Channel of sql/postgres/020: notified when a transaction that wrote outbox rows commits. */
export const OUTBOX_CHANNEL = 'sentinel_audit_outbox';

interface PendingRow {
  id: string;
  event: DecisionEvent;
}

/**
 * The audit outbox of one process: `record` writes an event inside the caller's transaction, and
 * the relay moves events from the Postgres outbox to the emitter's topic (sentinel.decisions).
 * A relay runs where `listen()` was called (the jobs worker; any process with OUTBOX_RELAY=listen),
 * woken by Postgres when a writer commits, so the process serving detokenization need not relay.
 * Each batch is selected FOR UPDATE SKIP LOCKED, sent with acks=all and deleted in one transaction: concurrent relays
 * (the jobs worker, a process relaying its own events, a closing CLI) never send the same row at the same
 * time, and a relay that dies after the send and before the commit leaves the rows to be sent
 * again — at least once, which the audit sink turns into exactly once by dropping known event ids.
 */
export class AuditOutbox {
  private running: Promise<number> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private listener: PolicyChangeListener | undefined;
  private lingering: NodeJS.Timeout | undefined;
  /** Rows whose JSON no longer encodes (a schema change gone wrong): kept, logged, not retried here. */
  private readonly poisoned = new Set<string>();

  constructor(
    private readonly admin: Pool,
    private readonly emitter: AuditEmitter,
    private readonly opts: { batchSize?: number; lingerMs?: number } = {},
  ) {}

  /** Records an event bound for this relay's topic in the caller's (tenant) transaction; its commit wakes the relays. */
  record(client: PoolClient, facts: AuditFacts): Promise<DecisionEvent> {
    return recordAuditRow(client, this.row(facts));
  }

  /** The event as an outbox row for this relay's topic, for callers that insert it in their own statement. */
  row(facts: AuditFacts): OutboxRow {
    return outboxRowOf(this.emitter.topic, facts);
  }

  /** Sends everything pending; resolves with how many rows it handled. Overlapping calls share one run. */
  drain(): Promise<number> {
    this.again = true;
    this.running ??= this.loop();
    return this.running;
  }

  /**
   * Drain soon after a commit, without waiting: failures are logged and the rows wait for the next
   * sweep. Kicks within `lingerMs` share one relay batch, so a busy caller's events go to Kafka in
   * a few requests instead of one transaction and one produce each competing with the caller.
   */
  kick(): void {
    if (this.lingering) return;
    this.lingering = setTimeout(() => {
      this.lingering = undefined;
      this.drain().catch((err: unknown) => {
        outboxRelayFailuresTotal.inc();
        logger.warn({ stage: 'outbox-relay', err: errorSummary(err) }, 'audit outbox relay failed; events stay queued');
      });
    }, this.opts.lingerMs ?? 5);
  }

  /**
   * Relays on every commit that wrote outbox rows, in any process: a dedicated LISTEN connection
   * kicks the relay (and once more after each reconnect, for notifications missed while away).
   */
  async listen(connectionString: string): Promise<void> {
    this.listener ??= new PolicyChangeListener(connectionString, [{ invalidate: () => this.kick() }], { channel: OUTBOX_CHANNEL, applicationName: 'sentinel-outbox-relay' });
    await this.listener.start();
  }

  /** Periodic sweep for events no relay was woken for (Kafka down at the time, a lost notification). */
  sweepEvery(ms: number): void {
    this.timer = setInterval(() => this.kick(), ms);
    this.timer.unref();
  }

  /** Stops the sweep and makes a last bounded attempt to send what this process wrote. */
  async close(timeoutMs = 5_000): Promise<void> {
    clearInterval(this.timer);
    await this.listener?.stop();
    clearTimeout(this.lingering);
    this.lingering = undefined;
    await withTimeout(this.drain(), timeoutMs).catch(() => undefined);
  }

  private async loop(): Promise<number> {
    let sent = 0;
    try {
      // `again` is set by every drain() call: a commit that lands during a pass gets one more pass.
      while (this.again) {
        this.again = false;
        // Only a full batch means more is waiting now; later commits come with their own kick.
        const full = this.opts.batchSize ?? 500;
        for (let n = full; n === full || n < 0; ) {
          n = await this.relayBatch();
          if (n > 0) sent += n;
        }
      }
    } finally {
      // Cleared in the same tick as the last `again` check, so no drain() can join a finished run.
      this.running = undefined;
    }
    return sent;
  }

  /**
   * One batch; resolves with the number of rows it handled (0: the outbox is empty for us). The
   * rows are deleted first and the delete commits only after Kafka acknowledged them: one statement
   * instead of a locking SELECT and a DELETE. A row that does not encode rolls the batch back and
   * is skipped from then on (poisoned), so it stays for an operator and blocks nothing.
   */
  private relayBatch(): Promise<number> {
    return inTransaction(this.admin, async (c) => {
      const { rows } = await c.query<PendingRow>(
        `DELETE FROM audit_outbox WHERE id IN (
           SELECT id FROM audit_outbox WHERE topic = $1 AND NOT (id = ANY($3::bigint[])) ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
         ) RETURNING id::text AS id, event`,
        [this.emitter.topic, this.opts.batchSize ?? 500, [...this.poisoned]],
      );
      rows.sort((x, y) => Number(BigInt(x.id) - BigInt(y.id))); // RETURNING order is not guaranteed
      const sendable: Array<{ key: string; value: Buffer }> = [];
      for (const r of rows) {
        const value = this.encoded(r);
        if (value) sendable.push({ key: r.event.tenant_id, value });
      }
      if (sendable.length < rows.length) throw new PoisonedBatch();
      await this.emitter.publishEncoded(sendable, { [OUTBOX_HEADER]: OUTBOX_HEADER_VALUE });
      outboxRelayedTotal.inc(rows.length);
      return rows.length;
    }).catch((err: unknown) => {
      if (err instanceof PoisonedBatch) return -1; // rolled back; the next pass skips the poisoned rows
      throw err;
    });
  }

  private encoded(row: PendingRow): Buffer | undefined {
    try {
      return this.emitter.encode(row.event);
    } catch (err) {
      this.poisoned.add(row.id);
      logger.error({ stage: 'outbox-relay', outboxId: row.id, eventId: row.event.event_id, err: errorSummary(err) }, 'audit outbox row does not encode; left in the outbox for an operator');
      return undefined;
    }
  }
}

class PoisonedBatch extends Error {}
