-- Row-level security: the application connects as the non-owner role sentinel_app and sets
-- `sentinel.tenant_id` per transaction; every tenant table then shows only that tenant's rows,
-- even to a query that forgets its WHERE tenant_id = ... filter.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sentinel_app') THEN
    CREATE ROLE sentinel_app LOGIN;
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO sentinel_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, policies, redaction_maps, signatures, tenant_keys TO sentinel_app;

CREATE OR REPLACE FUNCTION sentinel_current_tenant() RETURNS UUID
  LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('sentinel.tenant_id', true), '')::uuid $$;

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE redaction_maps ENABLE ROW LEVEL SECURITY;
ALTER TABLE signatures ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_keys ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS tenant_isolation ON tenants;
CREATE POLICY tenant_isolation ON tenants USING (id = sentinel_current_tenant());
DROP POLICY IF EXISTS tenant_isolation ON policies;
CREATE POLICY tenant_isolation ON policies USING (tenant_id = sentinel_current_tenant());
DROP POLICY IF EXISTS tenant_isolation ON redaction_maps;
CREATE POLICY tenant_isolation ON redaction_maps USING (tenant_id = sentinel_current_tenant());
DROP POLICY IF EXISTS tenant_isolation ON tenant_keys;
CREATE POLICY tenant_isolation ON tenant_keys USING (tenant_id = sentinel_current_tenant());
-- Global signatures (tenant_id NULL) are readable by every tenant but writable by none through the app role.
DROP POLICY IF EXISTS tenant_isolation ON signatures;
CREATE POLICY tenant_isolation ON signatures USING (tenant_id = sentinel_current_tenant() OR tenant_id IS NULL)
  WITH CHECK (tenant_id = sentinel_current_tenant());
