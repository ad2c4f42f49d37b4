-- One session, traced through every layer: `naap trace WORKFLOW_SESSION_ID` runs these
-- blocks in order (the reference notebook's "Interactive Session Edge Explorer", "Session
-- Diagnostics", "GPU Correlation" and "Gold Row Drill-Down" panels; warehouse spec §5.2
-- sections 9-11), and so does `naap query` with --param workflow_session_id=ID. QUERY pack,
-- 18 blocks: diagnostics, every session version, the raw events and where each landed, the
-- timeline across typed rows and silver facts, segments, parameter updates, latency, edge
-- coverage, capability attribution, the rollup rows it feeds and the serving-view rows.
-- Companion of trace_pipeline_flow.sql, which traces a time window.
--
-- Parameter (server-side binding):
--   {workflow_session_id:String}  the session to trace (the notebook binds it as {sid:String});
--                                 pick one from the scenario_candidates.sql pack
-- No window parameter: every block derives its time range from the session itself
-- (its latest version's start/end, widened as stated per block).
--
-- Contract with `naap trace`: the first block returns exactly one row when the session
-- exists and none when it does not (the session is then reported unknown).
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

-- QUERY: 02_session_versions
-- Every row of fact_workflow_sessions for the session (each is a versioned snapshot; the
-- highest version is the session), oldest first, with what changed between them.
WITH {workflow_session_id:String} AS sid
SELECT
    s.version AS version,
    s.ingestion_timestamp AS written_at,
    s.session_end_ts AS end_ts,
    s.orchestrator_address AS orchestrator_address,
    s.gpu_id AS gpu_id,
    s.gpu_attribution_method AS attribution,
    s.known_stream AS known,
    s.startup_success AS success,
    s.startup_excused AS excused,
    s.startup_unexcused AS unexcused,
    s.confirmed_swap_count AS swaps,
    s.inferred_orchestrator_change_count AS inferred,
    s.error_count AS errors,
    s.event_count AS events
FROM livepeer_analytics.fact_workflow_sessions AS s
WHERE s.workflow_session_id = sid
ORDER BY s.version ASC, s.ingestion_timestamp ASC

-- QUERY: 03_raw_events
-- The session's raw events, one line per archived (or rejected) envelope, and where each
-- landed. An event is the session's when its typed row carries the session's stream and
-- request ids (the workflow_session_id rule, spec §1.3.1) or one of the session's facts
-- names it (source_event_uid). lane: raw (streaming_events), quarantine (a duplicate of
-- it), dlq (rejected; also matched on the payload's stream/request ids). typed / silver:
-- the typed tables and silver/lifecycle facts holding a row of it ('' = none).
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
    (SELECT session_start_ts - INTERVAL 1 DAY FROM latest) AS t_from,
    (SELECT ifNull(session_end_ts, session_start_ts) + INTERVAL 1 DAY FROM latest) AS t_to,
    (s_stream != '' OR s_request != '') AS has_ids,
    typed AS
    (
        SELECT raw_event_uid AS uid, 'ai_stream_status' AS typed_table
        FROM livepeer_analytics.ai_stream_status
        WHERE has_ids AND stream_id = s_stream AND request_id = s_request
          AND event_timestamp >= t_from AND event_timestamp < t_to
        UNION ALL
        SELECT raw_event_uid, 'stream_trace_events'
        FROM livepeer_analytics.stream_trace_events
        WHERE has_ids AND stream_id = s_stream AND request_id = s_request
          AND event_timestamp >= t_from AND event_timestamp < t_to
        UNION ALL
        SELECT raw_event_uid, 'ai_stream_events'
        FROM livepeer_analytics.ai_stream_events
        WHERE has_ids AND stream_id = s_stream AND request_id = s_request
          AND event_timestamp >= t_from AND event_timestamp < t_to
        UNION ALL
        SELECT raw_event_uid, 'stream_ingest_metrics'
        FROM livepeer_analytics.stream_ingest_metrics
        WHERE has_ids AND stream_id = s_stream AND request_id = s_request
          AND event_timestamp >= t_from AND event_timestamp < t_to
    ),
    silver AS
    (
        SELECT source_event_uid AS uid, 'fact_stream_status_samples' AS silver_table
        FROM livepeer_analytics.fact_stream_status_samples WHERE workflow_session_id = sid
        UNION ALL
        SELECT source_event_uid, 'fact_stream_trace_edges'
        FROM livepeer_analytics.fact_stream_trace_edges WHERE workflow_session_id = sid
        UNION ALL
        SELECT source_event_uid, 'fact_stream_ingest_samples'
        FROM livepeer_analytics.fact_stream_ingest_samples WHERE workflow_session_id = sid
        UNION ALL
        SELECT source_event_uid, 'fact_workflow_param_updates'
        FROM livepeer_analytics.fact_workflow_param_updates WHERE workflow_session_id = sid
    ),
    uids AS (SELECT uid FROM typed UNION DISTINCT SELECT uid FROM silver),
    typed_by_uid AS
    (
        SELECT uid, arrayStringConcat(arraySort(groupUniqArray(typed_table)), ',') AS typed_tables
        FROM typed GROUP BY uid
    ),
    silver_by_uid AS
    (
        SELECT uid, arrayStringConcat(arraySort(groupUniqArray(silver_table)), ',') AS silver_tables
        FROM silver GROUP BY uid
    )
SELECT
    e.ts AS event_timestamp,
    e.lane AS lane,
    e.type AS type,
    e.id AS id,
    e.detail AS detail,
    t.typed_tables AS typed,
    v.silver_tables AS silver
FROM
(
    SELECT
        r.event_timestamp AS ts,
        'raw' AS lane,
        toString(r.type) AS type,
        if(r.id != '', r.id, concat('uid:', r.raw_event_uid)) AS id,
        if(r.type = 'ai_stream_status', concat('state:', JSONExtractString(r.data, 'state')),
           JSONExtractString(r.data, 'type')) AS detail,
        r.raw_event_uid AS uid
    FROM livepeer_analytics.streaming_events AS r
    WHERE r.raw_event_uid IN (SELECT uid FROM uids)
      AND r.event_timestamp >= t_from AND r.event_timestamp < t_to

    UNION ALL

    SELECT
        ifNull(q.event_timestamp, q.source_record_timestamp),
        'quarantine',
        toString(q.event_type),
        if(q.event_id != '', q.event_id, concat('uid:', q.raw_event_uid)),
        concat(toString(q.failure_class), ': ', q.failure_reason),
        q.raw_event_uid
    FROM livepeer_analytics.streaming_events_quarantine AS q
    WHERE q.raw_event_uid IN (SELECT uid FROM uids)

    UNION ALL

    SELECT
        ifNull(d.event_timestamp, d.source_record_timestamp),
        'dlq',
        toString(d.event_type),
        if(d.event_id != '', d.event_id, concat('uid:', d.raw_event_uid)),
        concat(toString(d.failure_class), ': ', d.failure_reason),
        d.raw_event_uid
    FROM livepeer_analytics.streaming_events_dlq AS d
    WHERE d.raw_event_uid IN (SELECT uid FROM uids)
       OR (has_ids
           AND ifNull(d.event_timestamp, d.source_record_timestamp) >= t_from
           AND ifNull(d.event_timestamp, d.source_record_timestamp) < t_to
           AND JSONExtractString(d.payload_body, 'data', 'stream_id') = s_stream
           AND JSONExtractString(d.payload_body, 'data', 'request_id') = s_request)
) AS e
LEFT JOIN typed_by_uid AS t ON t.uid = e.uid
LEFT JOIN silver_by_uid AS v ON v.uid = e.uid
ORDER BY event_timestamp ASC, lane ASC, id ASC

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

-- QUERY: 05_segments
-- Every row of fact_workflow_session_segments for the session (segment x version).
WITH {workflow_session_id:String} AS sid
SELECT
    g.segment_index AS segment,
    g.version AS version,
    g.segment_start_ts AS start_ts,
    g.segment_end_ts AS end_ts,
    g.orchestrator_address AS orchestrator_address,
    g.gpu_id AS gpu_id,
    g.model_id AS model_id,
    g.gpu_attribution_method AS attribution,
    g.reason AS reason,
    g.source_trace_type AS source_trace_type
FROM livepeer_analytics.fact_workflow_session_segments AS g
WHERE g.workflow_session_id = sid
ORDER BY segment ASC, version ASC, g.ingestion_timestamp ASC

-- QUERY: 06_param_updates
-- Every row of fact_workflow_param_updates for the session.
WITH {workflow_session_id:String} AS sid
SELECT
    p.update_ts AS update_ts,
    p.version AS version,
    p.update_type AS update_type,
    p.orchestrator_address AS orchestrator_address,
    p.gpu_id AS gpu_id,
    p.model_id AS model_id,
    substring(p.message, 1, 60) AS message,
    p.source_event_uid AS source_event_uid
FROM livepeer_analytics.fact_workflow_param_updates AS p
WHERE p.workflow_session_id = sid
ORDER BY update_ts ASC, version ASC

-- QUERY: 07_latency_samples
-- Every row of fact_workflow_latency_samples for the session (one per session snapshot).
WITH {workflow_session_id:String} AS sid
SELECT
    l.sample_ts AS sample_ts,
    l.version AS version,
    l.prompt_to_first_frame_ms AS prompt_to_first_frame_ms,
    l.startup_time_ms AS startup_time_ms,
    l.e2e_latency_ms AS e2e_latency_ms,
    l.has_prompt_to_first_frame AS has_pff,
    l.has_startup_time AS has_startup,
    l.has_e2e_latency AS has_e2e,
    l.orchestrator_address AS orchestrator_address,
    l.gpu_id AS gpu_id,
    l.edge_semantics_version AS semantics
FROM livepeer_analytics.fact_workflow_latency_samples AS l
WHERE l.workflow_session_id = sid
ORDER BY version ASC, sample_ts ASC

-- QUERY: 08_edge_coverage
-- Lifecycle edge coverage (fact_lifecycle_edge_coverage): per lifecycle signal, whether the
-- startup / playable edges had been seen, and why not.
WITH {workflow_session_id:String} AS sid
SELECT
    c.signal_ts AS signal_ts,
    c.trace_type AS trace_type,
    c.version AS version,
    c.known_stream AS known,
    c.has_first_processed_edge AS first_processed,
    c.has_first_playable_edge AS first_playable,
    c.startup_edge_matched AS startup_matched,
    c.playable_edge_matched AS playable_matched,
    c.is_terminal_signal AS terminal,
    c.unmatched_reason AS unmatched_reason
FROM livepeer_analytics.fact_lifecycle_edge_coverage AS c
WHERE c.workflow_session_id = sid
ORDER BY signal_ts ASC, version ASC, c.source_event_uid ASC

-- QUERY: 09_gpu_correlation_observed
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

-- QUERY: 10_gpu_correlation_capabilities
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
    d.pipeline AS pipeline,
    d.model_id AS model_id,
    d.gpu_id AS gpu_id,
    d.gpu_name AS gpu_name,
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

-- QUERY: 11_rollup_stream_performance_1m
-- The agg_stream_performance_1m rows the session's attributed status samples feed (minute x
-- gateway x orchestrator x pipeline x model x GPU x region), finalized, beside the session's
-- own contribution (rollup_* = 0: no rollup row for that key).
WITH
    {workflow_session_id:String} AS sid,
    own AS
    (
        SELECT
            toStartOfInterval(f.sample_ts, INTERVAL 1 MINUTE) AS window_start,
            f.gateway AS gateway,
            f.orchestrator_address AS orchestrator_address,
            f.pipeline AS pipeline,
            ifNull(f.model_id, '') AS model_key,
            ifNull(f.gpu_id, '') AS gpu_key,
            ifNull(f.region, '') AS region_key,
            count() AS session_samples,
            avg(f.output_fps) AS session_avg_fps
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.workflow_session_id = sid AND f.is_attributed = 1
        GROUP BY window_start, gateway, orchestrator_address, pipeline, model_key, gpu_key, region_key
    ),
    agg AS
    (
        SELECT
            a.window_start AS window_start,
            a.gateway AS gateway,
            a.orchestrator_address AS orchestrator_address,
            a.pipeline AS pipeline,
            ifNull(a.model_id, '') AS model_key,
            ifNull(a.gpu_id, '') AS gpu_key,
            ifNull(a.region, '') AS region_key,
            countMerge(a.sample_count_state) AS rollup_samples,
            avgMerge(a.output_fps_avg_state) AS rollup_avg_fps,
            uniqExactMerge(a.sessions_uniq_state) AS rollup_sessions
        FROM livepeer_analytics.agg_stream_performance_1m AS a
        WHERE a.window_start >= (SELECT min(window_start) FROM own)
          AND a.window_start <= (SELECT max(window_start) FROM own)
        GROUP BY window_start, gateway, orchestrator_address, pipeline, model_key, gpu_key, region_key
    )
SELECT
    o.window_start AS window_start,
    o.orchestrator_address AS orchestrator_address,
    o.gpu_key AS gpu_id,
    o.session_samples AS session_samples,
    r.rollup_samples AS rollup_samples,
    o.session_avg_fps AS session_avg_fps,
    r.rollup_avg_fps AS rollup_avg_fps,
    r.rollup_sessions AS rollup_sessions
FROM own AS o
LEFT JOIN agg AS r
    ON r.window_start = o.window_start AND r.gateway = o.gateway
   AND r.orchestrator_address = o.orchestrator_address AND r.pipeline = o.pipeline
   AND r.model_key = o.model_key AND r.gpu_key = o.gpu_key AND r.region_key = o.region_key
ORDER BY window_start ASC, orchestrator_address ASC, gpu_id ASC

-- QUERY: 12_rollup_latency_kpis_1m
-- The agg_latency_kpis_1m rows the session's latency samples feed (minute x orchestrator x
-- pipeline x model x GPU x region), finalized, beside the session's latest values.
WITH
    {workflow_session_id:String} AS sid,
    own AS
    (
        SELECT
            toStartOfInterval(l.sample_ts, INTERVAL 1 MINUTE) AS window_start,
            l.orchestrator_address AS orchestrator_address,
            l.pipeline AS pipeline,
            ifNull(l.model_id, '') AS model_key,
            ifNull(l.gpu_id, '') AS gpu_key,
            ifNull(l.region, '') AS region_key,
            count() AS session_rows,
            argMax(l.startup_time_ms, l.version) AS session_startup_time_ms,
            argMax(l.e2e_latency_ms, l.version) AS session_e2e_latency_ms
        FROM livepeer_analytics.fact_workflow_latency_samples AS l
        WHERE l.workflow_session_id = sid
        GROUP BY window_start, orchestrator_address, pipeline, model_key, gpu_key, region_key
    ),
    agg AS
    (
        SELECT
            a.window_start AS window_start,
            a.orchestrator_address AS orchestrator_address,
            a.pipeline AS pipeline,
            ifNull(a.model_id, '') AS model_key,
            ifNull(a.gpu_id, '') AS gpu_key,
            ifNull(a.region, '') AS region_key,
            avgMerge(a.startup_time_ms_avg_state) AS rollup_startup_time_ms,
            avgMerge(a.e2e_latency_ms_avg_state) AS rollup_e2e_latency_ms,
            sumMerge(a.valid_startup_time_state) AS rollup_valid_startup,
            sumMerge(a.valid_e2e_latency_state) AS rollup_valid_e2e
        FROM livepeer_analytics.agg_latency_kpis_1m AS a
        WHERE a.window_start >= (SELECT min(window_start) FROM own)
          AND a.window_start <= (SELECT max(window_start) FROM own)
        GROUP BY window_start, orchestrator_address, pipeline, model_key, gpu_key, region_key
    )
