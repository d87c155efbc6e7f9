-- Global signatures (tenant_id NULL) must be read-only for the app role. 006's single policy used
-- one USING clause for every command, so a tenant could DELETE a global signature, or UPDATE one
-- into its own tenant (the WITH CHECK only looks at the new row) — removing it for every other
-- tenant. Reads keep the global rows; writes see only the tenant's own rows.
DROP POLICY IF EXISTS tenant_isolation ON signatures;
DROP POLICY IF EXISTS signatures_read ON signatures;
DROP POLICY IF EXISTS signatures_insert ON signatures;
DROP POLICY IF EXISTS signatures_update ON signatures;
DROP POLICY IF EXISTS signatures_delete ON signatures;
CREATE POLICY signatures_read ON signatures FOR SELECT USING (tenant_id = sentinel_current_tenant() OR tenant_id IS NULL);
CREATE POLICY signatures_insert ON signatures FOR INSERT WITH CHECK (tenant_id = sentinel_current_tenant());
CREATE POLICY signatures_update ON signatures FOR UPDATE USING (tenant_id = sentinel_current_tenant()) WITH CHECK (tenant_id = sentinel_current_tenant());
CREATE POLICY signatures_delete ON signatures FOR DELETE USING (tenant_id = sentinel_current_tenant());
