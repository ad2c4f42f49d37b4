-- Pipeline contract assertions (reference: tests/integration/sql/assertions_pipeline.sql,
-- schema 796d216b; warehouse spec §3.1). 54 tests, in the reference order:
--   1-11  ingress: raw archive -> typed tables -> silver facts (one event uid everywhere)
--   12-31 lifecycle facts: session/segment/param-update/latency integrity and identity
--   32-54 rollups and serving views: parity with the facts they are computed from
--
-- What it proves: every accepted event reaches its typed and silver rows exactly once,
-- the versioned lifecycle facts are internally consistent, and the perf rollup and the
-- v_api_* views agree with an independent recomputation from the facts.
--
-- Parameters (server-side binding, spec §2.2):
--   {from_ts:DateTime64(3)}  window start, UTC, inclusive
--   {to_ts:DateTime64(3)}    window end, UTC, exclusive
--
-- Contract (spec §2.3): each block is one statement returning one row; the test passes
-- iff `failed_rows` = 0 on the first row. Every other column is a diagnostic, including
-- `status` / `failure_mode` (WARN/INFO never fail a test).
--
-- Conventions used throughout (spec §3 plus the project decisions, spec README):
--   * "in window": natural timestamp in [from_ts, to_ts) (event_timestamp for raw/typed,
--     sample_ts / edge_ts / update_ts for facts, session_start_ts / segment_start_ts,
--     snapshot_ts for dims, window_start for rollups and views).
--   * Hour-grain comparisons with the serving views use whole hours: an hour bucket
--     belongs to the window when its start is in [toStartOfHour(from_ts), to_ts), and
--     both sides of a comparison are filtered on that bucket, never on the raw timestamp
--     (so a window that does not start on the hour cannot make the sides disagree).
--   * "latest session" / "latest segment" / "latest latency": the WHOLE row of the highest
--     version per entity (ORDER BY version DESC LIMIT 1 BY entity), the same rule the
--     serving views use (spec README item 8): per-column argMax skips NULLs and would mix
--     versions (e.g. a NULL gpu_id of the latest version replaced by an older GPU).
--   * Raw -> typed -> silver correlations use the one event uid (spec README item 4):
--     raw_event_uid on the raw archive, DLQ, quarantine and typed tables, source_event_uid
--     on silver facts and capability dimensions.
--   * Anti-joins ("key missing on the other side") never test a right-side column for
--     NULL after a LEFT JOIN (spec §6.4 item 24: under join_use_nulls = 0 such columns
--     are filled with defaults and the check can never fire). They use NOT IN, or a
--     toUInt8(1) marker column read through ifNull(marker, 0), which is correct under
--     both join_use_nulls settings. Nullable key parts are compared through ifNull(x, '').
--
-- Marker lines under a test name: `-- note:` says how and why the test differs from the
-- reference text (rewritten so it can fire, or a decided deviation); `-- expect:` names a
-- test expected to fail on the committed fixtures, and why.

-- TEST: raw_events_present
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    (SELECT count() FROM livepeer_analytics.streaming_events
      WHERE event_timestamp >= w_from AND event_timestamp < w_to) AS raw_rows,
    (SELECT count() FROM livepeer_analytics.ai_stream_status
      WHERE event_timestamp >= w_from AND event_timestamp < w_to) AS status_rows,
    (SELECT count() FROM livepeer_analytics.stream_trace_events
      WHERE event_timestamp >= w_from AND event_timestamp < w_to) AS trace_rows
SELECT
    toUInt64(length(missing_objects)) AS failed_rows,
    arrayFilter(x -> x != '', [
        if(raw_rows = 0, 'streaming_events', ''),
        if(status_rows = 0, 'ai_stream_status', ''),
        if(trace_rows = 0, 'stream_trace_events', '')
    ]) AS missing_objects,
    raw_rows,
    status_rows,
    trace_rows

-- TEST: capability_dimension_mvs_present
WITH
    [
        'mv_network_capabilities_to_dim_orchestrator_capability_snapshots',
        'mv_network_capabilities_advertised_to_dim_orchestrator_capability_advertised_snapshots',
        'mv_network_capabilities_model_constraints_to_dim_orchestrator_capability_model_constraints',
        'mv_network_capabilities_prices_to_dim_orchestrator_capability_prices'
    ] AS expected_mvs,
    (SELECT groupArray(name) FROM system.tables
      WHERE database = 'livepeer_analytics' AND engine = 'MaterializedView') AS present_mvs
SELECT
    toUInt64(length(missing_mvs)) AS failed_rows,
    arrayFilter(x -> NOT has(present_mvs, x), expected_mvs) AS missing_mvs

-- TEST: capability_dimensions_projecting
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    (SELECT count() FROM livepeer_analytics.network_capabilities
      WHERE event_timestamp >= w_from AND event_timestamp < w_to) AS caps_rows,
    (SELECT count() FROM livepeer_analytics.dim_orchestrator_capability_snapshots
      WHERE snapshot_ts >= w_from AND snapshot_ts < w_to) AS dim_caps_rows,
    (SELECT count() FROM livepeer_analytics.network_capabilities_advertised
      WHERE event_timestamp >= w_from AND event_timestamp < w_to) AS adv_rows,
    (SELECT count() FROM livepeer_analytics.dim_orchestrator_capability_advertised_snapshots
      WHERE snapshot_ts >= w_from AND snapshot_ts < w_to) AS dim_adv_rows,
    (SELECT count() FROM livepeer_analytics.network_capabilities_model_constraints
      WHERE event_timestamp >= w_from AND event_timestamp < w_to) AS mc_rows,
    (SELECT count() FROM livepeer_analytics.dim_orchestrator_capability_model_constraints
      WHERE snapshot_ts >= w_from AND snapshot_ts < w_to) AS dim_mc_rows,
    (SELECT count() FROM livepeer_analytics.network_capabilities_prices
      WHERE event_timestamp >= w_from AND event_timestamp < w_to) AS price_rows,
    (SELECT count() FROM livepeer_analytics.dim_orchestrator_capability_prices
      WHERE snapshot_ts >= w_from AND snapshot_ts < w_to) AS dim_price_rows
SELECT
    toUInt64((caps_rows > 0 AND dim_caps_rows = 0)
           + (adv_rows > 0 AND dim_adv_rows = 0)
           + (mc_rows > 0 AND dim_mc_rows = 0)
           + (price_rows > 0 AND dim_price_rows = 0)) AS failed_rows,
    caps_rows,
    dim_caps_rows,
    adv_rows,
    dim_adv_rows,
    mc_rows,
    dim_mc_rows,
    price_rows,
    dim_price_rows

-- TEST: capability_snapshot_gpu_coverage
-- note: the typed event key is raw_event_uid (the dims' source_event_uid is copied from it, spec README item 4) instead of source_event_id, which is '' for events without an envelope id.
-- note: rewritten so it can fire (spec §6.4): a missing dim key is detected with a marker column (ifNull(d.present, 0) = 0), not with a right-side IS NULL test.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    typed AS
    (
        SELECT
            nc.raw_event_uid AS k_event,
            lower(nc.orchestrator_address) AS k_orch,
            nc.pipeline AS k_pipeline,
            nc.model_id AS k_model,
            uniqExactIf(nc.gpu_id, ifNull(nc.gpu_id, '') != '') AS gpus
        FROM livepeer_analytics.network_capabilities AS nc
        WHERE nc.event_timestamp >= w_from AND nc.event_timestamp < w_to
        GROUP BY k_event, k_orch, k_pipeline, k_model
        HAVING gpus >= 1
    ),
    dim AS
    (
        SELECT
            d.source_event_uid AS k_event,
            d.orchestrator_address AS k_orch,
            d.pipeline AS k_pipeline,
            d.model_id AS k_model,
            uniqExactIf(d.gpu_id, ifNull(d.gpu_id, '') != '') AS gpus,
            toUInt8(1) AS present
        FROM livepeer_analytics.dim_orchestrator_capability_snapshots AS d
        WHERE d.snapshot_ts >= w_from AND d.snapshot_ts < w_to
        GROUP BY k_event, k_orch, k_pipeline, k_model
    ),
    joined AS
    (
        SELECT
            t.gpus AS raw_gpus,
            ifNull(d.gpus, toUInt64(0)) AS dim_gpus,
            ifNull(d.present, toUInt8(0)) AS has_dim
        FROM typed AS t
        LEFT JOIN dim AS d
            ON d.k_event = t.k_event
           AND d.k_orch = t.k_orch
           AND d.k_pipeline = t.k_pipeline
           AND d.k_model = t.k_model
    )
SELECT
    toUInt64(raw_rows > 0 AND (loss_rows + expansion_rows + missing_dim_keys) > 0) AS failed_rows,
    (SELECT count() FROM typed) AS raw_rows,
    (SELECT count() FROM dim) AS dim_rows,
    countIf(has_dim = 1 AND dim_gpus < raw_gpus) AS loss_rows,
    countIf(has_dim = 1 AND dim_gpus > raw_gpus) AS expansion_rows,
    countIf(has_dim = 0) AS missing_dim_keys,
    sum(if(raw_gpus > dim_gpus, raw_gpus - dim_gpus, 0)) AS total_gpu_deficit,
    sum(if(dim_gpus > raw_gpus, dim_gpus - raw_gpus, 0)) AS total_gpu_surplus
FROM joined

-- TEST: capability_prices_key_multiplicity_guard
-- note: groups by raw_event_uid (spec README item 4) instead of source_event_id, so two id-less events are never one group. The reference key (no constraint_name, spec §6.2 item 10) is kept for duplicate_groups.
-- note: rewritten so it can fire (spec README item 8): the engine collapses equal ReplacingMergeTree keys already within one insert block (optimize_on_insert), so the duplicates the reference looked for are normally gone before any query; the test now also compares, per event and orchestrator, the price entries of the raw archive's broadcast with the typed price rows, and fails on lost rows, or on duplicate groups while the table's sorting key still lacks constraint_name.
-- expect: fails while migrations 0004/0005 key the price tables without constraint_name and an orchestrator quotes several prices for one capability (34 orchestrator entries of the 2026-02-25 fixture broadcasts do): the typed and dimension price rows of such an entry collapse to one at insert.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    groups AS
    (
        SELECT
            p.raw_event_uid AS k_event,
            lower(p.orchestrator_address) AS k_orch,
            p.capability_id AS k_capability,
            p.event_timestamp AS k_ts,
            count() AS rows_in_group
        FROM livepeer_analytics.network_capabilities_prices AS p
        WHERE p.event_timestamp >= w_from AND p.event_timestamp < w_to
        GROUP BY k_event, k_orch, k_capability, k_ts
        HAVING rows_in_group > 1
    ),
    raw_prices AS
    (
        SELECT
            e.raw_event_uid AS k_event,
            lower(trimBoth(JSONExtractString(o, 'address'))) AS k_orch,
            sum(if(JSONType(o, 'capabilities_prices') = 'Array', JSONLength(o, 'capabilities_prices'), 0)) AS raw_entries
        FROM livepeer_analytics.streaming_events AS e
        ARRAY JOIN if(JSONType(e.data) = 'Object', [e.data], JSONExtractArrayRaw(e.data)) AS o
        WHERE e.event_timestamp >= w_from AND e.event_timestamp < w_to
          AND e.type = 'network_capabilities'
          AND JSONType(o) = 'Object' AND JSONLength(o) > 0
        GROUP BY k_event, k_orch
    ),
    typed_prices AS
    (
        SELECT p.raw_event_uid AS k_event, lower(p.orchestrator_address) AS k_orch, count() AS typed_rows
        FROM livepeer_analytics.network_capabilities_prices AS p
        WHERE p.event_timestamp >= w_from AND p.event_timestamp < w_to
        GROUP BY k_event, k_orch
    ),
    compared AS
    (
        SELECT r.raw_entries AS raw_entries, ifNull(t.typed_rows, toUInt64(0)) AS typed_rows
        FROM raw_prices AS r
        LEFT JOIN typed_prices AS t ON t.k_event = r.k_event AND t.k_orch = r.k_orch
    ),
    (SELECT count() FROM groups) AS duplicate_groups,
    (SELECT sum(rows_in_group) FROM groups) AS duplicate_rows,
    (SELECT max(rows_in_group) FROM groups) AS max_rows_in_group,
    (SELECT sum(raw_entries) FROM compared) AS raw_price_entries,
    (SELECT sum(typed_rows) FROM compared) AS typed_price_rows,
    (SELECT sum(if(raw_entries > typed_rows, raw_entries - typed_rows, 0)) FROM compared) AS lost_price_rows,
    (SELECT countIf(raw_entries > typed_rows) FROM compared) AS orchestrators_with_lost_prices,
    (SELECT position(any(sorting_key), 'constraint_name') > 0 FROM system.tables
      WHERE database = 'livepeer_analytics' AND name = 'network_capabilities_prices') AS key_has_constraint_name
SELECT
    toUInt64(lost_price_rows > 0 OR (duplicate_groups > 0 AND NOT key_has_constraint_name)) AS failed_rows,
    duplicate_groups,
    duplicate_rows,
    max_rows_in_group,
    raw_price_entries,
    typed_price_rows,
    lost_price_rows,
    orchestrators_with_lost_prices,
    key_has_constraint_name

-- TEST: session_fact_present
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(uniqExact(workflow_session_id) = 0) AS failed_rows,
    uniqExact(workflow_session_id) AS sessions_window,
    count() AS session_rows_window
FROM livepeer_analytics.fact_workflow_sessions
WHERE session_start_ts >= w_from AND session_start_ts < w_to

-- TEST: core_raw_to_silver_gold_nonempty
-- note: decided deviation (spec README item 6): the raw archive holds accepted events only and a duplicate's uid is also the accepted original's uid, so the accepted estimate is the distinct raw uids that are not DLQ rejects, not max(raw - rejected, 0) (which a replayed, quarantined copy of every event would drive to 0). Distinct ids are counted on raw_event_uid (spec README item 4).
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    ['ai_stream_status', 'stream_trace', 'ai_stream_events', 'stream_ingest_metrics'] AS core_types,
    raw_uids AS
    (
        SELECT DISTINCT e.raw_event_uid AS uid
        FROM livepeer_analytics.streaming_events AS e
        WHERE e.event_timestamp >= w_from AND e.event_timestamp < w_to
          AND has(core_types, e.type)
    ),
    dlq_uids AS
    (
        SELECT DISTINCT d.raw_event_uid AS uid
        FROM livepeer_analytics.streaming_events_dlq AS d
        WHERE ifNull(d.event_timestamp, d.source_record_timestamp) >= w_from
          AND ifNull(d.event_timestamp, d.source_record_timestamp) < w_to
          AND has(core_types, d.event_type)
          AND d.raw_event_uid != ''
    ),
    rejected_uids AS
    (
        SELECT uid FROM dlq_uids
        UNION DISTINCT
        SELECT q.raw_event_uid AS uid
        FROM livepeer_analytics.streaming_events_quarantine AS q
        WHERE ifNull(q.event_timestamp, q.source_record_timestamp) >= w_from
          AND ifNull(q.event_timestamp, q.source_record_timestamp) < w_to
          AND has(core_types, q.event_type)
          AND q.raw_event_uid != ''
    ),
    (SELECT count() FROM raw_uids) AS raw_distinct_ids,
    (SELECT count() FROM rejected_uids) AS rejected_distinct_ids,
    (SELECT count() FROM raw_uids WHERE uid NOT IN (SELECT uid FROM dlq_uids)) AS accepted_distinct_ids_est,
    (SELECT count() FROM livepeer_analytics.fact_stream_status_samples
      WHERE sample_ts >= w_from AND sample_ts < w_to) AS status_rows,
    (SELECT count() FROM livepeer_analytics.fact_stream_trace_edges
      WHERE edge_ts >= w_from AND edge_ts < w_to) AS trace_rows,
    (SELECT count() FROM livepeer_analytics.fact_workflow_sessions
      WHERE session_start_ts >= w_from AND session_start_ts < w_to) AS session_rows
SELECT
    toUInt64(raw_distinct_ids = 0 OR accepted_distinct_ids_est = 0
             OR status_rows = 0 OR trace_rows = 0 OR session_rows = 0) AS failed_rows,
    raw_distinct_ids,
    rejected_distinct_ids,
    accepted_distinct_ids_est,
    status_rows,
    trace_rows,
    session_rows

-- TEST: network_capabilities_raw_and_typed_present
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    (SELECT count() FROM livepeer_analytics.streaming_events
      WHERE event_timestamp >= w_from AND event_timestamp < w_to
        AND type = 'network_capabilities') AS raw_rows,
    (SELECT count() FROM livepeer_analytics.network_capabilities
      WHERE event_timestamp >= w_from AND event_timestamp < w_to) AS typed_rows
SELECT
    toUInt64(raw_rows = 0 OR typed_rows = 0) AS failed_rows,
    raw_rows,
    typed_rows
-- TEST: status_raw_to_silver_projection
-- note: decided deviation (spec README item 4): the typed-side uid is raw_event_uid (the reference hashed raw_json with SHA-256), and the silver side carries it as source_event_uid.
-- note: rewritten so it can fire (spec §6.4): missing and silver-only keys are found with NOT IN / a marker column instead of a right-side IS NULL test. A typed uid's silver rows are looked up by uid without a time filter (and a silver uid's typed rows likewise), so a row whose sample_ts and event_timestamp fall on different sides of a window edge is not reported missing.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    typed AS
    (
        SELECT t.raw_event_uid AS uid, count() AS n
        FROM livepeer_analytics.ai_stream_status AS t
        WHERE t.event_timestamp >= w_from AND t.event_timestamp < w_to
        GROUP BY uid
    ),
    silver AS
    (
        SELECT f.source_event_uid AS uid, count() AS n
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.sample_ts >= w_from AND f.sample_ts < w_to
        GROUP BY uid
    ),
    silver_of_typed AS
    (
        SELECT f.source_event_uid AS uid, count() AS n, toUInt8(1) AS present
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.source_event_uid IN (SELECT uid FROM typed)
        GROUP BY uid
    ),
    typed_of_silver AS
    (
        SELECT DISTINCT t.raw_event_uid AS uid
        FROM livepeer_analytics.ai_stream_status AS t
        WHERE t.raw_event_uid IN (SELECT uid FROM silver)
    ),
    cmp AS
    (
        SELECT
            t.n AS typed_n,
            ifNull(s.n, toUInt64(0)) AS silver_n,
            ifNull(s.present, toUInt8(0)) AS in_silver
        FROM typed AS t
        LEFT JOIN silver_of_typed AS s ON s.uid = t.uid
    ),
    (SELECT count() FROM typed) AS typed_keys,
    (SELECT count() FROM silver) AS silver_keys,
    (SELECT sum(n) FROM typed) AS typed_rows,
    (SELECT sum(n) FROM silver) AS silver_rows,
    (SELECT count() FROM silver WHERE uid NOT IN (SELECT uid FROM typed_of_silver)) AS silver_only_keys
