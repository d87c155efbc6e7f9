-- The token vault (seed data model §3). (tenant_id, token_id) is unique so that replays
-- after a crash write nothing twice (INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE IF NOT EXISTS redaction_maps (
    id UUID PRIMARY KEY,
    tenant_id UUID NOT NULL REFERENCES tenants(id),
    conversation_id UUID,
    token_id VARCHAR(255) NOT NULL,
    enc_value_aead BYTEA NOT NULL,
    fpe_tweak BYTEA,
    data_class VARCHAR(100) NOT NULL,
    field_type VARCHAR(100),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at TIMESTAMPTZ NOT NULL,
    access_reason_code VARCHAR(100),
    last_accessed_at TIMESTAMPTZ,
    UNIQUE (tenant_id, token_id)
);
CREATE INDEX IF NOT EXISTS idx_redaction_maps_conversation ON redaction_maps(tenant_id, conversation_id);
CREATE INDEX IF NOT EXISTS idx_redaction_maps_expires ON redaction_maps(expires_at);
CREATE INDEX IF NOT EXISTS idx_redaction_maps_class ON redaction_maps(tenant_id, data_class);
