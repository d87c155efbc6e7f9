CREATE VIEW IF NOT EXISTS sentinel.findings_by_class AS
SELECT
    tenant_id,
    toDate(ts) AS day,
    data_class,
    entity,
    ifNull(decision, '') AS decision,
    count() AS findings,
    uniqExact(event_id) AS events
FROM sentinel.events
ARRAY JOIN finding_classes AS data_class, finding_entities AS entity
WHERE event_type = 'decision'
GROUP BY tenant_id, day, data_class, entity, decision
