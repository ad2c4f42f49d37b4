-- Ordered data trace raw -> typed -> silver -> lifecycle -> rollups -> API views
-- (reference: tests/integration/sql/trace_pipeline_flow.sql; warehouse spec §3.6).
-- QUERY pack, 10 blocks, meant to be read top to bottom as the path of the data.
--
-- What it shows: how many rows of the window each layer holds (with their time range),
-- the session reliability / swap summary, and three parity read-outs between the serving
-- views and what they are computed from. Diagnostics only: no block returns failed_rows;
-- the verdicts live in assertions_pipeline.sql (tests 32-48) and
-- assertions_api_readiness.sql.
--
-- Parameters (server-side binding, spec §2.2):
--   {from_ts:DateTime64(3)}  window start, UTC, inclusive (the reference suggests the last 24 h)
--   {to_ts:DateTime64(3)}    window end, UTC, exclusive
-- The pack traces a time window, not one session: warehouse spec §3.6 gives it no session
-- parameter. The per-session trace (the notebook's session explorer) is the separate pack
-- sql/packs/session_trace.sql, parameter {workflow_session_id:String}.
--
-- Windows: raw and typed rows on event_timestamp, DLQ / quarantine on
-- source_record_timestamp, silver facts on sample_ts / edge_ts, lifecycle facts on
-- session_start_ts / segment_start_ts / update_ts, rollups on window_start; hourly views
-- and hour-grain parity on whole hours whose start is in [toStartOfHour(from_ts), to_ts).
-- Sessions are read as the whole row of their highest version (spec README item 8);
-- block 05 uses the reference's canonical FINAL + rank-1 selection.
-- Row counts of the versioned lifecycle tables (block 04) count every stored version:
-- they shrink when the engine merges parts, so compare them with the latest-version
-- counts of block 05, not across runs.

-- QUERY: 01_raw_ingest
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT object_name, rows_window, min_ts, max_ts
FROM
(
    SELECT 'streaming_events' AS object_name, count() AS rows_window,
           min(event_timestamp) AS min_ts, max(event_timestamp) AS max_ts
    FROM livepeer_analytics.streaming_events
    WHERE event_timestamp >= w_from AND event_timestamp < w_to
    UNION ALL
    SELECT 'streaming_events_dlq', count(), min(source_record_timestamp), max(source_record_timestamp)
    FROM livepeer_analytics.streaming_events_dlq
    WHERE source_record_timestamp >= w_from AND source_record_timestamp < w_to
    UNION ALL
    SELECT 'streaming_events_quarantine', count(), min(source_record_timestamp), max(source_record_timestamp)
    FROM livepeer_analytics.streaming_events_quarantine
    WHERE source_record_timestamp >= w_from AND source_record_timestamp < w_to
)
ORDER BY object_name

-- QUERY: 02_typed_tables
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT object_name, rows_window, min_ts, max_ts
FROM
(
    SELECT 'ai_stream_status' AS object_name, count() AS rows_window,
           min(event_timestamp) AS min_ts, max(event_timestamp) AS max_ts
    FROM livepeer_analytics.ai_stream_status
    WHERE event_timestamp >= w_from AND event_timestamp < w_to
    UNION ALL
    SELECT 'stream_trace_events', count(), min(event_timestamp), max(event_timestamp)
    FROM livepeer_analytics.stream_trace_events
    WHERE event_timestamp >= w_from AND event_timestamp < w_to
    UNION ALL
    SELECT 'ai_stream_events', count(), min(event_timestamp), max(event_timestamp)
    FROM livepeer_analytics.ai_stream_events
    WHERE event_timestamp >= w_from AND event_timestamp < w_to
    UNION ALL
    SELECT 'stream_ingest_metrics', count(), min(event_timestamp), max(event_timestamp)
    FROM livepeer_analytics.stream_ingest_metrics
    WHERE event_timestamp >= w_from AND event_timestamp < w_to
    UNION ALL
    SELECT 'network_capabilities', count(), min(event_timestamp), max(event_timestamp)
    FROM livepeer_analytics.network_capabilities
    WHERE event_timestamp >= w_from AND event_timestamp < w_to
)
ORDER BY object_name

-- QUERY: 03_silver_projection_counts
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT object_name, rows_window, min_ts, max_ts
FROM
(
    SELECT 'fact_stream_status_samples' AS object_name, count() AS rows_window,
           min(sample_ts) AS min_ts, max(sample_ts) AS max_ts
    FROM livepeer_analytics.fact_stream_status_samples
    WHERE sample_ts >= w_from AND sample_ts < w_to
    UNION ALL
    SELECT 'fact_stream_trace_edges', count(), min(edge_ts), max(edge_ts)
    FROM livepeer_analytics.fact_stream_trace_edges
    WHERE edge_ts >= w_from AND edge_ts < w_to
    UNION ALL
    SELECT 'fact_stream_ingest_samples', count(), min(sample_ts), max(sample_ts)
    FROM livepeer_analytics.fact_stream_ingest_samples
    WHERE sample_ts >= w_from AND sample_ts < w_to
)
ORDER BY object_name

-- QUERY: 04_stateful_fact_counts
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT object_name, rows_window, min_ts, max_ts
FROM
(
    SELECT 'fact_workflow_sessions' AS object_name, count() AS rows_window,
           min(session_start_ts) AS min_ts, max(session_start_ts) AS max_ts
    FROM livepeer_analytics.fact_workflow_sessions
    WHERE session_start_ts >= w_from AND session_start_ts < w_to
    UNION ALL
    SELECT 'fact_workflow_session_segments', count(), min(segment_start_ts), max(segment_start_ts)
    FROM livepeer_analytics.fact_workflow_session_segments
    WHERE segment_start_ts >= w_from AND segment_start_ts < w_to
    UNION ALL
    SELECT 'fact_workflow_param_updates', count(), min(update_ts), max(update_ts)
    FROM livepeer_analytics.fact_workflow_param_updates
    WHERE update_ts >= w_from AND update_ts < w_to
    -- UNION ALL
    -- SELECT 'fact_lifecycle_edge_coverage', count(), min(signal_ts), max(signal_ts)
    -- FROM livepeer_analytics.fact_lifecycle_edge_coverage
    -- WHERE signal_ts >= w_from AND signal_ts < w_to
)
ORDER BY object_name

-- QUERY: 05_reliability_and_swap_summary
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    fs_latest AS
    (
        SELECT *
        FROM
        (
            SELECT
                s.*,
                row_number() OVER (PARTITION BY s.workflow_session_id
                                   ORDER BY s.version DESC, s.session_start_ts DESC, s.session_end_ts DESC) AS rn
            FROM livepeer_analytics.fact_workflow_sessions AS s FINAL
            WHERE s.session_start_ts >= w_from AND s.session_start_ts < w_to
        )
        WHERE rn = 1
    )
SELECT
    count() AS sessions,
    countIf(known_stream = 1) AS known_stream_sessions,
    countIf(startup_success = 1) AS startup_success_sessions,
    countIf(startup_excused = 1) AS startup_excused_sessions,
    countIf(startup_unexcused = 1) AS startup_unexcused_sessions,
    countIf(confirmed_swap_count > 0) AS confirmed_swapped_sessions,
    countIf(inferred_orchestrator_change_count > 0) AS inferred_orchestrator_change_sessions,
    countIf(confirmed_swap_count > 0 OR inferred_orchestrator_change_count > 0) AS swapped_sessions,
    round(ifNull(avg(startup_unexcused), 0), 6) AS unexcused_rate
FROM fs_latest

-- QUERY: 06_rollup_population
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT object_name, rows_window
FROM
(
    SELECT 'agg_stream_performance_1m' AS object_name, count() AS rows_window
    FROM livepeer_analytics.agg_stream_performance_1m
    WHERE window_start >= w_from AND window_start < w_to
    UNION ALL
    SELECT 'agg_reliability_1h', count()
    FROM livepeer_analytics.agg_reliability_1h
    WHERE window_start >= toStartOfHour(w_from) AND window_start < w_to
    UNION ALL
    SELECT 'agg_latency_kpis_1m', count()
    FROM livepeer_analytics.agg_latency_kpis_1m
    WHERE window_start >= w_from AND window_start < w_to
)
ORDER BY object_name

-- QUERY: 07_view_population
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from
SELECT object_name, rows_window
FROM
(
    SELECT 'v_api_gpu_metrics' AS object_name, count() AS rows_window
    FROM livepeer_analytics.v_api_gpu_metrics
    WHERE window_start >= h_from AND window_start < w_to
    UNION ALL
    SELECT 'v_api_network_demand', count()
    FROM livepeer_analytics.v_api_network_demand
    WHERE window_start >= h_from AND window_start < w_to
    UNION ALL
    SELECT 'v_api_sla_compliance', count()
    FROM livepeer_analytics.v_api_sla_compliance
    WHERE window_start >= h_from AND window_start < w_to
)
ORDER BY object_name

-- QUERY: 08_gpu_view_parity
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    rollup AS
    (
        SELECT
            toDateTime(toStartOfInterval(a.window_start, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            a.orchestrator_address AS k_orch,
            a.pipeline AS k_pipeline,
            ifNull(a.model_id, '') AS k_model,
            ifNull(a.gpu_id, '') AS k_gpu,
            ifNull(a.region, '') AS k_region,
            avgMerge(a.output_fps_avg_state) AS avg_fps,
            toUInt8(1) AS present
        FROM livepeer_analytics.agg_stream_performance_1m AS a
        WHERE toStartOfInterval(a.window_start, INTERVAL 1 HOUR) >= h_from
          AND toStartOfInterval(a.window_start, INTERVAL 1 HOUR) < w_to
        GROUP BY k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region
    ),
    view_rows AS
    (
        SELECT
            toDateTime(v.window_start, 'UTC') AS k_hour,
            v.orchestrator_address AS k_orch,
            v.pipeline AS k_pipeline,
            ifNull(v.model_id, '') AS k_model,
            ifNull(v.gpu_id, '') AS k_gpu,
            ifNull(v.region, '') AS k_region,
            v.avg_output_fps AS avg_fps,
            toUInt8(1) AS present
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
          AND v.status_samples > 0
    ),
    joined AS
    (
        SELECT
            ifNull(r.present, toUInt8(0)) AS in_r,
            ifNull(v.present, toUInt8(0)) AS in_v,
            r.k_orch AS r_orch, r.k_gpu AS r_gpu, r.k_region AS r_region,
            v.k_orch AS v_orch, v.k_gpu AS v_gpu, v.k_region AS v_region,
            abs(r.avg_fps - ifNull(v.avg_fps, 0)) AS diff_fps
        FROM rollup AS r
        FULL OUTER JOIN view_rows AS v
            ON v.k_hour = r.k_hour
           AND v.k_orch = r.k_orch
           AND v.k_pipeline = r.k_pipeline
           AND v.k_model = r.k_model
           AND v.k_gpu = r.k_gpu
           AND v.k_region = r.k_region
    )
SELECT
    multiIf(rollup_rows = 0 AND view_rows = 0, 'EMPTY_BOTH',
            joined_rows = 0, 'NO_OVERLAP_BOTH_NONEMPTY',
            max_abs_diff_fps > 0.000001, 'VALUE_MISMATCH_WITH_OVERLAP',
            'PASS') AS failure_mode,
    countIf(in_r = 1) AS rollup_rows,
    countIf(in_v = 1) AS view_rows,
    countIf(in_r = 1 AND in_v = 1) AS joined_rows,
    countIf(in_r = 1 AND in_v = 0) AS rollup_only_keys,
    countIf(in_r = 0 AND in_v = 1) AS view_only_keys,
    countIf(in_r = 1 AND r_orch = '') AS rollup_empty_orch_rows,
    countIf(in_r = 1 AND r_gpu = '') AS rollup_empty_gpu_rows,
    countIf(in_r = 1 AND r_region = '') AS rollup_empty_region_rows,
    countIf(in_v = 1 AND v_orch = '') AS view_empty_orch_rows,
    countIf(in_v = 1 AND v_gpu = '') AS view_empty_gpu_rows,
    countIf(in_v = 1 AND v_region = '') AS view_empty_region_rows,
    avgIf(diff_fps, in_r = 1 AND in_v = 1) AS mean_abs_diff_fps,
    ifNull(maxIf(diff_fps, in_r = 1 AND in_v = 1), 0) AS max_abs_diff_fps
FROM joined

-- QUERY: 09_sla_view_parity
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    raw AS
    (
        SELECT
            toDateTime(toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            ls.orchestrator_address AS k_orch,
            ls.pipeline AS k_pipeline,
            ifNull(ls.model_id, '') AS k_model,
            ifNull(ls.gpu_id, '') AS k_gpu,
            ifNull(ls.region, '') AS k_region,
            sum(toUInt64(ls.known_stream)) AS c_known,
            sum(toUInt64(ls.startup_unexcused)) AS c_unexcused,
            sum(toUInt64((ls.confirmed_swap_count > 0) OR (ls.inferred_orchestrator_change_count > 0))) AS c_swapped,
            toUInt8(1) AS present
        FROM
        (
            SELECT *
            FROM livepeer_analytics.fact_workflow_sessions
            ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
            LIMIT 1 BY workflow_session_id
        ) AS ls
        WHERE ls.orchestrator_address != ''
          AND ls.session_start_ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
          AND toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR) >= h_from
          AND toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR) < w_to
        GROUP BY k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region
    ),
    view_rows AS
    (
        SELECT
            toDateTime(v.window_start, 'UTC') AS k_hour,
            v.orchestrator_address AS k_orch,
            v.pipeline AS k_pipeline,
            ifNull(v.model_id, '') AS k_model,
            ifNull(v.gpu_id, '') AS k_gpu,
            ifNull(v.region, '') AS k_region,
            v.known_sessions AS c_known,
            v.unexcused_sessions AS c_unexcused,
            v.swapped_sessions AS c_swapped,
            toUInt8(1) AS present
        FROM livepeer_analytics.v_api_sla_compliance AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
    ),
    joined AS
    (
        SELECT
            ifNull(r.present, toUInt8(0)) AS in_r,
            ifNull(v.present, toUInt8(0)) AS in_v,
            abs(toInt64(r.c_known) - toInt64(v.c_known)) AS d_known,
            abs(toInt64(r.c_unexcused) - toInt64(v.c_unexcused)) AS d_unexcused,
            abs(toInt64(r.c_swapped) - toInt64(v.c_swapped)) AS d_swapped
        FROM raw AS r
        FULL OUTER JOIN view_rows AS v
            ON v.k_hour = r.k_hour
           AND v.k_orch = r.k_orch
           AND v.k_pipeline = r.k_pipeline
           AND v.k_model = r.k_model
           AND v.k_gpu = r.k_gpu
           AND v.k_region = r.k_region
    )
SELECT
    multiIf(raw_rows = 0 AND view_rows = 0, 'EMPTY_BOTH',
            raw_rows > 0 AND view_rows > 0 AND joined_rows = 0, 'NO_OVERLAP_BOTH_NONEMPTY',
            raw_only_keys + view_only_keys > 0, 'KEY_MISMATCH',
            total_known_diff + total_unexcused_diff + total_swapped_diff > 0, 'VALUE_MISMATCH',
            'PASS') AS failure_mode,
    countIf(in_r = 1) AS raw_rows,
    countIf(in_v = 1) AS view_rows,
    countIf(in_r = 1 AND in_v = 1) AS joined_rows,
    countIf(in_r = 1 AND in_v = 0) AS raw_only_keys,
    countIf(in_r = 0 AND in_v = 1) AS view_only_keys,
    sumIf(d_known, in_r = 1 AND in_v = 1) AS total_known_diff,
    sumIf(d_unexcused, in_r = 1 AND in_v = 1) AS total_unexcused_diff,
    sumIf(d_swapped, in_r = 1 AND in_v = 1) AS total_swapped_diff
FROM joined

-- QUERY: 10_network_demand_view_parity
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    demand_sessions AS
    (
        SELECT
            toDateTime(toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            ls.gateway AS k_gateway,
            ifNull(ls.region, '') AS k_region,
            ifNull(ls.model_id, '') AS k_model,
            if(ls.pipeline != '' AND ifNull(ls.model_id, '') != ''
               AND lowerUTF8(ls.pipeline) = lowerUTF8(ifNull(ls.model_id, '')), '', ls.pipeline) AS own_pipeline,
            ls.orchestrator_address AS s_orch,
            ls.known_stream AS s_known,
            ls.startup_unexcused AS s_unexcused,
            toUInt8((ls.confirmed_swap_count > 0) OR (ls.inferred_orchestrator_change_count > 0)) AS s_swapped,
            toUInt8((ls.startup_unexcused > 0) OR (ls.zero_output_fps_session > 0) OR (ls.loading_only_session > 0)) AS s_failed
        FROM latest_sessions AS ls
        WHERE ls.session_start_ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
    ),
    pipeline_fallback AS
    (
        SELECT
            k_hour, k_gateway, k_region, k_model,
            if(uniqExactIf(own_pipeline, own_pipeline != '') = 1, anyIf(own_pipeline, own_pipeline != ''), '') AS fallback_pipeline
        FROM demand_sessions
        GROUP BY k_hour, k_gateway, k_region, k_model
    ),
    demand AS
    (
        SELECT
            ds.k_hour AS k_hour,
            ds.k_gateway AS k_gateway,
            ds.k_region AS k_region,
            ds.k_model AS k_model,
            if(if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, '')) != ''
                 AND ds.k_model != ''
                 AND lowerUTF8(if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, ''))) = lowerUTF8(ds.k_model),
               '',
               if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, ''))) AS k_pipeline,
            sum(toUInt64(ds.s_known)) AS d_known,
            sum(toUInt64(ds.s_known = 1 AND ds.s_orch != '')) AS d_served,
            sum(toUInt64(ds.s_known = 1 AND ds.s_orch = '')) AS d_unserved,
            sum(toUInt64(ds.s_unexcused)) AS d_unexcused,
            sum(toUInt64(ds.s_swapped)) AS d_swapped,
            sum(toUInt64(ds.s_failed)) AS d_failed
        FROM demand_sessions AS ds
        LEFT JOIN pipeline_fallback AS pf
            ON pf.k_hour = ds.k_hour
           AND pf.k_gateway = ds.k_gateway
           AND pf.k_region = ds.k_region
           AND pf.k_model = ds.k_model
        GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
    ),
    perf_rows AS
    (
        SELECT
            toDateTime(toStartOfInterval(a.window_start, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            a.gateway AS k_gateway,
            ifNull(a.region, '') AS k_region,
            ifNull(a.model_id, '') AS k_model,
            a.pipeline AS own_pipeline,
            a.sessions_uniq_state AS sessions_state,
            a.streams_uniq_state AS streams_state,
            a.sample_count_state AS count_state,
            a.output_fps_avg_state AS fps_state
        FROM livepeer_analytics.agg_stream_performance_1m AS a
    ),
    perf AS
    (
        SELECT
            pr.k_hour AS k_hour,
            pr.k_gateway AS k_gateway,
            pr.k_region AS k_region,
            pr.k_model AS k_model,
            if(if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, '')) != ''
                 AND pr.k_model != ''
                 AND lowerUTF8(if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, ''))) = lowerUTF8(pr.k_model),
               '',
               if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, ''))) AS k_pipeline,
            uniqExactMerge(pr.sessions_state) AS p_sessions,
            uniqExactMerge(pr.streams_state) AS p_streams,
            countMerge(pr.count_state) / 60.0 AS p_minutes,
            avgMerge(pr.fps_state) AS p_fps
        FROM perf_rows AS pr
        LEFT JOIN pipeline_fallback AS pf
            ON pf.k_hour = pr.k_hour
           AND pf.k_gateway = pr.k_gateway
           AND pf.k_region = pr.k_region
           AND pf.k_model = pr.k_model
        GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
    ),
    expected AS
    (
        SELECT
            k_hour, k_gateway, k_region, k_pipeline, k_model,
            sum(u_sessions) AS e_sessions,
            sum(u_streams) AS e_streams,
            sum(u_minutes) AS e_minutes,
            max(u_fps) AS e_fps,
            sum(u_known) AS e_known,
            sum(u_served) AS e_served,
            sum(u_unserved) AS e_unserved,
            sum(u_unexcused) AS e_unexcused,
            sum(u_swapped) AS e_swapped,
            sum(u_failed) AS e_failed,
            toUInt8(1) AS present
        FROM
        (
            SELECT k_hour, k_gateway, k_region, k_pipeline, k_model,
                   p_sessions AS u_sessions, p_streams AS u_streams, p_minutes AS u_minutes,
                   toNullable(p_fps) AS u_fps,
                   toUInt64(0) AS u_known, toUInt64(0) AS u_served, toUInt64(0) AS u_unserved,
                   toUInt64(0) AS u_unexcused, toUInt64(0) AS u_swapped, toUInt64(0) AS u_failed
            FROM perf
            UNION ALL
            SELECT k_hour, k_gateway, k_region, k_pipeline, k_model,
                   toUInt64(0), toUInt64(0), toFloat64(0), CAST(NULL AS Nullable(Float64)),
                   d_known, d_served, d_unserved, d_unexcused, d_swapped, d_failed
            FROM demand
        )
        WHERE k_hour >= h_from AND k_hour < w_to
        GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
    ),
    view_rows AS
    (
        SELECT
            toDateTime(d.window_start, 'UTC') AS k_hour,
            d.gateway AS k_gateway,
            ifNull(d.region, '') AS k_region,
            d.pipeline AS k_pipeline,
            ifNull(d.model_id, '') AS k_model,
            d.total_sessions AS v_sessions,
            d.total_streams AS v_streams,
            d.total_minutes AS v_minutes,
            d.avg_output_fps AS v_fps,
            d.known_sessions AS v_known,
            d.served_sessions AS v_served,
            d.unserved_sessions AS v_unserved,
            d.unexcused_sessions AS v_unexcused,
            d.swapped_sessions AS v_swapped,
            d.startup_success_ratio AS v_startup_ratio,
            d.success_ratio AS v_success_ratio,
            toUInt8(1) AS present
        FROM livepeer_analytics.v_api_network_demand AS d
        WHERE d.window_start >= h_from AND d.window_start < w_to
    ),
    joined AS
    (
        SELECT
            ifNull(e.present, toUInt8(0)) AS in_e,
            ifNull(v.present, toUInt8(0)) AS in_v,
            abs(ifNull(e.e_fps, 0) - ifNull(v.v_fps, 0)) AS diff_fps,
            abs(ifNull(e.e_minutes, 0) - ifNull(v.v_minutes, 0)) AS diff_minutes,
            abs(toInt64(e.e_sessions) - toInt64(v.v_sessions)) AS diff_sessions,
            abs(toInt64(e.e_streams) - toInt64(v.v_streams)) AS diff_streams,
            abs(toInt64(e.e_known) - toInt64(v.v_known)) AS diff_known,
            abs(toInt64(e.e_served) - toInt64(v.v_served)) AS diff_served,
            abs(toInt64(e.e_unserved) - toInt64(v.v_unserved)) AS diff_unserved,
            abs(toInt64(e.e_unexcused) - toInt64(v.v_unexcused)) AS diff_unexcused,
            abs(toInt64(e.e_swapped) - toInt64(v.v_swapped)) AS diff_swapped,
            abs(ifNull(1 - (e.e_unexcused / nullIf(e.e_known, 0)), 0) - ifNull(v.v_startup_ratio, 0)) AS diff_startup_ratio,
            abs(ifNull(1 - (e.e_failed / nullIf(e.e_known, 0)), 0) - ifNull(v.v_success_ratio, 0)) AS diff_success_ratio
        FROM expected AS e
        FULL OUTER JOIN view_rows AS v
            ON v.k_hour = e.k_hour
           AND v.k_gateway = e.k_gateway
           AND v.k_region = e.k_region
           AND v.k_pipeline = e.k_pipeline
           AND v.k_model = e.k_model
    )