SELECT
    toUInt64(NOT (typed_keys = 0 AND silver_keys = 0)
             AND (missing_in_silver + multiplicity_mismatch + silver_only_keys) > 0) AS failed_rows,
    typed_keys,
    silver_keys,
    countIf(in_silver = 0) AS missing_in_silver,
    countIf(in_silver = 1 AND silver_n != typed_n) AS multiplicity_mismatch,
    silver_only_keys,
    sum(if(typed_n > silver_n, typed_n - silver_n, 0)) AS total_row_deficit,
    sum(if(silver_n > typed_n, silver_n - typed_n, 0)) AS total_row_excess,
    typed_rows,
    silver_rows
FROM cmp

-- TEST: trace_raw_to_silver_projection
-- note: decided deviation (spec README item 4): the typed-side uid is raw_event_uid (the reference hashed raw_json with SHA-256), and the silver side carries it as source_event_uid.
-- note: rewritten so it can fire (spec §6.4): missing and silver-only keys are found with NOT IN / a marker column instead of a right-side IS NULL test. A typed uid's silver rows are looked up by uid without a time filter (and a silver uid's typed rows likewise), so a row whose edge_ts and event_timestamp fall on different sides of a window edge is not reported missing.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    typed AS
    (
        SELECT t.raw_event_uid AS uid, count() AS n
        FROM livepeer_analytics.stream_trace_events AS t
        WHERE t.event_timestamp >= w_from AND t.event_timestamp < w_to
        GROUP BY uid
    ),
    silver AS
    (
        SELECT f.source_event_uid AS uid, count() AS n
        FROM livepeer_analytics.fact_stream_trace_edges AS f
        WHERE f.edge_ts >= w_from AND f.edge_ts < w_to
        GROUP BY uid
    ),
    silver_of_typed AS
    (
        SELECT f.source_event_uid AS uid, count() AS n, toUInt8(1) AS present
        FROM livepeer_analytics.fact_stream_trace_edges AS f
        WHERE f.source_event_uid IN (SELECT uid FROM typed)
        GROUP BY uid
    ),
    typed_of_silver AS
    (
        SELECT DISTINCT t.raw_event_uid AS uid
        FROM livepeer_analytics.stream_trace_events AS t
        WHERE t.raw_event_uid IN (SELECT uid FROM silver)
    ),
    cmp AS
    (
        SELECT
            t.n AS typed_n,
            ifNull(s.n, toUInt64(0)) AS silver_n,
            ifNull(s.present, toUInt8(0)) AS in_silver
        FROM typed AS t
        LEFT JOIN silver_of_typed AS s ON s.uid = t.uid
    ),
    (SELECT count() FROM typed) AS typed_keys,
    (SELECT count() FROM silver) AS silver_keys,
    (SELECT sum(n) FROM typed) AS typed_rows,
    (SELECT sum(n) FROM silver) AS silver_rows,
    (SELECT count() FROM silver WHERE uid NOT IN (SELECT uid FROM typed_of_silver)) AS silver_only_keys
SELECT
    toUInt64(NOT (typed_keys = 0 AND silver_keys = 0)
             AND (missing_in_silver + multiplicity_mismatch + silver_only_keys) > 0) AS failed_rows,
    typed_keys,
    silver_keys,
    countIf(in_silver = 0) AS missing_in_silver,
    countIf(in_silver = 1 AND silver_n != typed_n) AS multiplicity_mismatch,
    silver_only_keys,
    sum(if(typed_n > silver_n, typed_n - silver_n, 0)) AS total_row_deficit,
    sum(if(silver_n > typed_n, silver_n - typed_n, 0)) AS total_row_excess,
    typed_rows,
    silver_rows
FROM cmp

-- TEST: ingest_raw_to_silver_projection
-- note: decided deviation (spec README item 4): the typed-side uid is raw_event_uid (the reference used toString(cityHash64(raw_json)); the ingest MV copies raw_event_uid), and the silver side carries it as source_event_uid.
-- note: rewritten so it can fire (spec §6.4): missing and silver-only keys are found with NOT IN / a marker column instead of a right-side IS NULL test. A typed uid's silver rows are looked up by uid without a time filter (and a silver uid's typed rows likewise), so a row whose sample_ts and event_timestamp fall on different sides of a window edge is not reported missing.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    typed AS
    (
        SELECT t.raw_event_uid AS uid, count() AS n
        FROM livepeer_analytics.stream_ingest_metrics AS t
        WHERE t.event_timestamp >= w_from AND t.event_timestamp < w_to
        GROUP BY uid
    ),
    silver AS
    (
        SELECT f.source_event_uid AS uid, count() AS n
        FROM livepeer_analytics.fact_stream_ingest_samples AS f
        WHERE f.sample_ts >= w_from AND f.sample_ts < w_to
        GROUP BY uid
    ),
    silver_of_typed AS
    (
        SELECT f.source_event_uid AS uid, count() AS n, toUInt8(1) AS present
        FROM livepeer_analytics.fact_stream_ingest_samples AS f
        WHERE f.source_event_uid IN (SELECT uid FROM typed)
        GROUP BY uid
    ),
    typed_of_silver AS
    (
        SELECT DISTINCT t.raw_event_uid AS uid
        FROM livepeer_analytics.stream_ingest_metrics AS t
        WHERE t.raw_event_uid IN (SELECT uid FROM silver)
    ),
    cmp AS
    (
        SELECT
            t.n AS typed_n,
            ifNull(s.n, toUInt64(0)) AS silver_n,
            ifNull(s.present, toUInt8(0)) AS in_silver
        FROM typed AS t
        LEFT JOIN silver_of_typed AS s ON s.uid = t.uid
    ),
    (SELECT count() FROM typed) AS typed_keys,
    (SELECT count() FROM silver) AS silver_keys,
    (SELECT sum(n) FROM typed) AS typed_rows,
    (SELECT sum(n) FROM silver) AS silver_rows,
    (SELECT count() FROM silver WHERE uid NOT IN (SELECT uid FROM typed_of_silver)) AS silver_only_keys
SELECT
    toUInt64(NOT (typed_keys = 0 AND silver_keys = 0)
             AND (missing_in_silver + multiplicity_mismatch + silver_only_keys) > 0) AS failed_rows,
    typed_keys,
    silver_keys,
    countIf(in_silver = 0) AS missing_in_silver,
    countIf(in_silver = 1 AND silver_n != typed_n) AS multiplicity_mismatch,
    silver_only_keys,
    sum(if(typed_n > silver_n, typed_n - silver_n, 0)) AS total_row_deficit,
    sum(if(silver_n > typed_n, silver_n - typed_n, 0)) AS total_row_excess,
    typed_rows,
    silver_rows
FROM cmp

-- TEST: session_final_uniqueness
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    per_version AS
    (
        SELECT s.workflow_session_id AS sid, s.version AS v, count() AS n
        FROM livepeer_analytics.fact_workflow_sessions AS s FINAL
        WHERE s.session_start_ts >= w_from AND s.session_start_ts < w_to
        GROUP BY sid, v
    ),
    per_session AS
    (
        SELECT sid, argMax(n, v) AS rows_at_max_version
        FROM per_version
        GROUP BY sid
    )
SELECT
    countIf(rows_at_max_version != 1) AS failed_rows,
    count() AS unique_sessions_checked
FROM per_session

-- TEST: workflow_session_has_identifier
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    countIf(s.workflow_session_id = '') AS failed_rows,
    count() AS total_rows
FROM livepeer_analytics.fact_workflow_sessions AS s FINAL
WHERE s.session_start_ts >= w_from AND s.session_start_ts < w_to

-- TEST: swap_signal_split_consistency
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    countIf(s.swap_count != s.confirmed_swap_count) AS failed_rows,
    count() AS rows_checked
FROM livepeer_analytics.fact_workflow_sessions AS s FINAL
WHERE s.session_start_ts >= w_from AND s.session_start_ts < w_to

-- TEST: gold_sessions_use_canonical_orchestrator_identity
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    cap_wallets AS
    (
        SELECT DISTINCT lower(nc.orchestrator_address) AS wallet
        FROM livepeer_analytics.network_capabilities AS nc
        WHERE nc.event_timestamp >= w_from AND nc.event_timestamp < w_to
          AND nc.orchestrator_address != ''
    ),
    session_orchs AS
    (
        SELECT lower(ls.orchestrator_address) AS orch
        FROM latest_sessions AS ls
        WHERE ls.session_start_ts >= w_from AND ls.session_start_ts < w_to
          AND ls.orchestrator_address != ''
    ),
    (SELECT count() FROM cap_wallets) AS cap_wallet_count
SELECT
    if(cap_wallet_count = 0, toUInt64(0), noncanonical_session_orchestrators) AS failed_rows,
    countIf(orch NOT IN (SELECT wallet FROM cap_wallets)) AS noncanonical_session_orchestrators,
    count() AS session_orchestrators_checked,
    cap_wallet_count AS capability_wallets
FROM session_orchs

-- TEST: swapped_sessions_have_evidence
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    swapped AS
    (
        SELECT DISTINCT s.workflow_session_id AS sid
        FROM livepeer_analytics.fact_workflow_sessions AS s FINAL
        WHERE s.session_start_ts >= w_from AND s.session_start_ts < w_to
          AND (s.confirmed_swap_count > 0 OR s.inferred_orchestrator_change_count > 0)
    ),
    multi_orch_segments AS
    (
        SELECT g.workflow_session_id AS sid
        FROM livepeer_analytics.fact_workflow_session_segments AS g FINAL
        WHERE g.segment_start_ts >= w_from AND g.segment_start_ts < w_to
        GROUP BY sid
        HAVING uniqExactIf(lower(g.orchestrator_address), g.orchestrator_address != '') >= 2
    ),
    swap_edges AS
    (
        SELECT DISTINCT e.workflow_session_id AS sid
        FROM livepeer_analytics.fact_stream_trace_edges AS e
        WHERE e.edge_ts >= w_from AND e.edge_ts < w_to
          AND e.is_swap_event > 0
    ),
    without_evidence AS
    (
        SELECT sid
        FROM swapped
        WHERE sid NOT IN (SELECT sid FROM multi_orch_segments)
          AND sid NOT IN (SELECT sid FROM swap_edges)
    )
SELECT
    count() AS failed_rows,
    count() AS swapped_without_evidence,
    (SELECT count() FROM swapped) AS swapped_sessions_checked,
    groupArray(20)(sid) AS failing_workflow_session_ids
FROM without_evidence

-- TEST: param_updates_reference_existing_session
-- note: rewritten so it can fire (spec §6.4): orphans are found with NOT IN over the session ids, not a LEFT JOIN with a right-side IS NULL test. The id set is the same with or without FINAL, so FINAL is not used.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    countIf(p.workflow_session_id NOT IN (
        SELECT DISTINCT s.workflow_session_id FROM livepeer_analytics.fact_workflow_sessions AS s
    )) AS failed_rows,
    failed_rows AS orphan_param_updates,
    count() AS param_updates_checked
FROM livepeer_analytics.fact_workflow_param_updates AS p
WHERE p.update_ts >= w_from AND p.update_ts < w_to

-- TEST: lifecycle_session_pipeline_model_compatible
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    )
SELECT
    toUInt64(collapsed_semantic_rows > 0) AS failed_rows,
    countIf(ls.gpu_attribution_method != 'none'
            AND ls.pipeline != '' AND ifNull(ls.model_id, '') != ''
            AND lowerUTF8(ls.pipeline) = lowerUTF8(ifNull(ls.model_id, ''))) AS collapsed_semantic_rows,
    countIf(ls.gpu_attribution_method = 'none') AS unattributed_rows,
    countIf(ls.gpu_attribution_method != 'none') AS rows_checked
FROM latest_sessions AS ls
WHERE ls.session_start_ts >= w_from AND ls.session_start_ts < w_to

-- TEST: session_to_segment_pipeline_model_consistency
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    latest_segments AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_session_segments
        ORDER BY workflow_session_id ASC, segment_index ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id, segment_index
    ),
    joined AS
    (
        SELECT
            ls.gpu_attribution_method != 'none' AS attributed,
            ifNull(ls.model_id, '') AS session_model,
            ifNull(g.model_id, '') AS segment_model
        FROM latest_segments AS g
        INNER JOIN latest_sessions AS ls ON ls.workflow_session_id = g.workflow_session_id
        WHERE g.segment_start_ts >= w_from AND g.segment_start_ts < w_to
          AND ls.session_start_ts >= w_from AND ls.session_start_ts < w_to
    )
SELECT
    toUInt64(session_segment_model_mismatches > 0) AS failed_rows,
    countIf(attributed AND session_model != '' AND segment_model != ''
            AND lowerUTF8(session_model) != lowerUTF8(segment_model)) AS session_segment_model_mismatches,
    countIf(attributed) AS rows_checked,
    countIf(NOT attributed) AS unattributed_rows,
    countIf(attributed AND session_model != '' AND segment_model != '') AS comparable_rows,
    countIf(attributed AND segment_model = '') AS missing_segment_model_rows
FROM joined

-- TEST: session_to_latency_pipeline_model_consistency
-- note: rewritten so it can fire (spec §6.4): a session without a latency row is detected with a marker column, not a right-side IS NULL test.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    latest_latency AS
    (
        SELECT l.workflow_session_id AS sid, l.pipeline AS pipeline, ifNull(l.model_id, '') AS model,
               toUInt8(1) AS present
        FROM
        (
            SELECT *
            FROM livepeer_analytics.fact_workflow_latency_samples
            ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
            LIMIT 1 BY workflow_session_id
        ) AS l
        WHERE l.sample_ts >= w_from AND l.sample_ts < w_to
    ),
    joined AS
    (
        SELECT
            ls.pipeline AS s_pipeline,
            ifNull(ls.model_id, '') AS s_model,
            ifNull(lat.present, toUInt8(0)) AS has_latency,
            lat.pipeline AS l_pipeline,
            lat.model AS l_model
        FROM latest_sessions AS ls
        LEFT JOIN latest_latency AS lat ON lat.sid = ls.workflow_session_id
        WHERE ls.session_start_ts >= w_from AND ls.session_start_ts < w_to
          AND ls.gpu_attribution_method != 'none'
    )
SELECT
    toUInt64((pipeline_mismatch_rows + model_mismatch_rows) > 0) AS failed_rows,
    countIf(has_latency = 1 AND s_pipeline != '' AND ifNull(l_pipeline, '') != ''
            AND lowerUTF8(s_pipeline) != lowerUTF8(ifNull(l_pipeline, ''))) AS pipeline_mismatch_rows,
    countIf(has_latency = 1 AND s_model != '' AND ifNull(l_model, '') != ''
            AND lowerUTF8(s_model) != lowerUTF8(ifNull(l_model, ''))) AS model_mismatch_rows,
    count() AS rows_checked,
    countIf(has_latency = 1 AND s_pipeline != '' AND ifNull(l_pipeline, '') != '') AS comparable_pipeline_rows,
    countIf(has_latency = 1 AND s_model != '' AND ifNull(l_model, '') != '') AS comparable_model_rows,
    countIf(has_latency = 0) AS missing_latency_rows
