-- Serving-view readiness checks (reference: tests/integration/sql/assertions_api_readiness.sql,
-- schema 796d216b; warehouse spec §3.5). 21 tests.
--
-- What it proves: the v_api_* views the API serves exist with their contract columns,
-- have hourly grain and well-formed keys, their derived ratios are consistent with
-- their own counters and within bounds, the network-demand pipeline normalization and
-- fallback are applied, and SLA counters agree with the latest session facts.
--
-- Parameters (server-side binding, spec §2.2):
--   {from_ts:DateTime64(3)}  window start, UTC, inclusive
--   {to_ts:DateTime64(3)}    window end, UTC, exclusive
--
-- Contract (spec §2.3): one row per test; pass iff failed_rows = 0; every other column
-- (rows_checked, missing_columns, ...) is a diagnostic. Unless stated, a test reads the
-- named view's hourly rows whose window_start is in [toStartOfHour(from_ts), to_ts) and
-- is 0/1. Column names are the 796d216b names (warehouse spec §1.7), the names naap's
-- views expose. "Latest session" = the whole row of the highest version per
-- workflow_session_id (spec README item 8), the rule the views themselves use.
--
-- Marker lines under a test name: `-- note:` says how and why the test differs from the
-- reference text (rewritten so it can fire, or a decided deviation); `-- expect:` names a
-- test expected to fail on the committed fixtures, and why.

-- TEST: api_views_present
WITH
    ['v_api_gpu_metrics', 'v_api_network_demand', 'v_api_network_demand_by_gpu', 'v_api_sla_compliance'] AS expected_views,
    (SELECT groupArray(name) FROM system.tables
      WHERE database = 'livepeer_analytics' AND engine = 'View') AS present_views
SELECT
    toUInt64(length(missing_views)) AS failed_rows,
    arrayFilter(x -> NOT has(present_views, x), expected_views) AS missing_views

-- TEST: gpu_metrics_keys_not_null
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(v.orchestrator_address = ''
            OR (v.pipeline = '' AND ifNull(v.model_id, '') = '')
            OR ifNull(v.gpu_id, '') = ''
            OR v.window_start IS NULL) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_gpu_metrics AS v
WHERE v.window_start >= toStartOfHour(w_from) AND v.window_start < w_to

-- TEST: gold_pipeline_coverage_attributable_min_threshold
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    model_rows AS
    (
        SELECT v.pipeline AS pipeline
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
          AND ifNull(v.model_id, '') != ''
        UNION ALL
        SELECT v.pipeline AS pipeline
        FROM livepeer_analytics.v_api_sla_compliance AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
          AND ifNull(v.model_id, '') != ''
    )
SELECT
    toUInt64(pipeline_coverage_ratio < 0.99) AS failed_rows,
    if(count() = 0, 1.0, round(countIf(pipeline != '') / count(), 6)) AS pipeline_coverage_ratio,
    count() AS total_attributable_model_rows,
    countIf(pipeline != '') AS attributed_with_pipeline
FROM model_rows

-- TEST: gpu_metrics_rollup_fields_consistent
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(abs(v.failure_rate - ifNull(v.unexcused_sessions / nullIf(v.known_sessions, 0), 0)) > 0.000001
            OR abs(v.swap_rate - ifNull(v.swapped_sessions / nullIf(v.known_sessions, 0), 0)) > 0.000001) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_gpu_metrics AS v
WHERE v.window_start >= toStartOfHour(w_from) AND v.window_start < w_to

-- TEST: gpu_metrics_latency_fields_nonnegative
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(v.prompt_to_first_frame_ms < 0
            OR v.startup_time_ms < 0
            OR v.startup_time_s < 0
            OR v.e2e_latency_ms < 0) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_gpu_metrics AS v
WHERE v.window_start >= toStartOfHour(w_from) AND v.window_start < w_to

-- TEST: gpu_metrics_startup_seconds_matches_ms
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(v.startup_time_s IS NOT NULL AND v.startup_time_ms IS NOT NULL
            AND abs(v.startup_time_s - v.startup_time_ms / 1000.0) > 0.000001) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_gpu_metrics AS v
