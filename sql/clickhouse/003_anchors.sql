CREATE TABLE IF NOT EXISTS sentinel.anchors (
    tenant_id String,
    tree_size UInt64,
    root_hash String,
    sth_timestamp_ms UInt64,
    signature String,
    public_key String,
    anchored_at DateTime DEFAULT now()
) ENGINE = ReplacingMergeTree()
ORDER BY (tenant_id, tree_size)