FROM joined

-- TEST: session_to_status_projection_consistency
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    joined AS
    (
        SELECT
            f.pipeline AS st_pipeline,
            ifNull(f.model_id, '') AS st_model,
            ls.pipeline AS s_pipeline,
            ifNull(ls.model_id, '') AS s_model,
            multiIf(f.pipeline != '', f.pipeline,
                    ifNull(f.model_id, '') != '' AND ifNull(ls.model_id, '') != ''
                        AND lowerUTF8(ifNull(f.model_id, '')) = lowerUTF8(ifNull(ls.model_id, '')), ls.pipeline,
                    '') AS resolved_pipeline
        FROM livepeer_analytics.fact_stream_status_samples AS f
        INNER JOIN latest_sessions AS ls ON ls.workflow_session_id = f.workflow_session_id
        WHERE f.sample_ts >= w_from AND f.sample_ts < w_to
          AND ls.session_start_ts >= w_from AND ls.session_start_ts < w_to
    )
SELECT
    toUInt64(comparable_pipeline_rows > 0 AND comparable_model_rows > 0
             AND pipeline_mismatch_rows = comparable_pipeline_rows
             AND model_mismatch_rows = comparable_model_rows) AS failed_rows,
    multiIf(comparable_pipeline_rows = 0 AND comparable_model_rows = 0, 'INFO',
            failed_rows > 0, 'FAIL',
            pipeline_mismatch_rows + model_mismatch_rows > 0, 'WARN',
            'PASS') AS status,
    countIf(resolved_pipeline != '' AND s_pipeline != ''
            AND lowerUTF8(resolved_pipeline) != lowerUTF8(s_pipeline)) AS pipeline_mismatch_rows,
    countIf(st_model != '' AND s_model != '' AND lowerUTF8(st_model) != lowerUTF8(s_model)) AS model_mismatch_rows,
    countIf(st_pipeline = '') AS missing_status_pipeline_rows,
    count() AS rows_checked,
    countIf(resolved_pipeline != '' AND s_pipeline != '') AS comparable_pipeline_rows,
    countIf(st_model != '' AND s_model != '') AS comparable_model_rows
FROM joined

-- TEST: status_vs_segment_identity_consistency
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    status_rows AS
    (
        SELECT
            f.workflow_session_id AS sid,
            f.sample_ts AS ts,
            lower(f.orchestrator_address) AS orch,
            f.pipeline AS pipeline,
            ifNull(f.model_id, '') AS model,
            ifNull(f.gpu_id, '') AS gpu
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.sample_ts >= w_from AND f.sample_ts < w_to
          AND f.is_attributed = 1
    ),
    segments AS
    (
        SELECT
            g.workflow_session_id AS sid,
            g.segment_start_ts AS start_ts,
            g.segment_end_ts AS end_ts,
            lower(g.orchestrator_address) AS orch,
            g.pipeline AS pipeline,
            ifNull(g.model_id, '') AS model,
            ifNull(g.gpu_id, '') AS gpu,
            toUInt8(1) AS present
        FROM
        (
            SELECT *
            FROM livepeer_analytics.fact_workflow_session_segments
            ORDER BY workflow_session_id ASC, segment_index ASC, version DESC, ingestion_timestamp DESC
            LIMIT 1 BY workflow_session_id, segment_index
        ) AS g
    ),
    joined AS
    (
        SELECT
            ifNull(g.present, toUInt8(0)) = 1
                AND g.start_ts > toDateTime64('1970-01-01 00:00:00', 3, 'UTC')
                AND (g.end_ts IS NULL OR s.ts < g.end_ts) AS matched,
            s.orch != g.orch
                OR (s.pipeline != '' AND g.pipeline != '' AND lowerUTF8(s.pipeline) != lowerUTF8(g.pipeline))
                OR (s.model != '' AND g.model != '' AND lowerUTF8(s.model) != lowerUTF8(g.model))
                OR (s.gpu != '' AND g.gpu != '' AND lowerUTF8(s.gpu) != lowerUTF8(g.gpu)) AS differs
        FROM status_rows AS s
        ASOF LEFT JOIN segments AS g
            ON g.sid = s.sid AND s.ts >= g.start_ts
    )
SELECT
    toUInt64(rows_checked > 0 AND identity_mismatch_rows = rows_checked) AS failed_rows,
    multiIf(rows_checked = 0, 'INFO',
            failed_rows > 0, 'FAIL',
            identity_mismatch_rows + missing_segment_match_rows > 0, 'WARN',
            'PASS') AS status,
    countIf(matched AND differs) AS identity_mismatch_rows,
    countIf(NOT matched) AS missing_segment_match_rows,
    count() AS rows_checked
FROM joined

-- TEST: latency_vs_segment_identity_consistency
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    latency_rows AS
    (
        SELECT
            l.workflow_session_id AS sid,
            l.sample_ts AS ts,
            lower(l.orchestrator_address) AS orch,
            l.pipeline AS pipeline,
            ifNull(l.model_id, '') AS model,
            ifNull(l.gpu_id, '') AS gpu
        FROM
        (
            SELECT *
            FROM livepeer_analytics.fact_workflow_latency_samples
            ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
            LIMIT 1 BY workflow_session_id
        ) AS l
        WHERE l.sample_ts >= w_from AND l.sample_ts < w_to
    ),
    segments AS
    (
        SELECT
            g.workflow_session_id AS sid,
            g.segment_start_ts AS start_ts,
            g.segment_end_ts AS end_ts,
            lower(g.orchestrator_address) AS orch,
            g.pipeline AS pipeline,
            ifNull(g.model_id, '') AS model,
            ifNull(g.gpu_id, '') AS gpu,
            toUInt8(1) AS present
        FROM
        (
            SELECT *
            FROM livepeer_analytics.fact_workflow_session_segments
            ORDER BY workflow_session_id ASC, segment_index ASC, version DESC, ingestion_timestamp DESC
            LIMIT 1 BY workflow_session_id, segment_index
        ) AS g
    ),
    joined AS
    (
        SELECT
            ifNull(g.present, toUInt8(0)) = 1
                AND g.start_ts > toDateTime64('1970-01-01 00:00:00', 3, 'UTC')
                AND (g.end_ts IS NULL OR s.ts < g.end_ts) AS matched,
            s.orch != g.orch
                OR (s.pipeline != '' AND g.pipeline != '' AND lowerUTF8(s.pipeline) != lowerUTF8(g.pipeline))
                OR (s.model != '' AND g.model != '' AND lowerUTF8(s.model) != lowerUTF8(g.model))
                OR (s.gpu != '' AND g.gpu != '' AND lowerUTF8(s.gpu) != lowerUTF8(g.gpu)) AS differs
        FROM latency_rows AS s
        ASOF LEFT JOIN segments AS g
            ON g.sid = s.sid AND s.ts >= g.start_ts
    )
SELECT
    toUInt64(rows_checked > 0 AND identity_mismatch_rows = rows_checked) AS failed_rows,
    multiIf(rows_checked = 0, 'INFO',
            failed_rows > 0, 'FAIL',
            identity_mismatch_rows + missing_segment_match_rows > 0, 'WARN',
            'PASS') AS status,
    countIf(matched AND differs) AS identity_mismatch_rows,
    countIf(NOT matched) AS missing_segment_match_rows,
    count() AS rows_checked
FROM joined

-- TEST: proxy_to_canonical_multiplicity_guard
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    caps AS
    (
        SELECT
            lower(nc.local_address) AS proxy,
            lower(nc.orch_uri) AS uri,
            lower(nc.orchestrator_address) AS orch
        FROM livepeer_analytics.network_capabilities AS nc
        WHERE nc.event_timestamp >= w_from AND nc.event_timestamp < w_to
          AND nc.local_address != '' AND nc.orchestrator_address != ''
    ),
    by_proxy_uri AS (SELECT proxy, uri, uniqExact(orch) AS canonicals FROM caps GROUP BY proxy, uri),
    by_proxy AS (SELECT proxy, uniqExact(orch) AS canonicals FROM caps GROUP BY proxy),
    (SELECT countIf(canonicals > 1) FROM by_proxy_uri) AS proxy_uri_multi_canonical_rows,
    (SELECT countIf(canonicals > 1) FROM by_proxy) AS proxy_multi_canonical_rows,
    (SELECT count() FROM by_proxy) AS proxies_checked,
    (SELECT count() FROM by_proxy_uri) AS proxy_uri_keys_checked
SELECT
    toUInt64(proxy_uri_multi_canonical_rows > 0) AS failed_rows,
    multiIf(proxies_checked = 0, 'INFO',
            proxy_uri_multi_canonical_rows > 0, 'FAIL',
            proxy_multi_canonical_rows > 0, 'WARN',
            'PASS') AS status,
    proxy_multi_canonical_rows,
    proxy_uri_multi_canonical_rows,
    proxies_checked,
    proxy_uri_keys_checked

-- TEST: session_summary_change_flags_consistency
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    segment_stats AS
    (
        SELECT
            g.workflow_session_id AS sid,
            uniqExactIf(ifNull(g.model_id, ''), ifNull(g.model_id, '') != '') AS segment_models,
            uniqExactIf(g.pipeline, g.pipeline != '') AS segment_pipelines
        FROM
        (
            SELECT *
            FROM livepeer_analytics.fact_workflow_session_segments
            ORDER BY workflow_session_id ASC, segment_index ASC, version DESC, ingestion_timestamp DESC
            LIMIT 1 BY workflow_session_id, segment_index
        ) AS g
        GROUP BY sid
    ),
    joined AS
    (
        SELECT
            ls.has_model_change AS has_model_change,
            ls.has_pipeline_change AS has_pipeline_change,
            ifNull(st.segment_models, toUInt64(0)) AS segment_models,
            ifNull(st.segment_pipelines, toUInt64(0)) AS segment_pipelines
        FROM latest_sessions AS ls
        LEFT JOIN segment_stats AS st ON st.sid = ls.workflow_session_id
        WHERE ls.session_start_ts >= w_from AND ls.session_start_ts < w_to
    )
SELECT
    toUInt64((model_flag_mismatch_rows + pipeline_flag_mismatch_rows) > 0) AS failed_rows,
    countIf(has_model_change = 0 AND segment_models > 1) AS model_flag_mismatch_rows,
    countIf(has_pipeline_change = 0 AND segment_pipelines > 1) AS pipeline_flag_mismatch_rows,
    count() AS rows_checked
FROM joined

-- TEST: lifecycle_unattributed_pipeline_not_model_id
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    )
SELECT
    toUInt64(bad_rows > 0) AS failed_rows,
    countIf(ls.pipeline != '' AND ifNull(ls.model_id, '') != ''
            AND lowerUTF8(ls.pipeline) = lowerUTF8(ifNull(ls.model_id, ''))) AS bad_rows,
    count() AS rows_checked
FROM latest_sessions AS ls
WHERE ls.session_start_ts >= w_from AND ls.session_start_ts < w_to
  AND ls.gpu_attribution_method = 'none'

-- TEST: trace_edge_pipeline_model_coverage
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    eligible AS
    (
        SELECT ls.workflow_session_id AS sid
        FROM latest_sessions AS ls
        WHERE ls.session_start_ts >= w_from AND ls.session_start_ts < w_to
          AND ls.gpu_attribution_method != 'none'
          AND ls.pipeline != '' AND ifNull(ls.model_id, '') != ''
    ),
    covered AS
    (
        SELECT DISTINCT e.workflow_session_id AS sid
        FROM livepeer_analytics.fact_stream_trace_edges AS e
        WHERE e.edge_ts >= w_from AND e.edge_ts < w_to
          AND e.pipeline != '' AND ifNull(e.model_id, '') != ''
    )
SELECT
    toUInt64(attributed_sessions_checked > 0 AND uncovered_sessions = attributed_sessions_checked) AS failed_rows,
    multiIf(attributed_sessions_checked = 0, 'INFO',
            failed_rows > 0, 'FAIL',
            uncovered_sessions > 0, 'WARN',
            'PASS') AS status,
    countIf(sid NOT IN (SELECT sid FROM covered)) AS uncovered_sessions,
    count() AS attributed_sessions_checked
FROM eligible

-- TEST: latest_sessions_vs_segment_session_ids
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    ranked AS
    (
        SELECT
            s.workflow_session_id AS sid,
            row_number() OVER (PARTITION BY s.workflow_session_id
                               ORDER BY s.version DESC, s.session_start_ts DESC, s.session_end_ts DESC) AS rn
        FROM livepeer_analytics.fact_workflow_sessions AS s FINAL
        WHERE s.session_start_ts >= w_from AND s.session_start_ts < w_to
    ),
    (SELECT countIf(rn = 1) FROM ranked) AS sessions_latest,
    (SELECT uniqExact(g.workflow_session_id)
       FROM livepeer_analytics.fact_workflow_session_segments AS g FINAL
      WHERE g.segment_start_ts >= w_from AND g.segment_start_ts < w_to) AS segment_session_ids
SELECT
    toUInt64(segment_session_ids > sessions_latest) AS failed_rows,
    sessions_latest,
    segment_session_ids,
    toInt64(sessions_latest) - toInt64(segment_session_ids) AS delta,
    multiIf(segment_session_ids > sessions_latest, 'FAIL',
            toInt64(sessions_latest) - toInt64(segment_session_ids) <= 1, 'PASS',
            'WARN') AS status

-- TEST: raw_session_rows_vs_latest_sessions
-- note: rewritten so it can fail: computed from one table, "raw rows < latest sessions" can never fire (every latest row is one of the raw rows). sessions_latest is now counted on the served latest sessions, v_api_session_identity (one row per session from its latest version, warehouse spec §1.7), and the test also fails when that view disagrees with the latest sessions recomputed from the raw rows: a different count in the window, a session listed twice, or a latest_version that is not the session's highest version.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    (SELECT count() FROM livepeer_analytics.fact_workflow_sessions AS s
      WHERE s.session_start_ts >= w_from AND s.session_start_ts < w_to) AS sessions_raw,
    (SELECT count() FROM
        (
            SELECT *
            FROM livepeer_analytics.fact_workflow_sessions
            ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
            LIMIT 1 BY workflow_session_id
        ) AS ls
      WHERE ls.session_start_ts >= w_from AND ls.session_start_ts < w_to) AS sessions_latest_recomputed,
    (SELECT count() FROM livepeer_analytics.v_api_session_identity AS i
      WHERE i.session_start_ts >= w_from AND i.session_start_ts < w_to) AS sessions_latest,
    (SELECT count() - uniqExact(i.workflow_session_id) FROM livepeer_analytics.v_api_session_identity AS i) AS duplicated_identity_rows,
    (SELECT count() FROM livepeer_analytics.v_api_session_identity AS i
      WHERE (i.workflow_session_id, i.latest_version) NOT IN
            (SELECT workflow_session_id, max(version) FROM livepeer_analytics.fact_workflow_sessions
             GROUP BY workflow_session_id)) AS stale_identity_rows
SELECT
    toUInt64(sessions_raw < sessions_latest OR sessions_latest != sessions_latest_recomputed
             OR duplicated_identity_rows > 0 OR stale_identity_rows > 0) AS failed_rows,
    sessions_raw,
    sessions_latest,
    sessions_latest_recomputed,
    duplicated_identity_rows,
    stale_identity_rows,
    toInt64(sessions_raw) - toInt64(sessions_latest) AS delta,
    multiIf(failed_rows > 0, 'FAIL', sessions_latest = 0, 'INFO', 'PASS') AS status

-- TEST: segment_rows_vs_segment_session_ids
-- note: rewritten so it can fail: "segment rows < distinct segment session ids" on one table can never fire (each id has at least one row). A session's segments are numbered 0, 1, 2, ... without gaps (lifecycle spec §5.2: a new segment opens only at segment_index + 1), so the test also counts, per session with a segment starting in the window, its latest segment rows against the count its highest index implies; failed_rows = the sessions with a missing segment index (or a first index other than 0), plus 1 when the reference condition fires.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    window_segments AS
    (
        SELECT g.workflow_session_id AS sid
        FROM livepeer_analytics.fact_workflow_session_segments AS g
        WHERE g.segment_start_ts >= w_from AND g.segment_start_ts < w_to
    ),
    per_session AS
    (
        SELECT
            l.workflow_session_id AS sid,
            count() AS latest_segments,
            min(l.segment_index) AS first_index,
            max(l.segment_index) AS last_index
        FROM
        (
            SELECT workflow_session_id, segment_index
            FROM livepeer_analytics.fact_workflow_session_segments
            WHERE workflow_session_id IN (SELECT sid FROM window_segments)
            ORDER BY workflow_session_id ASC, segment_index ASC, version DESC, ingestion_timestamp DESC
            LIMIT 1 BY workflow_session_id, segment_index
        ) AS l
        GROUP BY sid
    ),
    (SELECT count() FROM window_segments) AS segment_rows,
    (SELECT uniqExact(sid) FROM window_segments) AS segment_session_ids,
    (SELECT countIf(first_index != 0 OR latest_segments != toUInt64(last_index) + 1) FROM per_session) AS sessions_with_index_gaps
