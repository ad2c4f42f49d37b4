-- Fixture export (`naap fixtures export`; warehouse spec §4.4.2 step 6): the raw archive
-- rows that produced one scenario session, and its capability context. QUERY pack, 2 blocks,
-- run once per exported session; each returns raw archive rows (id, type, timestamp,
-- gateway, data), written as the newer fixture format (`__table` = streaming_events).
--
-- Parameters (server-side binding), all about the session being exported:
--   {workflow_session_id:String}, {stream_id:String}, {request_id:String}
--   {session_start:DateTime64(3)}             its start (latest version)
--   {extract_from:DateTime64(3)}              start - session padding
--   {extract_to:DateTime64(3)}                (end, or start + open-session duration) + padding
--   {capability_window_minutes:UInt32}        extra padding for the capability lookup
--   {capability_max_rows_per_context:UInt32}  broadcasts kept per capability context

-- QUERY: session_core_events
-- The session's own events: core types in the extraction window whose payload names its
-- request id or its stream id (only non-empty ids are used).
WITH
    {stream_id:String} AS s_stream,
    {request_id:String} AS s_request
SELECT
    r.id AS id,
    toString(r.type) AS type,
    r.timestamp AS timestamp,
    r.gateway AS gateway,
    r.data AS data
FROM livepeer_analytics.streaming_events AS r
WHERE r.event_timestamp >= {extract_from:DateTime64(3)}
  AND r.event_timestamp < {extract_to:DateTime64(3)}
  AND r.type IN ('ai_stream_status', 'stream_trace', 'ai_stream_events', 'stream_ingest_metrics')
  AND ((s_request != '' AND JSONExtractString(r.data, 'request_id') = s_request)
       OR (s_stream != '' AND JSONExtractString(r.data, 'stream_id') = s_stream))
ORDER BY r.timestamp ASC, r.id ASC

-- QUERY: session_capability_events
-- The capability broadcasts the session's attribution can draw on. Capability contexts:
-- "canonical" = (orchestrator, GPU) pairs of the session's facts and segments, matched on
-- the capability row's orchestrator_address; "hot_wallet" = the payload orchestrator
-- addresses of its status/trace events, matched on local_address. Per context, the
-- broadcasts within the extraction window widened by capability_window_minutes, those at
-- or before the session start first, nearest first, at most
-- capability_max_rows_per_context; a context with none there falls back to its single
-- nearest broadcast at any time.
WITH
    {workflow_session_id:String} AS sid,
    {stream_id:String} AS s_stream,
    {request_id:String} AS s_request,
    {session_start:DateTime64(3)} AS s_start,
    {extract_from:DateTime64(3)} AS x_from,
    {extract_to:DateTime64(3)} AS x_to,
    toIntervalMinute({capability_window_minutes:UInt32}) AS cap_pad,
    contexts AS
    (
        SELECT DISTINCT 'canonical' AS kind, lower(s.orchestrator_address) AS wallet, ifNull(s.gpu_id, '') AS gpu
        FROM livepeer_analytics.fact_workflow_sessions AS s
        WHERE s.workflow_session_id = sid AND s.orchestrator_address != ''
        UNION DISTINCT
        SELECT DISTINCT 'canonical', lower(g.orchestrator_address), ifNull(g.gpu_id, '')
        FROM livepeer_analytics.fact_workflow_session_segments AS g
        WHERE g.workflow_session_id = sid AND g.orchestrator_address != ''
        UNION DISTINCT
        SELECT DISTINCT 'hot_wallet', lower(a.orchestrator_address), ''
        FROM livepeer_analytics.ai_stream_status AS a
        WHERE a.event_timestamp >= x_from AND a.event_timestamp < x_to AND a.orchestrator_address != ''
          AND ((s_request != '' AND a.request_id = s_request) OR (s_stream != '' AND a.stream_id = s_stream))
        UNION DISTINCT
        SELECT DISTINCT 'hot_wallet', lower(t.orchestrator_address), ''
        FROM livepeer_analytics.stream_trace_events AS t
        WHERE t.event_timestamp >= x_from AND t.event_timestamp < x_to AND t.orchestrator_address != ''
          AND ((s_request != '' AND t.request_id = s_request) OR (s_stream != '' AND t.stream_id = s_stream))
    ),
    candidates AS
    (
        SELECT kind, wallet, gpu, uid, ts,
               ts >= x_from - cap_pad AND ts < x_to + cap_pad AS in_window
        FROM
        (
            SELECT c.kind AS kind, c.wallet AS wallet, c.gpu AS gpu, n.raw_event_uid AS uid, n.event_timestamp AS ts
            FROM contexts AS c
            INNER JOIN livepeer_analytics.network_capabilities AS n ON lower(n.orchestrator_address) = c.wallet
            WHERE c.kind = 'canonical' AND (c.gpu = '' OR ifNull(n.gpu_id, '') = c.gpu)
            UNION ALL
            SELECT c.kind, c.wallet, c.gpu, n.raw_event_uid, n.event_timestamp
            FROM contexts AS c
            INNER JOIN livepeer_analytics.network_capabilities AS n ON lower(n.local_address) = c.wallet
            WHERE c.kind = 'hot_wallet'
        )
        GROUP BY kind, wallet, gpu, uid, ts
    ),
    ranked AS
    (
        SELECT uid, ts, in_window,
               countIf(in_window) OVER (PARTITION BY kind, wallet, gpu) AS context_in_window,
               row_number() OVER (PARTITION BY kind, wallet, gpu, in_window
                                  ORDER BY ts > s_start ASC,
                                           abs(toUnixTimestamp64Milli(ts) - toUnixTimestamp64Milli(s_start)) ASC,
                                           ts DESC, uid ASC) AS rn
        FROM candidates
    ),
    chosen AS
    (
        SELECT DISTINCT uid, ts
        FROM ranked
        WHERE (in_window AND rn <= {capability_max_rows_per_context:UInt32})
           OR (context_in_window = 0 AND NOT in_window AND rn = 1)
    )
SELECT
    r.id AS id,
    toString(r.type) AS type,
    r.timestamp AS timestamp,
    r.gateway AS gateway,
    r.data AS data
FROM livepeer_analytics.streaming_events AS r
WHERE r.type = 'network_capabilities'
  AND r.event_timestamp >= (SELECT min(ts) FROM chosen)
  AND r.event_timestamp <= (SELECT max(ts) FROM chosen)
  AND r.raw_event_uid IN (SELECT uid FROM chosen)
ORDER BY r.timestamp ASC, r.id ASC
