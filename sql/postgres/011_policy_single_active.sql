-- At most one 'active' policy row per tenant. Issue 4 asks that at every moment exactly one version
-- applies; the activation transaction deprecates the previous active row before activating the new
-- one, and this index makes any other path (a hand-written UPDATE, a racing operator) fail instead
-- of leaving two active versions. Keyed by tenant, not (tenant, name): a tenant has one policy in
-- practice, and two active names would make "the" applicable version ambiguous.
CREATE UNIQUE INDEX IF NOT EXISTS uq_policies_one_active_per_tenant ON policies (tenant_id) WHERE status = 'active';
