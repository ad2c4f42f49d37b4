-- The demo's look at a freshly replayed warehouse: where the events went and
-- what the typed and lifecycle tables now hold.

-- QUERY: accepted_events_by_type
SELECT type, count() AS events, min(event_timestamp) AS first_event, max(event_timestamp) AS last_event
FROM livepeer_analytics.streaming_events
GROUP BY type
ORDER BY type

-- QUERY: rejected_events
SELECT 'dlq' AS lane, failure_class, failure_reason, count() AS events
FROM livepeer_analytics.streaming_events_dlq
GROUP BY failure_class, failure_reason
UNION ALL
SELECT 'quarantine' AS lane, failure_class, failure_reason, count() AS events
FROM livepeer_analytics.streaming_events_quarantine
GROUP BY failure_class, failure_reason
ORDER BY lane, events DESC

-- QUERY: typed_table_rows
SELECT name AS table, total_rows AS rows
FROM system.tables
WHERE database = 'livepeer_analytics' AND engine LIKE '%MergeTree%' AND total_rows > 0
ORDER BY name

-- QUERY: sample_status_rows
SELECT event_timestamp, stream_id, request_id, orchestrator_address, pipeline, state, output_fps, input_fps
FROM livepeer_analytics.ai_stream_status
ORDER BY event_timestamp
LIMIT 5