SELECT
    toUInt64(segment_rows < segment_session_ids) + sessions_with_index_gaps AS failed_rows,
    segment_rows,
    segment_session_ids,
    sessions_with_index_gaps,
    toInt64(segment_rows) - toInt64(segment_session_ids) AS delta,
    multiIf(failed_rows > 0, 'FAIL', segment_rows = 0, 'INFO', 'PASS') AS status

-- TEST: mixed_known_stream_versions
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    per_session AS
    (
        SELECT
            s.workflow_session_id AS sid,
            uniqExact(s.known_stream) AS known_values,
            argMin(s.known_stream, s.version) AS first_known,
            argMax(s.known_stream, s.version) AS last_known
        FROM livepeer_analytics.fact_workflow_sessions AS s
        WHERE s.session_start_ts >= w_from AND s.session_start_ts < w_to
        GROUP BY sid
    )
SELECT
    toUInt64(regressive_sessions > 0) AS failed_rows,
    countIf(known_values > 1) AS sessions_with_known_stream_transitions,
    countIf(known_values > 1 AND first_known = 1 AND last_known = 0) AS regressive_sessions,
    multiIf(regressive_sessions > 0, 'FAIL', sessions_with_known_stream_transitions > 0, 'WARN', 'PASS') AS status
FROM per_session

-- TEST: agg_stream_performance_1m_matches_status_samples
-- note: rewritten so it can fire (spec §6.4): one-sided keys come from marker columns of a FULL OUTER JOIN (ifNull(present, 0)), not from right-side IS NULL tests. Both sides are filtered on the minute bucket, not the raw sample time.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    expected AS
    (
        SELECT
            toDateTime(toStartOfInterval(f.sample_ts, INTERVAL 1 MINUTE), 'UTC') AS k_minute,
            f.gateway AS k_gateway,
            f.orchestrator_address AS k_orch,
            f.pipeline AS k_pipeline,
            ifNull(f.model_id, '') AS k_model,
            ifNull(f.gpu_id, '') AS k_gpu,
            ifNull(f.region, '') AS k_region,
            uniqExact(f.workflow_session_id) AS sessions,
            uniqExact(f.stream_id) AS streams,
            avg(f.output_fps) AS avg_fps,
            count() AS samples,
            toUInt8(1) AS present
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.is_attributed = 1
          AND f.orchestrator_address != ''
          AND toStartOfInterval(f.sample_ts, INTERVAL 1 MINUTE) >= w_from
          AND toStartOfInterval(f.sample_ts, INTERVAL 1 MINUTE) < w_to
        GROUP BY k_minute, k_gateway, k_orch, k_pipeline, k_model, k_gpu, k_region
    ),
    observed AS
    (
        SELECT
            toDateTime(a.window_start, 'UTC') AS k_minute,
            a.gateway AS k_gateway,
            a.orchestrator_address AS k_orch,
            a.pipeline AS k_pipeline,
            ifNull(a.model_id, '') AS k_model,
            ifNull(a.gpu_id, '') AS k_gpu,
            ifNull(a.region, '') AS k_region,
            uniqExactMerge(a.sessions_uniq_state) AS sessions,
            uniqExactMerge(a.streams_uniq_state) AS streams,
            avgMerge(a.output_fps_avg_state) AS avg_fps,
            countMerge(a.sample_count_state) AS samples,
            toUInt8(1) AS present
        FROM livepeer_analytics.agg_stream_performance_1m AS a
        WHERE a.window_start >= w_from AND a.window_start < w_to
          AND a.orchestrator_address != ''
        GROUP BY k_minute, k_gateway, k_orch, k_pipeline, k_model, k_gpu, k_region
    ),
    joined AS
    (
        SELECT
            ifNull(e.present, toUInt8(0)) AS in_e,
            ifNull(o.present, toUInt8(0)) AS in_o,
            e.sessions AS e_sessions, o.sessions AS o_sessions,
            e.streams AS e_streams, o.streams AS o_streams,
            e.samples AS e_samples, o.samples AS o_samples,
            e.avg_fps AS e_fps, o.avg_fps AS o_fps
        FROM expected AS e
        FULL OUTER JOIN observed AS o
            ON o.k_minute = e.k_minute
           AND o.k_gateway = e.k_gateway
           AND o.k_orch = e.k_orch
           AND o.k_pipeline = e.k_pipeline
           AND o.k_model = e.k_model
           AND o.k_gpu = e.k_gpu
           AND o.k_region = e.k_region
    )
SELECT
    toUInt64(failure_mode NOT IN ('PASS', 'EMPTY_BOTH')) AS failed_rows,
    multiIf(expected_rows = 0 AND rollup_rows = 0, 'EMPTY_BOTH',
            expected_rows > 0 AND rollup_rows > 0 AND joined_rows = 0, 'NO_OVERLAP_BOTH_NONEMPTY',
            expected_only_keys + rollup_only_keys > 0, 'KEY_MISMATCH',
            total_diff_sessions + total_diff_streams + total_diff_samples > 0
                OR max_abs_diff_avg_output_fps > 0.000001, 'VALUE_MISMATCH',
            'PASS') AS failure_mode,
    countIf(in_e = 1) AS expected_rows,
    countIf(in_o = 1) AS rollup_rows,
    countIf(in_e = 1 AND in_o = 1) AS joined_rows,
    countIf(in_e = 1 AND in_o = 0) AS expected_only_keys,
    countIf(in_e = 0 AND in_o = 1) AS rollup_only_keys,
    sumIf(abs(toInt64(e_sessions) - toInt64(o_sessions)), in_e = 1 AND in_o = 1) AS total_diff_sessions,
    sumIf(abs(toInt64(e_streams) - toInt64(o_streams)), in_e = 1 AND in_o = 1) AS total_diff_streams,
    sumIf(abs(toInt64(e_samples) - toInt64(o_samples)), in_e = 1 AND in_o = 1) AS total_diff_samples,
    ifNull(maxIf(abs(e_fps - o_fps), in_e = 1 AND in_o = 1), 0) AS max_abs_diff_avg_output_fps
FROM joined

-- TEST: gpu_view_no_perf_only_orphan_rows
-- note: rewritten so it can fail (the reference hard-wires failed_rows = 0, since a perf-only hour is legitimate, e.g. a later hour of a long session): failed_rows counts the perf-only rows (status samples, no known session, no latency) whose attributed status samples belong to no session of fact_workflow_sessions at all, i.e. usage the session fact does not know (session rows lost or never written). orphan_rows keeps the reference's count.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    toStartOfHour(w_to) + INTERVAL 1 HOUR AS h_to,
    sessionless_keys AS
    (
        SELECT
            toDateTime(toStartOfInterval(f.sample_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            f.orchestrator_address AS k_orch,
            f.pipeline AS k_pipeline,
            ifNull(f.model_id, '') AS k_model,
            ifNull(f.gpu_id, '') AS k_gpu,
            ifNull(f.region, '') AS k_region
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.is_attributed = 1
          AND f.sample_ts >= h_from AND f.sample_ts < h_to
        GROUP BY k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region
        HAVING countIf(f.workflow_session_id IN
                       (SELECT DISTINCT s.workflow_session_id FROM livepeer_analytics.fact_workflow_sessions AS s)) = 0
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
            v.status_samples > 0 AND v.known_sessions = 0
                AND v.valid_prompt_to_first_frame_count = 0
                AND v.valid_startup_time_count = 0
                AND v.valid_e2e_latency_count = 0 AS is_orphan
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from AND v.window_start < h_to
    )
SELECT
    countIf(is_orphan AND (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM sessionless_keys)) AS failed_rows,
    multiIf(count() = 0, 'INFO', failed_rows > 0, 'FAIL', countIf(is_orphan) > 0, 'WARN', 'PASS') AS status,
    countIf(is_orphan) AS orphan_rows,
    failed_rows AS orphan_rows_without_session,
    count() AS rows_checked
FROM view_rows

-- TEST: gpu_view_covers_healthy_attributed_session_keys
-- note: rewritten so it can fire (spec §6.4): missing keys are found with a tuple NOT IN over the view's keys, not a LEFT JOIN with a right-side IS NULL test.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    eligible AS
    (
        SELECT DISTINCT
            toDateTime(toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            ls.orchestrator_address AS k_orch,
            ls.pipeline AS k_pipeline,
            ifNull(ls.model_id, '') AS k_model,
            ifNull(ls.gpu_id, '') AS k_gpu,
            ifNull(ls.region, '') AS k_region
        FROM latest_sessions AS ls
        WHERE ls.session_start_ts >= w_from AND ls.session_start_ts < w_to
          AND ls.startup_success = 1
          AND ls.orchestrator_address != ''
          AND ls.pipeline != ''
          AND ifNull(ls.gpu_id, '') != ''
    ),
    view_keys AS
    (
        SELECT DISTINCT
            toDateTime(v.window_start, 'UTC') AS k_hour,
            v.orchestrator_address AS k_orch,
            v.pipeline AS k_pipeline,
            ifNull(v.model_id, '') AS k_model,
            ifNull(v.gpu_id, '') AS k_gpu,
            ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
    ),
    missing AS
    (
        SELECT *
        FROM eligible
        WHERE (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) NOT IN
              (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM view_keys)
    ),
    (SELECT count() FROM eligible) AS eligible_session_keys,
    (SELECT count() FROM view_keys) AS gpu_view_keys
SELECT
    count() AS failed_rows,
    multiIf(eligible_session_keys = 0, 'INFO', count() > 0, 'FAIL', 'PASS') AS status,
    eligible_session_keys,
    gpu_view_keys,
    count() AS missing_gpu_keys,
    groupArray(5)(arrayStringConcat([toString(k_hour), k_orch, k_pipeline, k_model, k_gpu, k_region], '|')) AS missing_key_examples
FROM missing

-- TEST: demand_has_rows_for_all_session_hours
-- note: rewritten so it can fire (spec §6.4): missing hours are found with NOT IN over the view's hours, not a LEFT JOIN with a right-side IS NULL test.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    session_hours AS
    (
        SELECT DISTINCT toDateTime(toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR), 'UTC') AS h
        FROM latest_sessions AS ls
        WHERE ls.session_start_ts >= w_from AND ls.session_start_ts < w_to
          AND ls.session_start_ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
    ),
    demand_hours AS
    (
        SELECT DISTINCT toDateTime(d.window_start, 'UTC') AS h
        FROM livepeer_analytics.v_api_network_demand AS d
        WHERE d.window_start >= h_from AND d.window_start < w_to
    ),
    missing AS
    (
        SELECT h FROM session_hours WHERE h NOT IN (SELECT h FROM demand_hours)
    ),
    (SELECT count() FROM session_hours) AS session_hour_count,
    (SELECT count() FROM demand_hours) AS demand_hour_count
SELECT
    count() AS failed_rows,
    multiIf(session_hour_count = 0, 'INFO', count() > 0, 'FAIL', 'PASS') AS status,
    session_hour_count AS session_hours,
    demand_hour_count AS demand_hours,
    count() AS missing_demand_hours,
    groupArray(h) AS missing_hours
FROM missing

-- TEST: gpu_count_delta_explained_by_key_overlap
-- note: view_rows counts view ROWS while the key sets are distinct, so the identity (view_rows - rollup_rows) = (view_only_keys - rollup_only_keys) breaks exactly when the view emits a key twice (spec §6.3 item 13); with distinct counts on both sides it would be an identity that can never fail.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    rollup_keys AS
    (
        SELECT DISTINCT
            toDateTime(toStartOfInterval(a.window_start, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            a.orchestrator_address AS k_orch,
            a.pipeline AS k_pipeline,
            ifNull(a.model_id, '') AS k_model,
            ifNull(a.gpu_id, '') AS k_gpu,
            ifNull(a.region, '') AS k_region
        FROM livepeer_analytics.agg_stream_performance_1m AS a
        WHERE toStartOfInterval(a.window_start, INTERVAL 1 HOUR) >= h_from
          AND toStartOfInterval(a.window_start, INTERVAL 1 HOUR) < w_to
    ),
    view_rows_all AS
    (
        SELECT
            toDateTime(v.window_start, 'UTC') AS k_hour,
            v.orchestrator_address AS k_orch,
            v.pipeline AS k_pipeline,
            ifNull(v.model_id, '') AS k_model,
            ifNull(v.gpu_id, '') AS k_gpu,
            ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
    ),
    view_keys AS (SELECT DISTINCT * FROM view_rows_all),
    (SELECT count() FROM rollup_keys) AS rollup_rows,
    (SELECT count() FROM view_rows_all) AS view_rows,
    (SELECT count() FROM rollup_keys
      WHERE (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) NOT IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM view_keys)) AS rollup_only_keys,
    (SELECT count() FROM view_keys
      WHERE (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) NOT IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM rollup_keys)) AS view_only_keys,
    toInt64(view_rows) - toInt64(rollup_rows) AS row_delta,
    toInt64(view_only_keys) - toInt64(rollup_only_keys) AS overlap_delta
SELECT
    toUInt64(row_delta != overlap_delta) AS failed_rows,
    multiIf(rollup_rows = 0 AND view_rows = 0, 'INFO',
            row_delta != overlap_delta, 'FAIL',
            rollup_only_keys + view_only_keys > 0, 'WARN',
            'PASS') AS status,
    rollup_rows,
    view_rows,
    rollup_only_keys,
    view_only_keys,
    row_delta,
    overlap_delta

-- TEST: network_demand_counts_aligned_to_rollup
-- note: rewritten so it can fire (spec §6.4): one-sided keys are found with tuple NOT IN, not right-side IS NULL tests. The expected keys are rebuilt from all data (the pipeline fallback needs every session of an hour) and both sides are filtered on the hour bucket.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    demand_sessions AS
    (
        SELECT
            toDateTime(toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            ls.gateway AS k_gateway,
            ifNull(ls.region, '') AS k_region,
            ifNull(ls.model_id, '') AS k_model,
            if(ls.pipeline != '' AND ifNull(ls.model_id, '') != ''
               AND lowerUTF8(ls.pipeline) = lowerUTF8(ifNull(ls.model_id, '')), '', ls.pipeline) AS own_pipeline,
            ls.orchestrator_address AS s_orch,
            ls.known_stream AS s_known,
            ls.startup_unexcused AS s_unexcused,
            toUInt8((ls.confirmed_swap_count > 0) OR (ls.inferred_orchestrator_change_count > 0)) AS s_swapped,
            toUInt8((ls.startup_unexcused > 0) OR (ls.zero_output_fps_session > 0) OR (ls.loading_only_session > 0)) AS s_failed
        FROM latest_sessions AS ls
        WHERE ls.session_start_ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
    ),
    pipeline_fallback AS
    (
        SELECT
            k_hour, k_gateway, k_region, k_model,
            if(uniqExactIf(own_pipeline, own_pipeline != '') = 1, anyIf(own_pipeline, own_pipeline != ''), '') AS fallback_pipeline
        FROM demand_sessions
        GROUP BY k_hour, k_gateway, k_region, k_model
    ),
    demand AS
    (
        SELECT
            ds.k_hour AS k_hour,
            ds.k_gateway AS k_gateway,
            ds.k_region AS k_region,
            ds.k_model AS k_model,
            if(if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, '')) != ''
                 AND ds.k_model != ''
                 AND lowerUTF8(if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, ''))) = lowerUTF8(ds.k_model),
               '',
               if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, ''))) AS k_pipeline,
            sum(toUInt64(ds.s_known)) AS d_known,
            sum(toUInt64(ds.s_known = 1 AND ds.s_orch != '')) AS d_served,
            sum(toUInt64(ds.s_known = 1 AND ds.s_orch = '')) AS d_unserved,
            sum(toUInt64(ds.s_unexcused)) AS d_unexcused,
            sum(toUInt64(ds.s_swapped)) AS d_swapped,
            sum(toUInt64(ds.s_failed)) AS d_failed
        FROM demand_sessions AS ds
        LEFT JOIN pipeline_fallback AS pf
            ON pf.k_hour = ds.k_hour
           AND pf.k_gateway = ds.k_gateway
           AND pf.k_region = ds.k_region
           AND pf.k_model = ds.k_model
        GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
    ),
    perf_rows AS
    (
        SELECT
            toDateTime(toStartOfInterval(a.window_start, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            a.gateway AS k_gateway,
            ifNull(a.region, '') AS k_region,
            ifNull(a.model_id, '') AS k_model,
            a.pipeline AS own_pipeline,
            a.sessions_uniq_state AS sessions_state,
            a.streams_uniq_state AS streams_state,
            a.sample_count_state AS count_state,
            a.output_fps_avg_state AS fps_state
        FROM livepeer_analytics.agg_stream_performance_1m AS a
    ),
    perf AS
    (
        SELECT
            pr.k_hour AS k_hour,
            pr.k_gateway AS k_gateway,
            pr.k_region AS k_region,
            pr.k_model AS k_model,
            if(if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, '')) != ''
                 AND pr.k_model != ''
                 AND lowerUTF8(if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, ''))) = lowerUTF8(pr.k_model),
               '',
               if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, ''))) AS k_pipeline,
            uniqExactMerge(pr.sessions_state) AS p_sessions,
            uniqExactMerge(pr.streams_state) AS p_streams,
            countMerge(pr.count_state) / 60.0 AS p_minutes,
            avgMerge(pr.fps_state) AS p_fps
        FROM perf_rows AS pr
        LEFT JOIN pipeline_fallback AS pf
            ON pf.k_hour = pr.k_hour
           AND pf.k_gateway = pr.k_gateway
           AND pf.k_region = pr.k_region
           AND pf.k_model = pr.k_model
        GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
    ),
    expected_keys AS
    (
        SELECT k_hour, k_gateway, k_region, k_pipeline, k_model
        FROM
        (
            SELECT k_hour, k_gateway, k_region, k_pipeline, k_model FROM perf
            UNION DISTINCT
            SELECT k_hour, k_gateway, k_region, k_pipeline, k_model FROM demand
        )
        WHERE k_hour >= h_from AND k_hour < w_to
    ),
    view_keys AS
    (
        SELECT
            toDateTime(d.window_start, 'UTC') AS k_hour,
            d.gateway AS k_gateway,
            ifNull(d.region, '') AS k_region,
            d.pipeline AS k_pipeline,
            ifNull(d.model_id, '') AS k_model
        FROM livepeer_analytics.v_api_network_demand AS d
        WHERE d.window_start >= h_from AND d.window_start < w_to
    ),
    (SELECT count() FROM expected_keys) AS rollup_rows,
    (SELECT count() FROM view_keys) AS view_rows,
    (SELECT count() FROM expected_keys
      WHERE (k_hour, k_gateway, k_region, k_pipeline, k_model) NOT IN
            (SELECT k_hour, k_gateway, k_region, k_pipeline, k_model FROM view_keys)) AS rollup_only_keys,
    (SELECT count() FROM view_keys
      WHERE (k_hour, k_gateway, k_region, k_pipeline, k_model) NOT IN
            (SELECT k_hour, k_gateway, k_region, k_pipeline, k_model FROM expected_keys)) AS view_only_keys