SELECT
    o.window_start AS window_start,
    o.orchestrator_address AS orchestrator_address,
    o.gpu_key AS gpu_id,
    o.session_rows AS session_rows,
    o.session_startup_time_ms AS session_startup_ms,
    r.rollup_startup_time_ms AS rollup_startup_ms,
    o.session_e2e_latency_ms AS session_e2e_ms,
    r.rollup_e2e_latency_ms AS rollup_e2e_ms,
    r.rollup_valid_startup AS rollup_valid_startup,
    r.rollup_valid_e2e AS rollup_valid_e2e
FROM own AS o
LEFT JOIN agg AS r
    ON r.window_start = o.window_start AND r.orchestrator_address = o.orchestrator_address
   AND r.pipeline = o.pipeline AND r.model_key = o.model_key AND r.gpu_key = o.gpu_key
   AND r.region_key = o.region_key
ORDER BY window_start ASC, orchestrator_address ASC, gpu_id ASC

-- QUERY: 13_rollup_reliability_1h
-- The agg_reliability_1h rows the session's version rows feed (start hour x gateway x
-- orchestrator x pipeline x model x GPU x region), finalized, beside the session's own
-- latest flags (version_rows: how many of its version rows carry that key).
WITH
    {workflow_session_id:String} AS sid,
    own AS
    (
        SELECT
            toStartOfInterval(s.session_start_ts, INTERVAL 1 HOUR) AS window_start,
            s.gateway AS gateway,
            s.orchestrator_address AS orchestrator_address,
            s.pipeline AS pipeline,
            ifNull(s.model_id, '') AS model_key,
            ifNull(s.gpu_id, '') AS gpu_key,
            ifNull(s.region, '') AS region_key,
            count() AS version_rows,
            argMax(s.known_stream, s.version) AS known,
            argMax(s.startup_success, s.version) AS success,
            argMax(s.startup_unexcused, s.version) AS unexcused
        FROM livepeer_analytics.fact_workflow_sessions AS s
        WHERE s.workflow_session_id = sid
        GROUP BY window_start, gateway, orchestrator_address, pipeline, model_key, gpu_key, region_key
    ),
    agg AS
    (
        SELECT
            a.window_start AS window_start,
            a.gateway AS gateway,
            a.orchestrator_address AS orchestrator_address,
            a.pipeline AS pipeline,
            ifNull(a.model_id, '') AS model_key,
            ifNull(a.gpu_id, '') AS gpu_key,
            ifNull(a.region, '') AS region_key,
            sumMerge(a.known_sessions_state) AS rollup_known_sessions,
            sumMerge(a.startup_success_sessions_state) AS rollup_success_sessions,
            sumMerge(a.unexcused_sessions_state) AS rollup_unexcused_sessions,
            sumMerge(a.swapped_sessions_state) AS rollup_swapped_sessions
        FROM livepeer_analytics.agg_reliability_1h AS a
        WHERE a.window_start >= (SELECT min(window_start) FROM own)
          AND a.window_start <= (SELECT max(window_start) FROM own)
        GROUP BY window_start, gateway, orchestrator_address, pipeline, model_key, gpu_key, region_key
    )
