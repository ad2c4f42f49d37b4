-- One session, traced through every layer (the reference notebook's "Interactive Session
-- Edge Explorer", "Session Diagnostics" and "Gold Row Drill-Down" panels; warehouse spec
-- §5.2 sections 9-11). QUERY pack, 6 blocks. Companion of trace_pipeline_flow.sql, which
-- traces a time window.
--
-- Parameter (server-side binding):
--   {workflow_session_id:String}  the session to trace (the notebook binds it as {sid:String});
--                                 pick one from the scenario_candidates.sql pack
-- No window parameter: every block derives its time range from the session itself
-- (its latest version's start/end, widened as stated per block).
--
-- The session's attributes are those of its latest version, the whole row of the highest
-- version (spec README item 8). Swap vocabulary: a confirmed swap is an explicit
-- `orchestrator_swap` trace edge; an inferred change is a change of canonical
-- orchestrator seen across the session's attribution updates.

-- QUERY: 01_session_diagnostics
WITH
    {workflow_session_id:String} AS sid,
    latest AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        WHERE workflow_session_id = sid
        ORDER BY version DESC, ingestion_timestamp DESC
        LIMIT 1
    ),
    (SELECT count() FROM livepeer_analytics.fact_workflow_sessions WHERE workflow_session_id = sid) AS session_rows_all_versions,
    (SELECT uniqExactIf(orchestrator_address, orchestrator_address != '')
       FROM livepeer_analytics.fact_workflow_sessions WHERE workflow_session_id = sid) AS session_orchestrators_seen_across_versions,
    (SELECT countIf(trace_type = 'orchestrator_swap')
       FROM livepeer_analytics.fact_stream_trace_edges WHERE workflow_session_id = sid) AS explicit_swap_edges,
    (SELECT uniqExactIf(orchestrator_address, orchestrator_address != '')
       FROM livepeer_analytics.fact_stream_trace_edges WHERE workflow_session_id = sid) AS trace_orchestrators_seen,
    (SELECT uniqExactIf(lower(t.orchestrator_address), t.orchestrator_address != '')
       FROM livepeer_analytics.stream_trace_events AS t
      WHERE t.raw_event_uid IN (SELECT source_event_uid FROM livepeer_analytics.fact_stream_trace_edges
                                 WHERE workflow_session_id = sid)) AS typed_trace_orchestrators_seen,
    (SELECT count() FROM
        (SELECT 1 FROM livepeer_analytics.fact_workflow_session_segments
          WHERE workflow_session_id = sid
          ORDER BY segment_index ASC, version DESC
          LIMIT 1 BY segment_index)) AS segment_rows,
    (SELECT uniqExactIf(orchestrator_address, orchestrator_address != '')
       FROM livepeer_analytics.fact_workflow_session_segments WHERE workflow_session_id = sid) AS segment_orchestrators_seen,
    (SELECT count() FROM livepeer_analytics.fact_workflow_param_updates WHERE workflow_session_id = sid) AS fact_param_update_rows,
    (SELECT count() FROM livepeer_analytics.fact_stream_status_samples WHERE workflow_session_id = sid) AS status_sample_rows,
    (SELECT count() FROM livepeer_analytics.fact_stream_trace_edges WHERE workflow_session_id = sid) AS trace_edge_rows
