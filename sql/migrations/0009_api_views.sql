-- Serving views (v_api_*), computed on read from facts, dimensions and rollups.
-- Reference formulas (schema 796d216b) with one decided change: a session (or
-- latency snapshot, or request) is read from its latest version's WHOLE row
-- (ORDER BY version DESC LIMIT 1 BY entity) instead of per-column argMax,
-- which skips NULLs and mixes versions. Capability-dimension lookups keep the
-- reference per-attribute argMax by snapshot time (last reported value).
-- The by-GPU view recomputes reliability from latest sessions instead of the
-- version-inflated agg_reliability_1h. Views read no raw/typed table except
-- payment_events (fees), as in the reference.

-- GPU metrics per (hour, orchestrator, pipeline, model, gpu, region): perf, latency, reliability; backs /gpu/metrics.
CREATE OR REPLACE VIEW livepeer_analytics.v_api_gpu_metrics AS
WITH
latest_sessions AS
(
    SELECT *
    FROM livepeer_analytics.fact_workflow_sessions
    ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
    LIMIT 1 BY workflow_session_id
),
latest_latency_sessions AS
(
    SELECT *
    FROM livepeer_analytics.fact_workflow_latency_samples
    ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
    LIMIT 1 BY workflow_session_id
),
perf_1h AS
(
    SELECT
        toStartOfInterval(s.sample_ts, INTERVAL 1 HOUR) AS window_start,
        s.orchestrator_address AS orchestrator_address,
        s.pipeline AS pipeline,
        nullIf(s.model_id, '') AS model_id,
        nullIf(s.gpu_id, '') AS gpu_id,
        nullIf(s.region, '') AS region,
        avg(s.output_fps) AS avg_output_fps,
        quantileTDigest(0.95)(s.output_fps) AS p95_output_fps,
        stddevPop(s.output_fps) / nullIf(avg(s.output_fps), 0) AS jitter_coeff_fps,
        count() AS status_samples,
        toUInt8(1) AS has_perf
    FROM livepeer_analytics.fact_stream_status_samples AS s
    WHERE s.is_attributed = 1
    GROUP BY window_start, orchestrator_address, pipeline, model_id, gpu_id, region
),
rel_1h AS
(
    SELECT
        toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR) AS rel_window_start,
        ls.orchestrator_address AS orchestrator_address,
        ls.pipeline AS pipeline,
        ls.model_id AS model_id,
        ls.gpu_id AS gpu_id,
        ls.region AS region,
        sum(toUInt64(ls.known_stream)) AS known_sessions,
        sum(toUInt64(ls.startup_success)) AS startup_success_sessions,
        sum(toUInt64(ls.startup_excused)) AS excused_sessions,
        sum(toUInt64(ls.startup_unexcused)) AS unexcused_sessions,
        sum(toUInt64(ls.confirmed_swap_count > 0)) AS confirmed_swapped_sessions,
        sum(toUInt64(ls.inferred_orchestrator_change_count > 0)) AS inferred_orchestrator_change_sessions,
        sum(toUInt64((ls.confirmed_swap_count > 0) OR (ls.inferred_orchestrator_change_count > 0))) AS swapped_sessions,
        sum(toUInt64(ls.error_count > 0)) AS sessions_with_errors,
        sum(toUInt64(ls.last_error_occurred > 0)) AS sessions_with_last_error,
        sum(toUInt64(ls.loading_only_session > 0)) AS loading_only_sessions,
        sum(toUInt64(ls.zero_output_fps_session > 0)) AS zero_output_fps_sessions,
        sum(toUInt64(ls.status_error_sample_count)) AS status_error_samples,
        sum(toUInt64(ls.health_signal_count)) AS health_signal_count,
        sum(toUInt64(ls.health_expected_signal_count)) AS health_expected_signal_count
    FROM latest_sessions AS ls
    WHERE ls.session_start_ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
    GROUP BY rel_window_start, orchestrator_address, pipeline, model_id, gpu_id, region
),
lat_1h AS
(
    SELECT
        toStartOfInterval(l.sample_ts, INTERVAL 1 HOUR) AS window_start,
        l.orchestrator_address AS orchestrator_address,
        l.pipeline AS pipeline,
        nullIf(l.model_id, '') AS model_id,
        nullIf(l.gpu_id, '') AS gpu_id,
        nullIf(l.region, '') AS region,
        avgIf(l.prompt_to_first_frame_ms, l.has_prompt_to_first_frame = 1) AS prompt_to_first_frame_ms,
        avgIf(l.startup_time_ms, l.has_startup_time = 1) AS startup_time_ms,
        avgIf(l.e2e_latency_ms, l.has_e2e_latency = 1) AS e2e_latency_ms,
        quantileTDigestIf(0.95)(l.prompt_to_first_frame_ms, l.has_prompt_to_first_frame = 1) AS p95_prompt_to_first_frame_ms,
        quantileTDigestIf(0.95)(l.startup_time_ms, l.has_startup_time = 1) AS p95_startup_time_ms,
        quantileTDigestIf(0.95)(l.e2e_latency_ms, l.has_e2e_latency = 1) AS p95_e2e_latency_ms,
        sum(toUInt64(l.has_prompt_to_first_frame = 1)) AS valid_prompt_to_first_frame_count,
        sum(toUInt64(l.has_startup_time = 1)) AS valid_startup_time_count,
        sum(toUInt64(l.has_e2e_latency = 1)) AS valid_e2e_latency_count
    FROM latest_latency_sessions AS l
    GROUP BY window_start, orchestrator_address, pipeline, model_id, gpu_id, region
),
base_keys AS
(
    SELECT window_start, orchestrator_address, pipeline, model_id, gpu_id, region
    FROM perf_1h
    UNION DISTINCT
    SELECT rel_window_start AS window_start, orchestrator_address, pipeline, model_id, gpu_id, region
    FROM rel_1h
    UNION DISTINCT
    SELECT window_start, orchestrator_address, pipeline, model_id, gpu_id, region
    FROM lat_1h
),
status_session_hours AS
(
    SELECT
        toStartOfInterval(f.sample_ts, INTERVAL 1 HOUR) AS window_start,
        f.workflow_session_id AS workflow_session_id,
        toUInt8(1) AS has_status_row,
        f.orchestrator_address AS orchestrator_address,
        f.pipeline AS pipeline,
        nullIf(f.model_id, '') AS model_id,
        nullIf(f.gpu_id, '') AS gpu_id,
        nullIf(f.region, '') AS region,
        count() AS status_samples,
        countIf(f.output_fps > 0) AS fps_positive_samples,
        countIf(f.state IN ('ONLINE', 'DEGRADED_INFERENCE', 'DEGRADED_INPUT')) AS running_state_samples
    FROM livepeer_analytics.fact_stream_status_samples AS f
    WHERE f.is_attributed = 1
    GROUP BY window_start, workflow_session_id, orchestrator_address, pipeline, model_id, gpu_id, region
),
tail_artifact_keys AS
(
    SELECT DISTINCT
        toUInt8(1) AS is_tail_artifact,
        sh.window_start AS window_start,
        sh.orchestrator_address AS orchestrator_address,
        sh.pipeline AS pipeline,
        sh.model_id AS model_id,
        sh.gpu_id AS gpu_id,
        sh.region AS region
    FROM status_session_hours AS sh
    INNER JOIN latest_sessions AS ls
        ON ls.workflow_session_id = sh.workflow_session_id
    LEFT JOIN status_session_hours AS prev_sh
        ON prev_sh.workflow_session_id = sh.workflow_session_id
       AND prev_sh.window_start = sh.window_start - INTERVAL 1 HOUR
       AND prev_sh.orchestrator_address = sh.orchestrator_address
       AND prev_sh.pipeline = sh.pipeline
       AND ifNull(prev_sh.model_id, '') = ifNull(sh.model_id, '')
       AND ifNull(prev_sh.gpu_id, '') = ifNull(sh.gpu_id, '')
       AND ifNull(prev_sh.region, '') = ifNull(sh.region, '')
    WHERE ls.session_start_ts < sh.window_start
      AND ls.session_end_ts IS NOT NULL
      AND ls.session_end_ts >= sh.window_start
      AND ls.session_end_ts < sh.window_start + INTERVAL 1 HOUR
      AND sh.fps_positive_samples = 0
      AND sh.running_state_samples = 0
      AND sh.status_samples < 3
      AND prev_sh.has_status_row = 1
      AND prev_sh.fps_positive_samples = 0
      AND prev_sh.running_state_samples = 0
      AND prev_sh.status_samples < 3
),
dim_current AS
(
    SELECT
        c.orchestrator_address AS orchestrator_address,
        c.model_id AS model_id,
        c.gpu_id AS gpu_id,
        argMax(c.gpu_name, tuple(c.latest_snapshot_ts, c.pipeline, c.capability_id)) AS gpu_name,
        argMax(c.gpu_memory_total, tuple(c.latest_snapshot_ts, c.pipeline, c.capability_id)) AS gpu_memory_total,
        argMax(c.gpu_major, tuple(c.latest_snapshot_ts, c.pipeline, c.capability_id)) AS gpu_major,
        argMax(c.gpu_minor, tuple(c.latest_snapshot_ts, c.pipeline, c.capability_id)) AS gpu_minor,
        argMax(c.runner_version, tuple(c.latest_snapshot_ts, c.pipeline, c.capability_id)) AS runner_version
    FROM livepeer_analytics.dim_orchestrator_capability_current AS c
    GROUP BY orchestrator_address, model_id, gpu_id
)
SELECT
    b.window_start AS window_start,
    b.orchestrator_address AS orchestrator_address,
    b.pipeline AS pipeline,
    b.model_id AS model_id,
    b.gpu_id AS gpu_id,
    b.region AS region,
    d.gpu_name AS gpu_name,
    d.gpu_memory_total AS gpu_memory_total,
    d.runner_version AS runner_version,
    if(d.gpu_major IS NOT NULL AND d.gpu_minor IS NOT NULL,
       concat(toString(d.gpu_major), '.', toString(d.gpu_minor)),
       CAST(NULL AS Nullable(String))) AS cuda_version,
    if(ifNull(p.has_perf, toUInt8(0)) = 1, p.avg_output_fps, CAST(NULL AS Nullable(Float64))) AS avg_output_fps,
    if(ifNull(p.has_perf, toUInt8(0)) = 1, p.p95_output_fps, CAST(NULL AS Nullable(Float32))) AS p95_output_fps,
    if(ifNull(p.has_perf, toUInt8(0)) = 1, p.jitter_coeff_fps, CAST(NULL AS Nullable(Float64))) AS jitter_coeff_fps,
    ifNull(p.status_samples, toUInt64(0)) AS status_samples,
    if(l.valid_prompt_to_first_frame_count > 0, l.prompt_to_first_frame_ms, CAST(NULL AS Nullable(Float64))) AS prompt_to_first_frame_ms,
    if(l.valid_startup_time_count > 0, l.startup_time_ms, CAST(NULL AS Nullable(Float64))) AS startup_time_ms,
    if(l.valid_startup_time_count > 0, l.startup_time_ms / 1000.0, CAST(NULL AS Nullable(Float64))) AS startup_time_s,
    if(l.valid_e2e_latency_count > 0, l.e2e_latency_ms, CAST(NULL AS Nullable(Float64))) AS e2e_latency_ms,
    if(l.valid_prompt_to_first_frame_count > 0, l.p95_prompt_to_first_frame_ms, CAST(NULL AS Nullable(Float32))) AS p95_prompt_to_first_frame_ms,
    if(l.valid_startup_time_count > 0, l.p95_startup_time_ms, CAST(NULL AS Nullable(Float32))) AS p95_startup_time_ms,
    if(l.valid_e2e_latency_count > 0, l.p95_e2e_latency_ms, CAST(NULL AS Nullable(Float32))) AS p95_e2e_latency_ms,
    ifNull(l.valid_prompt_to_first_frame_count, toUInt64(0)) AS valid_prompt_to_first_frame_count,
    ifNull(l.valid_startup_time_count, toUInt64(0)) AS valid_startup_time_count,
    ifNull(l.valid_e2e_latency_count, toUInt64(0)) AS valid_e2e_latency_count,
    ifNull(r.known_sessions, toUInt64(0)) AS known_sessions,
    ifNull(r.startup_success_sessions, toUInt64(0)) AS startup_success_sessions,
    ifNull(r.excused_sessions, toUInt64(0)) AS excused_sessions,
    ifNull(r.unexcused_sessions, toUInt64(0)) AS unexcused_sessions,
    ifNull(r.confirmed_swapped_sessions, toUInt64(0)) AS confirmed_swapped_sessions,
    ifNull(r.inferred_orchestrator_change_sessions, toUInt64(0)) AS inferred_orchestrator_change_sessions,
    ifNull(r.swapped_sessions, toUInt64(0)) AS swapped_sessions,
    ifNull(r.sessions_with_errors, toUInt64(0)) AS sessions_with_errors,
    ifNull(r.sessions_with_last_error, toUInt64(0)) AS sessions_with_last_error,
    ifNull(r.loading_only_sessions, toUInt64(0)) AS loading_only_sessions,
    ifNull(r.zero_output_fps_sessions, toUInt64(0)) AS zero_output_fps_sessions,
    ifNull(r.status_error_samples, toUInt64(0)) AS status_error_samples,
    ifNull(r.health_signal_count, toUInt64(0)) AS health_signal_count,
    ifNull(r.health_expected_signal_count, toUInt64(0)) AS health_expected_signal_count,
    ifNull(r.health_signal_count / nullIf(r.health_expected_signal_count, 0), 1.0) AS health_completeness_ratio,
    ifNull(r.unexcused_sessions / nullIf(r.known_sessions, 0), 0) AS failure_rate,
    ifNull(r.swapped_sessions / nullIf(r.known_sessions, 0), 0) AS swap_rate
