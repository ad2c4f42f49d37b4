-- Window-level views for the validation notebook (notebooks/validation.ipynb): the funnel
-- raw -> typed -> silver -> facts -> rollups -> views, hourly status-sample fps and
-- sparsity, hourly session outcomes (swaps, errors, startup), the telemetry coverage
-- profile and the serving views' column lists. QUERY pack; runs with `naap query` too.
--
-- Parameters (server-side binding, warehouse spec §2.2):
--   {from_ts:DateTime64(3)}  window start, UTC, inclusive
--   {to_ts:DateTime64(3)}    window end, UTC, exclusive
-- Windows follow the harness conventions (spec §3): raw and typed rows on event_timestamp,
-- error lanes on source_record_timestamp, silver facts on sample_ts / edge_ts, sessions on
-- session_start_ts, segments on segment_start_ts, param updates on update_ts, rollups and
-- views on window_start (hour-grain objects on whole hours from toStartOfHour(from_ts)).
-- Versioned lifecycle tables are counted at their latest version per entity (spec README
-- item 8: the whole row of the highest version), so counts do not depend on merges.

-- QUERY: data_time_range
-- The earliest and latest stored event (raw archive and both error lanes): the notebook's
-- "all data" window on a local store. No parameters.
SELECT
    min(ts) AS min_ts,
    max(ts) AS max_ts,
    count() AS rows_total
FROM
(
    SELECT event_timestamp AS ts FROM livepeer_analytics.streaming_events
    UNION ALL
    SELECT source_record_timestamp FROM livepeer_analytics.streaming_events_dlq
    UNION ALL
    SELECT source_record_timestamp FROM livepeer_analytics.streaming_events_quarantine
)
WHERE ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')

-- QUERY: latest_session_in_window
-- The most recently started session of the window (latest version): the session explorer's
-- fallback when the window has no scenario candidate.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT workflow_session_id, session_start_ts, session_end_ts, stream_id, request_id
FROM
(
    SELECT * FROM livepeer_analytics.fact_workflow_sessions
    ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
    LIMIT 1 BY workflow_session_id
)
WHERE session_start_ts >= w_from AND session_start_ts < w_to
ORDER BY session_start_ts DESC, workflow_session_id ASC
LIMIT 1

