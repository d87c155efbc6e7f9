-- Merkle anchoring (issue 7): signed tree heads over each tenant's audit chain, and the perfect
-- subtree hashes the anchoring job completes, so proofs are O(log n) lookups instead of re-reading
-- the log. Nodes below level 4 are not stored: they are recomputed from at most 16 event hashes.
CREATE TABLE IF NOT EXISTS audit_anchors (
    tenant_id UUID NOT NULL REFERENCES tenants(id),
    tree_size BIGINT NOT NULL CHECK (tree_size > 0),
    root_hash BYTEA NOT NULL CHECK (length(root_hash) = 32),
    -- Epoch ms exactly as signed (anchored_at alone could lose the signed value to rounding).
    sth_timestamp_ms BIGINT NOT NULL,
    signature BYTEA NOT NULL CHECK (length(signature) = 64),
    public_key BYTEA NOT NULL CHECK (length(public_key) = 32),
    frontier_state JSONB NOT NULL,
    -- Hash of event seq tree_size-1: the next run checks the chain continues from it.
    last_event_hash BYTEA NOT NULL CHECK (length(last_event_hash) = 32),
    anchored_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (tenant_id, tree_size)
);

CREATE TABLE IF NOT EXISTS merkle_nodes (
    tenant_id UUID NOT NULL REFERENCES tenants(id),
    level SMALLINT NOT NULL CHECK (level >= 0),
    idx BIGINT NOT NULL CHECK (idx >= 0),
    hash BYTEA NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (tenant_id, level, idx)
);

-- Workers (sentinel_app) anchor under RLS; anchors are append-only for them (no UPDATE/DELETE).
GRANT SELECT, INSERT ON audit_anchors TO sentinel_app;
GRANT SELECT, INSERT, UPDATE ON merkle_nodes TO sentinel_app;
ALTER TABLE audit_anchors ENABLE ROW LEVEL SECURITY;
ALTER TABLE merkle_nodes ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON audit_anchors;
CREATE POLICY tenant_isolation ON audit_anchors USING (tenant_id = sentinel_current_tenant());
DROP POLICY IF EXISTS tenant_isolation ON merkle_nodes;
CREATE POLICY tenant_isolation ON merkle_nodes USING (tenant_id = sentinel_current_tenant());