FROM base_keys AS b
LEFT JOIN perf_1h AS p
    ON p.window_start = b.window_start
   AND p.orchestrator_address = b.orchestrator_address
   AND p.pipeline = b.pipeline
   AND ifNull(p.model_id, '') = ifNull(b.model_id, '')
   AND ifNull(p.gpu_id, '') = ifNull(b.gpu_id, '')
   AND ifNull(p.region, '') = ifNull(b.region, '')
LEFT JOIN rel_1h AS r
    ON r.rel_window_start = b.window_start
   AND r.orchestrator_address = b.orchestrator_address
   AND r.pipeline = b.pipeline
   AND ifNull(r.model_id, '') = ifNull(b.model_id, '')
   AND ifNull(r.gpu_id, '') = ifNull(b.gpu_id, '')
   AND ifNull(r.region, '') = ifNull(b.region, '')
LEFT JOIN lat_1h AS l
    ON l.window_start = b.window_start
   AND l.orchestrator_address = b.orchestrator_address
   AND l.pipeline = b.pipeline
   AND ifNull(l.model_id, '') = ifNull(b.model_id, '')
   AND ifNull(l.gpu_id, '') = ifNull(b.gpu_id, '')
   AND ifNull(l.region, '') = ifNull(b.region, '')
LEFT JOIN dim_current AS d
    ON d.orchestrator_address = b.orchestrator_address
   AND ifNull(d.model_id, '') = ifNull(b.model_id, '')
   AND ifNull(d.gpu_id, '') = ifNull(b.gpu_id, '')