SELECT
    l.workflow_session_id AS workflow_session_id,
    l.version AS latest_version,
    l.session_start_ts AS session_start_ts,
    l.session_end_ts AS session_end_ts,
    l.stream_id AS stream_id,
    l.request_id AS request_id,
    l.gateway AS gateway,
    l.orchestrator_address AS latest_orchestrator_address,
    l.pipeline AS pipeline,
    l.model_id AS model_id,
    l.gpu_id AS gpu_id,
    l.gpu_attribution_method AS gpu_attribution_method,
    l.known_stream AS known_stream,
    l.startup_success AS startup_success,
    l.startup_excused AS startup_excused,
    l.startup_unexcused AS startup_unexcused,
    l.confirmed_swap_count AS confirmed_swap_count,
    l.inferred_orchestrator_change_count AS inferred_orchestrator_change_count,
    l.swap_count AS fact_swap_count,
    explicit_swap_edges,
    trace_orchestrators_seen,
    typed_trace_orchestrators_seen,
    segment_rows,
    segment_orchestrators_seen,
    (SELECT countIf(a.event_type = 'error') FROM livepeer_analytics.ai_stream_events AS a
      WHERE (a.request_id = l.request_id OR a.stream_id = l.stream_id)
        AND a.event_timestamp >= l.session_start_ts - INTERVAL 1 HOUR
        AND a.event_timestamp < ifNull(l.session_end_ts, l.session_start_ts) + INTERVAL 1 HOUR) AS raw_error_events,
    l.error_count AS fact_error_count,
    l.excusable_error_count AS fact_excusable_error_count,
    (SELECT countIf(a.event_type = 'params_update') FROM livepeer_analytics.ai_stream_events AS a
      WHERE (a.request_id = l.request_id OR a.stream_id = l.stream_id)
        AND a.event_timestamp >= l.session_start_ts - INTERVAL 1 HOUR
        AND a.event_timestamp < ifNull(l.session_end_ts, l.session_start_ts) + INTERVAL 1 HOUR) AS raw_params_update_events,
    fact_param_update_rows,
    status_sample_rows,
    trace_edge_rows,
    l.status_sample_count AS fact_status_sample_count,
    l.event_count AS fact_event_count,
    session_rows_all_versions,
    session_orchestrators_seen_across_versions
FROM latest AS l

-- QUERY: 02_session_gpu_correlation_observed
WITH
    {workflow_session_id:String} AS sid,
    latest AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        WHERE workflow_session_id = sid
        ORDER BY version DESC, ingestion_timestamp DESC
        LIMIT 1
    ),
    (SELECT groupUniqArrayIf(ifNull(gpu_id, ''), ifNull(gpu_id, '') != '')
       FROM livepeer_analytics.fact_workflow_session_segments WHERE workflow_session_id = sid) AS segment_gpu_ids,
    (SELECT groupUniqArrayIf(ifNull(model_id, ''), ifNull(model_id, '') != '')
       FROM livepeer_analytics.fact_workflow_session_segments WHERE workflow_session_id = sid) AS segment_model_ids,
    (SELECT groupUniqArrayIf(ifNull(gpu_id, ''), ifNull(gpu_id, '') != '')
       FROM livepeer_analytics.fact_workflow_param_updates WHERE workflow_session_id = sid) AS param_update_gpu_ids,
    (SELECT groupUniqArrayIf(ifNull(model_id, ''), ifNull(model_id, '') != '')
       FROM livepeer_analytics.fact_workflow_param_updates WHERE workflow_session_id = sid) AS param_update_model_ids,
    (SELECT groupUniqArrayIf(ifNull(gpu_id, ''), ifNull(gpu_id, '') != '')
       FROM livepeer_analytics.fact_stream_status_samples WHERE workflow_session_id = sid) AS status_gpu_ids
SELECT
    l.workflow_session_id AS workflow_session_id,
    l.stream_id AS stream_id,
    l.request_id AS request_id,
    l.orchestrator_address AS orchestrator_address,
    l.pipeline AS pipeline,
    l.model_id AS model_id,
    l.gpu_id AS session_gpu_id,
    segment_gpu_ids,
    param_update_gpu_ids,
    status_gpu_ids,
    segment_model_ids,
    param_update_model_ids,
    l.session_start_ts AS session_start_ts,
    l.session_end_ts AS session_end_ts
FROM latest AS l

-- QUERY: 03_session_gpu_correlation_capabilities
WITH
    {workflow_session_id:String} AS sid,
    latest AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        WHERE workflow_session_id = sid
        ORDER BY version DESC, ingestion_timestamp DESC
        LIMIT 1
    ),
    (SELECT groupUniqArrayIf(ifNull(gpu_id, ''), ifNull(gpu_id, '') != '')
       FROM livepeer_analytics.fact_workflow_session_segments WHERE workflow_session_id = sid) AS observed_gpu_ids,
    (SELECT groupUniqArrayIf(ifNull(model_id, ''), ifNull(model_id, '') != '')
       FROM livepeer_analytics.fact_workflow_session_segments WHERE workflow_session_id = sid) AS observed_model_ids,
    (SELECT orchestrator_address FROM latest) AS s_orch,
    (SELECT pipeline FROM latest) AS s_pipeline,
    (SELECT ifNull(model_id, '') FROM latest) AS s_model,
    (SELECT session_start_ts FROM latest) AS s_start,
    (SELECT ifNull(session_end_ts, session_start_ts) FROM latest) AS s_end