SELECT
    o.window_start AS window_start,
    o.orchestrator_address AS orchestrator_address,
    o.gpu_key AS gpu_id,
    o.version_rows AS version_rows,
    o.known AS known,
    o.success AS success,
    o.unexcused AS unexcused,
    r.rollup_known_sessions AS rollup_known,
    r.rollup_success_sessions AS rollup_success,
    r.rollup_unexcused_sessions AS rollup_unexcused,
    r.rollup_swapped_sessions AS rollup_swapped
FROM own AS o
LEFT JOIN agg AS r
    ON r.window_start = o.window_start AND r.gateway = o.gateway
   AND r.orchestrator_address = o.orchestrator_address AND r.pipeline = o.pipeline
   AND r.model_key = o.model_key AND r.gpu_key = o.gpu_key AND r.region_key = o.region_key
ORDER BY window_start ASC, orchestrator_address ASC, gpu_id ASC

-- QUERY: 14_bronze_silver_gold_audit
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

-- QUERY: 15_gold_gpu_view_rows
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

-- QUERY: 16_gold_sla_view_rows
-- v_api_sla_compliance rows of the session's key (latest version's orchestrator, pipeline,
-- model, GPU) in the hours around it.
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
    (SELECT gateway FROM latest) AS s_gateway,
    (SELECT orchestrator_address FROM latest) AS s_orch,
    (SELECT pipeline FROM latest) AS s_pipeline,
    (SELECT ifNull(model_id, '') FROM latest) AS s_model,
    (SELECT ifNull(gpu_id, '') FROM latest) AS s_gpu,
    (SELECT toStartOfHour(session_start_ts) - INTERVAL 1 HOUR FROM latest) AS from_h,
    (SELECT toStartOfHour(ifNull(session_end_ts, session_start_ts)) + INTERVAL 2 HOUR FROM latest) AS to_h
