CREATE TABLE IF NOT EXISTS sentinel.dead_letters (
    reason_code String,
    stage String,
    error_class String,
    original_topic String,
    original_partition UInt32,
    original_offset UInt64,
    tenant_id String,
    ts DateTime,
    ts_ms UInt64,
    src_topic String,
    src_partition UInt32,
    src_offset UInt64,
    inserted_at DateTime DEFAULT now()
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(ts)
ORDER BY (src_topic, src_partition, src_offset)
