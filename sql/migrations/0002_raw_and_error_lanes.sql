-- Raw archive and the two error lanes (DLQ, quarantine).
-- Together they partition the input: accepted events once in the archive,
-- failures in the DLQ, duplicates in quarantine; all carry raw_event_uid.

-- Raw archive: every accepted envelope once, column names equal to the envelope's JSON keys.
CREATE TABLE IF NOT EXISTS livepeer_analytics.streaming_events
(
    id String,
    type LowCardinality(String),
    timestamp UInt64,
    gateway String,
    data String,
    event_timestamp DateTime64(3, 'UTC') MATERIALIZED fromUnixTimestamp64Milli(timestamp),
    event_date Date MATERIALIZED toDate(event_timestamp),
    -- envelope id when non-blank, else lower-case hex SHA-256 of the raw message bytes
    raw_event_uid String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_event_type type TYPE bloom_filter GRANULARITY 1,
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, type, event_timestamp)
SETTINGS index_granularity = 8192;

-- Dead-letter lane: events that failed deserialization, validation, parsing or the sink guard.
CREATE TABLE IF NOT EXISTS livepeer_analytics.streaming_events_dlq
(
    schema_version LowCardinality(String),
    source_topic String,
    source_partition UInt32,
    source_offset UInt64,
    source_record_timestamp DateTime64(3, 'UTC'),
    event_id String,
    event_type LowCardinality(String),
    event_version Nullable(String),
    event_timestamp Nullable(DateTime64(3, 'UTC')),
    event_date Date MATERIALIZED toDate(ifNull(event_timestamp, source_record_timestamp)),
    raw_event_uid String,
    dedup_key Nullable(String),
    dedup_strategy Nullable(String),
    replay UInt8,
    failure_stage LowCardinality(String),
    failure_class LowCardinality(String),
    failure_reason String,
    failure_details String,
    orchestrator Nullable(String),
    broadcaster Nullable(String),
    region Nullable(String),
    payload_encoding LowCardinality(String),
    payload_body String,
    payload_canonical_json Nullable(String),
    -- size in bytes of the payload before truncation to the row limit
    payload_original_size UInt64 DEFAULT 0,
    -- 1 when payload_body was truncated (oversized rows are kept, never dropped)
    payload_truncated UInt8 DEFAULT 0,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, failure_class, event_type, source_topic, source_offset)
SETTINGS index_granularity = 8192;

-- Quarantine lane: expected rejects (duplicates), same shape as the DLQ.
CREATE TABLE IF NOT EXISTS livepeer_analytics.streaming_events_quarantine
(
    schema_version LowCardinality(String),
    source_topic String,
    source_partition UInt32,
    source_offset UInt64,
    source_record_timestamp DateTime64(3, 'UTC'),
    event_id String,
    event_type LowCardinality(String),
    event_version Nullable(String),
    event_timestamp Nullable(DateTime64(3, 'UTC')),
    event_date Date MATERIALIZED toDate(ifNull(event_timestamp, source_record_timestamp)),
    raw_event_uid String,
    dedup_key Nullable(String),
    dedup_strategy Nullable(String),
    replay UInt8,
    failure_stage LowCardinality(String),
    failure_class LowCardinality(String),
    failure_reason String,
    failure_details String,
    orchestrator Nullable(String),
    broadcaster Nullable(String),
    region Nullable(String),
    payload_encoding LowCardinality(String),
    payload_body String,
    payload_canonical_json Nullable(String),
    payload_original_size UInt64 DEFAULT 0,
    payload_truncated UInt8 DEFAULT 0,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, failure_class, event_type, source_topic, source_offset)
SETTINGS index_granularity = 8192;
