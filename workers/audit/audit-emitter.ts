import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { TOPICS } from '../../schemas/topics';
import type { AuditEventType, DecisionEvent, StringMap } from '../../schemas/types';
import { topicName, type Env } from '../config/env';
import type { TopicCodec } from '../adapters/registry/topic-codec';
import { DependencyUnavailableError } from '../errors';

/** The fields an out-of-pipeline audit event sets; everything else takes the schema defaults. */
export interface AuditFacts {
  readonly tenantId: string;
  readonly eventType: Exclude<AuditEventType, 'decision'>;
  /** Short outcome word stored in `decision` (e.g. granted / refused / rotated). */
  readonly outcome: string;
  readonly requestId?: string;
  readonly matchedRules?: readonly string[];
  readonly tokenCount?: number;
  readonly latencyMs?: number;
  /** Ids, codes and counts only — never values (the chain keeps them forever). */
  readonly metadata: StringMap;
}

/**
 * Emits audit events that do not come out of the pipeline (detokenization, key operations) to
 * sentinel.decisions, keyed by tenant with the pipeline's partitioner, so the audit sink chains
 * them into the same per-tenant hash chain. `emit` resolves only when the broker has acknowledged
 * the event with acks=all: callers release data only after that (fail closed).
 */
export class AuditEmitter {
  private readonly producer: Producer;
  private connecting: Promise<void> | undefined;
  /** The decisions topic (with TOPIC_PREFIX) the events go to. */
  readonly topic: string;

  constructor(
    kafka: Kafka,
    private readonly codec: TopicCodec<DecisionEvent>,
    e: Env,
    private readonly timeoutMs = 10_000,
  ) {
    this.topic = topicName(TOPICS.decisions, e);
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      // Unlimited retries keep the idempotent producer's no-duplicate guarantee; emit() bounds the wait.
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 2_000 },
    });
  }

  async emit(facts: AuditFacts): Promise<DecisionEvent> {
    const event = auditEventOf(facts);
    await this.publish([event]);
    return event;
  }

  /** The event in the topic's wire format (Confluent-framed Avro); throws if it does not fit the schema. */
  encode(event: DecisionEvent): Buffer {
    return this.codec.encode(event);
  }

  /** Sends built events in one acks=all request, keyed by tenant; resolves once the broker has them. */
  async publish(events: readonly DecisionEvent[]): Promise<void> {
    await this.publishEncoded(events.map((event) => ({ key: event.tenant_id, value: this.encode(event) })));
  }

  /** `headers` mark how the records travelled (the outbox relay marks its sends so the sink can drop re-sends). */
  async publishEncoded(messages: ReadonlyArray<{ key: string; value: Buffer }>, headers?: Record<string, string>): Promise<void> {
    if (messages.length === 0) return;
    try {
      this.connecting ??= this.producer.connect();
      const records = messages.map((m) => ({ ...m, headers }));
      await withTimeout(
        this.connecting.then(() => this.producer.send({ topic: this.topic, acks: -1, messages: records })),
        this.timeoutMs,
      );
    } catch (err) {
      this.connecting = undefined;
      // A send that completes after the timeout only over-audits: the caller has already refused.
      throw new DependencyUnavailableError('audit (kafka)', err);
    }
  }

  async close(): Promise<void> {
    if (this.connecting) await this.producer.disconnect().catch(() => undefined);
    this.connecting = undefined;
  }
}

/** Rejects when `p` has not settled within `ms` (the timer is cleared either way). */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no broker acknowledgement within ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** A complete DecisionEvent for out-of-pipeline facts: a fresh event id, now, schema defaults elsewhere. */
export function auditEventOf(facts: AuditFacts): DecisionEvent {
  return {
    event_id: randomUUID(),
    tenant_id: facts.tenantId,
    event_type: facts.eventType,
    request_id: facts.requestId ?? null,
    source: null,
    decision: facts.outcome,
    matched_rules: [...(facts.matchedRules ?? [])],
    policy_id: null,
    policy_version: null,
    ruleset_hash: null,
    findings: [],
    injection_score: 0,
    token_count: facts.tokenCount ?? 0,
    ciphertext_len: 0,
    latency_ms: facts.latencyMs ?? 0,
    shadow: false,
    user_id: null,
    metadata: { ...facts.metadata },
    ts: Date.now(),
  };
}