WHERE v.window_start >= toStartOfHour(w_from) AND v.window_start < w_to

-- TEST: network_demand_hourly_grain
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(toMinute(d.window_start) != 0) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_network_demand AS d
WHERE d.window_start >= toStartOfHour(w_from) AND d.window_start < w_to

-- TEST: network_demand_required_columns_present
WITH
    ['model_id', 'pipeline', 'total_minutes', 'startup_success_ratio', 'success_ratio'] AS required_columns,
    (SELECT groupArray(name) FROM system.columns
      WHERE database = 'livepeer_analytics' AND table = 'v_api_network_demand') AS present_columns
SELECT
    toUInt64(length(missing_columns) > 0) AS failed_rows,
    arrayFilter(x -> NOT has(present_columns, x), required_columns) AS missing_columns

-- TEST: network_demand_by_gpu_hourly_grain
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(g.window_start IS NULL OR toMinute(g.window_start) != 0) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_network_demand_by_gpu AS g
WHERE g.window_start >= toStartOfHour(w_from) AND g.window_start < w_to

-- TEST: network_demand_by_gpu_required_columns_present
WITH
    ['gpu_id', 'gpu_type'] AS required_columns,
    (SELECT groupArray(name) FROM system.columns
      WHERE database = 'livepeer_analytics' AND table = 'v_api_network_demand_by_gpu') AS present_columns
SELECT
    toUInt64(length(missing_columns) > 0) AS failed_rows,
    arrayFilter(x -> NOT has(present_columns, x), required_columns) AS missing_columns

-- TEST: network_demand_by_gpu_capacity_fields_nonnegative
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(g.inference_minutes_by_gpu_type < 0
            OR g.used_inference_minutes < 0
            OR g.available_capacity_minutes < 0
            OR g.capacity_rate < 0
            OR g.capacity_rate > 1.5) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_network_demand_by_gpu AS g
WHERE g.window_start >= toStartOfHour(w_from) AND g.window_start < w_to

-- TEST: network_demand_additive_fields_nonnegative
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(toFloat64(d.total_streams) < 0 OR toFloat64(d.total_sessions) < 0 OR d.total_minutes < 0
            OR toFloat64(d.known_sessions) < 0 OR toFloat64(d.served_sessions) < 0
            OR toFloat64(d.unserved_sessions) < 0 OR toFloat64(d.total_demand_sessions) < 0
            OR toFloat64(d.unexcused_sessions) < 0 OR toFloat64(d.swapped_sessions) < 0
            OR toFloat64(d.missing_capacity_count) < 0 OR d.fee_payment_eth < 0) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_network_demand AS d
WHERE d.window_start >= toStartOfHour(w_from) AND d.window_start < w_to

-- TEST: network_demand_served_unserved_consistency
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(d.total_demand_sessions != d.served_sessions + d.unserved_sessions
            OR d.missing_capacity_count != d.unserved_sessions) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_network_demand AS d
WHERE d.window_start >= toStartOfHour(w_from) AND d.window_start < w_to

-- TEST: network_demand_pipeline_not_model_id
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(d.pipeline != '' AND ifNull(d.model_id, '') != ''
            AND lowerUTF8(d.pipeline) = lowerUTF8(ifNull(d.model_id, ''))) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_network_demand AS d
WHERE d.window_start >= toStartOfHour(w_from) AND d.window_start < w_to

