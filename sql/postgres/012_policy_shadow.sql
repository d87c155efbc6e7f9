-- Shadow mode: the candidate policy version (any status but archived) that workers evaluate beside
-- the applicable one. Its decisions are audited with shadow = true and never enforced. A column
-- rather than a policies status so the seed lifecycle (draft/active/deprecated/archived) stays intact.
ALTER TABLE tenants ADD COLUMN IF NOT EXISTS policy_shadow_id UUID REFERENCES policies(id);
-- The pin gets the same integrity: it names a policy row, not a free-floating UUID.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'tenants_policy_version_pin_fkey') THEN
    ALTER TABLE tenants ADD CONSTRAINT tenants_policy_version_pin_fkey FOREIGN KEY (policy_version_pin) REFERENCES policies(id);
  END IF;
END $$;
