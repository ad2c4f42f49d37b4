-- Drill-downs of the assertion suites for the validation notebook (notebooks/validation.ipynb):
-- each block is named exactly like the -- TEST: it explains and returns the offending rows
-- (at most 50) behind a FAIL, so a failure reads as "these rows, for this reason" (contract
-- bug vs sparse telemetry) instead of a count. The notebook runs the block of every failed
-- test that has one; a line `-- also explains: NAME` in a block makes it the drill-down of
-- another test too. QUERY pack; runs with `naap query` too (it then shows the rows that
-- would fail, usually none).
--
-- Parameters (server-side binding): {from_ts:DateTime64(3)}, {to_ts:DateTime64(3)}; each
-- block filters exactly as its test does (views on whole hours from toStartOfHour(from_ts)).

-- QUERY: gpu_metrics_keys_not_null
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT *
FROM livepeer_analytics.v_api_gpu_metrics AS v
WHERE v.window_start >= toStartOfHour(w_from) AND v.window_start < w_to
  AND (v.orchestrator_address = ''
       OR (v.pipeline = '' AND ifNull(v.model_id, '') = '')
       OR ifNull(v.gpu_id, '') = ''
       OR v.window_start IS NULL)
ORDER BY v.window_start DESC
LIMIT 50

-- QUERY: gpu_metrics_rollup_fields_consistent
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    v.window_start, v.orchestrator_address, v.pipeline, v.model_id, v.gpu_id,
    v.known_sessions, v.unexcused_sessions, v.swapped_sessions,
    v.failure_rate,
    ifNull(v.unexcused_sessions / nullIf(v.known_sessions, 0), 0) AS recomputed_failure_rate,
    v.swap_rate,
    ifNull(v.swapped_sessions / nullIf(v.known_sessions, 0), 0) AS recomputed_swap_rate
FROM livepeer_analytics.v_api_gpu_metrics AS v
WHERE v.window_start >= toStartOfHour(w_from) AND v.window_start < w_to
  AND (abs(v.failure_rate - ifNull(v.unexcused_sessions / nullIf(v.known_sessions, 0), 0)) > 0.000001
       OR abs(v.swap_rate - ifNull(v.swapped_sessions / nullIf(v.known_sessions, 0), 0)) > 0.000001)
ORDER BY v.window_start DESC
LIMIT 50

-- QUERY: gpu_metrics_latency_fields_nonnegative
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    v.window_start, v.orchestrator_address, v.pipeline, v.model_id, v.gpu_id,
    v.prompt_to_first_frame_ms, v.startup_time_ms, v.startup_time_s, v.e2e_latency_ms
FROM livepeer_analytics.v_api_gpu_metrics AS v
WHERE v.window_start >= toStartOfHour(w_from) AND v.window_start < w_to
  AND (v.prompt_to_first_frame_ms < 0 OR v.startup_time_ms < 0
       OR v.startup_time_s < 0 OR v.e2e_latency_ms < 0)
ORDER BY v.window_start DESC
LIMIT 50

-- QUERY: network_demand_hourly_grain
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT *
FROM livepeer_analytics.v_api_network_demand AS d
WHERE d.window_start >= toStartOfHour(w_from) AND d.window_start < w_to
  AND toMinute(d.window_start) != 0
ORDER BY d.window_start DESC
LIMIT 50

-- QUERY: network_demand_by_gpu_hourly_grain
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT *
FROM livepeer_analytics.v_api_network_demand_by_gpu AS g
WHERE g.window_start >= toStartOfHour(w_from) AND g.window_start < w_to
  AND (g.window_start IS NULL OR toMinute(g.window_start) != 0)
ORDER BY g.window_start DESC
LIMIT 50

-- QUERY: network_demand_by_gpu_capacity_fields_nonnegative
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    g.window_start, g.gateway, g.orchestrator_address, g.pipeline, g.model_id, g.gpu_id,
    g.inference_minutes_by_gpu_type, g.used_inference_minutes, g.available_capacity_minutes,
    g.capacity_rate
FROM livepeer_analytics.v_api_network_demand_by_gpu AS g
WHERE g.window_start >= toStartOfHour(w_from) AND g.window_start < w_to
  AND (g.inference_minutes_by_gpu_type < 0 OR g.used_inference_minutes < 0
       OR g.available_capacity_minutes < 0 OR g.capacity_rate < 0 OR g.capacity_rate > 1.5)
ORDER BY g.window_start DESC
LIMIT 50

-- QUERY: sla_compliance_rollup_safe
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    v.window_start, v.orchestrator_address, v.pipeline, v.model_id, v.gpu_id,
    v.known_sessions, v.unexcused_sessions, v.swapped_sessions,
    v.startup_success_ratio,
    ifNull(1 - (v.unexcused_sessions / nullIf(v.known_sessions, 0)), 0) AS recomputed_startup_success_ratio,
    v.success_ratio,
    v.no_swap_ratio,
    ifNull(1 - (v.swapped_sessions / nullIf(v.known_sessions, 0)), 0) AS recomputed_no_swap_ratio,
    v.health_completeness_ratio,
    ifNull(v.health_signal_count / nullIf(v.health_expected_signal_count, 0), 1.0) AS recomputed_health_completeness_ratio,
    v.sla_score
