CREATE VIEW IF NOT EXISTS sentinel.dead_letters_daily AS
SELECT
    tenant_id,
    toDate(ts) AS day,
    reason_code,
    stage,
    original_topic,
    count() AS dead_letters
FROM sentinel.dead_letters FINAL
GROUP BY tenant_id, day, reason_code, stage, original_topic
