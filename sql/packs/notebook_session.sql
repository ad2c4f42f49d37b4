-- One session's raw material for the validation notebook's timeline chart and session
-- diagnostics (notebooks/validation.ipynb): its status samples (fps), its segments (one per
-- canonical orchestrator), its trace edges, its AI events (errors, parameter updates), its
-- parameter-update facts and the hours it touches with their serving rows. Companion of
-- session_trace.sql (the reference notebook's panels). QUERY pack; runs with `naap query`.
--
-- Parameter (server-side binding):
--   {workflow_session_id:String}  the session; pick one from scenario_candidates.sql
-- No window parameter: every block reads the session's own rows; raw events are matched by
-- stream id / request id within [start - 1 h, end + 1 h] of its latest version, as in
-- session_trace.sql. A session is its latest version (the whole row of the highest version).

-- QUERY: session_row
WITH {workflow_session_id:String} AS sid
SELECT
    workflow_session_id,
    version,
    session_start_ts,
    session_end_ts,
    stream_id,
    request_id,
    gateway,
    orchestrator_address,
    pipeline,
    model_id,
    gpu_id,
    region,
    known_stream,
    startup_success,
    startup_excused,
    startup_unexcused,
    confirmed_swap_count,
    inferred_orchestrator_change_count,
    swap_count,
    error_count,
    excusable_error_count,
    status_sample_count
FROM livepeer_analytics.fact_workflow_sessions
WHERE workflow_session_id = sid
ORDER BY version DESC, ingestion_timestamp DESC
LIMIT 1

-- QUERY: status_samples
WITH {workflow_session_id:String} AS sid
SELECT
    sample_ts,
    output_fps,
    input_fps,
    state,
    orchestrator_address,
    gpu_id,
    is_attributed
FROM livepeer_analytics.fact_stream_status_samples
WHERE workflow_session_id = sid
ORDER BY sample_ts ASC
LIMIT 5000

-- QUERY: segments
-- Latest version of each segment; a new segment starts when the canonical orchestrator changes.
WITH {workflow_session_id:String} AS sid
SELECT
    segment_index,
    segment_start_ts,
    segment_end_ts,
    orchestrator_address,
    gpu_id,
    model_id,
    reason,
    source_trace_type,
    version
FROM livepeer_analytics.fact_workflow_session_segments
WHERE workflow_session_id = sid
ORDER BY segment_index ASC, version DESC, ingestion_timestamp DESC
LIMIT 1 BY segment_index

-- QUERY: trace_edges
WITH {workflow_session_id:String} AS sid
SELECT
    edge_ts,
    toString(trace_type) AS trace_type,
    toString(trace_category) AS trace_category,
    is_swap_event,
    orchestrator_address
FROM livepeer_analytics.fact_stream_trace_edges
WHERE workflow_session_id = sid
ORDER BY edge_ts ASC, trace_type ASC
LIMIT 5000

-- QUERY: ai_events
-- Errors, parameter updates and other AI events of the session's stream / request.
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
SELECT
    event_timestamp,
    toString(event_type) AS event_type,
    substring(message, 1, 200) AS message,
    stream_id,
    request_id
FROM livepeer_analytics.ai_stream_events
WHERE (request_id = s_request OR stream_id = s_stream)
  AND event_timestamp >= t_from AND event_timestamp < t_to
ORDER BY event_timestamp ASC
LIMIT 1000

-- QUERY: param_updates
WITH {workflow_session_id:String} AS sid
SELECT
    update_ts,
    toString(update_type) AS update_type,
    substring(message, 1, 200) AS message,
    orchestrator_address,
    gpu_id,
    model_id
FROM livepeer_analytics.fact_workflow_param_updates FINAL
WHERE workflow_session_id = sid
ORDER BY update_ts ASC
LIMIT 1000

-- QUERY: session_hours
-- The hours the session touches (its start hour and every hour with a status or latency
-- sample), with its sample counts there and whether the serving views hold a row for the
-- session's key (latest version's orchestrator, pipeline, model, GPU) in that hour.
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
    hours AS
    (
        SELECT toDateTime(toStartOfHour(session_start_ts), 'UTC') AS h, toUInt64(0) AS status_n, toUInt64(0) AS latency_n
        FROM latest
        UNION ALL
        SELECT toDateTime(toStartOfHour(sample_ts), 'UTC'), count(), 0
        FROM livepeer_analytics.fact_stream_status_samples
        WHERE workflow_session_id = sid
        GROUP BY 1
        UNION ALL
        SELECT toDateTime(toStartOfHour(sample_ts), 'UTC'), 0, count()
        FROM livepeer_analytics.fact_workflow_latency_samples
        WHERE workflow_session_id = sid
        GROUP BY 1
    ),
    gpu_rows AS
    (
        SELECT toDateTime(window_start, 'UTC') AS h, count() AS n
        FROM livepeer_analytics.v_api_gpu_metrics
        WHERE orchestrator_address = s_orch AND pipeline = s_pipeline
          AND ifNull(model_id, '') = s_model AND ifNull(gpu_id, '') = s_gpu
        GROUP BY h
    ),
    sla_rows AS
    (
        SELECT toDateTime(window_start, 'UTC') AS h, count() AS n
        FROM livepeer_analytics.v_api_sla_compliance
        WHERE orchestrator_address = s_orch AND pipeline = s_pipeline
          AND ifNull(model_id, '') = s_model AND ifNull(gpu_id, '') = s_gpu
        GROUP BY h
    )
SELECT
    hs.h AS window_start,
    hs.status_samples AS status_samples,
    hs.latency_samples AS latency_samples,
    toUInt8(hs.h IN (SELECT h FROM gpu_rows)) AS in_gpu_view,
    toUInt8(hs.h IN (SELECT h FROM sla_rows)) AS in_sla_view
FROM
(
    SELECT h, sum(status_n) AS status_samples, sum(latency_n) AS latency_samples
    FROM hours
    GROUP BY h
) AS hs
ORDER BY window_start ASC