SELECT
    toUInt64(NOT (rollup_rows = 0 AND view_rows = 0)
             AND (rollup_rows != view_rows OR rollup_only_keys > 0 OR view_only_keys > 0)) AS failed_rows,
    multiIf(rollup_rows = 0 AND view_rows = 0, 'INFO', failed_rows > 0, 'FAIL', 'PASS') AS status,
    rollup_rows,
    view_rows,
    rollup_only_keys,
    view_only_keys

-- TEST: sla_counts_aligned_to_raw_latest_sessions
-- note: rewritten so it can fire (spec §6.4): one-sided keys are found with tuple NOT IN, and the previous-hour and session lookups use marker columns instead of right-side IS NULL / default-value tests. Expected keys are the attributed status hours themselves (not only those with a session fact), so a status sample whose session fact is missing shows up as a raw-only key.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    latest_sessions AS
    (
        SELECT workflow_session_id, session_start_ts, session_end_ts, toUInt8(1) AS present
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
    classified AS
    (
        SELECT
            sh.k_hour AS k_hour, sh.k_orch AS k_orch, sh.k_pipeline AS k_pipeline,
            sh.k_model AS k_model, sh.k_gpu AS k_gpu, sh.k_region AS k_region,
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
        LEFT JOIN latest_sessions AS ls ON ls.workflow_session_id = sh.sid
        LEFT JOIN status_session_hours AS prev
            ON prev.sid = sh.sid
           AND prev.k_hour = sh.k_hour - INTERVAL 1 HOUR
           AND prev.k_orch = sh.k_orch
           AND prev.k_pipeline = sh.k_pipeline
           AND prev.k_model = sh.k_model
           AND prev.k_gpu = sh.k_gpu
           AND prev.k_region = sh.k_region
        WHERE sh.k_hour >= h_from AND sh.k_hour < w_to
          AND sh.k_hour > toDateTime('2000-01-01 00:00:00', 'UTC')
          AND sh.k_orch != ''
    ),
    raw_keys AS
    (
        SELECT DISTINCT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region
        FROM classified
        WHERE NOT is_tail_artifact
    ),
    view_keys AS
    (
        SELECT
            toDateTime(v.window_start, 'UTC') AS k_hour,
            v.orchestrator_address AS k_orch,
            v.pipeline AS k_pipeline,
            ifNull(v.model_id, '') AS k_model,
            ifNull(v.gpu_id, '') AS k_gpu,
            ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_sla_compliance AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
    ),
    (SELECT count() FROM raw_keys) AS raw_rows,
    (SELECT count() FROM view_keys) AS view_rows,
    (SELECT count() FROM raw_keys
      WHERE (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) NOT IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM view_keys)) AS raw_only_keys,
    (SELECT count() FROM view_keys
      WHERE (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) NOT IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM raw_keys)) AS view_only_keys
SELECT
    toUInt64(raw_rows != view_rows OR raw_only_keys > 0 OR view_only_keys > 0) AS failed_rows,
    multiIf(raw_rows = 0 AND view_rows = 0, 'INFO', failed_rows > 0, 'FAIL', 'PASS') AS status,
    raw_rows,
    view_rows,
    raw_only_keys,
    view_only_keys

-- TEST: view_count_grain_ordering
-- note: rewritten so it can fail (the reference hard-wires failed_rows = 0; its status compares row counts, which legitimately differ by grain and stays a diagnostic): every hour that has a v_api_gpu_metrics or v_api_sla_compliance row must also have a v_api_network_demand row, because each of their key sources (attributed status samples, which also feed agg_stream_performance_1m; session starts; latency samples at session start) is a demand source too. failed_rows = the number of such hours without a demand row.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    (SELECT count() FROM livepeer_analytics.v_api_network_demand
      WHERE window_start >= h_from AND window_start < w_to) AS demand_rows,
    (SELECT count() FROM livepeer_analytics.v_api_gpu_metrics
      WHERE window_start >= h_from AND window_start < w_to) AS gpu_rows,
    (SELECT count() FROM livepeer_analytics.v_api_sla_compliance
      WHERE window_start >= h_from AND window_start < w_to) AS sla_rows,
    served_hours AS
    (
        SELECT DISTINCT toDateTime(g.window_start, 'UTC') AS h
        FROM livepeer_analytics.v_api_gpu_metrics AS g
        WHERE g.window_start >= h_from AND g.window_start < w_to
        UNION DISTINCT
        SELECT DISTINCT toDateTime(v.window_start, 'UTC') AS h
        FROM livepeer_analytics.v_api_sla_compliance AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
    ),
    (SELECT count() FROM served_hours
      WHERE h NOT IN (SELECT DISTINCT toDateTime(d.window_start, 'UTC') FROM livepeer_analytics.v_api_network_demand AS d
                      WHERE d.window_start >= h_from AND d.window_start < w_to)) AS hours_without_demand
SELECT
    hours_without_demand AS failed_rows,
    multiIf(demand_rows = 0 AND gpu_rows = 0 AND sla_rows = 0, 'INFO',
            hours_without_demand > 0, 'FAIL',
            demand_rows <= greatest(gpu_rows, sla_rows), 'PASS',
            'WARN') AS status,
    demand_rows,
    gpu_rows,
    sla_rows,
    hours_without_demand

-- TEST: gpu_view_matches_rollup
-- note: rewritten so it can fire (spec §6.4): one-sided keys come from FULL OUTER JOIN marker columns, not right-side IS NULL tests.
-- note: the recomputed side drops tail-artifact keys (warehouse spec §1.7), which v_api_gpu_metrics removes by definition; otherwise every filtered artifact would be reported as a rollup-only key.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
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
    artifact_keys AS
    (
        SELECT DISTINCT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region
        FROM session_hours
        WHERE is_tail_artifact
    ),
    rollup_all AS
    (
        SELECT
            toDateTime(toStartOfInterval(f.sample_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            f.orchestrator_address AS k_orch,
            f.pipeline AS k_pipeline,
            ifNull(f.model_id, '') AS k_model,
            ifNull(f.gpu_id, '') AS k_gpu,
            ifNull(f.region, '') AS k_region,
            avg(f.output_fps) AS avg_fps,
            count() AS samples
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.is_attributed = 1
          AND toStartOfInterval(f.sample_ts, INTERVAL 1 HOUR) >= h_from
          AND toStartOfInterval(f.sample_ts, INTERVAL 1 HOUR) < w_to
        GROUP BY k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region
    ),
    rollup AS
    (
        SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region, avg_fps, toUInt8(1) AS present
        FROM rollup_all
        WHERE k_orch != '' AND k_gpu != ''
          AND (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) NOT IN
              (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM artifact_keys)
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
            v.avg_output_fps AS avg_fps,
            toUInt8(1) AS present
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
          AND v.status_samples > 0
    ),
    joined AS
    (
        SELECT
            ifNull(r.present, toUInt8(0)) AS in_r,
            ifNull(v.present, toUInt8(0)) AS in_v,
            abs(r.avg_fps - ifNull(v.avg_fps, 0)) AS diff_fps
        FROM rollup AS r
        FULL OUTER JOIN view_rows AS v
            ON v.k_hour = r.k_hour
           AND v.k_orch = r.k_orch
           AND v.k_pipeline = r.k_pipeline
           AND v.k_model = r.k_model
           AND v.k_gpu = r.k_gpu
           AND v.k_region = r.k_region
    ),
    (SELECT countIf(k_orch = '') FROM rollup_all) AS rollup_empty_orch_rows,
    (SELECT countIf(k_gpu = '') FROM rollup_all) AS rollup_empty_gpu_rows,
    (SELECT countIf(k_region = '') FROM rollup_all) AS rollup_empty_region_rows,
    (SELECT countIf(k_orch = '') FROM view_rows) AS view_empty_orch_rows,
    (SELECT countIf(k_gpu = '') FROM view_rows) AS view_empty_gpu_rows,
    (SELECT countIf(k_region = '') FROM view_rows) AS view_empty_region_rows
SELECT
    toUInt64(failure_mode NOT IN ('PASS', 'EMPTY_BOTH')) AS failed_rows,
    multiIf(rollup_rows = 0 AND view_rows = 0, 'EMPTY_BOTH',
            rollup_rows > 0 AND view_rows > 0 AND joined_rows = 0, 'NO_OVERLAP_BOTH_NONEMPTY',
            rollup_only_keys + view_only_keys > 0, 'KEY_MISMATCH',
            max_abs_diff_fps > 0.000001, 'VALUE_MISMATCH',
            'PASS') AS failure_mode,
    countIf(in_r = 1) AS rollup_rows,
    countIf(in_v = 1) AS view_rows,
    countIf(in_r = 1 AND in_v = 1) AS joined_rows,
    countIf(in_r = 1 AND in_v = 0) AS rollup_only_keys,
    countIf(in_r = 0 AND in_v = 1) AS view_only_keys,
    rollup_empty_orch_rows,
    rollup_empty_gpu_rows,
    rollup_empty_region_rows,
    view_empty_orch_rows,
    view_empty_gpu_rows,
    view_empty_region_rows,
    avgIf(diff_fps, in_r = 1 AND in_v = 1) AS mean_abs_diff_fps,
    ifNull(maxIf(diff_fps, in_r = 1 AND in_v = 1), 0) AS max_abs_diff_fps
FROM joined

-- TEST: network_demand_view_matches_rollup
-- note: rewritten so it can fire (spec §6.4): one-sided keys come from FULL OUTER JOIN marker columns, not right-side IS NULL tests. Expected rows are rebuilt from all data (the pipeline fallback needs every session of an hour) and both sides are filtered on the hour bucket.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    demand_sessions AS
    (
        SELECT
            toDateTime(toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            ls.gateway AS k_gateway,
            ifNull(ls.region, '') AS k_region,
            ifNull(ls.model_id, '') AS k_model,
            if(ls.pipeline != '' AND ifNull(ls.model_id, '') != ''
               AND lowerUTF8(ls.pipeline) = lowerUTF8(ifNull(ls.model_id, '')), '', ls.pipeline) AS own_pipeline,
            ls.orchestrator_address AS s_orch,
            ls.known_stream AS s_known,
            ls.startup_unexcused AS s_unexcused,
            toUInt8((ls.confirmed_swap_count > 0) OR (ls.inferred_orchestrator_change_count > 0)) AS s_swapped,
            toUInt8((ls.startup_unexcused > 0) OR (ls.zero_output_fps_session > 0) OR (ls.loading_only_session > 0)) AS s_failed
        FROM latest_sessions AS ls
        WHERE ls.session_start_ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
    ),
    pipeline_fallback AS
    (
        SELECT
            k_hour, k_gateway, k_region, k_model,
            if(uniqExactIf(own_pipeline, own_pipeline != '') = 1, anyIf(own_pipeline, own_pipeline != ''), '') AS fallback_pipeline
        FROM demand_sessions
        GROUP BY k_hour, k_gateway, k_region, k_model
    ),
    demand AS
    (
        SELECT
            ds.k_hour AS k_hour,
            ds.k_gateway AS k_gateway,
            ds.k_region AS k_region,
            ds.k_model AS k_model,
            if(if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, '')) != ''
                 AND ds.k_model != ''
                 AND lowerUTF8(if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, ''))) = lowerUTF8(ds.k_model),
               '',
               if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, ''))) AS k_pipeline,
            sum(toUInt64(ds.s_known)) AS d_known,
            sum(toUInt64(ds.s_known = 1 AND ds.s_orch != '')) AS d_served,
            sum(toUInt64(ds.s_known = 1 AND ds.s_orch = '')) AS d_unserved,
            sum(toUInt64(ds.s_unexcused)) AS d_unexcused,
            sum(toUInt64(ds.s_swapped)) AS d_swapped,
            sum(toUInt64(ds.s_failed)) AS d_failed
        FROM demand_sessions AS ds
        LEFT JOIN pipeline_fallback AS pf
            ON pf.k_hour = ds.k_hour
           AND pf.k_gateway = ds.k_gateway
           AND pf.k_region = ds.k_region
           AND pf.k_model = ds.k_model
        GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
    ),
    perf_rows AS
    (
        SELECT
            toDateTime(toStartOfInterval(a.window_start, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            a.gateway AS k_gateway,
            ifNull(a.region, '') AS k_region,
            ifNull(a.model_id, '') AS k_model,
            a.pipeline AS own_pipeline,
            a.sessions_uniq_state AS sessions_state,
            a.streams_uniq_state AS streams_state,
            a.sample_count_state AS count_state,
            a.output_fps_avg_state AS fps_state
        FROM livepeer_analytics.agg_stream_performance_1m AS a
    ),
    perf AS
    (
        SELECT
            pr.k_hour AS k_hour,
            pr.k_gateway AS k_gateway,
            pr.k_region AS k_region,
            pr.k_model AS k_model,
            if(if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, '')) != ''
                 AND pr.k_model != ''
                 AND lowerUTF8(if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, ''))) = lowerUTF8(pr.k_model),
               '',
               if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, ''))) AS k_pipeline,
            uniqExactMerge(pr.sessions_state) AS p_sessions,
            uniqExactMerge(pr.streams_state) AS p_streams,
            countMerge(pr.count_state) / 60.0 AS p_minutes,
            avgMerge(pr.fps_state) AS p_fps
        FROM perf_rows AS pr
        LEFT JOIN pipeline_fallback AS pf
            ON pf.k_hour = pr.k_hour
           AND pf.k_gateway = pr.k_gateway
           AND pf.k_region = pr.k_region
           AND pf.k_model = pr.k_model
        GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
    ),
    expected AS
    (
        SELECT
            k_hour, k_gateway, k_region, k_pipeline, k_model,
            sum(u_sessions) AS e_sessions,
            sum(u_streams) AS e_streams,
            sum(u_minutes) AS e_minutes,
            max(u_fps) AS e_fps,
            sum(u_known) AS e_known,
            sum(u_served) AS e_served,
            sum(u_unserved) AS e_unserved,
            sum(u_unexcused) AS e_unexcused,
            sum(u_swapped) AS e_swapped,
            toUInt8(1) AS present
        FROM
        (
            SELECT k_hour, k_gateway, k_region, k_pipeline, k_model,
                   p_sessions AS u_sessions, p_streams AS u_streams, p_minutes AS u_minutes,
                   toNullable(p_fps) AS u_fps,
                   toUInt64(0) AS u_known, toUInt64(0) AS u_served, toUInt64(0) AS u_unserved,
                   toUInt64(0) AS u_unexcused, toUInt64(0) AS u_swapped
            FROM perf
            UNION ALL
            SELECT k_hour, k_gateway, k_region, k_pipeline, k_model,
                   toUInt64(0), toUInt64(0), toFloat64(0), CAST(NULL AS Nullable(Float64)),
                   d_known, d_served, d_unserved, d_unexcused, d_swapped
            FROM demand
        )
        WHERE k_hour >= h_from AND k_hour < w_to
        GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
    ),
    view_rows AS
    (
        SELECT
            toDateTime(d.window_start, 'UTC') AS k_hour,
            d.gateway AS k_gateway,
            ifNull(d.region, '') AS k_region,
            d.pipeline AS k_pipeline,
            ifNull(d.model_id, '') AS k_model,
            d.total_sessions AS v_sessions,
            d.total_streams AS v_streams,
            d.total_minutes AS v_minutes,
            d.avg_output_fps AS v_fps,
            d.known_sessions AS v_known,
            d.served_sessions AS v_served,
            d.unserved_sessions AS v_unserved,
            d.unexcused_sessions AS v_unexcused,
            d.swapped_sessions AS v_swapped,
            toUInt8(1) AS present
        FROM livepeer_analytics.v_api_network_demand AS d
        WHERE d.window_start >= h_from AND d.window_start < w_to
    ),
    joined AS
    (
        SELECT
            ifNull(e.present, toUInt8(0)) AS in_e,
            ifNull(v.present, toUInt8(0)) AS in_v,
            e.k_gateway AS e_gateway, e.k_region AS e_region, e.k_pipeline AS e_pipeline, e.k_model AS e_model,
            v.k_gateway AS v_gateway, v.k_region AS v_region, v.k_pipeline AS v_pipeline, v.k_model AS v_model,
            abs(ifNull(e.e_fps, 0) - ifNull(v.v_fps, 0)) AS diff_fps,
            abs(ifNull(e.e_minutes, 0) - ifNull(v.v_minutes, 0)) AS diff_minutes,
            abs(toInt64(e.e_sessions) - toInt64(v.v_sessions)) AS diff_sessions,
            abs(toInt64(e.e_streams) - toInt64(v.v_streams)) AS diff_streams,
            abs(toInt64(e.e_known) - toInt64(v.v_known)) AS diff_known,
            abs(toInt64(e.e_served) - toInt64(v.v_served)) AS diff_served,
            abs(toInt64(e.e_unserved) - toInt64(v.v_unserved)) AS diff_unserved,
            abs(toInt64(e.e_unexcused) - toInt64(v.v_unexcused)) AS diff_unexcused,
            abs(toInt64(e.e_swapped) - toInt64(v.v_swapped)) AS diff_swapped
        FROM expected AS e
        FULL OUTER JOIN view_rows AS v
            ON v.k_hour = e.k_hour
           AND v.k_gateway = e.k_gateway
           AND v.k_region = e.k_region
           AND v.k_pipeline = e.k_pipeline
           AND v.k_model = e.k_model
    )
