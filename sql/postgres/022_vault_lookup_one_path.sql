-- Detokenization's vault lookups find each row through the unique (tenant_id, token_id) index by
-- both columns, whatever the statistics say (issue 5: p99 < 5 ms).
--
-- Why: 021 looked rows up with `tenant_id = p_tenant AND token_id = ANY(p_tokens)`. Under current
-- statistics that is a two-column index probe. Under stale ones — a tenant whose rows were all
-- written since the last ANALYZE: a new tenant's first bulk load, a backfill — the planner expects
-- one row for the tenant, and other plans then cost the same to within a cent: a scan of the
-- tenant's range of (tenant_id, data_class), of (tenant_id, conversation_id), or of the unique index
-- itself with token_id = ANY(...) as a filter instead of an index condition (the planner also builds
-- that variant of an array condition). When one of them won, the read or claim walked all of the
-- tenant's rows — 100,000 in the bench, 15-65 ms — until autovacuum next analyzed the table.
-- Caught with auto_explain in session 13 (BENCHMARKS.md); it was session 12's "slow phases".
--
-- The fix takes these alternatives away:
--  - each token is looked up with plain equality on both columns, in a loop: for equality the planner
--    builds only the full two-column probe on the unique index (one row, exactly, by uniqueness);
--  - no other index leads with tenant_id. The two that did are rebuilt in the seed data model's
--    one-column shape (seed-data-model.md §3) for investigations by conversation or class; no
--    statement of the product filters on them. Row-level security supplies the tenant filter.
-- Semantics are 021's, including SN001 and the all-or-nothing claim. Callers pass distinct tokens.
--
-- Operators with a large vault: this file builds two indexes inside its migration transaction,
-- which blocks vault writes while they build. Build them first with CREATE INDEX CONCURRENTLY
-- (same names and columns, outside a transaction); the IF NOT EXISTS below then skips them.

DROP INDEX IF EXISTS idx_redaction_maps_conversation;
DROP INDEX IF EXISTS idx_redaction_maps_class;
CREATE INDEX IF NOT EXISTS idx_redaction_maps_conversation_id ON redaction_maps (conversation_id);
CREATE INDEX IF NOT EXISTS idx_redaction_maps_data_class ON redaction_maps (data_class);

CREATE OR REPLACE FUNCTION sentinel_vault_read(p_tenant UUID, p_tokens TEXT[])
RETURNS TABLE (token_id TEXT, enc_value_aead BYTEA, data_class TEXT, live BOOLEAN)
LANGUAGE plpgsql SECURITY INVOKER AS $$
DECLARE
  tok TEXT;
BEGIN
  PERFORM set_config('sentinel.tenant_id', p_tenant::text, true);
  FOREACH tok IN ARRAY p_tokens LOOP
    RETURN QUERY
      SELECT m.token_id::text, m.enc_value_aead, m.data_class::text, m.expires_at > now()
      FROM redaction_maps m
      WHERE m.tenant_id = p_tenant AND m.token_id = tok;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION sentinel_vault_claim(p_tenant UUID, p_tokens TEXT[], p_reason TEXT,
                                                p_event_id UUID, p_topic TEXT, p_event JSONB)
RETURNS VOID
LANGUAGE plpgsql SECURITY INVOKER AS $$
DECLARE
  tok TEXT;
  stamped INTEGER;
  claimed INTEGER := 0;
BEGIN
  PERFORM set_config('sentinel.tenant_id', p_tenant::text, true);
  FOREACH tok IN ARRAY p_tokens LOOP
    UPDATE redaction_maps SET access_reason_code = p_reason, last_accessed_at = now()
    WHERE tenant_id = p_tenant AND token_id = tok AND expires_at > now();
    GET DIAGNOSTICS stamped = ROW_COUNT;
    claimed := claimed + stamped;
  END LOOP;
  IF claimed <> cardinality(p_tokens) THEN
    -- Rolls the stamps back with the statement: all or nothing, and no event for a partial claim.
    RAISE EXCEPTION USING ERRCODE = 'SN001', MESSAGE = 'vault rows expired or vanished before the claim';
  END IF;
  INSERT INTO audit_outbox (tenant_id, event_id, topic, event) VALUES (p_tenant, p_event_id, p_topic, p_event);
END $$;