SELECT
    d.snapshot_ts AS snapshot_ts,
    d.orchestrator_address AS orchestrator_address,
    d.orchestrator_proxy_address AS orchestrator_proxy_address,
    d.pipeline AS pipeline,
    d.model_id AS model_id,
    d.gpu_id AS gpu_id,
    d.gpu_name AS gpu_name,
    d.runner_version AS runner_version,
    d.region AS region,
    d.source_event_uid AS source_event_uid,
    toUInt8(d.pipeline = s_pipeline) AS pipeline_match,
    toUInt8(d.model_id = s_model OR has(observed_model_ids, d.model_id)) AS model_match,
    toUInt8(has(observed_gpu_ids, ifNull(d.gpu_id, ''))) AS gpu_match
FROM livepeer_analytics.dim_orchestrator_capability_snapshots AS d
WHERE d.orchestrator_address = s_orch
  AND d.snapshot_ts >= s_start - INTERVAL 24 HOUR
  AND d.snapshot_ts <= s_end + INTERVAL 24 HOUR
  AND (d.pipeline = s_pipeline
       OR d.model_id = s_model
       OR has(observed_model_ids, d.model_id)
       OR has(observed_gpu_ids, ifNull(d.gpu_id, '')))
ORDER BY d.snapshot_ts DESC, d.gpu_id ASC
LIMIT 200

-- QUERY: 04_session_timeline
WITH
    {workflow_session_id:String} AS sid,
    latest AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        WHERE workflow_session_id = sid
        ORDER BY version DESC, ingestion_timestamp DESC
        LIMIT 1
    ),
    (SELECT stream_id FROM latest) AS s_stream,
    (SELECT request_id FROM latest) AS s_request,
    (SELECT session_start_ts - INTERVAL 1 HOUR FROM latest) AS t_from,
    (SELECT ifNull(session_end_ts, session_start_ts) + INTERVAL 1 HOUR FROM latest) AS t_to
SELECT ts, source, detail, stream_id, request_id, orchestrator_address, data_timestamp, raw_event_timestamp, uid
FROM
(
    SELECT
        e.edge_ts AS ts,
        'fact_stream_trace_edges' AS source,
        toString(e.trace_type) AS detail,
        e.stream_id AS stream_id,
        e.request_id AS request_id,
        e.orchestrator_address AS orchestrator_address,
        toNullable(e.edge_ts) AS data_timestamp,
        CAST(NULL AS Nullable(DateTime64(3, 'UTC'))) AS raw_event_timestamp,
        e.source_event_uid AS uid
    FROM livepeer_analytics.fact_stream_trace_edges AS e
    WHERE e.workflow_session_id = sid

    UNION ALL

    SELECT
        t.data_timestamp AS ts,
        'stream_trace_events' AS source,
        toString(t.trace_type) AS detail,
        t.stream_id,
        t.request_id,
        t.orchestrator_address,
        toNullable(t.data_timestamp),
        toNullable(t.event_timestamp),
        t.raw_event_uid
    FROM livepeer_analytics.stream_trace_events AS t
    WHERE (t.request_id = s_request OR t.stream_id = s_stream)
      AND t.event_timestamp >= t_from AND t.event_timestamp < t_to

    UNION ALL

    SELECT
        a.event_timestamp AS ts,
        'ai_stream_events' AS source,
        concat(toString(a.event_type), ': ', substring(a.message, 1, 120)) AS detail,
        a.stream_id,
        a.request_id,
        '' AS orchestrator_address,
        CAST(NULL AS Nullable(DateTime64(3, 'UTC'))),
        toNullable(a.event_timestamp),
        a.raw_event_uid
    FROM livepeer_analytics.ai_stream_events AS a
    WHERE (a.request_id = s_request OR a.stream_id = s_stream)
      AND a.event_timestamp >= t_from AND a.event_timestamp < t_to

    UNION ALL

    SELECT
        s.event_timestamp AS ts,
        'ai_stream_status' AS source,
        concat('state:', toString(s.state), ' fps:', toString(round(s.output_fps, 2))) AS detail,
        s.stream_id,
        s.request_id,
        s.orchestrator_address,
        CAST(NULL AS Nullable(DateTime64(3, 'UTC'))),
        toNullable(s.event_timestamp),
        s.raw_event_uid
    FROM livepeer_analytics.ai_stream_status AS s
    WHERE (s.request_id = s_request OR s.stream_id = s_stream)
      AND s.event_timestamp >= t_from AND s.event_timestamp < t_to
)
ORDER BY ts ASC, source ASC, detail ASC
LIMIT 400