LEFT JOIN tail_artifact_keys AS tk
    ON tk.window_start = b.window_start
   AND tk.orchestrator_address = b.orchestrator_address
   AND tk.pipeline = b.pipeline
   AND ifNull(tk.model_id, '') = ifNull(b.model_id, '')
   AND ifNull(tk.gpu_id, '') = ifNull(b.gpu_id, '')
   AND ifNull(tk.region, '') = ifNull(b.region, '')
WHERE b.orchestrator_address != ''
  AND ifNull(b.gpu_id, '') != ''
  AND ifNull(tk.is_tail_artifact, toUInt8(0)) = toUInt8(0);

-- Network demand per (hour, gateway, region, pipeline, model): usage from the perf rollup plus session demand and fees; backs /network/demand.
CREATE OR REPLACE VIEW livepeer_analytics.v_api_network_demand AS
WITH
latest_sessions AS
(
    SELECT
        r.workflow_session_id AS workflow_session_id,
        r.session_start_ts AS session_start_ts,
        r.gateway AS gateway,
        r.region AS region,
        ifNull(r.model_id, '') AS model_id,
        if(r.pipeline != '' AND ifNull(r.model_id, '') != '' AND lowerUTF8(r.pipeline) = lowerUTF8(ifNull(r.model_id, '')),
           '', r.pipeline) AS pipeline,
        r.orchestrator_address AS orchestrator_address,
        r.known_stream AS known_stream,
        r.startup_unexcused AS startup_unexcused,
        r.confirmed_swap_count AS confirmed_swap_count,
        r.inferred_orchestrator_change_count AS inferred_orchestrator_change_count,
        r.swap_count AS swap_count,
        r.error_count AS error_count,
        r.last_error_occurred AS last_error_occurred,
        r.loading_only_session AS loading_only_session,
        r.zero_output_fps_session AS zero_output_fps_session,
        r.status_error_sample_count AS status_error_sample_count,
        r.health_signal_count AS health_signal_count,
        r.health_expected_signal_count AS health_expected_signal_count
    FROM
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ) AS r
),
perf_pipeline_fallback AS
(
    SELECT
        toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR) AS window_start,
        ls.gateway AS gateway,
        ifNull(ls.region, '') AS region,
        ls.model_id AS model_id,
        if(countDistinctIf(ls.pipeline, ls.pipeline != '') = 1, anyIf(ls.pipeline, ls.pipeline != ''), '') AS pipeline_fallback
    FROM latest_sessions AS ls
    WHERE ls.session_start_ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
    GROUP BY window_start, gateway, region, model_id
),
perf_1h AS
(
    SELECT
        toStartOfInterval(p.window_start, INTERVAL 1 HOUR) AS window_start,
        p.gateway AS gateway,
        ifNull(p.region, '') AS region,
        if(if(p.pipeline != '', p.pipeline, ifNull(f.pipeline_fallback, '')) != ''
             AND ifNull(p.model_id, '') != ''
             AND lowerUTF8(if(p.pipeline != '', p.pipeline, ifNull(f.pipeline_fallback, ''))) = lowerUTF8(ifNull(p.model_id, '')),
           '',
           if(p.pipeline != '', p.pipeline, ifNull(f.pipeline_fallback, ''))) AS pipeline,
        ifNull(p.model_id, '') AS model_id,
        uniqExactMerge(p.sessions_uniq_state) AS total_sessions,
        uniqExactMerge(p.streams_uniq_state) AS total_streams,
        countMerge(p.sample_count_state) / 60.0 AS total_minutes,
        avgMerge(p.output_fps_avg_state) AS avg_output_fps,
        toUInt8(1) AS has_perf
    FROM livepeer_analytics.agg_stream_performance_1m AS p
    LEFT JOIN perf_pipeline_fallback AS f
        ON f.window_start = toStartOfInterval(p.window_start, INTERVAL 1 HOUR)
       AND f.gateway = p.gateway
       AND f.region = ifNull(p.region, '')
       AND f.model_id = ifNull(p.model_id, '')
    GROUP BY window_start, gateway, region, pipeline, model_id
),
demand_1h AS
(
    SELECT
        toStartOfInterval(s.session_start_ts, INTERVAL 1 HOUR) AS window_start,
        s.gateway AS gateway,
        ifNull(s.region, '') AS region,
        if(if(s.pipeline != '', s.pipeline, ifNull(f.pipeline_fallback, '')) != ''
             AND s.model_id != ''
             AND lowerUTF8(if(s.pipeline != '', s.pipeline, ifNull(f.pipeline_fallback, ''))) = lowerUTF8(s.model_id),
           '',
           if(s.pipeline != '', s.pipeline, ifNull(f.pipeline_fallback, ''))) AS pipeline,
        s.model_id AS model_id,
        sum(toUInt64(s.known_stream)) AS known_sessions,
        sum(toUInt64(s.known_stream AND s.orchestrator_address != '')) AS served_sessions,
        sum(toUInt64(s.known_stream AND s.orchestrator_address = '')) AS unserved_sessions,
        sum(toUInt64(s.startup_unexcused)) AS unexcused_sessions,
        sum(toUInt64(s.confirmed_swap_count > 0)) AS confirmed_swapped_sessions,
        sum(toUInt64(s.inferred_orchestrator_change_count > 0)) AS inferred_orchestrator_change_sessions,
        sum(toUInt64((s.confirmed_swap_count > 0) OR (s.inferred_orchestrator_change_count > 0))) AS swapped_sessions,
        sum(toUInt64(s.error_count > 0)) AS sessions_with_errors,
        sum(toUInt64(s.last_error_occurred > 0)) AS sessions_with_last_error,
        sum(toUInt64(s.loading_only_session > 0)) AS loading_only_sessions,
        sum(toUInt64(s.zero_output_fps_session > 0)) AS zero_output_fps_sessions,
        sum(toUInt64((s.startup_unexcused > 0) OR (s.zero_output_fps_session > 0) OR (s.loading_only_session > 0))) AS effective_failed_sessions,
        sum(toUInt64(s.status_error_sample_count)) AS status_error_samples,
        sum(toUInt64(s.health_signal_count)) AS health_signal_count,
        sum(toUInt64(s.health_expected_signal_count)) AS health_expected_signal_count
    FROM latest_sessions AS s
    LEFT JOIN perf_pipeline_fallback AS f
        ON f.window_start = toStartOfInterval(s.session_start_ts, INTERVAL 1 HOUR)
       AND f.gateway = s.gateway
       AND f.region = ifNull(s.region, '')
       AND f.model_id = s.model_id
    WHERE s.session_start_ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
    GROUP BY window_start, gateway, region, pipeline, model_id
),
keys_1h AS
(
    SELECT window_start, gateway, region, pipeline, model_id FROM perf_1h
    UNION DISTINCT
    SELECT window_start, gateway, region, pipeline, model_id FROM demand_1h
),
latest_session_by_request AS
(
    SELECT
        q.request_id AS request_id,
        q.gateway AS gateway,
        q.region AS region,
        ifNull(q.model_id, '') AS model_id,
        if(q.pipeline != '' AND ifNull(q.model_id, '') != '' AND lowerUTF8(q.pipeline) = lowerUTF8(ifNull(q.model_id, '')),
           '', q.pipeline) AS pipeline
    FROM
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        WHERE request_id != ''
        ORDER BY request_id ASC, version DESC, workflow_session_id DESC, ingestion_timestamp DESC
        LIMIT 1 BY request_id
    ) AS q
),
fees_1h AS
(
    SELECT
        toStartOfInterval(pe.event_timestamp, INTERVAL 1 HOUR) AS window_start,
        s.gateway AS gateway,
        s.region AS region,
        s.pipeline AS pipeline,
        s.model_id AS model_id,
        sum(toFloat64OrZero(pe.face_value)) / 1000000000000000000.0 AS fee_payment_eth
    FROM livepeer_analytics.payment_events AS pe
    INNER JOIN latest_session_by_request AS s ON s.request_id = pe.request_id
    GROUP BY window_start, gateway, region, pipeline, model_id
)
SELECT
    k.window_start AS window_start,
    k.gateway AS gateway,
    k.region AS region,
    k.pipeline AS pipeline,
    k.model_id AS model_id,
    ifNull(p.total_streams, toUInt64(0)) AS total_streams,
    ifNull(p.total_sessions, toUInt64(0)) AS total_sessions,
    ifNull(p.total_minutes, 0.0) AS total_minutes,
    if(ifNull(p.has_perf, toUInt8(0)) = 1, p.avg_output_fps, CAST(NULL AS Nullable(Float64))) AS avg_output_fps,
    ifNull(d.known_sessions, toUInt64(0)) AS known_sessions,
    ifNull(d.served_sessions, toUInt64(0)) AS served_sessions,
    ifNull(d.unserved_sessions, toUInt64(0)) AS unserved_sessions,
    ifNull(d.served_sessions, toUInt64(0)) + ifNull(d.unserved_sessions, toUInt64(0)) AS total_demand_sessions,
    ifNull(d.unexcused_sessions, toUInt64(0)) AS unexcused_sessions,
    ifNull(d.confirmed_swapped_sessions, toUInt64(0)) AS confirmed_swapped_sessions,
    ifNull(d.inferred_orchestrator_change_sessions, toUInt64(0)) AS inferred_orchestrator_change_sessions,
    ifNull(d.swapped_sessions, toUInt64(0)) AS swapped_sessions,
    ifNull(d.sessions_with_errors, toUInt64(0)) AS sessions_with_errors,
    ifNull(d.sessions_with_last_error, toUInt64(0)) AS sessions_with_last_error,
    ifNull(d.loading_only_sessions, toUInt64(0)) AS loading_only_sessions,
    ifNull(d.zero_output_fps_sessions, toUInt64(0)) AS zero_output_fps_sessions,
    ifNull(d.status_error_samples, toUInt64(0)) AS status_error_samples,
    ifNull(d.health_signal_count, toUInt64(0)) AS health_signal_count,
    ifNull(d.health_expected_signal_count, toUInt64(0)) AS health_expected_signal_count,
    ifNull(d.health_signal_count / nullIf(d.health_expected_signal_count, 0), 1.0) AS health_completeness_ratio,
    ifNull(d.unserved_sessions, toUInt64(0)) AS missing_capacity_count,
    ifNull(1 - (d.unexcused_sessions / nullIf(d.known_sessions, 0)), 0) AS startup_success_ratio,
    ifNull(1 - (d.effective_failed_sessions / nullIf(d.known_sessions, 0)), 0) AS success_ratio,
    ifNull(f.fee_payment_eth, 0.0) AS fee_payment_eth