SELECT
    toUInt64(failure_mode NOT IN ('PASS', 'EMPTY_BOTH')) AS failed_rows,
    multiIf(rollup_rows = 0 AND view_rows = 0, 'EMPTY_BOTH',
            rollup_rows > 0 AND view_rows > 0 AND joined_rows = 0, 'NO_OVERLAP_BOTH_NONEMPTY',
            rollup_only_keys + view_only_keys > 0, 'KEY_MISMATCH',
            max_abs_diff_fps > 0.000001 OR max_abs_diff_minutes > 0.000001
                OR total_diff_sessions + total_diff_streams + total_diff_known_sessions + total_diff_served_sessions
                   + total_diff_unserved_sessions + total_diff_unexcused_sessions + total_diff_swapped_sessions > 0,
                'VALUE_MISMATCH',
            'PASS') AS failure_mode,
    countIf(in_e = 1) AS rollup_rows,
    countIf(in_v = 1) AS view_rows,
    countIf(in_e = 1 AND in_v = 1) AS joined_rows,
    countIf(in_e = 1 AND in_v = 0) AS rollup_only_keys,
    countIf(in_e = 0 AND in_v = 1) AS view_only_keys,
    countIf(in_e = 1 AND e_gateway = '') AS rollup_empty_gateway_rows,
    countIf(in_e = 1 AND e_region = '') AS rollup_empty_region_rows,
    countIf(in_e = 1 AND e_pipeline = '') AS rollup_empty_pipeline_rows,
    countIf(in_e = 1 AND e_model = '') AS rollup_empty_model_rows,
    countIf(in_v = 1 AND v_gateway = '') AS view_empty_gateway_rows,
    countIf(in_v = 1 AND v_region = '') AS view_empty_region_rows,
    countIf(in_v = 1 AND v_pipeline = '') AS view_empty_pipeline_rows,
    countIf(in_v = 1 AND v_model = '') AS view_empty_model_rows,
    avgIf(diff_fps, in_e = 1 AND in_v = 1) AS mean_abs_diff_fps,
    ifNull(maxIf(diff_fps, in_e = 1 AND in_v = 1), 0) AS max_abs_diff_fps,
    avgIf(diff_minutes, in_e = 1 AND in_v = 1) AS mean_abs_diff_minutes,
    ifNull(maxIf(diff_minutes, in_e = 1 AND in_v = 1), 0) AS max_abs_diff_minutes,
    sumIf(diff_sessions, in_e = 1 AND in_v = 1) AS total_diff_sessions,
    sumIf(diff_streams, in_e = 1 AND in_v = 1) AS total_diff_streams,
    sumIf(diff_known, in_e = 1 AND in_v = 1) AS total_diff_known_sessions,
    sumIf(diff_served, in_e = 1 AND in_v = 1) AS total_diff_served_sessions,
    sumIf(diff_unserved, in_e = 1 AND in_v = 1) AS total_diff_unserved_sessions,
    sumIf(diff_unexcused, in_e = 1 AND in_v = 1) AS total_diff_unexcused_sessions,
    sumIf(diff_swapped, in_e = 1 AND in_v = 1) AS total_diff_swapped_sessions
FROM joined

-- TEST: network_demand_effective_success_not_above_startup_success
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(violating_rows > 0) AS failed_rows,
    countIf(d.startup_success_ratio + 0.000001 < d.success_ratio) AS violating_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_network_demand AS d
WHERE d.window_start >= toStartOfHour(w_from) AND d.window_start < w_to

-- TEST: network_demand_effective_success_penalizes_failure_indicators
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    toUInt64(violating_rows > 0) AS failed_rows,
    countIf(d.known_sessions > 0
            AND (d.unexcused_sessions > 0 OR d.zero_output_fps_sessions > 0 OR d.loading_only_sessions > 0)
            AND d.success_ratio >= 0.999999) AS violating_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_network_demand AS d
WHERE d.window_start >= toStartOfHour(w_from) AND d.window_start < w_to

-- TEST: network_demand_model_split_conservation
-- note: rewritten so it can fail (the reference hard-wires failed_rows = 0 and only reports status FAIL): failed_rows = 1 when the status is FAIL, i.e. usage minutes are not conserved between the perf rollup at pipeline grain and the demand view summed over models, or a pipeline-grain key exists on one side only. Distinct-count drift (sessions, streams counted under several models) stays a WARN.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    demand_sessions AS
    (
        SELECT
            toDateTime(toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            ls.gateway AS k_gateway,
            ifNull(ls.region, '') AS k_region,
            ifNull(ls.model_id, '') AS k_model,
            if(ls.pipeline != '' AND ifNull(ls.model_id, '') != ''
               AND lowerUTF8(ls.pipeline) = lowerUTF8(ifNull(ls.model_id, '')), '', ls.pipeline) AS own_pipeline,
            ls.orchestrator_address AS s_orch,
            ls.known_stream AS s_known,
            ls.startup_unexcused AS s_unexcused,
            toUInt8((ls.confirmed_swap_count > 0) OR (ls.inferred_orchestrator_change_count > 0)) AS s_swapped,
            toUInt8((ls.startup_unexcused > 0) OR (ls.zero_output_fps_session > 0) OR (ls.loading_only_session > 0)) AS s_failed
        FROM latest_sessions AS ls
        WHERE ls.session_start_ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
    ),
    pipeline_fallback AS
    (
        SELECT
            k_hour, k_gateway, k_region, k_model,
            if(uniqExactIf(own_pipeline, own_pipeline != '') = 1, anyIf(own_pipeline, own_pipeline != ''), '') AS fallback_pipeline
        FROM demand_sessions
        GROUP BY k_hour, k_gateway, k_region, k_model
    ),
    demand AS
    (
        SELECT
            ds.k_hour AS k_hour,
            ds.k_gateway AS k_gateway,
            ds.k_region AS k_region,
            ds.k_model AS k_model,
            if(if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, '')) != ''
                 AND ds.k_model != ''
                 AND lowerUTF8(if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, ''))) = lowerUTF8(ds.k_model),
               '',
               if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, ''))) AS k_pipeline,
            sum(toUInt64(ds.s_known)) AS d_known,
            sum(toUInt64(ds.s_known = 1 AND ds.s_orch != '')) AS d_served,
            sum(toUInt64(ds.s_known = 1 AND ds.s_orch = '')) AS d_unserved,
            sum(toUInt64(ds.s_unexcused)) AS d_unexcused,
            sum(toUInt64(ds.s_swapped)) AS d_swapped,
            sum(toUInt64(ds.s_failed)) AS d_failed
        FROM demand_sessions AS ds
        LEFT JOIN pipeline_fallback AS pf
            ON pf.k_hour = ds.k_hour
           AND pf.k_gateway = ds.k_gateway
           AND pf.k_region = ds.k_region
           AND pf.k_model = ds.k_model
        GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
    ),
    perf_rows AS
    (
        SELECT
            toDateTime(toStartOfInterval(a.window_start, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            a.gateway AS k_gateway,
            ifNull(a.region, '') AS k_region,
            ifNull(a.model_id, '') AS k_model,
            a.pipeline AS own_pipeline,
            a.sessions_uniq_state AS sessions_state,
            a.streams_uniq_state AS streams_state,
            a.sample_count_state AS count_state,
            a.output_fps_avg_state AS fps_state
        FROM livepeer_analytics.agg_stream_performance_1m AS a
    ),
    perf AS
    (
        SELECT
            pr.k_hour AS k_hour,
            pr.k_gateway AS k_gateway,
            pr.k_region AS k_region,
            pr.k_model AS k_model,
            if(if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, '')) != ''
                 AND pr.k_model != ''
                 AND lowerUTF8(if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, ''))) = lowerUTF8(pr.k_model),
               '',
               if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, ''))) AS k_pipeline,
            uniqExactMerge(pr.sessions_state) AS p_sessions,
            uniqExactMerge(pr.streams_state) AS p_streams,
            countMerge(pr.count_state) / 60.0 AS p_minutes,
            avgMerge(pr.fps_state) AS p_fps
        FROM perf_rows AS pr
        LEFT JOIN pipeline_fallback AS pf
            ON pf.k_hour = pr.k_hour
           AND pf.k_gateway = pr.k_gateway
           AND pf.k_region = pr.k_region
           AND pf.k_model = pr.k_model
        GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
    ),
    baseline AS
    (
        SELECT
            pr.k_hour AS k_hour,
            pr.k_gateway AS k_gateway,
            pr.k_region AS k_region,
            if(if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, '')) != ''
                 AND pr.k_model != ''
                 AND lowerUTF8(if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, ''))) = lowerUTF8(pr.k_model),
               '',
               if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, ''))) AS k_pipeline,
            uniqExactMerge(pr.sessions_state) AS b_sessions,
            uniqExactMerge(pr.streams_state) AS b_streams,
            countMerge(pr.count_state) / 60.0 AS b_minutes,
            toUInt8(1) AS present
        FROM perf_rows AS pr
        LEFT JOIN pipeline_fallback AS pf
            ON pf.k_hour = pr.k_hour
           AND pf.k_gateway = pr.k_gateway
           AND pf.k_region = pr.k_region
           AND pf.k_model = pr.k_model
        WHERE pr.k_hour >= h_from AND pr.k_hour < w_to
        GROUP BY k_hour, k_gateway, k_region, k_pipeline
    ),
    api AS
    (
        SELECT
            toDateTime(d.window_start, 'UTC') AS k_hour,
            d.gateway AS k_gateway,
            ifNull(d.region, '') AS k_region,
            d.pipeline AS k_pipeline,
            sum(d.total_sessions) AS a_sessions,
            sum(d.total_streams) AS a_streams,
            sum(d.total_minutes) AS a_minutes,
            toUInt8(1) AS present
        FROM livepeer_analytics.v_api_network_demand AS d
        WHERE d.window_start >= h_from AND d.window_start < w_to
          AND d.total_minutes > 0
        GROUP BY k_hour, k_gateway, k_region, k_pipeline
    ),
    joined AS
    (
        SELECT
            ifNull(b.present, toUInt8(0)) AS in_b,
            ifNull(a.present, toUInt8(0)) AS in_a,
            toInt64(a.a_sessions) - toInt64(b.b_sessions) AS diff_sessions,
            toInt64(a.a_streams) - toInt64(b.b_streams) AS diff_streams,
            abs(ifNull(a.a_minutes, 0) - ifNull(b.b_minutes, 0)) AS diff_minutes
        FROM baseline AS b
        FULL OUTER JOIN api AS a
            ON a.k_hour = b.k_hour
           AND a.k_gateway = b.k_gateway
           AND a.k_region = b.k_region
           AND a.k_pipeline = b.k_pipeline
    )
SELECT
    toUInt64(status = 'FAIL') AS failed_rows,
    multiIf(baseline_rows = 0 AND api_rows = 0, 'INFO',
            baseline_only_keys + api_only_keys > 0 OR max_abs_diff_minutes > 0.000001, 'FAIL',
            total_diff_sessions != 0 OR total_diff_streams != 0, 'WARN',
            'PASS') AS status,
    countIf(in_b = 1) AS baseline_rows,
    countIf(in_a = 1) AS api_rows,
    countIf(in_b = 1 AND in_a = 1) AS joined_rows,
    countIf(in_b = 1 AND in_a = 0) AS baseline_only_keys,
    countIf(in_b = 0 AND in_a = 1) AS api_only_keys,
    sumIf(diff_sessions, in_b = 1 AND in_a = 1) AS total_diff_sessions,
    sumIf(diff_streams, in_b = 1 AND in_a = 1) AS total_diff_streams,
    ifNull(maxIf(diff_minutes, in_b = 1 AND in_a = 1), 0) AS max_abs_diff_minutes
FROM joined

