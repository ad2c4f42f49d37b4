-- Scenario candidate discovery (reference: tests/integration/sql/scenario_candidates.sql;
-- warehouse spec §3.3). QUERY pack, 7 blocks, in the reference file order 1, 6, 7, 2, 3, 4, 5.
--
-- What it shows: for each fixture scenario, up to limit_per_scenario sessions of the
-- window that exhibit it (newest first). The fixture exporter and the notebook's session
-- explorer pick sessions from these rows.
--
-- Parameters (server-side binding, spec §2.2):
--   {from_ts:DateTime64(3)}          window start, UTC, inclusive
--   {to_ts:DateTime64(3)}            window end, UTC, exclusive
--   {limit_per_scenario:UInt32}      rows per block (the notebook's default is 5)
--
-- Every row starts with scenario_name (= the block name), workflow_session_id, stream_id,
-- request_id, session_start_ts, session_end_ts, then the block's own columns.
-- Canonical session ("fs_latest"): fact_workflow_sessions FINAL, start in window, ranked
-- per session by version DESC, session_start_ts DESC, session_end_ts DESC, rank 1.
-- Block 7 instead keeps sessions overlapping the window (start < to_ts, end >= from_ts).
-- Hourly status keys are built like the serving views' (attributed status samples by
-- hour, orchestrator, pipeline, model, gpu, region; whole hours whose start is in
-- [toStartOfHour(from_ts), to_ts)), so present_in_gpu_view / present_in_sla_view can be
-- read against v_api_gpu_metrics / v_api_sla_compliance.

-- QUERY: scenario_1_clean_success_no_swap_fps_gt_12
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
    ),
    status_fps AS
    (
        SELECT f.workflow_session_id AS sid, avg(f.output_fps) AS avg_output_fps
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.workflow_session_id IN (SELECT workflow_session_id FROM fs_latest)
        GROUP BY sid
    ),
    segment_orchs AS
    (
        SELECT g.workflow_session_id AS sid,
               uniqExactIf(g.orchestrator_address, g.orchestrator_address != '') AS segment_orchestrators
        FROM livepeer_analytics.fact_workflow_session_segments AS g FINAL
        WHERE g.workflow_session_id IN (SELECT workflow_session_id FROM fs_latest)
        GROUP BY sid
    )
SELECT
    'scenario_1_clean_success_no_swap_fps_gt_12' AS scenario_name,
    fs.workflow_session_id AS workflow_session_id,
    fs.stream_id AS stream_id,
    fs.request_id AS request_id,
    fs.session_start_ts AS session_start_ts,
    fs.session_end_ts AS session_end_ts,
    sf.avg_output_fps AS avg_output_fps,
    ifNull(so.segment_orchestrators, toUInt64(0)) AS segment_orchestrators
FROM fs_latest AS fs
INNER JOIN status_fps AS sf ON sf.sid = fs.workflow_session_id
LEFT JOIN segment_orchs AS so ON so.sid = fs.workflow_session_id
WHERE fs.known_stream = 1
  AND fs.startup_success = 1
  AND fs.startup_unexcused = 0
  AND fs.swap_count = 0
  AND sf.avg_output_fps > 12
ORDER BY fs.session_start_ts DESC, fs.workflow_session_id ASC
LIMIT {limit_per_scenario:UInt32}

