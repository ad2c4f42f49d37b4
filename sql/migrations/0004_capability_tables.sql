-- Typed capability tables, all fed from network_capabilities broadcasts.
-- ReplacingMergeTree(event_timestamp); the event id is in every key, so only
-- exact re-deliveries collapse. raw_event_uid follows event_date.

-- Capability snapshot: one row per orchestrator x hardware entry x GPU (GPU kept in the key).
CREATE TABLE IF NOT EXISTS livepeer_analytics.network_capabilities
(
    event_timestamp DateTime64(3, 'UTC'),
    event_date Date MATERIALIZED toDate(event_timestamp),
    raw_event_uid String,
    source_event_id String,
    orchestrator_address String,
    local_address String,
    orch_uri String,
    gpu_id Nullable(String),
    gpu_name Nullable(String),
    gpu_memory_total Nullable(UInt64),
    gpu_memory_free Nullable(UInt64),
    gpu_major Nullable(UInt8),
    gpu_minor Nullable(UInt8),
    pipeline String,
    model_id String,
    capability_id Nullable(Int32),
    capability_name Nullable(String),
    capability_group Nullable(String),
    capability_catalog_version Nullable(String),
    runner_version Nullable(String),
    capacity Nullable(UInt8),
    capacity_in_use Nullable(UInt8),
    warm Nullable(UInt8),
    price_per_unit Nullable(UInt32),
    pixels_per_unit Nullable(UInt32),
    orchestrator_version String,
    raw_json String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_orch_address orchestrator_address TYPE bloom_filter GRANULARITY 1,
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = ReplacingMergeTree(event_timestamp)
PARTITION BY toYYYYMM(event_date)
ORDER BY (orchestrator_address, orch_uri, pipeline, model_id, ifNull(gpu_id, ''), ifNull(capability_id, 0), event_timestamp, source_event_id)
SETTINGS index_granularity = 8192;

-- Advertised capabilities: one row per orchestrator x capability id (includes transcoding-only nodes).
CREATE TABLE IF NOT EXISTS livepeer_analytics.network_capabilities_advertised
(
    event_timestamp DateTime64(3, 'UTC'),
    event_date Date MATERIALIZED toDate(event_timestamp),
    raw_event_uid String,
    source_event_id String,
    orchestrator_address String,
    local_address String,
    orch_uri String,
    capability_id Int32,
    capability_name LowCardinality(String),
    capability_group LowCardinality(String),
    capability_catalog_version LowCardinality(String),
    capacity Nullable(Int32),
    raw_json String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = ReplacingMergeTree(event_timestamp)
PARTITION BY toYYYYMM(event_date)
ORDER BY (orchestrator_address, capability_id, event_timestamp, source_event_id)
SETTINGS index_granularity = 8192;

-- Per-capability model constraints: one row per orchestrator x capability x model (capacity, warm).
CREATE TABLE IF NOT EXISTS livepeer_analytics.network_capabilities_model_constraints
(
    event_timestamp DateTime64(3, 'UTC'),
    event_date Date MATERIALIZED toDate(event_timestamp),
    raw_event_uid String,
    source_event_id String,
    orchestrator_address String,
    local_address String,
    orch_uri String,
    capability_id Int32,
    capability_name LowCardinality(String),
    capability_group LowCardinality(String),
    capability_catalog_version LowCardinality(String),
    model_id String,
    runner_version Nullable(String),
    capacity Nullable(Int32),
    capacity_in_use Nullable(Int32),
    warm Nullable(Int32),
    raw_json String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = ReplacingMergeTree(event_timestamp)
PARTITION BY toYYYYMM(event_date)
ORDER BY (orchestrator_address, capability_id, model_id, event_timestamp, source_event_id)
SETTINGS index_granularity = 8192;

-- Capability prices: one row per price entry. Unlike the reference, the key includes the node
-- URI and the constraint (model), so the prices of every node of a wallet and every model of a
-- capability are kept instead of collapsing at insert (docs/deviations.md).
CREATE TABLE IF NOT EXISTS livepeer_analytics.network_capabilities_prices
(
    event_timestamp DateTime64(3, 'UTC'),
    event_date Date MATERIALIZED toDate(event_timestamp),
    raw_event_uid String,
    source_event_id String,
    orchestrator_address String,
    local_address String,
    orch_uri String,
    capability_id Int32,
    capability_name LowCardinality(String),
    capability_group LowCardinality(String),
    capability_catalog_version LowCardinality(String),
    constraint_name Nullable(String),
    price_per_unit Nullable(Int32),
    pixels_per_unit Nullable(Int32),
    raw_json String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = ReplacingMergeTree(event_timestamp)
PARTITION BY toYYYYMM(event_date)
ORDER BY (orchestrator_address, orch_uri, capability_id, ifNull(constraint_name, ''), event_timestamp, source_event_id)
SETTINGS index_granularity = 8192;