SELECT
    v.window_start AS window_start,
    v.orchestrator_address AS orchestrator_address,
    v.gpu_id AS gpu_id,
    v.known_sessions AS known_sessions,
    v.startup_success_sessions AS startup_success_sessions,
    v.unexcused_sessions AS unexcused_sessions,
    v.swapped_sessions AS swapped_sessions,
    v.startup_success_ratio AS startup_success_ratio,
    v.success_ratio AS success_ratio,
    v.no_swap_ratio AS no_swap_ratio,
    v.sla_score AS sla_score
FROM livepeer_analytics.v_api_sla_compliance AS v
WHERE v.window_start >= from_h AND v.window_start < to_h
  AND v.orchestrator_address = s_orch
  AND v.pipeline = s_pipeline
  AND ifNull(v.model_id, '') = s_model
  AND ifNull(v.gpu_id, '') = s_gpu
ORDER BY v.window_start ASC

-- QUERY: 17_gold_network_demand_rows
-- v_api_network_demand rows of the session's gateway and pipeline (or model) in the hours
-- around it.
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
    (SELECT gateway FROM latest) AS s_gateway,
    (SELECT orchestrator_address FROM latest) AS s_orch,
    (SELECT pipeline FROM latest) AS s_pipeline,
    (SELECT ifNull(model_id, '') FROM latest) AS s_model,
    (SELECT ifNull(gpu_id, '') FROM latest) AS s_gpu,
    (SELECT toStartOfHour(session_start_ts) - INTERVAL 1 HOUR FROM latest) AS from_h,
    (SELECT toStartOfHour(ifNull(session_end_ts, session_start_ts)) + INTERVAL 2 HOUR FROM latest) AS to_h