-- QUERY: 05_bronze_silver_gold_audit
WITH
    {workflow_session_id:String} AS sid,
    latest AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        WHERE workflow_session_id = sid
        ORDER BY version DESC, ingestion_timestamp DESC
        LIMIT 1
    ),
    (SELECT stream_id FROM latest) AS s_stream,
    (SELECT request_id FROM latest) AS s_request,
    (SELECT orchestrator_address FROM latest) AS s_orch,
    (SELECT pipeline FROM latest) AS s_pipeline,
    (SELECT ifNull(model_id, '') FROM latest) AS s_model,
    (SELECT ifNull(gpu_id, '') FROM latest) AS s_gpu,
    (SELECT toStartOfHour(session_start_ts) - INTERVAL 1 HOUR FROM latest) AS from_h,
    (SELECT toStartOfHour(ifNull(session_end_ts, session_start_ts)) + INTERVAL 2 HOUR FROM latest) AS to_h
SELECT stage, rows, min_ts, max_ts, avg_output_fps, status_samples, known_sessions
FROM
(
    SELECT
        '1_bronze_ai_stream_status' AS stage,
        count() AS rows,
        toNullable(min(event_timestamp)) AS min_ts,
        toNullable(max(event_timestamp)) AS max_ts,
        avg(toFloat64(output_fps)) AS avg_output_fps,
        CAST(NULL AS Nullable(UInt64)) AS status_samples,
        CAST(NULL AS Nullable(UInt64)) AS known_sessions
    FROM livepeer_analytics.ai_stream_status
    WHERE (stream_id = s_stream OR request_id = s_request)
      AND event_timestamp >= from_h AND event_timestamp < to_h

    UNION ALL

    SELECT
        '2_bronze_stream_trace_events', count(), toNullable(min(event_timestamp)), toNullable(max(event_timestamp)),
        CAST(NULL AS Nullable(Float64)), CAST(NULL AS Nullable(UInt64)), CAST(NULL AS Nullable(UInt64))
    FROM livepeer_analytics.stream_trace_events
    WHERE (stream_id = s_stream OR request_id = s_request)
      AND event_timestamp >= from_h AND event_timestamp < to_h

    UNION ALL

    SELECT
        '3_silver_fact_stream_status_samples', count(), toNullable(min(sample_ts)), toNullable(max(sample_ts)),
        avg(toFloat64(output_fps)), toNullable(count()), CAST(NULL AS Nullable(UInt64))
    FROM livepeer_analytics.fact_stream_status_samples
    WHERE workflow_session_id = sid

    UNION ALL

    SELECT
        '4_silver_fact_stream_trace_edges', count(), toNullable(min(edge_ts)), toNullable(max(edge_ts)),
        CAST(NULL AS Nullable(Float64)), CAST(NULL AS Nullable(UInt64)), CAST(NULL AS Nullable(UInt64))
    FROM livepeer_analytics.fact_stream_trace_edges
    WHERE workflow_session_id = sid

    UNION ALL

    SELECT
        '5_silver_fact_workflow_latency_samples', count(), toNullable(min(sample_ts)), toNullable(max(sample_ts)),
        CAST(NULL AS Nullable(Float64)), CAST(NULL AS Nullable(UInt64)), CAST(NULL AS Nullable(UInt64))
    FROM livepeer_analytics.fact_workflow_latency_samples
    WHERE workflow_session_id = sid

    UNION ALL

    SELECT
        '6_lifecycle_fact_workflow_sessions_latest', count(), toNullable(min(session_start_ts)), max(session_end_ts),
        CAST(NULL AS Nullable(Float64)), CAST(NULL AS Nullable(UInt64)), toNullable(sum(toUInt64(known_stream)))
    FROM latest

    UNION ALL

    SELECT
        '7_gold_v_api_gpu_metrics', count(), toNullable(min(toDateTime64(window_start, 3, 'UTC'))),
        toNullable(max(toDateTime64(window_start, 3, 'UTC'))),
        avg(avg_output_fps), toNullable(sum(status_samples)), toNullable(sum(known_sessions))
    FROM livepeer_analytics.v_api_gpu_metrics
    WHERE window_start >= from_h AND window_start < to_h
      AND orchestrator_address = s_orch
      AND pipeline = s_pipeline
      AND ifNull(model_id, '') = s_model
      AND ifNull(gpu_id, '') = s_gpu

    UNION ALL

    SELECT
        '8_gold_v_api_sla_compliance', count(), toNullable(min(toDateTime64(window_start, 3, 'UTC'))),
        toNullable(max(toDateTime64(window_start, 3, 'UTC'))),
        CAST(NULL AS Nullable(Float64)), CAST(NULL AS Nullable(UInt64)), toNullable(sum(known_sessions))
    FROM livepeer_analytics.v_api_sla_compliance
    WHERE window_start >= from_h AND window_start < to_h
      AND orchestrator_address = s_orch
      AND pipeline = s_pipeline
      AND ifNull(model_id, '') = s_model
      AND ifNull(gpu_id, '') = s_gpu

    UNION ALL

    SELECT
        '9_gold_v_api_network_demand', count(), toNullable(min(toDateTime64(window_start, 3, 'UTC'))),
        toNullable(max(toDateTime64(window_start, 3, 'UTC'))),
        avg(avg_output_fps), CAST(NULL AS Nullable(UInt64)), toNullable(sum(known_sessions))
    FROM livepeer_analytics.v_api_network_demand
    WHERE window_start >= from_h AND window_start < to_h
      AND (pipeline = s_pipeline OR ifNull(model_id, '') = s_model)
)
ORDER BY stage

