-- Reviewed attack signatures for vector similarity (seed data model §5).
-- tenant_id NULL marks a global signature that applies to every tenant.
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE IF NOT EXISTS signatures (
    id UUID PRIMARY KEY,
    tenant_id UUID REFERENCES tenants(id),
    vector_id VARCHAR(255) NOT NULL,
    embedding VECTOR(768),
    label VARCHAR(100) NOT NULL,
    description TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    active BOOLEAN NOT NULL DEFAULT true,
    confidence_threshold FLOAT,
    source TEXT,
    reviewed_by TEXT
);
CREATE INDEX IF NOT EXISTS idx_signatures_tenant ON signatures(tenant_id, active);
CREATE INDEX IF NOT EXISTS idx_signatures_label ON signatures(label);
CREATE INDEX IF NOT EXISTS idx_signatures_embedding ON signatures USING ivfflat (embedding vector_cosine_ops);
