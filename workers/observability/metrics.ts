import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One process-wide Prometheus registry. Labels carry queue names and result codes only — never
 * tenant ids with values, token ids or anything from an event body. Counters are created once per
 * process (module scope) because prom-client rejects registering a name twice.
 */
export const metricsRegistry = new Registry();
/** Alias used by the HTTP /metrics endpoint. */
export const registry = metricsRegistry;

/** Anchoring runs by result: anchored | unchanged | skipped_locked | failed | rewritten. */
export const anchorRunsTotal = new Counter({
  name: 'sentinel_anchor_runs_total',
  help: 'Merkle anchoring runs by result',
  labelNames: ['result'] as const,
  registers: [metricsRegistry],
});

/** A rewritten or broken history found by the anchoring job: must page someone. */
export const anchorIntegrityFailuresTotal = new Counter({
  name: 'sentinel_anchor_integrity_failures_total',
  help: 'Anchoring runs that found the stored audit log inconsistent with the previous signed tree head',
  registers: [metricsRegistry],
});

export const anchorDurationSeconds = new Histogram({
  name: 'sentinel_anchor_duration_seconds',
  help: 'Duration of one anchoring run',
  buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  registers: [metricsRegistry],
});

export const purgedRowsTotal = new Counter({
  name: 'sentinel_purge_deleted_rows_total',
  help: 'Expired vault rows deleted by the TTL purge job',
  registers: [metricsRegistry],
});

/** BullMQ jobs that ended in the failed state (after their last attempt) or failed one attempt. */
export const jobsFailedTotal = new Counter({
  name: 'sentinel_jobs_failed_total',
  help: 'BullMQ job attempts that failed, by queue and whether retries are exhausted',
  labelNames: ['queue', 'final'] as const,
  registers: [metricsRegistry],
});

export const jobsCompletedTotal = new Counter({
  name: 'sentinel_jobs_completed_total',
  help: 'BullMQ jobs completed, by queue',
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
});

/** Audit outbox relay (detokenization events): sent rows, and relay passes that failed (rows stay queued). */
export const outboxRelayedTotal = new Counter({ name: 'sentinel_audit_outbox_relayed_total', help: 'Audit events relayed from the Postgres outbox to Kafka', registers: [metricsRegistry] });
export const outboxRelayFailuresTotal = new Counter({ name: 'sentinel_audit_outbox_relay_failures_total', help: 'Relay passes that failed; their events stay in the outbox', registers: [metricsRegistry] });

/** Pipeline worker metrics (transactional worker): labels are topics, partitions and stage names. */
export const metrics = {
  messagesIn: new Counter({ name: 'sentinel_messages_in_total', help: 'Messages consumed', labelNames: ['topic'] as const, registers: [metricsRegistry] }),
  messagesOut: new Counter({ name: 'sentinel_messages_out_total', help: 'Messages produced', labelNames: ['topic'] as const, registers: [metricsRegistry] }),
  chunkLatency: new Histogram({
    name: 'sentinel_chunk_latency_seconds',
    help: 'Processing time of one consumed chunk',
    labelNames: ['stage'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [metricsRegistry],
  }),
  retries: new Counter({ name: 'sentinel_retries_total', help: 'Chunk retries', labelNames: ['stage', 'retriable'] as const, registers: [metricsRegistry] }),
  consumerLag: new Gauge({ name: 'sentinel_consumer_lag', help: 'Messages behind the high watermark', labelNames: ['topic', 'partition'] as const, registers: [metricsRegistry] }),
  pausedPartitions: new Gauge({ name: 'sentinel_paused_partitions', help: 'Partitions paused for backoff', labelNames: ['stage'] as const, registers: [metricsRegistry] }),
  stageLatency: new Histogram({
    name: 'sentinel_stage_latency_seconds',
    help: 'Time from decoding a message to its outputs being ready in a stage worker (a chunk is detected together, so this includes the wait for its detect requests)',
    labelNames: ['stage'] as const,
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [metricsRegistry],
  }),
  deadLetters: new Counter({ name: 'sentinel_dlq_total', help: 'Messages sent to the DLQ', labelNames: ['stage', 'reason'] as const, registers: [metricsRegistry] }),
  detectRequestsInFlight: new Gauge({ name: 'sentinel_detect_requests_in_flight', help: 'Detect requests queued on or running in the pool threads', registers: [metricsRegistry] }),
  detectThreadExits: new Counter({ name: 'sentinel_detect_thread_exits_total', help: 'Detect pool threads that died (their chunks are retried, the thread replaced)', registers: [metricsRegistry] }),
};
