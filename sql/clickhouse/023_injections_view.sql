CREATE VIEW IF NOT EXISTS sentinel.injections AS
SELECT
    tenant_id,
    ts,
    toDate(ts) AS day,
    event_id,
    request_id,
    ifNull(decision, '') AS decision,
    injection_score,
    matched_rules,
    policy_id,
    policy_version,
    shadow
FROM sentinel.events
WHERE event_type = 'decision'
  AND decision IN ('block', 'reframe')
  AND arrayExists(r -> r LIKE 'injection:%', matched_rules)
