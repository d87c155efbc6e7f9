-- Versioned per-tenant policies (seed data model §2).
CREATE TABLE IF NOT EXISTS policies (
    id UUID PRIMARY KEY,
    tenant_id UUID NOT NULL REFERENCES tenants(id),
    name VARCHAR(255) NOT NULL,
    version VARCHAR(50) NOT NULL,
    description TEXT,
    ruleset_json JSONB NOT NULL,
    status VARCHAR(50) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'deprecated', 'archived')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by UUID,
    UNIQUE (tenant_id, name, version)
);
CREATE INDEX IF NOT EXISTS idx_policies_tenant ON policies(tenant_id, status);
CREATE INDEX IF NOT EXISTS idx_policies_name ON policies(name);