-- QUERY: 06_gold_gpu_view_rows
WITH
    {workflow_session_id:String} AS sid,
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
    (SELECT ifNull(gpu_id, '') FROM latest) AS s_gpu,
    (SELECT toStartOfHour(session_start_ts) - INTERVAL 1 HOUR FROM latest) AS from_h,
    (SELECT toStartOfHour(ifNull(session_end_ts, session_start_ts)) + INTERVAL 2 HOUR FROM latest) AS to_h
SELECT
    v.window_start AS window_start,
    v.orchestrator_address AS orchestrator_address,
    v.pipeline AS pipeline,
    v.model_id AS model_id,
    v.gpu_id AS gpu_id,
    v.gpu_name AS gpu_name,
    v.status_samples AS status_samples,
    v.avg_output_fps AS avg_output_fps,
    v.prompt_to_first_frame_ms AS prompt_to_first_frame_ms,
    v.startup_time_ms AS startup_time_ms,
    v.e2e_latency_ms AS e2e_latency_ms,
    v.known_sessions AS known_sessions,
    v.startup_success_sessions AS startup_success_sessions,
    v.unexcused_sessions AS unexcused_sessions,
    v.swapped_sessions AS swapped_sessions
FROM livepeer_analytics.v_api_gpu_metrics AS v
WHERE v.window_start >= from_h AND v.window_start < to_h
  AND v.orchestrator_address = s_orch
  AND v.pipeline = s_pipeline
  AND ifNull(v.model_id, '') = s_model
  AND ifNull(v.gpu_id, '') = s_gpu
ORDER BY v.window_start ASC