FROM keys_1h AS k
LEFT JOIN perf_1h AS p
    ON p.window_start = k.window_start
   AND p.gateway = k.gateway
   AND p.region = k.region
   AND p.pipeline = k.pipeline
   AND p.model_id = k.model_id
LEFT JOIN demand_1h AS d
    ON d.window_start = k.window_start
   AND d.gateway = k.gateway
   AND d.region = k.region
   AND d.pipeline = k.pipeline
   AND d.model_id = k.model_id
LEFT JOIN fees_1h AS f
    ON f.window_start = k.window_start
   AND f.gateway = k.gateway
   AND ifNull(f.region, '') = k.region
   AND f.pipeline = k.pipeline
   AND ifNull(f.model_id, '') = k.model_id;

-- GPU-sliced demand and capacity per (hour, gateway, orchestrator, region, pipeline, model, gpu); rows exist only for usage keys.
CREATE OR REPLACE VIEW livepeer_analytics.v_api_network_demand_by_gpu AS
WITH
latest_sessions AS
(
    SELECT *
    FROM livepeer_analytics.fact_workflow_sessions
    ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
    LIMIT 1 BY workflow_session_id
),
perf_gpu_1h_raw AS
(
    SELECT
        toStartOfInterval(a.window_start, INTERVAL 1 HOUR) AS window_start,
        a.gateway AS gateway,
        a.orchestrator_address AS orchestrator_address,
        a.region AS region,
        a.pipeline AS pipeline,
        a.model_id AS model_id,
        a.gpu_id AS gpu_id,
        uniqExactMerge(a.streams_uniq_state) AS total_streams,
        uniqExactMerge(a.sessions_uniq_state) AS total_sessions,
        countMerge(a.sample_count_state) / 60.0 AS used_inference_minutes
    FROM livepeer_analytics.agg_stream_performance_1m AS a
    GROUP BY window_start, gateway, orchestrator_address, region, pipeline, model_id, gpu_id
),
latest_gpu_by_key AS
(
    SELECT
        toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR) AS window_start,
        ls.gateway AS gateway,
        ls.orchestrator_address AS orchestrator_address,
        ls.region AS region,
        ls.pipeline AS pipeline,
        ls.model_id AS model_id,
        argMaxIf(ls.gpu_id, tuple(ls.session_start_ts, ls.workflow_session_id), ifNull(ls.gpu_id, '') != '') AS gpu_id
    FROM latest_sessions AS ls
    GROUP BY window_start, gateway, orchestrator_address, region, pipeline, model_id
),
perf_gpu_1h AS
(
    SELECT
        p.window_start AS window_start,
        p.gateway AS gateway,
        p.orchestrator_address AS orchestrator_address,
        p.region AS region,
        p.pipeline AS pipeline,
        p.model_id AS model_id,
        nullIf(if(ifNull(p.gpu_id, '') != '', p.gpu_id, ifNull(k.gpu_id, '')), '') AS gpu_id,
        p.total_streams AS total_streams,
        p.total_sessions AS total_sessions,
        p.used_inference_minutes AS used_inference_minutes
    FROM perf_gpu_1h_raw AS p
    LEFT JOIN latest_gpu_by_key AS k
        ON k.window_start = p.window_start
       AND k.gateway = p.gateway
       AND k.orchestrator_address = p.orchestrator_address
       AND ifNull(k.region, '') = ifNull(p.region, '')
       AND k.pipeline = p.pipeline
       AND ifNull(k.model_id, '') = ifNull(p.model_id, '')
),
rel_gpu_1h_raw AS
(
    SELECT
        toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR) AS window_start,
        ls.gateway AS gateway,
        ls.orchestrator_address AS orchestrator_address,
        ls.region AS region,
        ls.pipeline AS pipeline,
        ls.model_id AS model_id,
        ls.gpu_id AS gpu_id,
        sum(toUInt64(ls.known_stream)) AS known_sessions,
        sum(toUInt64(ls.startup_unexcused)) AS unexcused_sessions,
        sum(toUInt64(ls.confirmed_swap_count > 0)) AS confirmed_swapped_sessions,
        sum(toUInt64(ls.inferred_orchestrator_change_count > 0)) AS inferred_orchestrator_change_sessions,
        sum(toUInt64((ls.confirmed_swap_count > 0) OR (ls.inferred_orchestrator_change_count > 0))) AS swapped_sessions,
        sum(toUInt64(ls.error_count > 0)) AS sessions_with_errors,
        sum(toUInt64(ls.last_error_occurred > 0)) AS sessions_with_last_error,
        sum(toUInt64(ls.loading_only_session > 0)) AS loading_only_sessions,
        sum(toUInt64(ls.zero_output_fps_session > 0)) AS zero_output_fps_sessions,
        sum(toUInt64(ls.status_error_sample_count)) AS status_error_samples,
        sum(toUInt64(ls.health_signal_count)) AS health_signal_count,
        sum(toUInt64(ls.health_expected_signal_count)) AS health_expected_signal_count
    FROM latest_sessions AS ls
    WHERE ls.session_start_ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
    GROUP BY window_start, gateway, orchestrator_address, region, pipeline, model_id, gpu_id
),
rel_gpu_1h AS
(
    SELECT
        r.window_start AS window_start,
        r.gateway AS gateway,
        r.orchestrator_address AS orchestrator_address,
        r.region AS region,
        r.pipeline AS pipeline,
        r.model_id AS model_id,
        nullIf(if(ifNull(r.gpu_id, '') != '', r.gpu_id, ifNull(k.gpu_id, '')), '') AS gpu_id,
        r.known_sessions AS known_sessions,
        r.unexcused_sessions AS unexcused_sessions,
        r.confirmed_swapped_sessions AS confirmed_swapped_sessions,
        r.inferred_orchestrator_change_sessions AS inferred_orchestrator_change_sessions,
        r.swapped_sessions AS swapped_sessions,
        r.sessions_with_errors AS sessions_with_errors,
        r.sessions_with_last_error AS sessions_with_last_error,
        r.loading_only_sessions AS loading_only_sessions,
        r.zero_output_fps_sessions AS zero_output_fps_sessions,
        r.status_error_samples AS status_error_samples,
        r.health_signal_count AS health_signal_count,
        r.health_expected_signal_count AS health_expected_signal_count
    FROM rel_gpu_1h_raw AS r
    LEFT JOIN latest_gpu_by_key AS k
        ON k.window_start = r.window_start
       AND k.gateway = r.gateway
       AND k.orchestrator_address = r.orchestrator_address
       AND ifNull(k.region, '') = ifNull(r.region, '')
       AND k.pipeline = r.pipeline
       AND ifNull(k.model_id, '') = ifNull(r.model_id, '')
),
dim_gpu_type AS
(
    SELECT
        c.orchestrator_address AS orchestrator_address,
        c.model_id AS model_id,
        c.gpu_id AS gpu_id,
        argMax(c.gpu_name, tuple(c.latest_snapshot_ts, c.pipeline, c.capability_id)) AS gpu_type
    FROM livepeer_analytics.dim_orchestrator_capability_current AS c
    GROUP BY orchestrator_address, model_id, gpu_id
),
capacity_current AS
(
    SELECT
        mc.orchestrator_address AS orchestrator_address,
        mc.model_id AS model_id,
        argMax(mc.capacity, tuple(mc.snapshot_ts, mc.capability_id, mc.source_event_uid)) AS capacity
    FROM livepeer_analytics.dim_orchestrator_capability_model_constraints AS mc
    GROUP BY orchestrator_address, model_id
),
latest_session_by_request AS
(
    SELECT *
    FROM livepeer_analytics.fact_workflow_sessions
    WHERE request_id != ''
    ORDER BY request_id ASC, version DESC, workflow_session_id DESC, ingestion_timestamp DESC
    LIMIT 1 BY request_id
),
fees_gpu_1h_raw AS
(
    SELECT
        toStartOfInterval(pe.event_timestamp, INTERVAL 1 HOUR) AS window_start,
        s.gateway AS gateway,
        s.orchestrator_address AS orchestrator_address,
        s.region AS region,
        s.pipeline AS pipeline,
        s.model_id AS model_id,
        s.gpu_id AS gpu_id,
        sum(toFloat64OrZero(pe.face_value)) / 1000000000000000000.0 AS fee_payment_eth
    FROM livepeer_analytics.payment_events AS pe
    INNER JOIN latest_session_by_request AS s ON s.request_id = pe.request_id
    GROUP BY window_start, gateway, orchestrator_address, region, pipeline, model_id, gpu_id
),
fees_gpu_1h AS
(
    SELECT
        f.window_start AS window_start,
        f.gateway AS gateway,
        f.orchestrator_address AS orchestrator_address,
        f.region AS region,
        f.pipeline AS pipeline,
        f.model_id AS model_id,
        nullIf(if(ifNull(f.gpu_id, '') != '', f.gpu_id, ifNull(k.gpu_id, '')), '') AS gpu_id,
        f.fee_payment_eth AS fee_payment_eth
    FROM fees_gpu_1h_raw AS f
    LEFT JOIN latest_gpu_by_key AS k
        ON k.window_start = f.window_start
       AND k.gateway = f.gateway
       AND k.orchestrator_address = f.orchestrator_address
       AND ifNull(k.region, '') = ifNull(f.region, '')
       AND k.pipeline = f.pipeline
       AND ifNull(k.model_id, '') = ifNull(f.model_id, '')
)
SELECT
    p.window_start AS window_start,
    p.gateway AS gateway,
    p.orchestrator_address AS orchestrator_address,
    p.region AS region,
    p.pipeline AS pipeline,
    p.model_id AS model_id,
    p.gpu_id AS gpu_id,
    ifNull(d.gpu_type, 'unknown') AS gpu_type,
    p.total_streams AS total_streams,
    p.total_sessions AS total_sessions,
    p.used_inference_minutes AS inference_minutes_by_gpu_type,
    p.used_inference_minutes AS used_inference_minutes,
    ifNull(c.capacity, 0) * 60.0 AS available_capacity_minutes,
    ifNull(p.used_inference_minutes / nullIf(ifNull(c.capacity, 0) * 60.0, 0), 0) AS capacity_rate,
    ifNull(r.known_sessions, toUInt64(0)) AS known_sessions,
    ifNull(r.unexcused_sessions, toUInt64(0)) AS unexcused_sessions,
    ifNull(r.confirmed_swapped_sessions, toUInt64(0)) AS confirmed_swapped_sessions,
    ifNull(r.inferred_orchestrator_change_sessions, toUInt64(0)) AS inferred_orchestrator_change_sessions,
    ifNull(r.swapped_sessions, toUInt64(0)) AS swapped_sessions,
    ifNull(r.sessions_with_errors, toUInt64(0)) AS sessions_with_errors,
    ifNull(r.sessions_with_last_error, toUInt64(0)) AS sessions_with_last_error,
    ifNull(r.loading_only_sessions, toUInt64(0)) AS loading_only_sessions,
    ifNull(r.zero_output_fps_sessions, toUInt64(0)) AS zero_output_fps_sessions,
    ifNull(r.status_error_samples, toUInt64(0)) AS status_error_samples,
    ifNull(r.health_signal_count, toUInt64(0)) AS health_signal_count,
    ifNull(r.health_expected_signal_count, toUInt64(0)) AS health_expected_signal_count,
    ifNull(r.health_signal_count / nullIf(r.health_expected_signal_count, 0), 1.0) AS health_completeness_ratio,
    ifNull(r.unexcused_sessions, toUInt64(0)) AS missing_capacity_count,
    ifNull(f.fee_payment_eth, 0.0) AS fee_payment_eth
