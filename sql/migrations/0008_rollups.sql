-- Rollups: AggregatingMergeTree tables of partial aggregate states, each fed by
-- an insert-trigger MV (the MV sees only the inserted block, append-only).
-- Readers finalize with -Merge and re-aggregate with GROUP BY.
-- Sort keys: PRIMARY KEY is the reference key; ORDER BY extends it with every
-- remaining grouping dimension (NULL and '' kept distinct) so background merges
-- never combine states of different gateways/pipelines/models/regions
-- (warehouse spec section 6.2 item 7).

-- Per-minute stream performance from attributed status samples (fps avg/p95/jitter, distinct sessions/streams, samples).
CREATE TABLE IF NOT EXISTS livepeer_analytics.agg_stream_performance_1m
(
    window_start DateTime64(3, 'UTC'),
    gateway String,
    orchestrator_address String,
    pipeline String,
    model_id Nullable(String),
    gpu_id Nullable(String),
    region Nullable(String),
    sessions_uniq_state AggregateFunction(uniqExact, String),
    streams_uniq_state AggregateFunction(uniqExact, String),
    output_fps_avg_state AggregateFunction(avg, Float32),
    output_fps_p95_state AggregateFunction(quantileTDigest(0.95), Float32),
    fps_jitter_num_state AggregateFunction(stddevPop, Float32),
    fps_jitter_den_state AggregateFunction(avg, Float32),
    sample_count_state AggregateFunction(count)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(toDate(window_start))
PRIMARY KEY (window_start, orchestrator_address, ifNull(gpu_id, ''))
ORDER BY (window_start, orchestrator_address, ifNull(gpu_id, ''), gateway, pipeline, ifNull(model_id, ''), ifNull(region, ''), isNull(gpu_id), isNull(model_id), isNull(region))
SETTINGS index_granularity = 8192;

-- Hourly session reliability counters by session start hour (every inserted version row is summed).
CREATE TABLE IF NOT EXISTS livepeer_analytics.agg_reliability_1h
(
    window_start DateTime64(3, 'UTC'),
    gateway String,
    orchestrator_address String,
    pipeline String,
    model_id Nullable(String),
    gpu_id Nullable(String),
    region Nullable(String),
    known_sessions_state AggregateFunction(sum, UInt64),
    startup_success_sessions_state AggregateFunction(sum, UInt64),
    excused_sessions_state AggregateFunction(sum, UInt64),
    unexcused_sessions_state AggregateFunction(sum, UInt64),
    confirmed_swapped_sessions_state AggregateFunction(sum, UInt64),
    inferred_orchestrator_change_sessions_state AggregateFunction(sum, UInt64),
    swapped_sessions_state AggregateFunction(sum, UInt64),
    sessions_with_errors_state AggregateFunction(sum, UInt64),
    sessions_with_last_error_state AggregateFunction(sum, UInt64),
    loading_only_sessions_state AggregateFunction(sum, UInt64),
    zero_output_fps_sessions_state AggregateFunction(sum, UInt64),
    status_error_samples_state AggregateFunction(sum, UInt64),
    health_signal_count_state AggregateFunction(sum, UInt64),
    health_expected_signal_count_state AggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(toDate(window_start))
PRIMARY KEY (window_start, gateway, orchestrator_address)
ORDER BY (window_start, gateway, orchestrator_address, pipeline, ifNull(model_id, ''), ifNull(gpu_id, ''), ifNull(region, ''), isNull(model_id), isNull(gpu_id), isNull(region))
SETTINGS index_granularity = 8192;

-- Per-minute latency KPI states (avg, p95, valid counts) from latency samples (no gateway dimension).
CREATE TABLE IF NOT EXISTS livepeer_analytics.agg_latency_kpis_1m
(
    window_start DateTime64(3, 'UTC'),
    orchestrator_address String,
    pipeline String,
    model_id Nullable(String),
    gpu_id Nullable(String),
    region Nullable(String),
    prompt_to_first_frame_ms_avg_state AggregateFunction(avg, Float64),
    startup_time_ms_avg_state AggregateFunction(avg, Float64),
    e2e_latency_ms_avg_state AggregateFunction(avg, Float64),
    prompt_to_first_frame_ms_p95_state AggregateFunction(quantileTDigest(0.95), Float64),
    startup_time_ms_p95_state AggregateFunction(quantileTDigest(0.95), Float64),
    e2e_latency_ms_p95_state AggregateFunction(quantileTDigest(0.95), Float64),
    valid_prompt_to_first_frame_state AggregateFunction(sum, UInt64),
    valid_startup_time_state AggregateFunction(sum, UInt64),
    valid_e2e_latency_state AggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(toDate(window_start))
PRIMARY KEY (window_start, orchestrator_address, ifNull(gpu_id, ''))
ORDER BY (window_start, orchestrator_address, ifNull(gpu_id, ''), pipeline, ifNull(model_id, ''), ifNull(region, ''), isNull(gpu_id), isNull(model_id), isNull(region))
SETTINGS index_granularity = 8192;

-- MV: attributed status samples -> per-minute performance states.
CREATE MATERIALIZED VIEW IF NOT EXISTS livepeer_analytics.mv_fact_status_to_perf_1m
TO livepeer_analytics.agg_stream_performance_1m
AS
SELECT
    toStartOfInterval(f.sample_ts, INTERVAL 1 MINUTE) AS window_start,
    f.gateway AS gateway,
    f.orchestrator_address AS orchestrator_address,
    f.pipeline AS pipeline,
    f.model_id AS model_id,
    f.gpu_id AS gpu_id,
    f.region AS region,
    uniqExactState(f.workflow_session_id) AS sessions_uniq_state,
    uniqExactState(f.stream_id) AS streams_uniq_state,
    avgState(f.output_fps) AS output_fps_avg_state,
    quantileTDigestState(0.95)(f.output_fps) AS output_fps_p95_state,
    stddevPopState(f.output_fps) AS fps_jitter_num_state,
    avgState(f.output_fps) AS fps_jitter_den_state,
    countState() AS sample_count_state
FROM livepeer_analytics.fact_stream_status_samples AS f
WHERE f.is_attributed = 1
GROUP BY window_start, gateway, orchestrator_address, pipeline, model_id, gpu_id, region;

-- MV: session version rows -> hourly reliability states (sums every inserted version; no v_api view reads it).
CREATE MATERIALIZED VIEW IF NOT EXISTS livepeer_analytics.mv_fact_sessions_to_reliability_1h
TO livepeer_analytics.agg_reliability_1h
AS
SELECT
    toStartOfInterval(s.session_start_ts, INTERVAL 1 HOUR) AS window_start,
    s.gateway AS gateway,
    s.orchestrator_address AS orchestrator_address,
    s.pipeline AS pipeline,
    s.model_id AS model_id,
    s.gpu_id AS gpu_id,
    s.region AS region,
    sumState(toUInt64(s.known_stream)) AS known_sessions_state,
    sumState(toUInt64(s.startup_success)) AS startup_success_sessions_state,
    sumState(toUInt64(s.startup_excused)) AS excused_sessions_state,
    sumState(toUInt64(s.startup_unexcused)) AS unexcused_sessions_state,
    sumState(toUInt64(s.confirmed_swap_count > 0)) AS confirmed_swapped_sessions_state,
    sumState(toUInt64(s.inferred_orchestrator_change_count > 0)) AS inferred_orchestrator_change_sessions_state,
    sumState(toUInt64((s.confirmed_swap_count > 0) OR (s.inferred_orchestrator_change_count > 0))) AS swapped_sessions_state,
    sumState(toUInt64(s.error_count > 0)) AS sessions_with_errors_state,
    sumState(toUInt64(s.last_error_occurred > 0)) AS sessions_with_last_error_state,
    sumState(toUInt64(s.loading_only_session > 0)) AS loading_only_sessions_state,
    sumState(toUInt64(s.zero_output_fps_session > 0)) AS zero_output_fps_sessions_state,
    sumState(toUInt64(s.status_error_sample_count)) AS status_error_samples_state,
    sumState(toUInt64(s.health_signal_count)) AS health_signal_count_state,
    sumState(toUInt64(s.health_expected_signal_count)) AS health_expected_signal_count_state
FROM livepeer_analytics.fact_workflow_sessions AS s
GROUP BY window_start, gateway, orchestrator_address, pipeline, model_id, gpu_id, region;

-- MV: latency snapshot rows -> per-minute latency states, each KPI only where its has_* flag is 1.
CREATE MATERIALIZED VIEW IF NOT EXISTS livepeer_analytics.mv_fact_workflow_latency_to_latency_kpis_1m
TO livepeer_analytics.agg_latency_kpis_1m
AS
SELECT
    toStartOfInterval(l.sample_ts, INTERVAL 1 MINUTE) AS window_start,
    l.orchestrator_address AS orchestrator_address,
    l.pipeline AS pipeline,
    l.model_id AS model_id,
    l.gpu_id AS gpu_id,
    l.region AS region,
    avgStateIf(l.prompt_to_first_frame_ms, l.has_prompt_to_first_frame = 1) AS prompt_to_first_frame_ms_avg_state,
    avgStateIf(l.startup_time_ms, l.has_startup_time = 1) AS startup_time_ms_avg_state,
    avgStateIf(l.e2e_latency_ms, l.has_e2e_latency = 1) AS e2e_latency_ms_avg_state,
    quantileTDigestStateIf(0.95)(l.prompt_to_first_frame_ms, l.has_prompt_to_first_frame = 1) AS prompt_to_first_frame_ms_p95_state,
    quantileTDigestStateIf(0.95)(l.startup_time_ms, l.has_startup_time = 1) AS startup_time_ms_p95_state,
    quantileTDigestStateIf(0.95)(l.e2e_latency_ms, l.has_e2e_latency = 1) AS e2e_latency_ms_p95_state,
    sumState(toUInt64(l.has_prompt_to_first_frame)) AS valid_prompt_to_first_frame_state,
    sumState(toUInt64(l.has_startup_time)) AS valid_startup_time_state,
    sumState(toUInt64(l.has_e2e_latency)) AS valid_e2e_latency_state
FROM livepeer_analytics.fact_workflow_latency_samples AS l
GROUP BY window_start, orchestrator_address, pipeline, model_id, gpu_id, region;
