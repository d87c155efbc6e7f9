-- Transactional outbox for audit events that must be durable before data is released (issue 5:
-- detokenization). The event is inserted in the same transaction that stamps the vault rows'
-- access_reason_code, so a granted value never leaves without its audit record, and the caller
-- does not wait for a Kafka round trip. A relay (workers/audit/audit-outbox.ts) sends pending rows
-- to sentinel.decisions and deletes them; the audit sink drops a re-sent event_id, so a relay that
-- crashes between send and delete does not chain an event twice.
-- The app role may only INSERT, for its own tenant: it can neither read nor delete pending audit
-- events (a compromised worker cannot suppress the record of what it revealed). The relay runs on
-- the owner connection.
CREATE TABLE IF NOT EXISTS audit_outbox (
    id BIGSERIAL PRIMARY KEY,
    -- No FK to tenants: refused attempts naming an unknown tenant are recorded too.
    tenant_id UUID NOT NULL,
    event_id UUID NOT NULL UNIQUE,
    -- Destination topic (with TOPIC_PREFIX): deployments sharing a database relay only their own rows.
    topic TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 249),
    -- The DecisionEvent as JSON; encoded to Avro by the relay with the registry's current schema.
    event JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

GRANT INSERT ON audit_outbox TO sentinel_app;
GRANT USAGE ON SEQUENCE audit_outbox_id_seq TO sentinel_app;
ALTER TABLE audit_outbox ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_insert ON audit_outbox;
CREATE POLICY tenant_insert ON audit_outbox FOR INSERT WITH CHECK (tenant_id = sentinel_current_tenant());
CREATE INDEX IF NOT EXISTS audit_outbox_by_topic ON audit_outbox (topic, id);
