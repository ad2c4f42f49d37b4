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

-- QUERY: sessions_latest_version
SELECT workflow_session_id, pipeline, model_id, orchestrator_address, startup_success, startup_excused,
       startup_unexcused, swap_count, error_count, version
FROM livepeer_analytics.fact_workflow_sessions
ORDER BY workflow_session_id, version DESC
LIMIT 1 BY workflow_session_id
LIMIT 8

-- QUERY: v_api_gpu_metrics
SELECT * FROM livepeer_analytics.v_api_gpu_metrics ORDER BY window_start LIMIT 5

-- QUERY: v_api_network_demand
SELECT * FROM livepeer_analytics.v_api_network_demand ORDER BY window_start LIMIT 5

-- QUERY: v_api_sla_compliance
SELECT * FROM livepeer_analytics.v_api_sla_compliance ORDER BY window_start LIMIT 5