FROM perf_gpu_1h AS p
LEFT JOIN rel_gpu_1h AS r
    ON r.window_start = p.window_start
   AND r.gateway = p.gateway
   AND r.orchestrator_address = p.orchestrator_address
   AND ifNull(r.region, '') = ifNull(p.region, '')
   AND r.pipeline = p.pipeline
   AND ifNull(r.model_id, '') = ifNull(p.model_id, '')
   AND ifNull(r.gpu_id, '') = ifNull(p.gpu_id, '')
LEFT JOIN dim_gpu_type AS d
    ON d.orchestrator_address = p.orchestrator_address
   AND ifNull(d.model_id, '') = ifNull(p.model_id, '')
   AND ifNull(d.gpu_id, '') = ifNull(p.gpu_id, '')
LEFT JOIN capacity_current AS c
    ON c.orchestrator_address = p.orchestrator_address
   AND ifNull(c.model_id, '') = ifNull(p.model_id, '')
LEFT JOIN fees_gpu_1h AS f
    ON f.window_start = p.window_start
   AND f.gateway = p.gateway
   AND f.orchestrator_address = p.orchestrator_address
   AND ifNull(f.region, '') = ifNull(p.region, '')
   AND f.pipeline = p.pipeline
   AND ifNull(f.model_id, '') = ifNull(p.model_id, '')
   AND ifNull(f.gpu_id, '') = ifNull(p.gpu_id, '');

