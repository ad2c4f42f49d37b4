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

-- Hourly session reliability counters by session start hour: each session once, by its latest version.
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


-- Session-grain rollups count each session ONCE, by its latest version (spec README
-- item 8; warehouse spec §6.2 item 8), although the lifecycle facts are versioned
-- snapshots that arrive in many insert blocks (docs/warehouse.md). An MV sees only the
-- inserted block, so each session-grain rollup is fed through a ledger:
--   * rollup_*_ledger (CollapsingMergeTree(sign), key (workflow_session_id, version))
--     holds, per session, a +1 row with the contribution of the version the rollup
--     counts now, and a +1/-1 pair for every version it counted before (pairs collapse
--     on merge). The counted version of a session is the one whose signs sum to +1.
--   * The first MV (source: the fact table) takes each session's highest version in the
--     inserted block; if it is newer than the counted version it writes +1 for it and
--     -1 for the counted one; a stale or re-delivered version (not newer) writes nothing.
--     It reads the ledger, never the fact table, so the engine's ReplacingMergeTree
--     merges and the moment the block becomes visible cannot change the result.
--   * The second MV (source: the ledger) turns the signed rows into aggregate states:
--     sums are AggregateFunction(sum, UInt64), a -1 row adds 2^64 - x, which is -x
--     modulo 2^64, so every key's merged total is exact.
-- Readers merge with GROUP BY (spec §1.6). A key whose sessions all moved to another key
-- keeps a row of zeros. Exactness needs inserts into one fact table to run one after
-- another (one writer; one chunk per insert, i.e. batches below max_insert_block_size).

