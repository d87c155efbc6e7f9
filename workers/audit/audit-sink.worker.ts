import type { Consumer, EachBatchPayload, IHeaders, Kafka } from 'kafkajs';
import { chainAppend, type AuditRow, type ChainHead } from '../../pipelines/stages/audit.stage';
import type { DecisionEvent } from '../../schemas/types';
import { groupTimeouts } from '../adapters/kafka/kafka-client';
import type { TopicCodec } from '../adapters/registry/topic-codec';
import { logger } from '../observability/logger';
import { backoffMs, sleep } from '../runtime/backoff';
import { errorSummary } from '../runtime/transactional-worker';
import type { EventsStore } from './events.store';
import { PipelineRejection } from '../../pipelines/errors';
import type { InputMessage } from '../runtime/messages';
import { OUTBOX_HEADER, OUTBOX_HEADER_VALUE } from './outbox-rows';

interface BatchPlan {
  readonly rows: AuditRow[];
  readonly heads: Map<string, ChainHead | null>;
  readonly lastOffset: bigint;
}

/**
 * Consumes sentinel.decisions and appends each event to its tenant's hash chain in ClickHouse.
 * Exactly once into ClickHouse: rows carry their source offset; after a crash or rebalance the
 * sink reloads, per partition, the last stored offset and, per tenant, the chain head — so the
 * chain resumes with no gap, duplicate or fork. An event at or below that offset is skipped only if
 * the row stored from its offset is this event (a recreated topic reuses offsets). Kafka offsets are
 * committed only after the insert. Tenants are partition-keyed, so one sink owns a tenant's chain.
 */
export class AuditSinkWorker {
  private readonly consumer: Consumer;
  private readonly heads = new Map<string, ChainHead | null>();
  private readonly resumeAt = new Map<string, bigint>();
  private stopping = false;