-- Five-minute fps jitter per (orchestrator, pipeline, model, gpu, region) from the perf rollup; groups with >= 10 samples.
CREATE OR REPLACE VIEW livepeer_analytics.v_api_jitter_5m AS
SELECT
    toStartOfInterval(a.window_start, INTERVAL 5 MINUTE) AS window_start_5m,
    a.orchestrator_address AS orchestrator_address,
    a.pipeline AS pipeline,
    a.model_id AS model_id,
    a.gpu_id AS gpu_id,
    a.region AS region,
    avgMerge(a.output_fps_avg_state) AS avg_output_fps,
    stddevPopMerge(a.fps_jitter_num_state) / nullIf(avgMerge(a.fps_jitter_den_state), 0) AS jitter_coeff_fps,
    countMerge(a.sample_count_state) AS status_samples
FROM livepeer_analytics.agg_stream_performance_1m AS a
GROUP BY window_start_5m, orchestrator_address, pipeline, model_id, gpu_id, region
HAVING status_samples >= 10;

-- SLA compliance per attributed status (hour, orchestrator, pipeline, model, gpu, region), tail artifacts excluded; backs /sla/compliance.
CREATE OR REPLACE VIEW livepeer_analytics.v_api_sla_compliance AS
WITH
latest_sessions AS
(
    SELECT *
    FROM livepeer_analytics.fact_workflow_sessions
    ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
    LIMIT 1 BY workflow_session_id
),
status_session_hours AS
(
    SELECT
        toStartOfInterval(f.sample_ts, INTERVAL 1 HOUR) AS window_start,
        f.workflow_session_id AS workflow_session_id,
        toUInt8(1) AS has_status_row,
        f.orchestrator_address AS orchestrator_address,
        f.pipeline AS pipeline,
        nullIf(f.model_id, '') AS model_id,
        nullIf(f.gpu_id, '') AS gpu_id,
        nullIf(f.region, '') AS region,
        count() AS status_samples,
        countIf(f.output_fps > 0) AS fps_positive_samples,
        countIf(f.state IN ('ONLINE', 'DEGRADED_INFERENCE', 'DEGRADED_INPUT')) AS running_state_samples
    FROM livepeer_analytics.fact_stream_status_samples AS f
    WHERE f.is_attributed = 1
    GROUP BY window_start, workflow_session_id, orchestrator_address, pipeline, model_id, gpu_id, region
)
SELECT
    sh.window_start AS window_start,
    sh.orchestrator_address AS orchestrator_address,
    sh.pipeline AS pipeline,
    sh.model_id AS model_id,
    sh.gpu_id AS gpu_id,
    sh.region AS region,
    sum(toUInt64(ls.known_stream)) AS known_sessions,
    sum(toUInt64(ls.startup_success)) AS startup_success_sessions,
    sum(toUInt64(ls.startup_excused)) AS excused_sessions,
    sum(toUInt64(ls.startup_unexcused)) AS unexcused_sessions,
    sum(toUInt64(ls.confirmed_swap_count > 0)) AS confirmed_swapped_sessions,
    sum(toUInt64(ls.inferred_orchestrator_change_count > 0)) AS inferred_orchestrator_change_sessions,
    sum(toUInt64((ls.confirmed_swap_count > 0) OR (ls.inferred_orchestrator_change_count > 0))) AS swapped_sessions,
    sum(toUInt64(ls.error_count > 0)) AS sessions_with_errors,
    sum(toUInt64(ls.last_error_occurred > 0)) AS sessions_with_last_error,
    sum(toUInt64(ls.loading_only_session > 0)) AS loading_only_sessions,
    sum(toUInt64(ls.zero_output_fps_session > 0)) AS zero_output_fps_sessions,
    sum(toUInt64(ls.status_error_sample_count)) AS status_error_samples,
    sum(toUInt64(ls.health_signal_count)) AS health_signal_count,
    sum(toUInt64(ls.health_expected_signal_count)) AS health_expected_signal_count,
    ifNull(sum(toUInt64(ls.health_signal_count)) / nullIf(sum(toUInt64(ls.health_expected_signal_count)), 0), 1.0) AS health_completeness_ratio,
    1 - (sum(toUInt64(ls.startup_unexcused)) / nullIf(sum(toUInt64(ls.known_stream)), 0)) AS startup_success_ratio,
    1 - (sum(toUInt64((ls.startup_unexcused > 0) OR (ls.zero_output_fps_session > 0) OR (ls.loading_only_session > 0)))
         / nullIf(sum(toUInt64(ls.known_stream)), 0)) AS success_ratio,
    1 - (sum(toUInt64((ls.confirmed_swap_count > 0) OR (ls.inferred_orchestrator_change_count > 0)))
         / nullIf(sum(toUInt64(ls.known_stream)), 0)) AS no_swap_ratio,
    (
        (1 - (sum(toUInt64(ls.startup_unexcused)) / nullIf(sum(toUInt64(ls.known_stream)), 0))) * 0.4
        + (1 - (sum(toUInt64((ls.confirmed_swap_count > 0) OR (ls.inferred_orchestrator_change_count > 0)))
                / nullIf(sum(toUInt64(ls.known_stream)), 0))) * 0.2
        + (1 - (sum(toUInt64((ls.loading_only_session > 0) OR (ls.zero_output_fps_session > 0)))
                / nullIf(sum(toUInt64(ls.known_stream)), 0))) * 0.4
    )
    * ifNull(sum(toUInt64(ls.health_signal_count)) / nullIf(sum(toUInt64(ls.health_expected_signal_count)), 0), 1.0)
    * 100 AS sla_score
