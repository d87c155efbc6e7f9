-- Envelope keys (beyond the seed): per-tenant data keys, stored only wrapped by the key provider
-- (local master key or AWS KMS). Destroying a tenant's rows here crypto-shreds its vault.
CREATE TABLE IF NOT EXISTS tenant_keys (
    tenant_id UUID NOT NULL REFERENCES tenants(id),
    key_version INTEGER NOT NULL CHECK (key_version > 0),
    purpose VARCHAR(32) NOT NULL CHECK (purpose IN ('data', 'token')),
    provider VARCHAR(32) NOT NULL,
    wrapping_key_id TEXT NOT NULL,
    wrapped_key BYTEA NOT NULL,
    status VARCHAR(32) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired', 'destroyed')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (tenant_id, purpose, key_version)
);