SELECT
    multiIf(rollup_rows = 0 AND view_rows = 0, 'EMPTY_BOTH',
            rollup_rows > 0 AND view_rows > 0 AND joined_rows = 0, 'NO_OVERLAP_BOTH_NONEMPTY',
            rollup_only_keys + view_only_keys > 0, 'KEY_MISMATCH',
            max_abs_diff_fps > 0.000001 OR max_abs_diff_minutes > 0.000001
                OR max_abs_diff_startup_success_ratio > 0.000001 OR max_abs_diff_success_ratio > 0.000001
                OR total_diff_sessions + total_diff_streams + total_diff_known_sessions + total_diff_served_sessions
                   + total_diff_unserved_sessions + total_diff_unexcused_sessions + total_diff_swapped_sessions > 0,
                'VALUE_MISMATCH_WITH_OVERLAP',
            'PASS') AS failure_mode,
    countIf(in_e = 1) AS rollup_rows,
    countIf(in_v = 1) AS view_rows,
    countIf(in_e = 1 AND in_v = 1) AS joined_rows,
    countIf(in_e = 1 AND in_v = 0) AS rollup_only_keys,
    countIf(in_e = 0 AND in_v = 1) AS view_only_keys,
    avgIf(diff_fps, in_e = 1 AND in_v = 1) AS mean_abs_diff_fps,
    ifNull(maxIf(diff_fps, in_e = 1 AND in_v = 1), 0) AS max_abs_diff_fps,
    avgIf(diff_minutes, in_e = 1 AND in_v = 1) AS mean_abs_diff_minutes,
    ifNull(maxIf(diff_minutes, in_e = 1 AND in_v = 1), 0) AS max_abs_diff_minutes,
    sumIf(diff_sessions, in_e = 1 AND in_v = 1) AS total_diff_sessions,
    sumIf(diff_streams, in_e = 1 AND in_v = 1) AS total_diff_streams,
    sumIf(diff_known, in_e = 1 AND in_v = 1) AS total_diff_known_sessions,
    sumIf(diff_served, in_e = 1 AND in_v = 1) AS total_diff_served_sessions,
    sumIf(diff_unserved, in_e = 1 AND in_v = 1) AS total_diff_unserved_sessions,
    sumIf(diff_unexcused, in_e = 1 AND in_v = 1) AS total_diff_unexcused_sessions,
    sumIf(diff_swapped, in_e = 1 AND in_v = 1) AS total_diff_swapped_sessions,
    ifNull(maxIf(diff_startup_ratio, in_e = 1 AND in_v = 1), 0) AS max_abs_diff_startup_success_ratio,
    ifNull(maxIf(diff_success_ratio, in_e = 1 AND in_v = 1), 0) AS max_abs_diff_success_ratio
FROM joined