-- QUERY: scenario_6_same_hour_failed_no_output_retained
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
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
    ),
    tail_latest_sessions AS
    (
        SELECT
            workflow_session_id,
            session_start_ts,
            session_end_ts,
            last_error_occurred,
            loading_only_session,
            zero_output_fps_session,
            toUInt8(1) AS present
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    status_session_hours AS
    (
        SELECT
            toDateTime(toStartOfInterval(f.sample_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            f.workflow_session_id AS sid,
            f.orchestrator_address AS k_orch,
            f.pipeline AS k_pipeline,
            ifNull(f.model_id, '') AS k_model,
            ifNull(f.gpu_id, '') AS k_gpu,
            ifNull(f.region, '') AS k_region,
            count() AS status_samples,
            countIf(f.output_fps > 0) AS fps_positive_samples,
            countIf(f.state IN ('ONLINE', 'DEGRADED_INFERENCE', 'DEGRADED_INPUT')) AS running_state_samples,
            toUInt8(1) AS present
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.is_attributed = 1
          AND f.sample_ts >= h_from - INTERVAL 1 HOUR
          AND f.sample_ts < toStartOfHour(w_to) + INTERVAL 1 HOUR
        GROUP BY k_hour, sid, k_orch, k_pipeline, k_model, k_gpu, k_region
    ),
    session_hours AS
    (
        SELECT
            sh.k_hour AS k_hour,
            sh.sid AS sid,
            sh.k_orch AS k_orch,
            sh.k_pipeline AS k_pipeline,
            sh.k_model AS k_model,
            sh.k_gpu AS k_gpu,
            sh.k_region AS k_region,
            sh.status_samples AS status_samples,
            sh.fps_positive_samples AS fps_positive_samples,
            sh.running_state_samples AS running_state_samples,
            ifNull(prev.present, toUInt8(0)) AS has_prev,
            ifNull(prev.status_samples, toUInt64(0)) AS prev_status_samples,
            ifNull(ls.present, toUInt8(0)) AS has_session,
            ls.session_start_ts AS session_start_ts,
            ls.session_end_ts AS session_end_ts,
            ifNull(ls.last_error_occurred, toUInt8(0)) AS last_error_occurred,
            ifNull(ls.loading_only_session, toUInt8(0)) AS loading_only_session,
            ifNull(ls.zero_output_fps_session, toUInt8(0)) AS zero_output_fps_session,
            ifNull(ls.present, toUInt8(0)) = 1
                AND ls.session_start_ts < sh.k_hour
                AND ls.session_end_ts IS NOT NULL
                AND ls.session_end_ts >= sh.k_hour
                AND ls.session_end_ts < sh.k_hour + INTERVAL 1 HOUR
                AND sh.fps_positive_samples = 0
                AND sh.running_state_samples = 0
                AND sh.status_samples < 3
                AND ifNull(prev.present, toUInt8(0)) = 1
                AND prev.fps_positive_samples = 0
                AND prev.running_state_samples = 0
                AND prev.status_samples < 3 AS is_tail_artifact
        FROM status_session_hours AS sh
        LEFT JOIN tail_latest_sessions AS ls ON ls.workflow_session_id = sh.sid
        LEFT JOIN status_session_hours AS prev
            ON prev.sid = sh.sid
           AND prev.k_hour = sh.k_hour - INTERVAL 1 HOUR
           AND prev.k_orch = sh.k_orch
           AND prev.k_pipeline = sh.k_pipeline
           AND prev.k_model = sh.k_model
           AND prev.k_gpu = sh.k_gpu
           AND prev.k_region = sh.k_region
    ),
    gpu_keys AS
    (
        SELECT toDateTime(v.window_start, 'UTC') AS k_hour, v.orchestrator_address AS k_orch, v.pipeline AS k_pipeline,
               ifNull(v.model_id, '') AS k_model, ifNull(v.gpu_id, '') AS k_gpu, ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from - INTERVAL 1 HOUR AND v.window_start < w_to
    ),
    sla_keys AS
    (
        SELECT toDateTime(v.window_start, 'UTC') AS k_hour, v.orchestrator_address AS k_orch, v.pipeline AS k_pipeline,
               ifNull(v.model_id, '') AS k_model, ifNull(v.gpu_id, '') AS k_gpu, ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_sla_compliance AS v
        WHERE v.window_start >= h_from - INTERVAL 1 HOUR AND v.window_start < w_to
    ),
    candidates AS
    (
        SELECT *
        FROM session_hours
        WHERE k_hour >= h_from AND k_hour < w_to
          AND sid IN (SELECT workflow_session_id FROM fs_latest)
          AND fps_positive_samples = 0
          AND running_state_samples = 0
          AND status_samples < 3
          AND session_start_ts >= k_hour AND session_start_ts < k_hour + INTERVAL 1 HOUR
          AND session_end_ts IS NOT NULL
          AND session_end_ts >= k_hour AND session_end_ts < k_hour + INTERVAL 1 HOUR
          AND (last_error_occurred > 0 OR loading_only_session > 0 OR zero_output_fps_session > 0)
          AND k_orch != '' AND k_gpu != ''
    )
SELECT
    'scenario_6_same_hour_failed_no_output_retained' AS scenario_name,
    fs.workflow_session_id AS workflow_session_id,
    fs.stream_id AS stream_id,
    fs.request_id AS request_id,
    fs.session_start_ts AS session_start_ts,
    fs.session_end_ts AS session_end_ts,
    c.k_hour AS window_start,
    c.k_orch AS orchestrator_address,
    c.k_pipeline AS pipeline,
    c.k_model AS model_id,
    c.k_gpu AS gpu_id,
    c.status_samples AS status_samples,
    c.fps_positive_samples AS fps_positive_samples,
    c.running_state_samples AS running_state_samples,
    toUInt8((c.k_hour, c.k_orch, c.k_pipeline, c.k_model, c.k_gpu, c.k_region) IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM gpu_keys)) AS present_in_gpu_view,
    toUInt8((c.k_hour, c.k_orch, c.k_pipeline, c.k_model, c.k_gpu, c.k_region) IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM sla_keys)) AS present_in_sla_view
FROM candidates AS c
INNER JOIN fs_latest AS fs ON fs.workflow_session_id = c.sid
ORDER BY fs.session_start_ts DESC, fs.workflow_session_id ASC, c.k_hour ASC
LIMIT {limit_per_scenario:UInt32}

-- QUERY: scenario_7_rollover_terminal_tail_filtered_prev_hour_no_work
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    overlapping AS
    (
        SELECT *
        FROM
        (
            SELECT
                s.*,
                row_number() OVER (PARTITION BY s.workflow_session_id
                                   ORDER BY s.version DESC, s.session_start_ts DESC, s.session_end_ts DESC) AS rn
            FROM livepeer_analytics.fact_workflow_sessions AS s FINAL
            WHERE s.session_start_ts < w_to AND s.session_end_ts >= w_from
        )
        WHERE rn = 1
    ),
    tail_latest_sessions AS
    (
        SELECT
            workflow_session_id,
            session_start_ts,
            session_end_ts,
            last_error_occurred,
            loading_only_session,
            zero_output_fps_session,
            toUInt8(1) AS present
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    status_session_hours AS
    (
        SELECT
            toDateTime(toStartOfInterval(f.sample_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            f.workflow_session_id AS sid,
            f.orchestrator_address AS k_orch,
            f.pipeline AS k_pipeline,
            ifNull(f.model_id, '') AS k_model,
            ifNull(f.gpu_id, '') AS k_gpu,
            ifNull(f.region, '') AS k_region,
            count() AS status_samples,
            countIf(f.output_fps > 0) AS fps_positive_samples,
            countIf(f.state IN ('ONLINE', 'DEGRADED_INFERENCE', 'DEGRADED_INPUT')) AS running_state_samples,
            toUInt8(1) AS present
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.is_attributed = 1
          AND f.sample_ts >= h_from - INTERVAL 1 HOUR
          AND f.sample_ts < toStartOfHour(w_to) + INTERVAL 1 HOUR
        GROUP BY k_hour, sid, k_orch, k_pipeline, k_model, k_gpu, k_region
    ),
    session_hours AS
    (
        SELECT
            sh.k_hour AS k_hour,
            sh.sid AS sid,
            sh.k_orch AS k_orch,
            sh.k_pipeline AS k_pipeline,
            sh.k_model AS k_model,
            sh.k_gpu AS k_gpu,
            sh.k_region AS k_region,
            sh.status_samples AS status_samples,
            sh.fps_positive_samples AS fps_positive_samples,
            sh.running_state_samples AS running_state_samples,
            ifNull(prev.present, toUInt8(0)) AS has_prev,
            ifNull(prev.status_samples, toUInt64(0)) AS prev_status_samples,
            ifNull(ls.present, toUInt8(0)) AS has_session,
            ls.session_start_ts AS session_start_ts,
            ls.session_end_ts AS session_end_ts,
            ifNull(ls.last_error_occurred, toUInt8(0)) AS last_error_occurred,
            ifNull(ls.loading_only_session, toUInt8(0)) AS loading_only_session,
            ifNull(ls.zero_output_fps_session, toUInt8(0)) AS zero_output_fps_session,
            ifNull(ls.present, toUInt8(0)) = 1
                AND ls.session_start_ts < sh.k_hour
                AND ls.session_end_ts IS NOT NULL
                AND ls.session_end_ts >= sh.k_hour
                AND ls.session_end_ts < sh.k_hour + INTERVAL 1 HOUR
                AND sh.fps_positive_samples = 0
                AND sh.running_state_samples = 0
                AND sh.status_samples < 3
                AND ifNull(prev.present, toUInt8(0)) = 1
                AND prev.fps_positive_samples = 0
                AND prev.running_state_samples = 0
                AND prev.status_samples < 3 AS is_tail_artifact
        FROM status_session_hours AS sh
        LEFT JOIN tail_latest_sessions AS ls ON ls.workflow_session_id = sh.sid
        LEFT JOIN status_session_hours AS prev
            ON prev.sid = sh.sid
           AND prev.k_hour = sh.k_hour - INTERVAL 1 HOUR
           AND prev.k_orch = sh.k_orch
           AND prev.k_pipeline = sh.k_pipeline
           AND prev.k_model = sh.k_model
           AND prev.k_gpu = sh.k_gpu
           AND prev.k_region = sh.k_region
    ),
    gpu_keys AS
    (
        SELECT toDateTime(v.window_start, 'UTC') AS k_hour, v.orchestrator_address AS k_orch, v.pipeline AS k_pipeline,
               ifNull(v.model_id, '') AS k_model, ifNull(v.gpu_id, '') AS k_gpu, ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from - INTERVAL 1 HOUR AND v.window_start < w_to
    ),
    sla_keys AS
    (
        SELECT toDateTime(v.window_start, 'UTC') AS k_hour, v.orchestrator_address AS k_orch, v.pipeline AS k_pipeline,
               ifNull(v.model_id, '') AS k_model, ifNull(v.gpu_id, '') AS k_gpu, ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_sla_compliance AS v
        WHERE v.window_start >= h_from - INTERVAL 1 HOUR AND v.window_start < w_to
    ),
    candidates AS
    (
        SELECT *
        FROM session_hours
        WHERE k_hour >= h_from AND k_hour < w_to
          AND is_tail_artifact
          AND sid IN (SELECT workflow_session_id FROM overlapping)
    )
SELECT
    'scenario_7_rollover_terminal_tail_filtered_prev_hour_no_work' AS scenario_name,
    o.workflow_session_id AS workflow_session_id,
    o.stream_id AS stream_id,
    o.request_id AS request_id,
    o.session_start_ts AS session_start_ts,
    o.session_end_ts AS session_end_ts,
    c.k_hour AS window_start,
    c.k_orch AS orchestrator_address,
    c.k_pipeline AS pipeline,
    c.k_model AS model_id,
    c.k_gpu AS gpu_id,
    c.status_samples AS status_samples,
    c.prev_status_samples AS prev_status_samples,
    toUInt8((c.k_hour, c.k_orch, c.k_pipeline, c.k_model, c.k_gpu, c.k_region) IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM gpu_keys)) AS present_in_gpu_view,
    toUInt8((c.k_hour, c.k_orch, c.k_pipeline, c.k_model, c.k_gpu, c.k_region) IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM sla_keys)) AS present_in_sla_view
FROM candidates AS c
INNER JOIN overlapping AS o ON o.workflow_session_id = c.sid
ORDER BY o.session_start_ts DESC, o.workflow_session_id ASC, c.k_hour ASC
LIMIT {limit_per_scenario:UInt32}

-- QUERY: scenario_2_no_orchestrator_then_closed
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
    ),
    trace_flags AS
    (
        SELECT
            e.workflow_session_id AS sid,
            toUInt8(countIf(e.trace_type = 'gateway_no_orchestrators_available') > 0) AS has_no_orch,
            toUInt8(countIf(e.trace_type = 'gateway_ingest_stream_closed') > 0) AS has_close
        FROM livepeer_analytics.fact_stream_trace_edges AS e
        WHERE e.edge_ts >= w_from AND e.edge_ts < w_to
          AND e.trace_type IN ('gateway_no_orchestrators_available', 'gateway_ingest_stream_closed')
        GROUP BY sid
    )
SELECT
    'scenario_2_no_orchestrator_then_closed' AS scenario_name,
    fs.workflow_session_id AS workflow_session_id,
    fs.stream_id AS stream_id,
    fs.request_id AS request_id,
    fs.session_start_ts AS session_start_ts,
    fs.session_end_ts AS session_end_ts,
    fs.startup_success AS startup_success,
    fs.startup_excused AS startup_excused,
    fs.startup_unexcused AS startup_unexcused,
    t.has_no_orch AS has_no_orch,
    t.has_close AS has_close
FROM fs_latest AS fs
INNER JOIN trace_flags AS t ON t.sid = fs.workflow_session_id
WHERE fs.startup_success = 0
  AND t.has_no_orch = 1
  AND t.has_close = 1
ORDER BY fs.session_start_ts DESC, fs.workflow_session_id ASC
LIMIT {limit_per_scenario:UInt32}

-- QUERY: scenario_3_success_with_swap
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
    ),
    segment_orchs AS
    (
        SELECT g.workflow_session_id AS sid,
               uniqExactIf(g.orchestrator_address, g.orchestrator_address != '') AS segment_orchestrators
        FROM livepeer_analytics.fact_workflow_session_segments AS g FINAL
        WHERE g.segment_start_ts >= w_from AND g.segment_start_ts < w_to
        GROUP BY sid
    ),
    scored AS
    (
        SELECT
            fs.workflow_session_id AS workflow_session_id,
            fs.stream_id AS stream_id,
            fs.request_id AS request_id,
            fs.session_start_ts AS session_start_ts,
            fs.session_end_ts AS session_end_ts,
            fs.startup_success AS startup_success,
            fs.confirmed_swap_count AS confirmed_swap_count,
            fs.inferred_orchestrator_change_count AS inferred_orchestrator_change_count,
            ifNull(so.segment_orchestrators, toUInt64(0)) AS segment_orchestrators
        FROM fs_latest AS fs
        LEFT JOIN segment_orchs AS so ON so.sid = fs.workflow_session_id
    )