-- TEST: network_demand_pipeline_fallback_applied
-- note: the fallback is computed from all latest sessions of each hour (as the view does), not only those starting inside the window, so a window that does not start on the hour cannot change it.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    sessions AS
    (
        SELECT
            toDateTime(toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            ls.gateway AS k_gateway,
            ifNull(ls.region, '') AS k_region,
            ifNull(ls.model_id, '') AS k_model,
            if(ls.pipeline != '' AND ifNull(ls.model_id, '') != ''
               AND lowerUTF8(ls.pipeline) = lowerUTF8(ifNull(ls.model_id, '')), '', ls.pipeline) AS own_pipeline
        FROM
        (
            SELECT *
            FROM livepeer_analytics.fact_workflow_sessions
            ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
            LIMIT 1 BY workflow_session_id
        ) AS ls
        WHERE ls.session_start_ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
          AND toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR) >= h_from
          AND toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR) < w_to
    ),
    known_fallbacks AS
    (
        SELECT k_hour, k_gateway, k_region, k_model
        FROM sessions
        GROUP BY k_hour, k_gateway, k_region, k_model
        HAVING uniqExactIf(own_pipeline, own_pipeline != '') = 1
    ),
    empty_pipeline_rows AS
    (
        SELECT
            toDateTime(d.window_start, 'UTC') AS k_hour,
            d.gateway AS k_gateway,
            ifNull(d.region, '') AS k_region,
            ifNull(d.model_id, '') AS k_model
        FROM livepeer_analytics.v_api_network_demand AS d
        WHERE d.window_start >= h_from AND d.window_start < w_to
          AND ifNull(d.model_id, '') != '' AND d.pipeline = ''
    )
SELECT
    countIf((k_hour, k_gateway, k_region, k_model) IN
            (SELECT k_hour, k_gateway, k_region, k_model FROM known_fallbacks)) AS failed_rows,
    count() AS empty_pipeline_model_rows,
    failed_rows AS empty_pipeline_with_known_fallback_rows,
    (SELECT count() FROM known_fallbacks) AS fallback_keys
FROM empty_pipeline_rows

-- TEST: sla_compliance_rollup_safe
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(abs(v.startup_success_ratio - ifNull(1 - (v.unexcused_sessions / nullIf(v.known_sessions, 0)), 0)) > 0.000001
            OR v.success_ratio < 0 OR v.success_ratio > 1
            OR v.startup_success_ratio + 0.000001 < v.success_ratio
            OR abs(v.no_swap_ratio - ifNull(1 - (v.swapped_sessions / nullIf(v.known_sessions, 0)), 0)) > 0.000001
            OR abs(v.health_completeness_ratio
                   - ifNull(v.health_signal_count / nullIf(v.health_expected_signal_count, 0), 1.0)) > 0.000001
            OR v.sla_score < 0 OR v.sla_score > 100) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_sla_compliance AS v
WHERE v.window_start >= toStartOfHour(w_from) AND v.window_start < w_to

-- TEST: sla_compliance_required_columns_present
WITH
    ['startup_success_ratio', 'success_ratio'] AS required_columns,
    (SELECT groupArray(name) FROM system.columns
      WHERE database = 'livepeer_analytics' AND table = 'v_api_sla_compliance') AS present_columns
SELECT
    toUInt64(length(missing_columns) > 0) AS failed_rows,
    arrayFilter(x -> NOT has(present_columns, x), required_columns) AS missing_columns

-- TEST: network_demand_success_ratios_valid
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(d.startup_success_ratio < 0 OR d.startup_success_ratio > 1
            OR d.success_ratio < 0 OR d.success_ratio > 1
            OR d.startup_success_ratio + 0.000001 < d.success_ratio) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_network_demand AS d
WHERE d.window_start >= toStartOfHour(w_from) AND d.window_start < w_to

-- TEST: network_demand_success_ratio_penalizes_failure_indicators
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(d.known_sessions > 0
            AND (d.unexcused_sessions > 0 OR d.zero_output_fps_sessions > 0 OR d.loading_only_sessions > 0)
            AND d.success_ratio >= 0.999999) AS bad_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_network_demand AS d
WHERE d.window_start >= toStartOfHour(w_from) AND d.window_start < w_to

-- TEST: network_demand_low_sample_windows
-- note: rewritten so it can fail (the reference hard-wires failed_rows = 0; low_sample_windows stays its diagnostic): total_minutes is status samples / 60 (warehouse spec §6.3 item 18), so a row with usage sessions has at least one sample (>= 1/60 minute) and a row without usage has none; failed_rows = the rows that break this (minutes and sessions out of step: wrong unit or a lost usage join).
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    countIf((d.total_sessions > 0 AND d.total_minutes < 1.0 / 60 - 0.000000001)
            OR (d.total_sessions = 0 AND d.total_minutes > 0)) AS failed_rows,
    countIf(d.total_minutes < 1.0 / 60) AS low_sample_windows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_network_demand AS d
