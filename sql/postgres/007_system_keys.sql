-- Keys that belong to the system rather than a tenant (e.g. the key that seals DLQ payloads, which
-- must work for messages whose tenant is unknown). Stored wrapped, like tenant keys.
CREATE TABLE IF NOT EXISTS system_keys (
    key_id VARCHAR(64) PRIMARY KEY,
    provider VARCHAR(32) NOT NULL,
    wrapping_key_id TEXT NOT NULL,
    wrapped_key BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
GRANT SELECT, INSERT ON system_keys TO sentinel_app;