SELECT
    'scenario_3_success_with_swap' AS scenario_name,
    workflow_session_id,
    stream_id,
    request_id,
    session_start_ts,
    session_end_ts,
    confirmed_swap_count,
    inferred_orchestrator_change_count,
    segment_orchestrators,
    toUInt8(confirmed_swap_count > 0) AS has_explicit_swap_signal,
    toUInt8(inferred_orchestrator_change_count > 0 OR segment_orchestrators > 1) AS has_derived_swap_signal,
    multiIf(confirmed_swap_count > 0, 'explicit',
            inferred_orchestrator_change_count > 0 OR segment_orchestrators > 1, 'derived',
            'none') AS swap_signal_source
FROM scored
WHERE startup_success = 1
  AND (confirmed_swap_count > 0 OR inferred_orchestrator_change_count > 0 OR segment_orchestrators > 1)
ORDER BY session_start_ts DESC, workflow_session_id ASC
LIMIT {limit_per_scenario:UInt32}

-- QUERY: scenario_4_success_with_param_updates
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
    ),
    update_counts AS
    (
        SELECT p.workflow_session_id AS sid, count() AS updates
        FROM livepeer_analytics.fact_workflow_param_updates AS p
        WHERE p.update_ts >= w_from AND p.update_ts < w_to
        GROUP BY sid
    )
