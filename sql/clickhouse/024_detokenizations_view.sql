CREATE VIEW IF NOT EXISTS sentinel.detokenizations AS
SELECT
    tenant_id,
    ts,
    toDate(ts) AS day,
    event_id,
    request_id,
    visitParamExtractString(visitParamExtractRaw(payload, 'metadata'), 'actor') AS actor,
    visitParamExtractString(visitParamExtractRaw(payload, 'metadata'), 'reason') AS reason,
    if(visitParamExtractString(visitParamExtractRaw(payload, 'metadata'), 'outcome') != '',
       visitParamExtractString(visitParamExtractRaw(payload, 'metadata'), 'outcome'),
       ifNull(decision, '')) AS outcome,
    token_count
FROM sentinel.events
WHERE event_type = 'detokenize'
