-- Health views: operational freshness of the facts that feed the serving layer.

-- Freshness: newest status sample and newest session start, with lag in minutes from now.
CREATE OR REPLACE VIEW livepeer_analytics.v_health_rollup_freshness AS
SELECT
    'fact_stream_status_samples' AS table_name,
    max(f.sample_ts) AS max_event_ts,
    now64(3) AS checked_at,
    dateDiff('minute', max(f.sample_ts), now64(3)) AS lag_minutes
FROM livepeer_analytics.fact_stream_status_samples AS f
UNION ALL
SELECT
    'fact_workflow_sessions' AS table_name,
    max(s.session_start_ts) AS max_event_ts,
    now64(3) AS checked_at,
    dateDiff('minute', max(s.session_start_ts), now64(3)) AS lag_minutes
FROM livepeer_analytics.fact_workflow_sessions AS s;