-- TEST: network_demand_join_multiplicity_guard
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    latest_sessions AS
    (
        SELECT *
        FROM livepeer_analytics.fact_workflow_sessions
        ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
        LIMIT 1 BY workflow_session_id
    ),
    demand_sessions AS
    (
        SELECT
            toDateTime(toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            ls.gateway AS k_gateway,
            ifNull(ls.region, '') AS k_region,
            ifNull(ls.model_id, '') AS k_model,
            if(ls.pipeline != '' AND ifNull(ls.model_id, '') != ''
               AND lowerUTF8(ls.pipeline) = lowerUTF8(ifNull(ls.model_id, '')), '', ls.pipeline) AS own_pipeline,
            ls.orchestrator_address AS s_orch,
            ls.known_stream AS s_known,
            ls.startup_unexcused AS s_unexcused,
            toUInt8((ls.confirmed_swap_count > 0) OR (ls.inferred_orchestrator_change_count > 0)) AS s_swapped,
            toUInt8((ls.startup_unexcused > 0) OR (ls.zero_output_fps_session > 0) OR (ls.loading_only_session > 0)) AS s_failed
        FROM latest_sessions AS ls
        WHERE ls.session_start_ts > toDateTime64('2000-01-01 00:00:00', 3, 'UTC')
    ),
    pipeline_fallback AS
    (
        SELECT
            k_hour, k_gateway, k_region, k_model,
            if(uniqExactIf(own_pipeline, own_pipeline != '') = 1, anyIf(own_pipeline, own_pipeline != ''), '') AS fallback_pipeline
        FROM demand_sessions
        GROUP BY k_hour, k_gateway, k_region, k_model
    ),
    demand AS
    (
        SELECT
            ds.k_hour AS k_hour,
            ds.k_gateway AS k_gateway,
            ds.k_region AS k_region,
            ds.k_model AS k_model,
            if(if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, '')) != ''
                 AND ds.k_model != ''
                 AND lowerUTF8(if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, ''))) = lowerUTF8(ds.k_model),
               '',
               if(ds.own_pipeline != '', ds.own_pipeline, ifNull(pf.fallback_pipeline, ''))) AS k_pipeline,
            sum(toUInt64(ds.s_known)) AS d_known,
            sum(toUInt64(ds.s_known = 1 AND ds.s_orch != '')) AS d_served,
            sum(toUInt64(ds.s_known = 1 AND ds.s_orch = '')) AS d_unserved,
            sum(toUInt64(ds.s_unexcused)) AS d_unexcused,
            sum(toUInt64(ds.s_swapped)) AS d_swapped,
            sum(toUInt64(ds.s_failed)) AS d_failed
        FROM demand_sessions AS ds
        LEFT JOIN pipeline_fallback AS pf
            ON pf.k_hour = ds.k_hour
           AND pf.k_gateway = ds.k_gateway
           AND pf.k_region = ds.k_region
           AND pf.k_model = ds.k_model
        GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
    ),
    perf_rows AS
    (
        SELECT
            toDateTime(toStartOfInterval(a.window_start, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            a.gateway AS k_gateway,
            ifNull(a.region, '') AS k_region,
            ifNull(a.model_id, '') AS k_model,
            a.pipeline AS own_pipeline,
            a.sessions_uniq_state AS sessions_state,
            a.streams_uniq_state AS streams_state,
            a.sample_count_state AS count_state,
            a.output_fps_avg_state AS fps_state
        FROM livepeer_analytics.agg_stream_performance_1m AS a
    ),
    perf AS
    (
        SELECT
            pr.k_hour AS k_hour,
            pr.k_gateway AS k_gateway,
            pr.k_region AS k_region,
            pr.k_model AS k_model,
            if(if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, '')) != ''
                 AND pr.k_model != ''
                 AND lowerUTF8(if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, ''))) = lowerUTF8(pr.k_model),
               '',
               if(pr.own_pipeline != '', pr.own_pipeline, ifNull(pf.fallback_pipeline, ''))) AS k_pipeline,
            uniqExactMerge(pr.sessions_state) AS p_sessions,
            uniqExactMerge(pr.streams_state) AS p_streams,
            countMerge(pr.count_state) / 60.0 AS p_minutes,
            avgMerge(pr.fps_state) AS p_fps
        FROM perf_rows AS pr
        LEFT JOIN pipeline_fallback AS pf
            ON pf.k_hour = pr.k_hour
           AND pf.k_gateway = pr.k_gateway
           AND pf.k_region = pr.k_region
           AND pf.k_model = pr.k_model
        GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
    ),
    perf_raw_keys AS
    (
        SELECT DISTINCT k_hour, k_gateway, k_region, k_model, own_pipeline
        FROM perf_rows
        WHERE k_hour >= h_from AND k_hour < w_to
    ),
    fallback_join AS
    (
        SELECT r.k_hour AS j_hour, r.k_gateway AS j_gateway, r.k_region AS j_region,
               r.k_model AS j_model, r.own_pipeline AS j_pipeline, count() AS n
        FROM perf_raw_keys AS r
        LEFT JOIN pipeline_fallback AS pf
            ON pf.k_hour = r.k_hour
           AND pf.k_gateway = r.k_gateway
           AND pf.k_region = r.k_region
           AND pf.k_model = r.k_model
        GROUP BY j_hour, j_gateway, j_region, j_model, j_pipeline
    ),
    (SELECT countIf(n > 1) FROM fallback_join) AS join_multiplied_keys,
    (SELECT count() FROM
        (SELECT k_hour, k_gateway, k_region, k_pipeline, k_model
         FROM perf
         WHERE k_hour >= h_from AND k_hour < w_to
         GROUP BY k_hour, k_gateway, k_region, k_pipeline, k_model
         HAVING count() > 1)) AS expected_duplicate_keys,
    (SELECT count() FROM
        (SELECT d.window_start, d.gateway, d.region, d.pipeline, d.model_id
         FROM livepeer_analytics.v_api_network_demand AS d
         WHERE d.window_start >= h_from AND d.window_start < w_to
         GROUP BY d.window_start, d.gateway, d.region, d.pipeline, d.model_id
         HAVING count() > 1)) AS api_nonunique_keys
SELECT
    toUInt64(join_multiplied_keys + expected_duplicate_keys + api_nonunique_keys > 0) AS failed_rows,
    join_multiplied_keys + expected_duplicate_keys AS expected_nonunique_keys,
    api_nonunique_keys

-- TEST: network_demand_pipeline_join_inflation_guard
-- note: rewritten so it can fail (the reference hard-wires failed_rows = 0; the naive-join inflation it quantifies is a property of the consumer's join and stays a diagnostic): summing model rows up to pipeline grain is safe only while each (hour, gateway, region, pipeline) group holds each model once, so failed_rows = the number of pipeline groups whose model rows repeat a model_id.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    model_rows AS
    (
        SELECT
            toDateTime(d.window_start, 'UTC') AS k_hour,
            d.gateway AS k_gateway,
            ifNull(d.region, '') AS k_region,
            d.pipeline AS k_pipeline,
            ifNull(d.model_id, '') AS k_model,
            d.total_sessions AS m_sessions
        FROM livepeer_analytics.v_api_network_demand AS d
        WHERE d.window_start >= toStartOfHour(w_from) AND d.window_start < w_to
    ),
    pipeline_rows AS
    (
        SELECT k_hour, k_gateway, k_region, k_pipeline, sum(m_sessions) AS p_sessions
        FROM model_rows
        GROUP BY k_hour, k_gateway, k_region, k_pipeline
    ),
    (SELECT sum(p.p_sessions)
       FROM model_rows AS m
       INNER JOIN pipeline_rows AS p
           ON p.k_hour = m.k_hour
          AND p.k_gateway = m.k_gateway
          AND p.k_region = m.k_region
          AND p.k_pipeline = m.k_pipeline) AS naive_sum,
    (SELECT sum(m_sessions) FROM model_rows) AS safe_sum,
    (SELECT count() FROM
        (SELECT k_hour, k_gateway, k_region, k_pipeline
         FROM model_rows
         GROUP BY k_hour, k_gateway, k_region, k_pipeline
         HAVING count() > uniqExact(k_model))) AS pipeline_groups_with_repeated_models
SELECT
    pipeline_groups_with_repeated_models AS failed_rows,
    pipeline_groups_with_repeated_models,
    naive_sum,
    safe_sum,
    round(naive_sum / nullIf(safe_sum, 0), 6) AS inflation_factor,
    multiIf(safe_sum = 0, 'INFO', naive_sum > safe_sum, 'WARN', 'PASS') AS status

-- TEST: preexisting_grain_drift_baseline_gpu_sla
-- note: rewritten so it can fail (the reference hard-wires failed_rows = 0; drift is expected: the GPU view keeps only GPU-attributed, non-tail-artifact samples, and the SLA view is status-hour attributed, warehouse spec §6.3 item 16, so both stay WARN diagnostics): the GPU view's status samples are a subset of the attributed samples the perf rollup counts, so failed_rows = the (hour, orchestrator, pipeline) keys where the view reports status samples the rollup does not have (a view-only key with samples, or more samples than the rollup).
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    gpu_rollup AS
    (
        SELECT
            toDateTime(toStartOfInterval(a.window_start, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            a.orchestrator_address AS k_orch,
            a.pipeline AS k_pipeline,
            countMerge(a.sample_count_state) AS r_samples,
            toUInt8(1) AS present
        FROM livepeer_analytics.agg_stream_performance_1m AS a
        WHERE toStartOfInterval(a.window_start, INTERVAL 1 HOUR) >= h_from
          AND toStartOfInterval(a.window_start, INTERVAL 1 HOUR) < w_to
        GROUP BY k_hour, k_orch, k_pipeline
    ),
    gpu_view AS
    (
        SELECT
            toDateTime(v.window_start, 'UTC') AS k_hour,
            v.orchestrator_address AS k_orch,
            v.pipeline AS k_pipeline,
            sum(v.status_samples) AS v_samples,
            toUInt8(1) AS present
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
        GROUP BY k_hour, k_orch, k_pipeline
    ),
    gpu_stats AS
    (
        SELECT
            countIf(ifNull(r.present, toUInt8(0)) = 1) AS gpu_rollup_rows,
            countIf(ifNull(v.present, toUInt8(0)) = 1) AS gpu_view_rows,
            countIf(ifNull(r.present, toUInt8(0)) = 1 AND ifNull(v.present, toUInt8(0)) = 0) AS gpu_rollup_only_keys,
            countIf(ifNull(r.present, toUInt8(0)) = 0 AND ifNull(v.present, toUInt8(0)) = 1) AS gpu_view_only_keys,
            sumIf(abs(toInt64(r.r_samples) - toInt64(v.v_samples)),
                  ifNull(r.present, toUInt8(0)) = 1 AND ifNull(v.present, toUInt8(0)) = 1) AS gpu_status_sample_diff,
            countIf(ifNull(v.present, toUInt8(0)) = 1 AND ifNull(v.v_samples, toUInt64(0)) > 0
                    AND (ifNull(r.present, toUInt8(0)) = 0
                         OR ifNull(v.v_samples, toUInt64(0)) > ifNull(r.r_samples, toUInt64(0)))) AS gpu_view_excess_keys
        FROM gpu_rollup AS r
        FULL OUTER JOIN gpu_view AS v
            ON v.k_hour = r.k_hour AND v.k_orch = r.k_orch AND v.k_pipeline = r.k_pipeline
    ),
    sla_raw AS
    (
        SELECT
            toDateTime(toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour,
            ls.orchestrator_address AS k_orch,
            ls.pipeline AS k_pipeline,
            sum(toUInt64(ls.known_stream)) AS c_known,
            sum(toUInt64(ls.startup_unexcused)) AS c_unexcused,
            sum(toUInt64((ls.confirmed_swap_count > 0) OR (ls.inferred_orchestrator_change_count > 0))) AS c_swapped,
            sum(toUInt64(ls.last_error_occurred > 0)) AS c_last_error,
            sum(toUInt64(ls.loading_only_session > 0)) AS c_loading_only,
            sum(toUInt64(ls.zero_output_fps_session > 0)) AS c_zero_output,
            sum(toUInt64(ls.status_error_sample_count)) AS c_status_error_samples,
            sum(toUInt64(ls.health_signal_count)) AS c_health_signal,
            sum(toUInt64(ls.health_expected_signal_count)) AS c_health_expected,
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
        GROUP BY k_hour, k_orch, k_pipeline
    ),
    sla_view AS
    (
        SELECT
            toDateTime(v.window_start, 'UTC') AS k_hour,
            v.orchestrator_address AS k_orch,
            v.pipeline AS k_pipeline,
            sum(v.known_sessions) AS c_known,
            sum(v.unexcused_sessions) AS c_unexcused,
            sum(v.swapped_sessions) AS c_swapped,
            sum(v.sessions_with_last_error) AS c_last_error,
            sum(v.loading_only_sessions) AS c_loading_only,
            sum(v.zero_output_fps_sessions) AS c_zero_output,
            sum(v.status_error_samples) AS c_status_error_samples,
            sum(v.health_signal_count) AS c_health_signal,
            sum(v.health_expected_signal_count) AS c_health_expected,
            toUInt8(1) AS present
        FROM livepeer_analytics.v_api_sla_compliance AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
        GROUP BY k_hour, k_orch, k_pipeline
    ),
    sla_joined AS
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
        FROM sla_raw AS r
        FULL OUTER JOIN sla_view AS v
            ON v.k_hour = r.k_hour AND v.k_orch = r.k_orch AND v.k_pipeline = r.k_pipeline
    ),
    sla_stats AS
    (
        SELECT
            countIf(in_r = 1) AS sla_raw_rows,
            countIf(in_v = 1) AS sla_view_rows,
            countIf(in_r = 1 AND in_v = 0) AS sla_raw_only_keys,
            countIf(in_r = 0 AND in_v = 1) AS sla_view_only_keys,
            sumIf(d_known, in_r = 1 AND in_v = 1) AS sla_known_diff,
            sumIf(d_unexcused, in_r = 1 AND in_v = 1) AS sla_unexcused_diff,
            sumIf(d_swapped, in_r = 1 AND in_v = 1) AS sla_swapped_diff,
            sumIf(d_last_error, in_r = 1 AND in_v = 1) AS sla_last_error_diff,
            sumIf(d_loading_only, in_r = 1 AND in_v = 1) AS sla_loading_only_diff,
            sumIf(d_zero_output, in_r = 1 AND in_v = 1) AS sla_zero_output_diff,
            sumIf(d_status_error_samples, in_r = 1 AND in_v = 1) AS sla_status_error_samples_diff,
            sumIf(d_health_signal, in_r = 1 AND in_v = 1) AS sla_health_signal_count_diff,
            sumIf(d_health_expected, in_r = 1 AND in_v = 1) AS sla_health_expected_signal_count_diff
        FROM sla_joined
    )
SELECT
    g.gpu_view_excess_keys AS failed_rows,
    multiIf(g.gpu_rollup_rows + g.gpu_view_rows + s.sla_raw_rows + s.sla_view_rows = 0, 'INFO',
            g.gpu_view_excess_keys > 0, 'FAIL',
            g.gpu_rollup_only_keys + g.gpu_view_only_keys + g.gpu_status_sample_diff
              + s.sla_raw_only_keys + s.sla_view_only_keys + s.sla_known_diff + s.sla_unexcused_diff
              + s.sla_swapped_diff + s.sla_last_error_diff + s.sla_loading_only_diff + s.sla_zero_output_diff
              + s.sla_status_error_samples_diff + s.sla_health_signal_count_diff
              + s.sla_health_expected_signal_count_diff > 0, 'WARN',
            'PASS') AS status,
    g.gpu_rollup_rows AS gpu_rollup_rows,
    g.gpu_view_rows AS gpu_view_rows,
    g.gpu_rollup_only_keys AS gpu_rollup_only_keys,
    g.gpu_view_only_keys AS gpu_view_only_keys,
    g.gpu_status_sample_diff AS gpu_status_sample_diff,
    g.gpu_view_excess_keys AS gpu_view_excess_keys,
    s.sla_raw_rows AS sla_raw_rows,
    s.sla_view_rows AS sla_view_rows,
    s.sla_raw_only_keys AS sla_raw_only_keys,
    s.sla_view_only_keys AS sla_view_only_keys,
    s.sla_known_diff AS sla_known_diff,
    s.sla_unexcused_diff AS sla_unexcused_diff,
    s.sla_swapped_diff AS sla_swapped_diff,
    s.sla_last_error_diff AS sla_last_error_diff,
    s.sla_loading_only_diff AS sla_loading_only_diff,
    s.sla_zero_output_diff AS sla_zero_output_diff,
    s.sla_status_error_samples_diff AS sla_status_error_samples_diff,
    s.sla_health_signal_count_diff AS sla_health_signal_count_diff,
    s.sla_health_expected_signal_count_diff AS sla_health_expected_signal_count_diff
FROM gpu_stats AS g
CROSS JOIN sla_stats AS s

-- TEST: sla_view_matches_session_fact
-- note: decided deviation (warehouse spec §6.3 item 16): the reference compared the view with the latest sessions grouped by START hour under the final attribution, which agrees with v_api_sla_compliance only when every attributed status sample of a session falls in its start hour under its own keys. The view's contract (spec §1.7, "reproduce the view exactly") counts a session once in every attributed status hour/key, minus tail-artifact session-hours; this test recomputes exactly that from the facts (latest session x attributed status session-hours, tail artifacts removed by an IN lookup of the idle previous hour) and compares the nine counters per key.
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

-- TEST: sla_ratios_in_bounds
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to
SELECT
    countIf(v.startup_success_ratio < 0 OR v.startup_success_ratio > 1)
      + countIf(v.success_ratio < 0 OR v.success_ratio > 1)
      + countIf(v.startup_success_ratio + 0.000001 < v.success_ratio)
      + countIf(v.no_swap_ratio < 0 OR v.no_swap_ratio > 1)
      + countIf(v.health_completeness_ratio < 0 OR v.health_completeness_ratio > 1)
      + countIf(v.sla_score < 0 OR v.sla_score > 100) AS failed_rows,
    count() AS rows_checked
FROM livepeer_analytics.v_api_sla_compliance AS v
WHERE v.window_start >= toStartOfHour(w_from) AND v.window_start < w_to

-- TEST: terminal_tail_artifact_filtered_in_gpu_sla
-- note: v_api_sla_compliance drops only the artifact session-hour, not the whole key (warehouse spec §6.3 item 15), so an SLA row counts as found only when no other, non-artifact session-hour has the same key; a key other sessions legitimately fill is not a leak.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
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
    artifact_keys AS
    (
        SELECT DISTINCT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region
        FROM session_hours
        WHERE is_tail_artifact AND k_hour >= h_from AND k_hour < w_to
    ),
    shared_keys AS
    (
        SELECT DISTINCT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region
        FROM session_hours
        WHERE NOT is_tail_artifact AND has_session = 1
    ),
    gpu_keys AS
    (
        SELECT toDateTime(v.window_start, 'UTC') AS k_hour, v.orchestrator_address AS k_orch, v.pipeline AS k_pipeline,
               ifNull(v.model_id, '') AS k_model, ifNull(v.gpu_id, '') AS k_gpu, ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
    ),
    sla_keys AS
    (
        SELECT toDateTime(v.window_start, 'UTC') AS k_hour, v.orchestrator_address AS k_orch, v.pipeline AS k_pipeline,
               ifNull(v.model_id, '') AS k_model, ifNull(v.gpu_id, '') AS k_gpu, ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_sla_compliance AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
    ),
    (SELECT count() FROM artifact_keys) AS artifact_candidates,
    (SELECT count() FROM artifact_keys
      WHERE (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM gpu_keys)) AS gpu_rows_found,
    (SELECT count() FROM artifact_keys
      WHERE (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM sla_keys)
        AND (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) NOT IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM shared_keys)) AS sla_rows_found
SELECT
    gpu_rows_found + sla_rows_found AS failed_rows,
    multiIf(artifact_candidates = 0, 'INFO', failed_rows > 0, 'FAIL', 'PASS') AS status,
    artifact_candidates,
    gpu_rows_found,
    sla_rows_found

-- TEST: same_hour_failed_no_output_retained_in_gpu_sla
-- note: rewritten so it can fire (spec §6.4): missing keys are found with tuple NOT IN over each view's keys, not LEFT JOIN right-side IS NULL tests.
-- note: decided deviation (spec README item 8): a session is read as the whole row of its highest version (ORDER BY version DESC LIMIT 1 BY workflow_session_id, the serving views' rule), not per-column argMax(col, version), which skips NULLs and mixes versions.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
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
    candidates AS
    (
        SELECT DISTINCT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region
        FROM session_hours
        WHERE k_hour >= h_from AND k_hour < w_to
          AND has_session = 1
          AND fps_positive_samples = 0
          AND running_state_samples = 0
          AND status_samples < 3
          AND session_start_ts >= k_hour AND session_start_ts < k_hour + INTERVAL 1 HOUR
          AND session_end_ts IS NOT NULL
          AND session_end_ts >= k_hour AND session_end_ts < k_hour + INTERVAL 1 HOUR
          AND (last_error_occurred > 0 OR loading_only_session > 0 OR zero_output_fps_session > 0)
          AND k_orch != '' AND k_gpu != ''
    ),
    gpu_keys AS
    (
        SELECT toDateTime(v.window_start, 'UTC') AS k_hour, v.orchestrator_address AS k_orch, v.pipeline AS k_pipeline,
               ifNull(v.model_id, '') AS k_model, ifNull(v.gpu_id, '') AS k_gpu, ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
    ),
    sla_keys AS
    (
        SELECT toDateTime(v.window_start, 'UTC') AS k_hour, v.orchestrator_address AS k_orch, v.pipeline AS k_pipeline,
               ifNull(v.model_id, '') AS k_model, ifNull(v.gpu_id, '') AS k_gpu, ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_sla_compliance AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
    ),
    (SELECT count() FROM candidates) AS candidate_count,
    (SELECT count() FROM candidates
      WHERE (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) NOT IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM gpu_keys)) AS gpu_missing_rows,
    (SELECT count() FROM candidates
      WHERE (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) NOT IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM sla_keys)) AS sla_missing_rows
SELECT
    gpu_missing_rows + sla_missing_rows AS failed_rows,
    multiIf(candidate_count = 0, 'INFO', failed_rows > 0, 'FAIL', 'PASS') AS status,
    candidate_count AS candidates,
    gpu_missing_rows,
    sla_missing_rows

-- TEST: active_no_output_rows_retained_in_gpu_sla
-- note: rewritten so it can fire (spec §6.4): missing keys are found with tuple NOT IN over each view's keys, not LEFT JOIN right-side IS NULL tests.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    candidates AS
    (
        SELECT DISTINCT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region
        FROM
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
                countIf(f.output_fps > 0) AS fps_positive_samples
            FROM livepeer_analytics.fact_stream_status_samples AS f
            WHERE f.is_attributed = 1
              AND toStartOfInterval(f.sample_ts, INTERVAL 1 HOUR) >= h_from
              AND toStartOfInterval(f.sample_ts, INTERVAL 1 HOUR) < w_to
            GROUP BY k_hour, sid, k_orch, k_pipeline, k_model, k_gpu, k_region
        )
        WHERE fps_positive_samples = 0 AND status_samples >= 3
          AND k_orch != '' AND k_gpu != ''
    ),
    gpu_keys AS
    (
        SELECT toDateTime(v.window_start, 'UTC') AS k_hour, v.orchestrator_address AS k_orch, v.pipeline AS k_pipeline,
               ifNull(v.model_id, '') AS k_model, ifNull(v.gpu_id, '') AS k_gpu, ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
    ),
    sla_keys AS
    (
        SELECT toDateTime(v.window_start, 'UTC') AS k_hour, v.orchestrator_address AS k_orch, v.pipeline AS k_pipeline,
               ifNull(v.model_id, '') AS k_model, ifNull(v.gpu_id, '') AS k_gpu, ifNull(v.region, '') AS k_region
        FROM livepeer_analytics.v_api_sla_compliance AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
    ),
    (SELECT count() FROM candidates) AS candidate_count,
    (SELECT count() FROM candidates
      WHERE (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) NOT IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM gpu_keys)) AS gpu_missing_rows,
    (SELECT count() FROM candidates
      WHERE (k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region) NOT IN
            (SELECT k_hour, k_orch, k_pipeline, k_model, k_gpu, k_region FROM sla_keys)) AS sla_missing_rows
