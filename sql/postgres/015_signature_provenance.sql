-- Signatures enter only through `sentinel signatures import`, which records where each came from
-- and who reviewed it. One row per (scope, vector_id) so a re-import updates nothing twice; changes
-- notify workers (on the policy channel: payload = tenant id, or 'global') to rebuild their index.
ALTER TABLE signatures ALTER COLUMN source SET NOT NULL;
ALTER TABLE signatures ALTER COLUMN reviewed_by SET NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS uq_signatures_scope_vector
  ON signatures ((COALESCE(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid)), vector_id);

CREATE OR REPLACE FUNCTION sentinel_notify_signature_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE t UUID := CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
BEGIN
  PERFORM pg_notify('sentinel_policy', COALESCE(t::text, 'global'));
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS trg_signatures_notify ON signatures;
CREATE TRIGGER trg_signatures_notify AFTER INSERT OR UPDATE OR DELETE ON signatures
  FOR EACH ROW EXECUTE FUNCTION sentinel_notify_signature_change();