SELECT
    'scenario_4_success_with_param_updates' AS scenario_name,
    fs.workflow_session_id AS workflow_session_id,
    fs.stream_id AS stream_id,
    fs.request_id AS request_id,
    fs.session_start_ts AS session_start_ts,
    fs.session_end_ts AS session_end_ts,
    u.updates AS updates
FROM fs_latest AS fs
INNER JOIN update_counts AS u ON u.sid = fs.workflow_session_id
WHERE fs.startup_success = 1
  AND u.updates > 0
ORDER BY fs.session_start_ts DESC, fs.workflow_session_id ASC
LIMIT {limit_per_scenario:UInt32}

-- QUERY: scenario_5_out_of_category_baseline
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
    ),
    window_fps AS
    (
        SELECT f.workflow_session_id AS sid, avg(f.output_fps) AS avg_fps
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.sample_ts >= w_from AND f.sample_ts < w_to
        GROUP BY sid
    ),
    window_traces AS
    (
        SELECT
            e.workflow_session_id AS sid,
            toUInt8(countIf(e.trace_type = 'gateway_no_orchestrators_available') > 0) AS t_no_orch,
            toUInt8(countIf(e.trace_type = 'gateway_ingest_stream_closed') > 0) AS t_close
        FROM livepeer_analytics.fact_stream_trace_edges AS e
        WHERE e.edge_ts >= w_from AND e.edge_ts < w_to
          AND e.trace_type IN ('gateway_no_orchestrators_available', 'gateway_ingest_stream_closed')
        GROUP BY sid
    ),
    window_segments AS
    (
        SELECT g.workflow_session_id AS sid,
               uniqExactIf(g.orchestrator_address, g.orchestrator_address != '') AS seg_orchs
        FROM livepeer_analytics.fact_workflow_session_segments AS g FINAL
        WHERE g.segment_start_ts >= w_from AND g.segment_start_ts < w_to
        GROUP BY sid
    ),
    window_updates AS
    (
        SELECT p.workflow_session_id AS sid, count() AS n_updates
        FROM livepeer_analytics.fact_workflow_param_updates AS p
        WHERE p.update_ts >= w_from AND p.update_ts < w_to
        GROUP BY sid
    ),
    evidence AS
    (
        SELECT
            fs.workflow_session_id AS workflow_session_id,
            fs.stream_id AS stream_id,
            fs.request_id AS request_id,
            fs.session_start_ts AS session_start_ts,
            fs.session_end_ts AS session_end_ts,
            fs.orchestrator_address AS orchestrator_address,
            fs.known_stream AS known_stream,
            fs.startup_success AS startup_success,
            fs.startup_unexcused AS startup_unexcused,
            fs.swap_count AS swap_count,
            fs.confirmed_swap_count AS confirmed_swap_count,
            fs.inferred_orchestrator_change_count AS inferred_orchestrator_change_count,
            ifNull(wf.avg_fps, 0) AS avg_output_fps,
            ifNull(wt.t_no_orch, toUInt8(0)) AS has_no_orch,
            ifNull(wt.t_close, toUInt8(0)) AS has_close,
            ifNull(ws.seg_orchs, toUInt64(0)) AS segment_orchestrators,
            ifNull(wu.n_updates, toUInt64(0)) AS updates
        FROM fs_latest AS fs
        LEFT JOIN window_fps AS wf ON wf.sid = fs.workflow_session_id
        LEFT JOIN window_traces AS wt ON wt.sid = fs.workflow_session_id
        LEFT JOIN window_segments AS ws ON ws.sid = fs.workflow_session_id
        LEFT JOIN window_updates AS wu ON wu.sid = fs.workflow_session_id
    )
SELECT
    'scenario_5_out_of_category_baseline' AS scenario_name,
    workflow_session_id,
    stream_id,
    request_id,
    session_start_ts,
    session_end_ts,
    avg_output_fps,
    has_no_orch,
    has_close,
    segment_orchestrators,
    updates
FROM evidence
WHERE NOT (known_stream = 1 AND startup_success = 1 AND startup_unexcused = 0 AND swap_count = 0 AND avg_output_fps > 12)
  AND NOT (startup_success = 0 AND has_no_orch = 1 AND has_close = 1)
  AND NOT (startup_success = 1 AND (confirmed_swap_count > 0 OR inferred_orchestrator_change_count > 0 OR segment_orchestrators > 1))
  AND NOT (startup_success = 1 AND updates > 0)
ORDER BY session_start_ts DESC, workflow_session_id ASC
LIMIT {limit_per_scenario:UInt32}
