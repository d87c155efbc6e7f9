-- Detokenization in two statements, each its own transaction (issue 5: p99 < 5 ms). Before, a
-- grant took three round trips — BEGIN with the tenant setting, the claim, COMMIT — and held a
-- transaction open while the values were decrypted. Now the caller reads the sealed values, opens
-- them, and then claims: one statement stamps every row and writes the grant's audit event, or,
-- if any row vanished or expired since the read, raises SN001 and changes nothing. Values are
-- released only after the claim returned, i.e. committed with its audit record.
-- Both functions run as the caller (SECURITY INVOKER): row-level security applies as for any
-- statement of the app role. Each sets the tenant for its own statement only (set_config local to
-- the statement's implicit transaction), so nothing carries over to the pooled connection's next user.

CREATE OR REPLACE FUNCTION sentinel_vault_read(p_tenant UUID, p_tokens TEXT[])
RETURNS TABLE (token_id TEXT, enc_value_aead BYTEA, data_class TEXT, live BOOLEAN)
LANGUAGE plpgsql SECURITY INVOKER AS $$
BEGIN
  PERFORM set_config('sentinel.tenant_id', p_tenant::text, true);
  RETURN QUERY
    SELECT m.token_id::text, m.enc_value_aead, m.data_class::text, m.expires_at > now()
    FROM redaction_maps m
    WHERE m.tenant_id = p_tenant AND m.token_id = ANY(p_tokens);
END $$;

CREATE OR REPLACE FUNCTION sentinel_vault_claim(p_tenant UUID, p_tokens TEXT[], p_reason TEXT,
                                                p_event_id UUID, p_topic TEXT, p_event JSONB)
RETURNS VOID
LANGUAGE plpgsql SECURITY INVOKER AS $$
DECLARE
  claimed INTEGER;
BEGIN
  PERFORM set_config('sentinel.tenant_id', p_tenant::text, true);
  UPDATE redaction_maps SET access_reason_code = p_reason, last_accessed_at = now()
  WHERE tenant_id = p_tenant AND token_id = ANY(p_tokens) AND expires_at > now();
  GET DIAGNOSTICS claimed = ROW_COUNT;
  IF claimed <> cardinality(p_tokens) THEN
    -- Rolls the stamps back with the statement: all or nothing, and no event for a partial claim.
    RAISE EXCEPTION USING ERRCODE = 'SN001', MESSAGE = 'vault rows expired or vanished before the claim';
  END IF;
  INSERT INTO audit_outbox (tenant_id, event_id, topic, event) VALUES (p_tenant, p_event_id, p_topic, p_event);
END $$;
