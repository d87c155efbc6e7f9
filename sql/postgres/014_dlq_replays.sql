-- `sentinel dlq replay` (issue 6): which dead letters have been re-produced to their original topic,
-- so a dead letter is replayed once unless the operator forces it. Keyed by the DLQ record's own
-- coordinates (the topic name includes TOPIC_PREFIX). A row is written only after the broker has
-- acknowledged the replayed record: a crash between the two replays that record again on the next
-- run (at-least-once; the pipeline's vault writes are idempotent, the outputs are not deduplicated).
-- Operator table: written by the owner connection, never by the workers' role, holds no payload.
CREATE TABLE IF NOT EXISTS dlq_replays (
    dlq_topic TEXT NOT NULL,
    dlq_partition INTEGER NOT NULL CHECK (dlq_partition >= 0),
    dlq_offset BIGINT NOT NULL CHECK (dlq_offset >= 0),
    original_topic TEXT NOT NULL,
    original_partition INTEGER NOT NULL,
    original_offset BIGINT NOT NULL,
    reason_code VARCHAR(64) NOT NULL,
    -- As the dead letter claims it: an unknown tenant's id need not exist in tenants (no FK).
    tenant_id TEXT,
    replayed_partition INTEGER,
    replayed_offset BIGINT,
    replayed_by VARCHAR(128) NOT NULL,
    replay_count INTEGER NOT NULL DEFAULT 1 CHECK (replay_count >= 1),
    first_replayed_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_replayed_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (dlq_topic, dlq_partition, dlq_offset)
);
