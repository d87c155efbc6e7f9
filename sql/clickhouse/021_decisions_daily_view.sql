CREATE VIEW IF NOT EXISTS sentinel.decisions_daily AS
SELECT
    tenant_id,
    toDate(ts) AS day,
    ifNull(source, '') AS source,
    ifNull(decision, '') AS decision,
    count() AS events,
    sum(token_count) AS tokens,
    sum(shadow) AS shadow_events,
    avg(latency_ms) AS avg_latency_ms
FROM sentinel.events
WHERE event_type = 'decision'
GROUP BY tenant_id, day, source, decision