WHERE d.window_start >= toStartOfHour(w_from) AND d.window_start < w_to

-- TEST: sla_recompute_parity_vs_latest_sessions
-- note: same computation as assertions_pipeline.sql sla_view_matches_session_fact. Decided deviation (warehouse spec §6.3 item 16): the reference grouped the latest sessions by START hour under the final attribution, which agrees with v_api_sla_compliance only when every attributed status sample of a session falls in its start hour under its own keys; the view's contract (spec §1.7) counts a session in every attributed status hour/key minus tail-artifact session-hours, and this test recomputes that from the facts.
-- note: rewritten so it can fire (spec §6.4): one-sided keys come from FULL OUTER JOIN marker columns, not right-side IS NULL tests. Both sides are filtered on the hour bucket.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    latest AS
    (
        SELECT
            workflow_session_id AS sid,
            session_start_ts,
            session_end_ts,
            toUInt64(known_stream) AS c_known,
            toUInt64(startup_unexcused) AS c_unexcused,
            toUInt64((confirmed_swap_count > 0) OR (inferred_orchestrator_change_count > 0)) AS c_swapped,
            toUInt64(last_error_occurred > 0) AS c_last_error,
            toUInt64(loading_only_session > 0) AS c_loading_only,
            toUInt64(zero_output_fps_session > 0) AS c_zero_output,
            toUInt64(status_error_sample_count) AS c_status_error_samples,
            toUInt64(health_signal_count) AS c_health_signal,
            toUInt64(health_expected_signal_count) AS c_health_expected
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    session_hours AS
    (
        -- every attributed status hour/key of a session; idle = no fps > 0, no running state, < 3 samples
        SELECT
            toDateTime(toStartOfInterval(f.sample_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            f.workflow_session_id AS sid,
            f.orchestrator_address AS k_orch,
            f.pipeline AS k_pipeline,
            ifNull(f.model_id, '') AS k_model,
            ifNull(f.gpu_id, '') AS k_gpu,
            ifNull(f.region, '') AS k_region,
            countIf(f.output_fps > 0) = 0
                AND countIf(f.state IN ('ONLINE', 'DEGRADED_INFERENCE', 'DEGRADED_INPUT')) = 0
                AND count() < 3 AS idle
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.is_attributed = 1
          AND f.sample_ts >= h_from - INTERVAL 1 HOUR
          AND f.sample_ts < toStartOfHour(w_to) + INTERVAL 1 HOUR
        GROUP BY k_hour, sid, k_orch, k_pipeline, k_model, k_gpu, k_region
    ),
    idle_hours AS
    (
        SELECT k_hour, sid, k_orch, k_pipeline, k_model, k_gpu, k_region
        FROM session_hours
        WHERE idle
    ),
    counted_hours AS
    (
        -- a session-hour counts unless it is a tail artifact: the session started before the hour and
        -- closed inside it, the hour is idle and so was the same key's previous hour
        SELECT sh.k_hour AS k_hour, sh.k_orch AS k_orch, sh.k_pipeline AS k_pipeline, sh.k_model AS k_model,
               sh.k_gpu AS k_gpu, sh.k_region AS k_region, ls.*
        FROM session_hours AS sh
        INNER JOIN latest AS ls ON ls.sid = sh.sid
        WHERE sh.k_hour >= h_from AND sh.k_hour < w_to
          AND sh.k_hour > toDateTime('2000-01-01 00:00:00', 'UTC')
          AND sh.k_orch != ''
          AND NOT (sh.idle
                   AND ls.session_start_ts < sh.k_hour
                   AND ls.session_end_ts IS NOT NULL
                   AND ls.session_end_ts >= sh.k_hour
                   AND ls.session_end_ts < sh.k_hour + INTERVAL 1 HOUR
                   AND (sh.k_hour - INTERVAL 1 HOUR, sh.sid, sh.k_orch, sh.k_pipeline, sh.k_model, sh.k_gpu, sh.k_region)
                       IN (SELECT k_hour, sid, k_orch, k_pipeline, k_model, k_gpu, k_region FROM idle_hours))
    ),
    raw AS
    (
        SELECT
            k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region,
            sum(c_known) AS c_known,
            sum(c_unexcused) AS c_unexcused,
            sum(c_swapped) AS c_swapped,
            sum(c_last_error) AS c_last_error,
            sum(c_loading_only) AS c_loading_only,
            sum(c_zero_output) AS c_zero_output,
            sum(c_status_error_samples) AS c_status_error_samples,
            sum(c_health_signal) AS c_health_signal,
            sum(c_health_expected) AS c_health_expected,
            toUInt8(1) AS present
        FROM counted_hours
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
            v.sessions_with_last_error AS c_last_error,
            v.loading_only_sessions AS c_loading_only,
            v.zero_output_fps_sessions AS c_zero_output,
            v.status_error_samples AS c_status_error_samples,
            v.health_signal_count AS c_health_signal,
            v.health_expected_signal_count AS c_health_expected,
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
            abs(toInt64(r.c_swapped) - toInt64(v.c_swapped)) AS d_swapped,
            abs(toInt64(r.c_last_error) - toInt64(v.c_last_error)) AS d_last_error,
            abs(toInt64(r.c_loading_only) - toInt64(v.c_loading_only)) AS d_loading_only,
            abs(toInt64(r.c_zero_output) - toInt64(v.c_zero_output)) AS d_zero_output,
            abs(toInt64(r.c_status_error_samples) - toInt64(v.c_status_error_samples)) AS d_status_error_samples,
            abs(toInt64(r.c_health_signal) - toInt64(v.c_health_signal)) AS d_health_signal,
            abs(toInt64(r.c_health_expected) - toInt64(v.c_health_expected)) AS d_health_expected
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
    toUInt64(failure_mode NOT IN ('PASS', 'EMPTY_BOTH')) AS failed_rows,
    multiIf(raw_rows = 0 AND view_rows = 0, 'EMPTY_BOTH',
            raw_rows > 0 AND view_rows > 0 AND joined_rows = 0, 'NO_OVERLAP_BOTH_NONEMPTY',
            raw_only_keys + view_only_keys > 0, 'KEY_MISMATCH',
            total_known_diff + total_unexcused_diff + total_swapped_diff + total_last_error_diff
              + total_loading_only_diff + total_zero_output_diff + total_status_error_samples_diff
              + total_health_signal_count_diff + total_health_expected_signal_count_diff > 0, 'VALUE_MISMATCH',
            'PASS') AS failure_mode,
    countIf(in_r = 1) AS raw_rows,
    countIf(in_v = 1) AS view_rows,
    countIf(in_r = 1 AND in_v = 1) AS joined_rows,
    countIf(in_r = 1 AND in_v = 0) AS raw_only_keys,
    countIf(in_r = 0 AND in_v = 1) AS view_only_keys,
    sumIf(d_known, in_r = 1 AND in_v = 1) AS total_known_diff,
    sumIf(d_unexcused, in_r = 1 AND in_v = 1) AS total_unexcused_diff,
    sumIf(d_swapped, in_r = 1 AND in_v = 1) AS total_swapped_diff,
    sumIf(d_last_error, in_r = 1 AND in_v = 1) AS total_last_error_diff,
    sumIf(d_loading_only, in_r = 1 AND in_v = 1) AS total_loading_only_diff,
    sumIf(d_zero_output, in_r = 1 AND in_v = 1) AS total_zero_output_diff,
    sumIf(d_status_error_samples, in_r = 1 AND in_v = 1) AS total_status_error_samples_diff,
    sumIf(d_health_signal, in_r = 1 AND in_v = 1) AS total_health_signal_count_diff,
    sumIf(d_health_expected, in_r = 1 AND in_v = 1) AS total_health_expected_signal_count_diff
FROM joined