SELECT
    v.window_start AS window_start,
    v.gateway AS gateway,
    v.region AS region,
    v.pipeline AS pipeline,
    v.model_id AS model_id,
    v.total_sessions AS total_sessions,
    v.known_sessions AS known_sessions,
    v.served_sessions AS served_sessions,
    v.unserved_sessions AS unserved_sessions,
    v.total_minutes AS total_minutes,
    v.avg_output_fps AS avg_output_fps,
    v.startup_success_ratio AS startup_success_ratio,
    v.success_ratio AS success_ratio
FROM livepeer_analytics.v_api_network_demand AS v
WHERE v.window_start >= from_h AND v.window_start < to_h
  AND v.gateway = s_gateway
  AND (v.pipeline = s_pipeline OR ifNull(v.model_id, '') = s_model)
ORDER BY v.window_start ASC, v.pipeline ASC, v.model_id ASC

-- QUERY: 18_gold_network_demand_by_gpu_rows
-- v_api_network_demand_by_gpu rows of the session's gateway, orchestrator and GPU in the
-- hours around it.
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
    (SELECT gateway FROM latest) AS s_gateway,
    (SELECT orchestrator_address FROM latest) AS s_orch,
    (SELECT pipeline FROM latest) AS s_pipeline,
    (SELECT ifNull(model_id, '') FROM latest) AS s_model,
    (SELECT ifNull(gpu_id, '') FROM latest) AS s_gpu,
    (SELECT toStartOfHour(session_start_ts) - INTERVAL 1 HOUR FROM latest) AS from_h,
    (SELECT toStartOfHour(ifNull(session_end_ts, session_start_ts)) + INTERVAL 2 HOUR FROM latest) AS to_h
SELECT
    v.window_start AS window_start,
    v.gateway AS gateway,
    v.orchestrator_address AS orchestrator_address,
    v.gpu_id AS gpu_id,
    v.gpu_type AS gpu_type,
    v.total_sessions AS total_sessions,
    v.known_sessions AS known_sessions,
    v.used_inference_minutes AS used_inference_minutes,
    v.available_capacity_minutes AS available_capacity_minutes,
    v.capacity_rate AS capacity_rate
FROM livepeer_analytics.v_api_network_demand_by_gpu AS v
WHERE v.window_start >= from_h AND v.window_start < to_h
  AND v.gateway = s_gateway
  AND v.orchestrator_address = s_orch
  AND ifNull(v.gpu_id, '') = s_gpu
ORDER BY v.window_start ASC