-- QUERY: funnel
-- One row per object, in data-flow order: layer_order 1 raw (accepted archive, then the
-- error lanes), 2 typed, 3 silver, 4 lifecycle facts, 5 rollups, 6 serving views.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from
SELECT layer_order, layer, object_name, rows_window
FROM
(
    SELECT 1 AS layer_order, 'raw' AS layer, 'streaming_events' AS object_name, count() AS rows_window
    FROM livepeer_analytics.streaming_events
    WHERE event_timestamp >= w_from AND event_timestamp < w_to
    UNION ALL
    SELECT 1, 'raw (rejected)', 'streaming_events_dlq', count()
    FROM livepeer_analytics.streaming_events_dlq
    WHERE source_record_timestamp >= w_from AND source_record_timestamp < w_to
    UNION ALL
    SELECT 1, 'raw (rejected)', 'streaming_events_quarantine', count()
    FROM livepeer_analytics.streaming_events_quarantine
    WHERE source_record_timestamp >= w_from AND source_record_timestamp < w_to
    UNION ALL
    SELECT 2, 'typed', 'ai_stream_status', count()
    FROM livepeer_analytics.ai_stream_status WHERE event_timestamp >= w_from AND event_timestamp < w_to
    UNION ALL
    SELECT 2, 'typed', 'stream_trace_events', count()
    FROM livepeer_analytics.stream_trace_events WHERE event_timestamp >= w_from AND event_timestamp < w_to
    UNION ALL
    SELECT 2, 'typed', 'ai_stream_events', count()
    FROM livepeer_analytics.ai_stream_events WHERE event_timestamp >= w_from AND event_timestamp < w_to
    UNION ALL
    SELECT 2, 'typed', 'stream_ingest_metrics', count()
    FROM livepeer_analytics.stream_ingest_metrics WHERE event_timestamp >= w_from AND event_timestamp < w_to
    UNION ALL
    SELECT 2, 'typed', 'network_capabilities', count()
    FROM livepeer_analytics.network_capabilities WHERE event_timestamp >= w_from AND event_timestamp < w_to
    UNION ALL
    SELECT 3, 'silver', 'fact_stream_status_samples', count()
    FROM livepeer_analytics.fact_stream_status_samples WHERE sample_ts >= w_from AND sample_ts < w_to
    UNION ALL
    SELECT 3, 'silver', 'fact_stream_trace_edges', count()
    FROM livepeer_analytics.fact_stream_trace_edges WHERE edge_ts >= w_from AND edge_ts < w_to
    UNION ALL
    SELECT 3, 'silver', 'fact_stream_ingest_samples', count()
    FROM livepeer_analytics.fact_stream_ingest_samples WHERE sample_ts >= w_from AND sample_ts < w_to
    UNION ALL
    SELECT 4, 'facts', 'fact_workflow_sessions (latest)', count()
    FROM
    (
        SELECT session_start_ts FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    )
    WHERE session_start_ts >= w_from AND session_start_ts < w_to
    UNION ALL
    SELECT 4, 'facts', 'fact_workflow_session_segments (latest)', count()
    FROM
    (
        SELECT segment_start_ts FROM livepeer_analytics.fact_workflow_session_segments
        ORDER BY workflow_session_id ASC, segment_index ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id, segment_index
    )
    WHERE segment_start_ts >= w_from AND segment_start_ts < w_to
    UNION ALL
    SELECT 4, 'facts', 'fact_workflow_param_updates', count()
    FROM livepeer_analytics.fact_workflow_param_updates FINAL
    WHERE update_ts >= w_from AND update_ts < w_to
    UNION ALL
    SELECT 4, 'facts', 'fact_workflow_latency_samples (latest)', count()
    FROM
    (
        SELECT sample_ts FROM livepeer_analytics.fact_workflow_latency_samples
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    )
    WHERE sample_ts >= w_from AND sample_ts < w_to
    UNION ALL
    SELECT 5, 'rollups', 'agg_stream_performance_1m', count()
    FROM livepeer_analytics.agg_stream_performance_1m WHERE window_start >= w_from AND window_start < w_to
    UNION ALL
    SELECT 5, 'rollups', 'agg_latency_kpis_1m', count()
    FROM livepeer_analytics.agg_latency_kpis_1m WHERE window_start >= w_from AND window_start < w_to
    UNION ALL
    SELECT 5, 'rollups', 'agg_reliability_1h', count()
    FROM livepeer_analytics.agg_reliability_1h WHERE window_start >= h_from AND window_start < w_to
    UNION ALL
    SELECT 6, 'views', 'v_api_gpu_metrics', count()
    FROM livepeer_analytics.v_api_gpu_metrics WHERE window_start >= h_from AND window_start < w_to
    UNION ALL
    SELECT 6, 'views', 'v_api_sla_compliance', count()
    FROM livepeer_analytics.v_api_sla_compliance WHERE window_start >= h_from AND window_start < w_to
    UNION ALL
    SELECT 6, 'views', 'v_api_network_demand', count()
    FROM livepeer_analytics.v_api_network_demand WHERE window_start >= h_from AND window_start < w_to
    UNION ALL
    SELECT 6, 'views', 'v_api_network_demand_by_gpu', count()
    FROM livepeer_analytics.v_api_network_demand_by_gpu WHERE window_start >= h_from AND window_start < w_to
)
ORDER BY layer_order ASC, layer ASC, object_name ASC

-- QUERY: hourly_status
-- Status samples per hour: volume, fps > 0 vs fps = 0 (sparsity), mean fps over all samples
-- and over the positive ones, sessions reporting, unattributed and empty-gateway rows.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toDateTime(toStartOfHour(sample_ts), 'UTC') AS window_start,
    count() AS status_rows,
    countIf(output_fps > 0) AS fps_positive_rows,
    countIf(output_fps <= 0) AS fps_zero_rows,
    round(avg(toFloat64(output_fps)), 3) AS avg_output_fps,
    round(avgIf(toFloat64(output_fps), output_fps > 0), 3) AS avg_positive_fps,
    round(quantileExactIf(0.5)(toFloat64(output_fps), output_fps > 0), 3) AS p50_positive_fps,
    uniqExact(workflow_session_id) AS sessions_reporting,
    countIf(is_attributed = 0) AS unattributed_rows,
    countIf(gateway = '') AS empty_gateway_rows
FROM livepeer_analytics.fact_stream_status_samples
WHERE sample_ts >= w_from AND sample_ts < w_to
GROUP BY window_start
ORDER BY window_start ASC

-- QUERY: hourly_sessions
-- Sessions (latest version) by start hour: startup outcome, confirmed swaps (explicit
-- orchestrator_swap edges) vs inferred orchestrator changes, sessions with errors, plus the
-- raw error events and parameter updates seen in the same hour.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    sessions AS
    (
        SELECT
            toDateTime(toStartOfHour(session_start_ts), 'UTC') AS window_start,
            count() AS sessions,
            sum(toUInt64(known_stream)) AS known_sessions,
            sum(toUInt64(startup_success)) AS startup_success_sessions,
            sum(toUInt64(startup_excused)) AS startup_excused_sessions,
            sum(toUInt64(startup_unexcused)) AS startup_unexcused_sessions,
            countIf(confirmed_swap_count > 0) AS confirmed_swap_sessions,
            countIf(confirmed_swap_count = 0 AND inferred_orchestrator_change_count > 0) AS inferred_only_swap_sessions,
            countIf(error_count > 0) AS sessions_with_errors,
            countIf(error_count > excusable_error_count) AS sessions_with_unexcusable_errors,
            sum(toUInt64(error_count)) AS session_error_count
        FROM
        (
            SELECT * FROM livepeer_analytics.fact_workflow_sessions
            ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
            LIMIT 1 BY workflow_session_id
        )
        WHERE session_start_ts >= w_from AND session_start_ts < w_to
        GROUP BY window_start
    ),
    events AS
    (
        SELECT
            toDateTime(toStartOfHour(event_timestamp), 'UTC') AS window_start,
            countIf(event_type = 'error') AS raw_error_events,
            countIf(event_type = 'params_update') AS raw_params_update_events
        FROM livepeer_analytics.ai_stream_events
        WHERE event_timestamp >= w_from AND event_timestamp < w_to
        GROUP BY window_start
    )