SELECT
    gpu_missing_rows + sla_missing_rows AS failed_rows,
    multiIf(candidate_count = 0, 'INFO', failed_rows > 0, 'FAIL', 'PASS') AS status,
    candidate_count AS active_no_output_candidates,
    gpu_missing_rows,
    sla_missing_rows

-- TEST: gold_pipeline_empty_hotspots_diagnostic
-- note: rewritten so it can fail (the reference hard-wires failed_rows = 0; empty-pipeline rows are tolerated up to gold_pipeline_coverage_attributable_min_threshold): a serving row has an empty pipeline only when one of its inputs has one (an attributed status sample, a latest session at its start hour or a latest latency sample with that hour and orchestrator/model/GPU/region and pipeline ''), so failed_rows = the empty-pipeline hotspot rows no such input explains (a view that blanks a pipeline its facts carry).
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    toStartOfHour(w_from) AS h_from,
    hotspots AS
    (
        SELECT toDateTime(v.window_start, 'UTC') AS k_hour, v.orchestrator_address AS orch,
               ifNull(v.model_id, '') AS model, ifNull(v.gpu_id, '') AS gpu, ifNull(v.region, '') AS region
        FROM livepeer_analytics.v_api_gpu_metrics AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
          AND ifNull(v.model_id, '') != '' AND v.pipeline = ''
        UNION ALL
        SELECT toDateTime(v.window_start, 'UTC') AS k_hour, v.orchestrator_address AS orch,
               ifNull(v.model_id, '') AS model, ifNull(v.gpu_id, '') AS gpu, ifNull(v.region, '') AS region
        FROM livepeer_analytics.v_api_sla_compliance AS v
        WHERE v.window_start >= h_from AND v.window_start < w_to
          AND ifNull(v.model_id, '') != '' AND v.pipeline = ''
    ),
    empty_pipeline_inputs AS
    (
        SELECT toDateTime(toStartOfInterval(f.sample_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour, f.orchestrator_address AS orch,
               ifNull(f.model_id, '') AS model, ifNull(f.gpu_id, '') AS gpu, ifNull(f.region, '') AS region
        FROM livepeer_analytics.fact_stream_status_samples AS f
        WHERE f.is_attributed = 1 AND f.pipeline = ''
        UNION DISTINCT
        SELECT toDateTime(toStartOfInterval(ls.session_start_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour, ls.orchestrator_address AS orch,
               ifNull(ls.model_id, '') AS model, ifNull(ls.gpu_id, '') AS gpu, ifNull(ls.region, '') AS region
        FROM
        (
            SELECT *
            FROM livepeer_analytics.fact_workflow_sessions
            ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
            LIMIT 1 BY workflow_session_id
        ) AS ls
        WHERE ls.pipeline = ''
        UNION DISTINCT
        SELECT toDateTime(toStartOfInterval(l.sample_ts, INTERVAL 1 HOUR), 'UTC') AS k_hour, l.orchestrator_address AS orch,
               ifNull(l.model_id, '') AS model, ifNull(l.gpu_id, '') AS gpu, ifNull(l.region, '') AS region
        FROM
        (
            SELECT *
            FROM livepeer_analytics.fact_workflow_latency_samples
            ORDER BY workflow_session_id ASC, version DESC, ingestion_timestamp DESC
            LIMIT 1 BY workflow_session_id
        ) AS l
        WHERE l.pipeline = ''
    )
SELECT
    countIf((k_hour, orch, model, gpu, region) NOT IN
            (SELECT k_hour, orch, model, gpu, region FROM empty_pipeline_inputs)) AS failed_rows,
    count() AS total_rows_with_empty_pipeline,
    failed_rows AS unexplained_empty_pipeline_rows,
    topK(5)(orch) AS top_orchestrator_addresses,
    topK(5)(model) AS top_model_ids,
    topK(5)(gpu) AS top_gpu_ids
FROM hotspots

-- TEST: serving_views_do_not_reference_typed_raw_tables
WITH
    [
        'streaming_events', 'ai_stream_status', 'stream_trace_events', 'stream_ingest_metrics',
        'ai_stream_events', 'network_capabilities', 'network_capabilities_advertised',
        'network_capabilities_model_constraints', 'network_capabilities_prices'
    ] AS raw_objects,
    views AS
    (
        SELECT t.name AS view_name,
               arrayFilter(x -> position(lower(t.create_table_query), x) > 0, raw_objects) AS refs
        FROM system.tables AS t
        WHERE t.database = 'livepeer_analytics'
          AND t.engine = 'View'
          AND startsWith(t.name, 'v_api_')
    )
SELECT
    toUInt64(countIf(length(refs) > 0) > 0) AS failed_rows,
    groupArrayIf(view_name, length(refs) > 0) AS offending_views,
    arrayDistinct(arrayFlatten(groupArray(refs))) AS offending_refs,
    count() AS views_checked
FROM views

-- Invariants of the latest version of every session (issue 4). A session is its
-- highest version, the whole row (docs/deviations.md W4); the window is its start.

-- TEST: latest_session_never_both_success_and_unexcused
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    latest AS
    (
        SELECT s.workflow_session_id AS sid, s.startup_success AS success, s.startup_unexcused AS unexcused
        FROM livepeer_analytics.fact_workflow_sessions AS s
        WHERE s.session_start_ts >= w_from AND s.session_start_ts < w_to
        ORDER BY s.workflow_session_id ASC, s.version DESC, s.ingestion_timestamp DESC
        LIMIT 1 BY s.workflow_session_id
    )
SELECT
    countIf(success = 1 AND unexcused = 1) AS failed_rows,
    count() AS sessions_checked,
    groupArrayIf(5)(sid, success = 1 AND unexcused = 1) AS sample_sessions
FROM latest

-- TEST: latest_session_excused_or_unexcused_only_when_known
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    latest AS
    (
        SELECT s.workflow_session_id AS sid, s.known_stream AS known,
               s.startup_excused AS excused, s.startup_unexcused AS unexcused
        FROM livepeer_analytics.fact_workflow_sessions AS s
        WHERE s.session_start_ts >= w_from AND s.session_start_ts < w_to
        ORDER BY s.workflow_session_id ASC, s.version DESC, s.ingestion_timestamp DESC
        LIMIT 1 BY s.workflow_session_id
    )
SELECT
    countIf(known = 0 AND (excused = 1 OR unexcused = 1)) AS failed_rows,
    countIf(known = 0) AS unknown_stream_sessions,
    groupArrayIf(5)(sid, known = 0 AND (excused = 1 OR unexcused = 1)) AS sample_sessions
FROM latest

-- TEST: latest_session_swap_counts_sane
-- note: the counts are unsigned, so a negative shows up as a wrapped value (>= 2^15);
-- confirmed swaps are orchestrator_swap traces (lifecycle spec §7), so they cannot
-- exceed the session's orchestrator_swap edges; swap_count is confirmed_swap_count.
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    latest AS
    (
        SELECT s.workflow_session_id AS sid, s.confirmed_swap_count AS confirmed,
               s.inferred_orchestrator_change_count AS inferred, s.swap_count AS swaps
        FROM livepeer_analytics.fact_workflow_sessions AS s
        WHERE s.session_start_ts >= w_from AND s.session_start_ts < w_to
        ORDER BY s.workflow_session_id ASC, s.version DESC, s.ingestion_timestamp DESC
        LIMIT 1 BY s.workflow_session_id
    ),
    evidence AS
    (
        SELECT e.workflow_session_id AS sid, count() AS swap_edges
        FROM livepeer_analytics.fact_stream_trace_edges AS e
        WHERE e.is_swap_event > 0
          AND e.workflow_session_id IN (SELECT sid FROM latest)
        GROUP BY sid
    ),
    checked AS
    (
        SELECT l.sid AS sid, l.confirmed AS confirmed, l.inferred AS inferred, l.swaps AS swaps,
               ifNull(ev.swap_edges, 0) AS swap_edges,
               (toUInt64(l.confirmed) >= 32768 OR toUInt64(l.inferred) >= 32768 OR toUInt64(l.swaps) >= 32768
                OR l.swaps != l.confirmed OR l.confirmed > ifNull(ev.swap_edges, 0)) AS bad
        FROM latest AS l
        LEFT JOIN evidence AS ev ON ev.sid = l.sid
        SETTINGS join_use_nulls = 1
    )
SELECT
    countIf(bad) AS failed_rows,
    count() AS sessions_checked,
    countIf(confirmed > 0) AS sessions_with_confirmed_swaps,
    groupArrayIf(5)((sid, confirmed, swaps, swap_edges), bad) AS sample_sessions
FROM checked

-- TEST: silver_rows_trace_to_raw_events
WITH
    {from_ts:DateTime64(3)} AS w_from,
    {to_ts:DateTime64(3)} AS w_to,
    silver AS
    (
        SELECT 'fact_stream_status_samples' AS tbl, source_event_uid AS uid
        FROM livepeer_analytics.fact_stream_status_samples
        WHERE sample_ts >= w_from AND sample_ts < w_to
        UNION ALL
        SELECT 'fact_stream_trace_edges' AS tbl, source_event_uid AS uid
        FROM livepeer_analytics.fact_stream_trace_edges
        WHERE edge_ts >= w_from AND edge_ts < w_to
        UNION ALL
        SELECT 'fact_stream_ingest_samples' AS tbl, source_event_uid AS uid
        FROM livepeer_analytics.fact_stream_ingest_samples
        WHERE sample_ts >= w_from AND sample_ts < w_to
    ),
    orphans AS
    (
        SELECT tbl, uid
        FROM silver
        WHERE uid NOT IN (SELECT raw_event_uid FROM livepeer_analytics.streaming_events)
    )
SELECT
    (SELECT count() FROM orphans) AS failed_rows,
    (SELECT count() FROM silver) AS silver_rows_checked,
    (SELECT groupArray(5)((tbl, uid)) FROM orphans) AS sample_orphans

-- TEST: rollup_totals_equal_latest_session_totals
-- note: agg_reliability_1h is keyed by the session's start hour, so both sides take the
-- sessions (and rollup rows) whose start hour lies in the window.
WITH
    toStartOfHour({from_ts:DateTime64(3)}) AS h_from,
    {to_ts:DateTime64(3)} AS w_to,
    latest AS
    (
        SELECT s.*
        FROM livepeer_analytics.fact_workflow_sessions AS s
        WHERE toStartOfHour(s.session_start_ts) >= h_from AND s.session_start_ts < w_to
        ORDER BY s.workflow_session_id ASC, s.version DESC, s.ingestion_timestamp DESC
        LIMIT 1 BY s.workflow_session_id
    ),
    facts AS
    (
        SELECT
            toInt64(sum(known_stream)) AS known,
            toInt64(sum(startup_success)) AS success,
            toInt64(sum(startup_unexcused)) AS unexcused,
            toInt64(countIf(confirmed_swap_count > 0 OR inferred_orchestrator_change_count > 0)) AS swapped,
            toInt64(countIf(error_count > 0)) AS with_errors
        FROM latest
    ),
    rollup AS
    (
        SELECT
            toInt64(sumMerge(known_sessions_state)) AS known,
            toInt64(sumMerge(startup_success_sessions_state)) AS success,
            toInt64(sumMerge(unexcused_sessions_state)) AS unexcused,
            toInt64(sumMerge(swapped_sessions_state)) AS swapped,
            toInt64(sumMerge(sessions_with_errors_state)) AS with_errors
        FROM livepeer_analytics.agg_reliability_1h
        WHERE window_start >= h_from AND window_start < w_to
    )
SELECT
    toUInt64((f.known != r.known) + (f.success != r.success) + (f.unexcused != r.unexcused)
             + (f.swapped != r.swapped) + (f.with_errors != r.with_errors)) AS failed_rows,
    (f.known, f.success, f.unexcused, f.swapped, f.with_errors) AS fact_totals,
    (r.known, r.success, r.unexcused, r.swapped, r.with_errors) AS rollup_totals
FROM facts AS f CROSS JOIN rollup AS r