-- Ledger of agg_reliability_1h: per session, the contribution of each counted version (+1) and its retraction (-1).
CREATE TABLE IF NOT EXISTS livepeer_analytics.rollup_session_ledger
(
    workflow_session_id String,
    version UInt64,
    sign Int8,
    window_start DateTime64(3, 'UTC'),
    gateway String,
    orchestrator_address String,
    pipeline String,
    model_id Nullable(String),
    gpu_id Nullable(String),
    region Nullable(String),
    known_sessions UInt64,
    startup_success_sessions UInt64,
    excused_sessions UInt64,
    unexcused_sessions UInt64,
    confirmed_swapped_sessions UInt64,
    inferred_orchestrator_change_sessions UInt64,
    swapped_sessions UInt64,
    sessions_with_errors UInt64,
    sessions_with_last_error UInt64,
    loading_only_sessions UInt64,
    zero_output_fps_sessions UInt64,
    status_error_samples UInt64,
    health_signal_count UInt64,
    health_expected_signal_count UInt64,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = CollapsingMergeTree(sign)
ORDER BY (workflow_session_id, version)
SETTINGS index_granularity = 8192;

-- MV: session versions -> ledger: +1 for a session's newest version when it is newer than the counted one, -1 for the counted one.
CREATE MATERIALIZED VIEW IF NOT EXISTS livepeer_analytics.mv_fact_sessions_to_reliability_1h
TO livepeer_analytics.rollup_session_ledger
AS
WITH
    block_latest AS
    (
        SELECT
            b.workflow_session_id AS workflow_session_id,
            b.version AS version,
            toStartOfInterval(b.session_start_ts, INTERVAL 1 HOUR) AS window_start,
            b.gateway AS gateway,
            b.orchestrator_address AS orchestrator_address,
            b.pipeline AS pipeline,
            b.model_id AS model_id,
            b.gpu_id AS gpu_id,
            b.region AS region,
            toUInt64(b.known_stream) AS known_sessions,
            toUInt64(b.startup_success) AS startup_success_sessions,
            toUInt64(b.startup_excused) AS excused_sessions,
            toUInt64(b.startup_unexcused) AS unexcused_sessions,
            toUInt64(b.confirmed_swap_count > 0) AS confirmed_swapped_sessions,
            toUInt64(b.inferred_orchestrator_change_count > 0) AS inferred_orchestrator_change_sessions,
            toUInt64((b.confirmed_swap_count > 0) OR (b.inferred_orchestrator_change_count > 0)) AS swapped_sessions,
            toUInt64(b.error_count > 0) AS sessions_with_errors,
            toUInt64(b.last_error_occurred > 0) AS sessions_with_last_error,
            toUInt64(b.loading_only_session > 0) AS loading_only_sessions,
            toUInt64(b.zero_output_fps_session > 0) AS zero_output_fps_sessions,
            toUInt64(b.status_error_sample_count) AS status_error_samples,
            toUInt64(b.health_signal_count) AS health_signal_count,
            toUInt64(b.health_expected_signal_count) AS health_expected_signal_count
        FROM livepeer_analytics.fact_workflow_sessions AS b
        ORDER BY b.workflow_session_id ASC, b.version DESC
        LIMIT 1 BY b.workflow_session_id
    ),
    counted AS
    (
        SELECT
            g.workflow_session_id AS workflow_session_id,
            g.version AS version,
            any(g.window_start) AS window_start,
            any(g.gateway) AS gateway,
            any(g.orchestrator_address) AS orchestrator_address,
            any(g.pipeline) AS pipeline,
            any(g.model_id) AS model_id,
            any(g.gpu_id) AS gpu_id,
            any(g.region) AS region,
            any(g.known_sessions) AS known_sessions,
            any(g.startup_success_sessions) AS startup_success_sessions,
            any(g.excused_sessions) AS excused_sessions,
            any(g.unexcused_sessions) AS unexcused_sessions,
            any(g.confirmed_swapped_sessions) AS confirmed_swapped_sessions,
            any(g.inferred_orchestrator_change_sessions) AS inferred_orchestrator_change_sessions,
            any(g.swapped_sessions) AS swapped_sessions,
            any(g.sessions_with_errors) AS sessions_with_errors,
            any(g.sessions_with_last_error) AS sessions_with_last_error,
            any(g.loading_only_sessions) AS loading_only_sessions,
            any(g.zero_output_fps_sessions) AS zero_output_fps_sessions,
            any(g.status_error_samples) AS status_error_samples,
            any(g.health_signal_count) AS health_signal_count,
            any(g.health_expected_signal_count) AS health_expected_signal_count,
            toUInt8(1) AS present
        FROM livepeer_analytics.rollup_session_ledger AS g
        WHERE g.workflow_session_id IN (SELECT workflow_session_id FROM block_latest)
        GROUP BY workflow_session_id, version
        HAVING sum(g.sign) > 0
        ORDER BY workflow_session_id ASC, version DESC
        LIMIT 1 BY workflow_session_id
    ),
    advanced AS
    (
        SELECT n.workflow_session_id AS workflow_session_id
        FROM block_latest AS n
        LEFT JOIN counted AS c ON c.workflow_session_id = n.workflow_session_id
        WHERE NOT (ifNull(c.present, toUInt8(0)) = 1 AND c.version >= n.version)
    ),
    signed AS
    (
        SELECT toInt8(1) AS sign, n.*
        FROM block_latest AS n
        WHERE n.workflow_session_id IN (SELECT workflow_session_id FROM advanced)
        UNION ALL
        SELECT toInt8(-1) AS sign, c.* EXCEPT (present)
        FROM counted AS c
        WHERE c.workflow_session_id IN (SELECT workflow_session_id FROM advanced)
    )
SELECT
    s.workflow_session_id AS workflow_session_id,
    s.version AS version,
    s.sign AS sign,
    s.window_start AS window_start,
    s.gateway AS gateway,
    s.orchestrator_address AS orchestrator_address,
    s.pipeline AS pipeline,
    s.model_id AS model_id,
    s.gpu_id AS gpu_id,
    s.region AS region,
    s.known_sessions AS known_sessions,
    s.startup_success_sessions AS startup_success_sessions,
    s.excused_sessions AS excused_sessions,
    s.unexcused_sessions AS unexcused_sessions,
    s.confirmed_swapped_sessions AS confirmed_swapped_sessions,
    s.inferred_orchestrator_change_sessions AS inferred_orchestrator_change_sessions,
    s.swapped_sessions AS swapped_sessions,
    s.sessions_with_errors AS sessions_with_errors,
    s.sessions_with_last_error AS sessions_with_last_error,
    s.loading_only_sessions AS loading_only_sessions,
    s.zero_output_fps_sessions AS zero_output_fps_sessions,
    s.status_error_samples AS status_error_samples,
    s.health_signal_count AS health_signal_count,
    s.health_expected_signal_count AS health_expected_signal_count
FROM signed AS s;

-- MV: ledger rows -> hourly reliability states by session start hour (signed sums; each session once, by its latest version).
CREATE MATERIALIZED VIEW IF NOT EXISTS livepeer_analytics.mv_rollup_session_ledger_to_reliability_1h
TO livepeer_analytics.agg_reliability_1h
AS
SELECT
    l.window_start AS window_start,
    l.gateway AS gateway,
    l.orchestrator_address AS orchestrator_address,
    l.pipeline AS pipeline,
    l.model_id AS model_id,
    l.gpu_id AS gpu_id,
    l.region AS region,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.known_sessions))) AS known_sessions_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.startup_success_sessions))) AS startup_success_sessions_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.excused_sessions))) AS excused_sessions_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.unexcused_sessions))) AS unexcused_sessions_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.confirmed_swapped_sessions))) AS confirmed_swapped_sessions_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.inferred_orchestrator_change_sessions))) AS inferred_orchestrator_change_sessions_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.swapped_sessions))) AS swapped_sessions_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.sessions_with_errors))) AS sessions_with_errors_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.sessions_with_last_error))) AS sessions_with_last_error_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.loading_only_sessions))) AS loading_only_sessions_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.zero_output_fps_sessions))) AS zero_output_fps_sessions_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.status_error_samples))) AS status_error_samples_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.health_signal_count))) AS health_signal_count_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.health_expected_signal_count))) AS health_expected_signal_count_state