  constructor(
    kafka: Kafka,
    private readonly opts: {
      groupId: string;
      topic: string;
      sessionTimeoutMs: number;
      codec: TopicCodec<DecisionEvent>;
      store: EventsStore;
      /** Sends an undecodable event to the DLQ (durably) before its offset is committed. */
      deadLetter: (m: InputMessage, err: PipelineRejection) => Promise<void>;
    },
  ) {
    this.consumer = kafka.consumer({ groupId: opts.groupId, readUncommitted: false, ...groupTimeouts(opts.sessionTimeoutMs) });
    // After a rebalance another sink may have extended our tenants' chains: forget cached state.
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.heads.clear();
      this.resumeAt.clear();
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.opts.topic, fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (p) => this.onBatch(p) });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect().catch(() => undefined);
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0) return;
    for (let attempt = 0; isRunning() && !isStale() && !this.stopping; attempt++) {
      try {
        const planned = await this.plan(batch.topic, batch.partition, batch.messages);
        await this.opts.store.insert(planned.rows);
        // The new heads become true only once their rows are stored.
        for (const [t, h] of planned.heads) this.heads.set(t, h);
        this.resumeAt.set(`${batch.topic}/${batch.partition}`, planned.lastOffset);
        const last = batch.messages[batch.messages.length - 1]!.offset;
        await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
        resolveOffset(last);
        return;
      } catch (err) {
        // Cached heads may be ahead of what was stored: reload them from ClickHouse on retry.
        this.heads.clear();
        this.resumeAt.clear();
        const wait = backoffMs(attempt, 200, 5_000);
        logger.warn({ stage: 'audit-sink', attempt, err: errorSummary(err), waitMs: wait }, 'audit batch failed; retrying');
        await sleep(wait);
        await heartbeat().catch(() => undefined);
      }
    }
  }

  private async plan(topic: string, partition: number, messages: EachBatchPayload['batch']['messages']): Promise<BatchPlan> {
    const key = `${topic}/${partition}`;
    let resume = this.resumeAt.get(key);
    if (resume === undefined) {
      resume = await this.opts.store.lastOffset(topic, partition);
      this.resumeAt.set(key, resume);
    }
    const decoded: Array<{ ev: DecisionEvent; offset: string; relayed: boolean; replayed: boolean }> = [];
    for (const m of messages) {
      if (!m.value) continue;
      try {
        decoded.push({ ev: await this.opts.codec.decode(m.value), offset: m.offset, relayed: isRelayed(m.headers), replayed: BigInt(m.offset) <= resume });
      } catch (err) {
        if (!(err instanceof PipelineRejection)) throw err;
        // Also at or below the resume point: a copy twice in the DLQ after a crash beats none.
        await this.opts.deadLetter({ topic, partition, offset: m.offset, key: m.key, value: m.value, headers: m.headers ?? {}, timestamp: m.timestamp }, err);
      }
    }
    const stored = await this.storedReplayed(topic, partition, decoded.filter((d) => d.replayed));
    const seen = await this.storedRelayedIds(decoded.filter((d) => d.relayed).map((d) => d.ev));
    const rows: AuditRow[] = [];
    const pendingHeads = new Map<string, ChainHead | null>();
    let strangers = 0;
    for (const { ev, offset, relayed, replayed } of decoded) {
      if (replayed) {
        // Stored before a crash or rebalance: the same event from the same offset.
        if (stored.has(`${offset}/${ev.event_id}`)) continue;
        strangers++;
      }
      if (relayed) {
        // A relay that crashed between its send and its outbox delete sent this event again.
        if (seen.has(ev.event_id)) continue;
        seen.add(ev.event_id);
      }
      const head = pendingHeads.has(ev.tenant_id) ? pendingHeads.get(ev.tenant_id)! : await this.headOf(ev.tenant_id);
      const next = chainAppend(head, ev, { topic, partition, offset });
      pendingHeads.set(ev.tenant_id, next.head);
      rows.push(next.row);
    }
    if (strangers > 0) {
      // The stored offsets came from other events: the topic was recreated (or its log lost) while
      // ClickHouse kept the chains. Skipping by offset alone would drop these events silently.
      logger.warn({ stage: 'audit-sink', topic, partition, events: strangers, resumeOffset: resume.toString() }, 'events at or below the last stored offset are not in the chain (topic recreated?); appending them');
    }
    return { rows, heads: pendingHeads, lastOffset: BigInt(messages[messages.length - 1]!.offset) };
  }

  /** `offset/event_id` of the replayed events that are already stored (one query per batch). */
  private async storedReplayed(topic: string, partition: number, replayed: ReadonlyArray<{ ev: DecisionEvent; offset: string }>): Promise<Set<string>> {
    const tenants = [...new Set(replayed.map((d) => d.ev.tenant_id))];
    return this.opts.store.storedAtOffsets(topic, partition, tenants, replayed.map((d) => d.offset));
  }

  /** Of the outbox-relayed events in a batch, the ids already in the chain (one query per tenant). */
  private async storedRelayedIds(events: readonly DecisionEvent[]): Promise<Set<string>> {
    const byTenant = new Map<string, string[]>();
    for (const ev of events) {
      const ids = byTenant.get(ev.tenant_id);
      if (ids) ids.push(ev.event_id);
      else byTenant.set(ev.tenant_id, [ev.event_id]);
    }
    const seen = new Set<string>();
    for (const [tenantId, ids] of byTenant) for (const id of await this.opts.store.storedEventIds(tenantId, ids)) seen.add(id);
    return seen;
  }

  private async headOf(tenantId: string): Promise<ChainHead | null> {
    if (!this.heads.has(tenantId)) this.heads.set(tenantId, await this.opts.store.head(tenantId));
    return this.heads.get(tenantId) ?? null;
  }
}

function isRelayed(headers: IHeaders | undefined): boolean {
  const h = headers?.[OUTBOX_HEADER];
  return h !== undefined && !Array.isArray(h) && h.toString() === OUTBOX_HEADER_VALUE;
}
