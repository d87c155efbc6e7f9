-- Wakes outbox relays on commit (issue 5): every statement that adds audit_outbox rows sends
-- pg_notify('sentinel_audit_outbox', ''). Postgres delivers it only when the writing transaction
-- commits (a rolled-back grant wakes nobody) and folds identical notifications of one transaction
-- into one. The relay therefore runs in its own process (the jobs worker) with delivery latency
-- close to an in-process kick, and the process serving detokenization does no Kafka work at all.
-- Statement-level, so a batch insert notifies once, and the payload is empty: relays read the
-- rows themselves (the app role that fires the trigger cannot).
CREATE OR REPLACE FUNCTION sentinel_notify_audit_outbox() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sentinel_audit_outbox', '');
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS trg_audit_outbox_notify ON audit_outbox;
CREATE TRIGGER trg_audit_outbox_notify AFTER INSERT ON audit_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION sentinel_notify_audit_outbox();
