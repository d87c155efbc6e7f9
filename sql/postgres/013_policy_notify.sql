-- Hot reload: every change that can alter which ruleset a tenant's traffic uses sends
-- pg_notify('sentinel_policy', <tenant id>). Notifications are delivered at COMMIT (never for a
-- rolled-back change) and identical ones within a transaction are folded into one, so an
-- activation that touches two rows wakes each worker once. Workers LISTEN and drop their cache.
CREATE OR REPLACE FUNCTION sentinel_notify_policy_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'tenants' THEN
    PERFORM pg_notify('sentinel_policy', NEW.id::text);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('sentinel_policy', OLD.tenant_id::text);
  ELSE
    PERFORM pg_notify('sentinel_policy', NEW.tenant_id::text);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS trg_policies_notify ON policies;
CREATE TRIGGER trg_policies_notify AFTER INSERT OR UPDATE OR DELETE ON policies
  FOR EACH ROW EXECUTE FUNCTION sentinel_notify_policy_change();

DROP TRIGGER IF EXISTS trg_tenants_policy_notify ON tenants;
CREATE TRIGGER trg_tenants_policy_notify AFTER UPDATE OF policy_version_pin, policy_shadow_id, status ON tenants
  FOR EACH ROW WHEN (OLD.policy_version_pin IS DISTINCT FROM NEW.policy_version_pin
                  OR OLD.policy_shadow_id IS DISTINCT FROM NEW.policy_shadow_id
                  OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION sentinel_notify_policy_change();