FROM latest_sessions AS ls
INNER JOIN status_session_hours AS sh
    ON sh.workflow_session_id = ls.workflow_session_id
LEFT JOIN status_session_hours AS prev_sh
    ON prev_sh.workflow_session_id = sh.workflow_session_id
   AND prev_sh.window_start = sh.window_start - INTERVAL 1 HOUR
   AND prev_sh.orchestrator_address = sh.orchestrator_address
   AND prev_sh.pipeline = sh.pipeline
   AND ifNull(prev_sh.model_id, '') = ifNull(sh.model_id, '')
   AND ifNull(prev_sh.gpu_id, '') = ifNull(sh.gpu_id, '')
   AND ifNull(prev_sh.region, '') = ifNull(sh.region, '')
WHERE sh.window_start > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
  AND sh.orchestrator_address != ''
  AND NOT (
      ls.session_start_ts < sh.window_start
      AND ls.session_end_ts IS NOT NULL
      AND ls.session_end_ts >= sh.window_start
      AND ls.session_end_ts < sh.window_start + INTERVAL 1 HOUR
      AND sh.fps_positive_samples = 0
      AND sh.running_state_samples = 0
      AND sh.status_samples < 3
      AND ifNull(prev_sh.has_status_row, toUInt8(0)) = 1
      AND ifNull(prev_sh.fps_positive_samples, toUInt64(0)) = 0
      AND ifNull(prev_sh.running_state_samples, toUInt64(0)) = 0
      AND ifNull(prev_sh.status_samples, toUInt64(0)) < 3
  )
GROUP BY window_start, orchestrator_address, pipeline, model_id, gpu_id, region;

-- Session identity drill-down: one row per workflow session, identity fields of its latest version.
CREATE OR REPLACE VIEW livepeer_analytics.v_api_session_identity AS
SELECT
    s.workflow_session_id AS workflow_session_id,
    s.orchestrator_address AS orchestrator_address,
    s.stream_id AS stream_id,
    s.request_id AS request_id,
    s.session_start_ts AS session_start_ts,
    s.session_end_ts AS session_end_ts,
    s.version AS latest_version
FROM
(
    SELECT *
    FROM livepeer_analytics.fact_workflow_sessions
    ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
    LIMIT 1 BY workflow_session_id
) AS s;