FROM livepeer_analytics.rollup_session_ledger AS l
GROUP BY window_start, gateway, orchestrator_address, pipeline, model_id, gpu_id, region;

-- Ledger of agg_latency_kpis_1m: per session, the latency KPIs of each counted version (+1) and their retraction (-1);
-- digest_* = 1 on a +1 row whose KPI is valid and differs (value or key) from the version counted before.
CREATE TABLE IF NOT EXISTS livepeer_analytics.rollup_latency_ledger
(
    workflow_session_id String,
    version UInt64,
    sign Int8,
    window_start DateTime64(3, 'UTC'),
    orchestrator_address String,
    pipeline String,
    model_id Nullable(String),
    gpu_id Nullable(String),
    region Nullable(String),
    has_prompt_to_first_frame UInt8,
    prompt_to_first_frame_ms Float64,
    has_startup_time UInt8,
    startup_time_ms Float64,
    has_e2e_latency UInt8,
    e2e_latency_ms Float64,
    digest_prompt_to_first_frame UInt8,
    digest_startup_time UInt8,
    digest_e2e_latency UInt8,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = CollapsingMergeTree(sign)
ORDER BY (workflow_session_id, version)
SETTINGS index_granularity = 8192;

-- MV: latency snapshot versions -> latency ledger (same rule as the session ledger).
CREATE MATERIALIZED VIEW IF NOT EXISTS livepeer_analytics.mv_fact_workflow_latency_to_latency_kpis_1m
TO livepeer_analytics.rollup_latency_ledger
AS
WITH
    block_latest AS
    (
        SELECT
            b.workflow_session_id AS workflow_session_id,
            b.version AS version,
            toStartOfInterval(b.sample_ts, INTERVAL 1 MINUTE) AS window_start,
            b.orchestrator_address AS orchestrator_address,
            b.pipeline AS pipeline,
            b.model_id AS model_id,
            b.gpu_id AS gpu_id,
            b.region AS region,
            toUInt8(b.has_prompt_to_first_frame = 1) AS has_prompt_to_first_frame,
            toFloat64(ifNull(b.prompt_to_first_frame_ms, 0)) AS prompt_to_first_frame_ms,
            toUInt8(b.has_startup_time = 1) AS has_startup_time,
            toFloat64(ifNull(b.startup_time_ms, 0)) AS startup_time_ms,
            toUInt8(b.has_e2e_latency = 1) AS has_e2e_latency,
            toFloat64(ifNull(b.e2e_latency_ms, 0)) AS e2e_latency_ms
        FROM livepeer_analytics.fact_workflow_latency_samples AS b
        ORDER BY b.workflow_session_id ASC, b.version DESC
        LIMIT 1 BY b.workflow_session_id
    ),
    counted AS
    (
        SELECT
            g.workflow_session_id AS workflow_session_id,
            g.version AS version,
            any(g.window_start) AS window_start,
            any(g.orchestrator_address) AS orchestrator_address,
            any(g.pipeline) AS pipeline,
            any(g.model_id) AS model_id,
            any(g.gpu_id) AS gpu_id,
            any(g.region) AS region,
            any(g.has_prompt_to_first_frame) AS has_prompt_to_first_frame,
            any(g.prompt_to_first_frame_ms) AS prompt_to_first_frame_ms,
            any(g.has_startup_time) AS has_startup_time,
            any(g.startup_time_ms) AS startup_time_ms,
            any(g.has_e2e_latency) AS has_e2e_latency,
            any(g.e2e_latency_ms) AS e2e_latency_ms,
            toUInt8(1) AS present
        FROM livepeer_analytics.rollup_latency_ledger AS g
        WHERE g.workflow_session_id IN (SELECT workflow_session_id FROM block_latest)
        GROUP BY workflow_session_id, version
        HAVING sum(g.sign) > 0
        ORDER BY workflow_session_id ASC, version DESC
        LIMIT 1 BY workflow_session_id
    ),
    advanced AS
    (
        SELECT
            n.*,
            ifNull(c.present, toUInt8(0)) = 1 AS had_counted,
            had_counted
                AND c.window_start = n.window_start
                AND c.orchestrator_address = n.orchestrator_address
                AND c.pipeline = n.pipeline
                AND ((c.model_id IS NULL AND n.model_id IS NULL) OR ifNull(c.model_id = n.model_id, 0))
                AND ((c.gpu_id IS NULL AND n.gpu_id IS NULL) OR ifNull(c.gpu_id = n.gpu_id, 0))
                AND ((c.region IS NULL AND n.region IS NULL) OR ifNull(c.region = n.region, 0)) AS same_key
        FROM block_latest AS n
        LEFT JOIN counted AS c ON c.workflow_session_id = n.workflow_session_id
        WHERE NOT (had_counted AND c.version >= n.version)
    ),
    signed AS
    (
        SELECT
            toInt8(1) AS sign,
            a.workflow_session_id, a.version, a.window_start, a.orchestrator_address, a.pipeline,
            a.model_id, a.gpu_id, a.region,
            a.has_prompt_to_first_frame, a.prompt_to_first_frame_ms,
            a.has_startup_time, a.startup_time_ms,
            a.has_e2e_latency, a.e2e_latency_ms,
            toUInt8(a.has_prompt_to_first_frame = 1 AND NOT (a.same_key AND c.has_prompt_to_first_frame = 1
                    AND c.prompt_to_first_frame_ms = a.prompt_to_first_frame_ms)) AS digest_prompt_to_first_frame,
            toUInt8(a.has_startup_time = 1 AND NOT (a.same_key AND c.has_startup_time = 1
                    AND c.startup_time_ms = a.startup_time_ms)) AS digest_startup_time,
            toUInt8(a.has_e2e_latency = 1 AND NOT (a.same_key AND c.has_e2e_latency = 1
                    AND c.e2e_latency_ms = a.e2e_latency_ms)) AS digest_e2e_latency
        FROM advanced AS a
        LEFT JOIN counted AS c ON c.workflow_session_id = a.workflow_session_id
        UNION ALL
        SELECT
            toInt8(-1) AS sign,
            c.workflow_session_id, c.version, c.window_start, c.orchestrator_address, c.pipeline,
            c.model_id, c.gpu_id, c.region,
            c.has_prompt_to_first_frame, c.prompt_to_first_frame_ms,
            c.has_startup_time, c.startup_time_ms,
            c.has_e2e_latency, c.e2e_latency_ms,
            toUInt8(0), toUInt8(0), toUInt8(0)
        FROM counted AS c
        WHERE c.workflow_session_id IN (SELECT workflow_session_id FROM advanced)
    )
SELECT
    s.workflow_session_id AS workflow_session_id,
    s.version AS version,
    s.sign AS sign,
    s.window_start AS window_start,
    s.orchestrator_address AS orchestrator_address,
    s.pipeline AS pipeline,
    s.model_id AS model_id,
    s.gpu_id AS gpu_id,
    s.region AS region,
    s.has_prompt_to_first_frame AS has_prompt_to_first_frame,
    s.prompt_to_first_frame_ms AS prompt_to_first_frame_ms,
    s.has_startup_time AS has_startup_time,
    s.startup_time_ms AS startup_time_ms,
    s.has_e2e_latency AS has_e2e_latency,
    s.e2e_latency_ms AS e2e_latency_ms,
    s.digest_prompt_to_first_frame AS digest_prompt_to_first_frame,
    s.digest_startup_time AS digest_startup_time,
    s.digest_e2e_latency AS digest_e2e_latency
FROM signed AS s;

-- MV: latency ledger rows -> per-minute latency states: valid counts and averages are signed (a -1 row
-- merges an avg state of sum -x and count 2^64 - 1, i.e. -1 modulo 2^64); a t-digest has no inverse, so a
-- p95 state takes a session's KPI only from +1 rows where it first became valid or changed (docs/warehouse.md).
CREATE MATERIALIZED VIEW IF NOT EXISTS livepeer_analytics.mv_rollup_latency_ledger_to_latency_kpis_1m
TO livepeer_analytics.agg_latency_kpis_1m
AS
SELECT
    l.window_start AS window_start,
    l.orchestrator_address AS orchestrator_address,
    l.pipeline AS pipeline,
    l.model_id AS model_id,
    l.gpu_id AS gpu_id,
    l.region AS region,
    avgMergeState(multiIf(
        l.has_prompt_to_first_frame != 1, arrayReduce('avgStateIf', [toFloat64(0)], [toUInt8(0)]),
        l.sign > 0, arrayReduce('avgState', [l.prompt_to_first_frame_ms]),
        CAST(concat(toString(reinterpretAsFixedString(-l.prompt_to_first_frame_ms)), unhex('FFFFFFFFFFFFFFFFFF01'))
             AS AggregateFunction(avg, Float64)))) AS prompt_to_first_frame_ms_avg_state,
    avgMergeState(multiIf(
        l.has_startup_time != 1, arrayReduce('avgStateIf', [toFloat64(0)], [toUInt8(0)]),
        l.sign > 0, arrayReduce('avgState', [l.startup_time_ms]),
        CAST(concat(toString(reinterpretAsFixedString(-l.startup_time_ms)), unhex('FFFFFFFFFFFFFFFFFF01'))
             AS AggregateFunction(avg, Float64)))) AS startup_time_ms_avg_state,
    avgMergeState(multiIf(
        l.has_e2e_latency != 1, arrayReduce('avgStateIf', [toFloat64(0)], [toUInt8(0)]),
        l.sign > 0, arrayReduce('avgState', [l.e2e_latency_ms]),
        CAST(concat(toString(reinterpretAsFixedString(-l.e2e_latency_ms)), unhex('FFFFFFFFFFFFFFFFFF01'))
             AS AggregateFunction(avg, Float64)))) AS e2e_latency_ms_avg_state,
    quantileTDigestStateIf(0.95)(l.prompt_to_first_frame_ms, l.sign > 0 AND l.digest_prompt_to_first_frame = 1) AS prompt_to_first_frame_ms_p95_state,
    quantileTDigestStateIf(0.95)(l.startup_time_ms, l.sign > 0 AND l.digest_startup_time = 1) AS startup_time_ms_p95_state,
    quantileTDigestStateIf(0.95)(l.e2e_latency_ms, l.sign > 0 AND l.digest_e2e_latency = 1) AS e2e_latency_ms_p95_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.has_prompt_to_first_frame))) AS valid_prompt_to_first_frame_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.has_startup_time))) AS valid_startup_time_state,
    sumState(toUInt64(toInt64(l.sign) * toInt64(l.has_e2e_latency))) AS valid_e2e_latency_state
FROM livepeer_analytics.rollup_latency_ledger AS l
GROUP BY window_start, orchestrator_address, pipeline, model_id, gpu_id, region;
