-- Gold row drill-down for the validation notebook (notebooks/validation.ipynb): one hourly
-- v_api_gpu_metrics / v_api_sla_compliance row of a session's key, side by side with the
-- silver inputs it is computed from (the reference notebook's "Gold Row Drill-Down (Hourly
-- GPU View)"). QUERY pack; runs with `naap query` too.
--
-- Parameters (server-side binding):
--   {workflow_session_id:String}  the session whose key (latest version's orchestrator,
--                                 pipeline, model, GPU) selects the rows
--   {hour:String}                 the hour, 'YYYY-MM-DD HH:00:00' UTC
-- The silver rows follow the views' inputs (warehouse spec §1.7): attributed status samples
-- by sample hour, latest latency samples by sample hour, latest sessions by start hour.

-- QUERY: gold_hour_inputs
WITH
    {workflow_session_id:String} AS sid,
    toDateTime64({hour:String}, 3, 'UTC') AS h,
    latest AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        WHERE workflow_session_id = sid
        ORDER BY version DESC, ingestion_timestamp DESC
        LIMIT 1
    ),
    (SELECT orchestrator_address FROM latest) AS s_orch,
    (SELECT pipeline FROM latest) AS s_pipeline,
    (SELECT ifNull(model_id, '') FROM latest) AS s_model,
    (SELECT ifNull(gpu_id, '') FROM latest) AS s_gpu
SELECT source, rows, avg_output_fps, prompt_to_first_frame_ms, startup_time_ms, e2e_latency_ms,
       known_sessions, startup_success_sessions, unexcused_sessions, swapped_sessions
FROM
(
    SELECT
        '1_silver_status_inputs' AS source,
        count() AS rows,
        avg(toFloat64(output_fps)) AS avg_output_fps,
        CAST(NULL AS Nullable(Float64)) AS prompt_to_first_frame_ms,
        CAST(NULL AS Nullable(Float64)) AS startup_time_ms,
        CAST(NULL AS Nullable(Float64)) AS e2e_latency_ms,
        CAST(NULL AS Nullable(UInt64)) AS known_sessions,
        CAST(NULL AS Nullable(UInt64)) AS startup_success_sessions,
        CAST(NULL AS Nullable(UInt64)) AS unexcused_sessions,
        CAST(NULL AS Nullable(UInt64)) AS swapped_sessions
    FROM livepeer_analytics.fact_stream_status_samples
    WHERE sample_ts >= h AND sample_ts < h + INTERVAL 1 HOUR
      AND is_attributed = 1
      AND orchestrator_address = s_orch AND pipeline = s_pipeline
      AND ifNull(model_id, '') = s_model AND ifNull(gpu_id, '') = s_gpu

    UNION ALL

    SELECT
        '2_silver_latency_inputs', count(), CAST(NULL AS Nullable(Float64)),
        avgIf(prompt_to_first_frame_ms, has_prompt_to_first_frame = 1),
        avgIf(startup_time_ms, has_startup_time = 1),
        avgIf(e2e_latency_ms, has_e2e_latency = 1),
        CAST(NULL AS Nullable(UInt64)), CAST(NULL AS Nullable(UInt64)),
        CAST(NULL AS Nullable(UInt64)), CAST(NULL AS Nullable(UInt64))
    FROM
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_latency_samples
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    )
    WHERE sample_ts >= h AND sample_ts < h + INTERVAL 1 HOUR
      AND orchestrator_address = s_orch AND pipeline = s_pipeline
      AND ifNull(model_id, '') = s_model AND ifNull(gpu_id, '') = s_gpu

    UNION ALL

    SELECT
        '3_silver_session_reliability_inputs', count(), CAST(NULL AS Nullable(Float64)),
        CAST(NULL AS Nullable(Float64)), CAST(NULL AS Nullable(Float64)), CAST(NULL AS Nullable(Float64)),
        toNullable(sum(toUInt64(known_stream))), toNullable(sum(toUInt64(startup_success))),
        toNullable(sum(toUInt64(startup_unexcused))),
        toNullable(sum(toUInt64(confirmed_swap_count > 0 OR inferred_orchestrator_change_count > 0)))
    FROM
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    )
    WHERE session_start_ts >= h AND session_start_ts < h + INTERVAL 1 HOUR
      AND orchestrator_address = s_orch AND pipeline = s_pipeline
      AND ifNull(model_id, '') = s_model AND ifNull(gpu_id, '') = s_gpu

    UNION ALL

    SELECT
        '4_gold_v_api_gpu_metrics', count(), any(avg_output_fps),
        any(prompt_to_first_frame_ms), any(startup_time_ms), any(e2e_latency_ms),
        toNullable(any(known_sessions)), toNullable(any(startup_success_sessions)),
        toNullable(any(unexcused_sessions)), toNullable(any(swapped_sessions))
    FROM livepeer_analytics.v_api_gpu_metrics
    WHERE window_start = h
      AND orchestrator_address = s_orch AND pipeline = s_pipeline
      AND ifNull(model_id, '') = s_model AND ifNull(gpu_id, '') = s_gpu

    UNION ALL

    SELECT
        '5_gold_v_api_sla_compliance', count(), CAST(NULL AS Nullable(Float64)),
        CAST(NULL AS Nullable(Float64)), CAST(NULL AS Nullable(Float64)), CAST(NULL AS Nullable(Float64)),
        toNullable(any(known_sessions)), toNullable(any(startup_success_sessions)),
        toNullable(any(unexcused_sessions)), toNullable(any(swapped_sessions))
    FROM livepeer_analytics.v_api_sla_compliance
    WHERE window_start = h
      AND orchestrator_address = s_orch AND pipeline = s_pipeline
      AND ifNull(model_id, '') = s_model AND ifNull(gpu_id, '') = s_gpu
)
ORDER BY source ASC

-- QUERY: gold_hour_sessions
-- The sessions behind the hour's reliability counters: every latest session of the key that
-- started in the hour, with its outcome flags.
WITH
    {workflow_session_id:String} AS sid,
    toDateTime64({hour:String}, 3, 'UTC') AS h,
    latest AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        WHERE workflow_session_id = sid
        ORDER BY version DESC, ingestion_timestamp DESC
        LIMIT 1
    ),
    (SELECT orchestrator_address FROM latest) AS s_orch,
    (SELECT pipeline FROM latest) AS s_pipeline,
    (SELECT ifNull(model_id, '') FROM latest) AS s_model,
    (SELECT ifNull(gpu_id, '') FROM latest) AS s_gpu
SELECT
    workflow_session_id,
    session_start_ts,
    session_end_ts,
    known_stream,
    startup_success,
    startup_excused,
    startup_unexcused,
    confirmed_swap_count,
    inferred_orchestrator_change_count,
    error_count,
    toUInt8(workflow_session_id = sid) AS is_selected_session
FROM
(
    SELECT *
    FROM livepeer_analytics.fact_workflow_sessions
    ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
    LIMIT 1 BY workflow_session_id
)
WHERE session_start_ts >= h AND session_start_ts < h + INTERVAL 1 HOUR
  AND orchestrator_address = s_orch AND pipeline = s_pipeline
  AND ifNull(model_id, '') = s_model AND ifNull(gpu_id, '') = s_gpu
ORDER BY session_start_ts ASC
LIMIT 200