SELECT
    if(s.window_start = toDateTime(0, 'UTC'), e.window_start, s.window_start) AS window_start,
    s.sessions AS sessions,
    s.known_sessions AS known_sessions,
    s.startup_success_sessions AS startup_success_sessions,
    s.startup_excused_sessions AS startup_excused_sessions,
    s.startup_unexcused_sessions AS startup_unexcused_sessions,
    s.confirmed_swap_sessions AS confirmed_swap_sessions,
    s.inferred_only_swap_sessions AS inferred_only_swap_sessions,
    s.sessions_with_errors AS sessions_with_errors,
    s.sessions_with_unexcusable_errors AS sessions_with_unexcusable_errors,
    s.session_error_count AS session_error_count,
    e.raw_error_events AS raw_error_events,
    e.raw_params_update_events AS raw_params_update_events
FROM sessions AS s
FULL OUTER JOIN events AS e ON e.window_start = s.window_start
ORDER BY window_start ASC

-- QUERY: error_messages
-- The most frequent error messages of the window (ai_stream_events, event_type = 'error'),
-- grouped by pattern (URLs and numbers masked), with how many streams saw each.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    substring(replaceRegexpAll(replaceRegexpAll(message, 'https?://[^ "]+', '<url>'), '[0-9]+', 'N'), 1, 90) AS message_pattern,
    count() AS events,
    uniqExact(stream_id) AS streams,
    min(event_timestamp) AS first_seen,
    max(event_timestamp) AS last_seen
FROM livepeer_analytics.ai_stream_events
WHERE event_timestamp >= w_from AND event_timestamp < w_to
  AND event_type = 'error'
GROUP BY message_pattern
ORDER BY events DESC, message_pattern ASC
LIMIT 15

-- QUERY: coverage_profile
-- Sparsity signals of the serving views (the reference notebook's contract coverage profile):
-- telemetry gaps (empty pipeline / GPU / gateway, hours without status samples) as opposed to
-- serving-model bugs.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from
SELECT *
FROM
(
    SELECT
        'v_api_gpu_metrics' AS object_name,
        count() AS rows_window,
        countIf(pipeline = '') AS empty_pipeline_rows,
        toNullable(countIf(ifNull(gpu_id, '') = '')) AS empty_gpu_rows,
        toNullable(countIf(status_samples = 0)) AS zero_status_sample_rows,
        CAST(NULL AS Nullable(UInt64)) AS empty_gateway_rows
    FROM livepeer_analytics.v_api_gpu_metrics
    WHERE window_start >= h_from AND window_start < w_to
    UNION ALL
    SELECT
        'v_api_network_demand', count(), countIf(pipeline = ''),
        CAST(NULL AS Nullable(UInt64)), CAST(NULL AS Nullable(UInt64)), toNullable(countIf(gateway = ''))
    FROM livepeer_analytics.v_api_network_demand
    WHERE window_start >= h_from AND window_start < w_to
    UNION ALL
    SELECT
        'v_api_network_demand_by_gpu', count(), countIf(pipeline = ''),
        toNullable(countIf(ifNull(gpu_id, '') = '')), CAST(NULL AS Nullable(UInt64)), toNullable(countIf(gateway = ''))
    FROM livepeer_analytics.v_api_network_demand_by_gpu
    WHERE window_start >= h_from AND window_start < w_to
    UNION ALL
    SELECT
        'v_api_sla_compliance', count(), countIf(pipeline = ''),
        toNullable(countIf(ifNull(gpu_id, '') = '')), CAST(NULL AS Nullable(UInt64)), CAST(NULL AS Nullable(UInt64))
    FROM livepeer_analytics.v_api_sla_compliance
    WHERE window_start >= h_from AND window_start < w_to
)
ORDER BY object_name ASC

-- QUERY: serving_view_columns
-- The serving views' columns as the engine reports them (schema contract check input).
SELECT
    table AS view_name,
    position,
    name,
    type
FROM system.columns
WHERE database = 'livepeer_analytics'
  AND (table LIKE 'v\_api\_%' OR table LIKE 'v\_health\_%')
ORDER BY view_name ASC, position ASC