FROM livepeer_analytics.v_api_sla_compliance AS v
WHERE v.window_start >= toStartOfHour(w_from) AND v.window_start < w_to
  AND (abs(v.startup_success_ratio - ifNull(1 - (v.unexcused_sessions / nullIf(v.known_sessions, 0)), 0)) > 0.000001
       OR v.success_ratio < 0 OR v.success_ratio > 1
       OR v.startup_success_ratio + 0.000001 < v.success_ratio
       OR abs(v.no_swap_ratio - ifNull(1 - (v.swapped_sessions / nullIf(v.known_sessions, 0)), 0)) > 0.000001
       OR abs(v.health_completeness_ratio
              - ifNull(v.health_signal_count / nullIf(v.health_expected_signal_count, 0), 1.0)) > 0.000001
       OR v.sla_score < 0 OR v.sla_score > 100)
ORDER BY v.window_start DESC
LIMIT 50

-- QUERY: network_demand_success_ratios_valid
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    d.window_start, d.gateway, d.region, d.pipeline, d.model_id,
    d.known_sessions, d.unexcused_sessions, d.startup_success_ratio, d.success_ratio
FROM livepeer_analytics.v_api_network_demand AS d
WHERE d.window_start >= toStartOfHour(w_from) AND d.window_start < w_to
  AND (d.startup_success_ratio < 0 OR d.startup_success_ratio > 1
       OR d.success_ratio < 0 OR d.success_ratio > 1
       OR d.startup_success_ratio + 0.000001 < d.success_ratio)
ORDER BY d.window_start DESC
LIMIT 50

-- QUERY: sla_view_matches_session_fact
-- also explains: sla_recompute_parity_vs_latest_sessions
-- The (hour, key) rows where the start-hour recount of latest sessions and
-- v_api_sla_compliance disagree, both sides' counters next to each other, with the sessions
-- of the key that started in the hour.
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
            sum(toUInt64(ls.zero_output_fps_session > 0)) AS c_zero_output,
            sum(toUInt64(ls.health_signal_count)) AS c_health_signal,
            groupArray(ls.workflow_session_id) AS sessions,
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
            v.zero_output_fps_sessions AS c_zero_output,
            v.health_signal_count AS c_health_signal,
            toUInt8(1) AS present
        FROM livepeer_analytics.v_api_sla_compliance AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
    )
SELECT
    if(ifNull(r.present, 0) = 1, r.k_hour, v.k_hour) AS window_start,
    if(ifNull(r.present, 0) = 1, r.k_orch, v.k_orch) AS orchestrator_address,
    if(ifNull(r.present, 0) = 1, r.k_gpu, v.k_gpu) AS gpu_id,
    multiIf(ifNull(r.present, 0) = 0, 'view_only', ifNull(v.present, 0) = 0, 'sessions_only', 'value_diff') AS mismatch,
    r.c_known AS sessions_known, v.c_known AS view_known,
    r.c_unexcused AS sessions_unexcused, v.c_unexcused AS view_unexcused,
    r.c_swapped AS sessions_swapped, v.c_swapped AS view_swapped,
    r.c_zero_output AS sessions_zero_output, v.c_zero_output AS view_zero_output,
    r.c_health_signal AS sessions_health_signals, v.c_health_signal AS view_health_signals,
    r.sessions AS sessions_started_in_hour
FROM raw AS r
FULL OUTER JOIN view_rows AS v
    ON v.k_hour = r.k_hour
   AND v.k_orch = r.k_orch
   AND v.k_pipeline = r.k_pipeline
   AND v.k_model = r.k_model
   AND v.k_gpu = r.k_gpu
   AND v.k_region = r.k_region
WHERE ifNull(r.present, 0) != ifNull(v.present, 0)
   OR r.c_known != v.c_known OR r.c_unexcused != v.c_unexcused OR r.c_swapped != v.c_swapped
   OR r.c_zero_output != v.c_zero_output OR r.c_health_signal != v.c_health_signal
ORDER BY window_start DESC, orchestrator_address ASC
LIMIT 50

-- QUERY: status_raw_to_silver_projection
-- Typed status rows of the window whose raw_event_uid has no silver row.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT t.event_timestamp, t.raw_event_uid, t.stream_id, t.request_id, t.orchestrator_address, t.state, t.output_fps
FROM livepeer_analytics.ai_stream_status AS t
WHERE t.event_timestamp >= w_from AND t.event_timestamp < w_to
  AND t.raw_event_uid NOT IN (SELECT source_event_uid FROM livepeer_analytics.fact_stream_status_samples)
ORDER BY t.event_timestamp DESC
LIMIT 50

-- QUERY: trace_raw_to_silver_projection
-- Typed trace rows of the window whose raw_event_uid has no silver edge.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT t.event_timestamp, t.raw_event_uid, t.stream_id, t.request_id, t.orchestrator_address, toString(t.trace_type) AS trace_type
FROM livepeer_analytics.stream_trace_events AS t
WHERE t.event_timestamp >= w_from AND t.event_timestamp < w_to
  AND t.raw_event_uid NOT IN (SELECT source_event_uid FROM livepeer_analytics.fact_stream_trace_edges)
ORDER BY t.event_timestamp DESC
LIMIT 50

-- QUERY: session_final_uniqueness
-- Sessions with more than one row at their highest version.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    s.workflow_session_id AS workflow_session_id,
    s.version AS version,
    count() AS rows_at_version,
    groupArray(s.session_start_ts) AS session_start_ts_values
FROM livepeer_analytics.fact_workflow_sessions AS s FINAL
WHERE s.session_start_ts >= w_from AND s.session_start_ts < w_to
  AND (s.workflow_session_id, s.version) IN
      (SELECT workflow_session_id, max(version) FROM livepeer_analytics.fact_workflow_sessions
       GROUP BY workflow_session_id)
GROUP BY workflow_session_id, version
HAVING rows_at_version != 1
ORDER BY workflow_session_id ASC
LIMIT 50
