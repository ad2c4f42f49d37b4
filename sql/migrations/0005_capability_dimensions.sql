-- Capability dimensions: snapshot tables filled only by insert-trigger MVs from
-- the typed capability tables, plus the "current state" view. Common mapping:
-- snapshot_ts <- event_timestamp, lower-cased orchestrator / proxy addresses,
-- orchestrator_url <- orch_uri, source_event_uid <- raw_event_uid (the one
-- event uid; equals the envelope id whenever that id is non-blank).

-- Per-GPU capability snapshots (GPU kept in the key so GPUs of one event do not collapse).
CREATE TABLE IF NOT EXISTS livepeer_analytics.dim_orchestrator_capability_snapshots
(
    snapshot_ts DateTime64(3, 'UTC'),
    snapshot_date Date MATERIALIZED toDate(snapshot_ts),
    orchestrator_address String,
    orchestrator_proxy_address String,
    orchestrator_url String,
    pipeline String,
    model_id String,
    capability_id Int32,
    capability_name LowCardinality(String),
    capability_group LowCardinality(String),
    gpu_id Nullable(String),
    gpu_name Nullable(String),
    gpu_memory_total Nullable(UInt64),
    gpu_major Nullable(UInt8),
    gpu_minor Nullable(UInt8),
    runner_version Nullable(String),
    region Nullable(String),
    source_event_uid String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(snapshot_ts)
PARTITION BY toYYYYMM(snapshot_date)
ORDER BY (orchestrator_address, pipeline, model_id, capability_id, ifNull(gpu_id, ''), snapshot_ts, source_event_uid)
SETTINGS index_granularity = 8192;

-- Advertised capability snapshots: one row per event x capability id.
CREATE TABLE IF NOT EXISTS livepeer_analytics.dim_orchestrator_capability_advertised_snapshots
(
    snapshot_ts DateTime64(3, 'UTC'),
    snapshot_date Date MATERIALIZED toDate(snapshot_ts),
    source_event_uid String,
    orchestrator_address String,
    orchestrator_proxy_address String,
    orchestrator_url String,
    capability_id Int32,
    capability_name LowCardinality(String),
    capability_group LowCardinality(String),
    capacity Nullable(Int32),
    capability_catalog_version LowCardinality(String),
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(snapshot_ts)
PARTITION BY toYYYYMM(snapshot_date)
ORDER BY (orchestrator_address, capability_id, snapshot_ts, source_event_uid)
SETTINGS index_granularity = 8192;

-- Model-constraint snapshots: one row per event x capability x model (capacity denominator source).
CREATE TABLE IF NOT EXISTS livepeer_analytics.dim_orchestrator_capability_model_constraints
(
    snapshot_ts DateTime64(3, 'UTC'),
    snapshot_date Date MATERIALIZED toDate(snapshot_ts),
    source_event_uid String,
    orchestrator_address String,
    orchestrator_proxy_address String,
    orchestrator_url String,
    capability_id Int32,
    capability_name LowCardinality(String),
    capability_group LowCardinality(String),
    capability_catalog_version LowCardinality(String),
    model_id String,
    runner_version Nullable(String),
    capacity Nullable(Int32),
    capacity_in_use Nullable(Int32),
    warm Nullable(UInt8),
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(snapshot_ts)
PARTITION BY toYYYYMM(snapshot_date)
ORDER BY (orchestrator_address, capability_id, model_id, snapshot_ts, source_event_uid)
SETTINGS index_granularity = 8192;

-- Price snapshots: one row per event x capability x price entry (the key includes the
-- constraint, as in network_capabilities_prices; docs/deviations.md).
CREATE TABLE IF NOT EXISTS livepeer_analytics.dim_orchestrator_capability_prices
(
    snapshot_ts DateTime64(3, 'UTC'),
    snapshot_date Date MATERIALIZED toDate(snapshot_ts),
    source_event_uid String,
    orchestrator_address String,
    orchestrator_proxy_address String,
    orchestrator_url String,
    capability_id Int32,
    capability_name LowCardinality(String),
    capability_group LowCardinality(String),
    capability_catalog_version LowCardinality(String),
    constraint_name Nullable(String),
    price_per_unit Nullable(Int32),
    pixels_per_unit Nullable(Int32),
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(snapshot_ts)
PARTITION BY toYYYYMM(snapshot_date)
ORDER BY (orchestrator_address, orchestrator_url, capability_id, ifNull(constraint_name, ''), snapshot_ts, source_event_uid)
SETTINGS index_granularity = 8192;

-- MV: typed GPU snapshot rows -> snapshot dimension (NULL capability -> 0 / 'unknown', region NULL).
CREATE MATERIALIZED VIEW IF NOT EXISTS livepeer_analytics.mv_network_capabilities_to_dim_orchestrator_capability_snapshots
TO livepeer_analytics.dim_orchestrator_capability_snapshots
AS
SELECT
    nc.event_timestamp AS snapshot_ts,
    lower(nc.orchestrator_address) AS orchestrator_address,
    lower(nc.local_address) AS orchestrator_proxy_address,
    nc.orch_uri AS orchestrator_url,
    nc.pipeline AS pipeline,
    nc.model_id AS model_id,
    ifNull(nc.capability_id, 0) AS capability_id,
    ifNull(nc.capability_name, 'unknown') AS capability_name,
    ifNull(nc.capability_group, 'unknown') AS capability_group,
    nc.gpu_id AS gpu_id,
    nc.gpu_name AS gpu_name,
    nc.gpu_memory_total AS gpu_memory_total,
    nc.gpu_major AS gpu_major,
    nc.gpu_minor AS gpu_minor,
    nc.runner_version AS runner_version,
    CAST(NULL AS Nullable(String)) AS region,
    nc.raw_event_uid AS source_event_uid
FROM livepeer_analytics.network_capabilities AS nc;

-- MV: typed advertised rows -> advertised snapshot dimension.
CREATE MATERIALIZED VIEW IF NOT EXISTS livepeer_analytics.mv_network_capabilities_advertised_to_dim_orchestrator_capability_advertised_snapshots
TO livepeer_analytics.dim_orchestrator_capability_advertised_snapshots
AS
SELECT
    a.event_timestamp AS snapshot_ts,
    a.raw_event_uid AS source_event_uid,
    lower(a.orchestrator_address) AS orchestrator_address,
    lower(a.local_address) AS orchestrator_proxy_address,
    a.orch_uri AS orchestrator_url,
    a.capability_id AS capability_id,
    a.capability_name AS capability_name,
    a.capability_group AS capability_group,
    a.capacity AS capacity,
    a.capability_catalog_version AS capability_catalog_version
FROM livepeer_analytics.network_capabilities_advertised AS a;

-- MV: typed model-constraint rows -> constraint dimension (warm narrowed Int32 -> UInt8 as in the reference).
CREATE MATERIALIZED VIEW IF NOT EXISTS livepeer_analytics.mv_network_capabilities_model_constraints_to_dim_orchestrator_capability_model_constraints
TO livepeer_analytics.dim_orchestrator_capability_model_constraints
AS
SELECT
    m.event_timestamp AS snapshot_ts,
    m.raw_event_uid AS source_event_uid,
    lower(m.orchestrator_address) AS orchestrator_address,
    lower(m.local_address) AS orchestrator_proxy_address,
    m.orch_uri AS orchestrator_url,
    m.capability_id AS capability_id,
    m.capability_name AS capability_name,
    m.capability_group AS capability_group,
    m.capability_catalog_version AS capability_catalog_version,
    m.model_id AS model_id,
    m.runner_version AS runner_version,
    m.capacity AS capacity,
    m.capacity_in_use AS capacity_in_use,
    m.warm AS warm
FROM livepeer_analytics.network_capabilities_model_constraints AS m;

-- MV: typed price rows -> price dimension.
CREATE MATERIALIZED VIEW IF NOT EXISTS livepeer_analytics.mv_network_capabilities_prices_to_dim_orchestrator_capability_prices
TO livepeer_analytics.dim_orchestrator_capability_prices
AS
SELECT
    p.event_timestamp AS snapshot_ts,
    p.raw_event_uid AS source_event_uid,
    lower(p.orchestrator_address) AS orchestrator_address,
    lower(p.local_address) AS orchestrator_proxy_address,
    p.orch_uri AS orchestrator_url,
    p.capability_id AS capability_id,
    p.capability_name AS capability_name,
    p.capability_group AS capability_group,
    p.capability_catalog_version AS capability_catalog_version,
    p.constraint_name AS constraint_name,
    p.price_per_unit AS price_per_unit,
    p.pixels_per_unit AS pixels_per_unit
FROM livepeer_analytics.network_capabilities_prices AS p;

-- Current capability state per (orchestrator, pipeline, model, capability, GPU): each attribute
-- is its value at the latest snapshot_ts (argMax as in the reference, ties broken by source_event_uid).
CREATE OR REPLACE VIEW livepeer_analytics.dim_orchestrator_capability_current AS
SELECT
    s.orchestrator_address AS orchestrator_address,
    argMax(s.orchestrator_proxy_address, tuple(s.snapshot_ts, s.source_event_uid)) AS orchestrator_proxy_address,
    argMax(s.orchestrator_url, tuple(s.snapshot_ts, s.source_event_uid)) AS orchestrator_url,
    s.pipeline AS pipeline,
    s.model_id AS model_id,
    s.capability_id AS capability_id,
    argMax(s.capability_name, tuple(s.snapshot_ts, s.source_event_uid)) AS capability_name,
    argMax(s.capability_group, tuple(s.snapshot_ts, s.source_event_uid)) AS capability_group,
    s.gpu_id AS gpu_id,
    argMax(s.gpu_name, tuple(s.snapshot_ts, s.source_event_uid)) AS gpu_name,
    argMax(s.gpu_memory_total, tuple(s.snapshot_ts, s.source_event_uid)) AS gpu_memory_total,
    argMax(s.gpu_major, tuple(s.snapshot_ts, s.source_event_uid)) AS gpu_major,
    argMax(s.gpu_minor, tuple(s.snapshot_ts, s.source_event_uid)) AS gpu_minor,
    argMax(s.runner_version, tuple(s.snapshot_ts, s.source_event_uid)) AS runner_version,
    argMax(s.region, tuple(s.snapshot_ts, s.source_event_uid)) AS region,
    max(s.snapshot_ts) AS latest_snapshot_ts
FROM livepeer_analytics.dim_orchestrator_capability_snapshots AS s
GROUP BY orchestrator_address, pipeline, model_id, capability_id, gpu_id;
