-- A newly created tenant must become usable at once (e.g. `sentinel dlq replay` right after
-- `tenant create`): notify on INSERT too, so workers drop their cached "unknown tenant" answer.
DROP TRIGGER IF EXISTS trg_tenants_insert_notify ON tenants;
CREATE TRIGGER trg_tenants_insert_notify AFTER INSERT ON tenants
  FOR EACH ROW EXECUTE FUNCTION sentinel_notify_policy_change();
