-- Silver facts at per-event grain. Status and trace facts are written by the
-- streaming job (segment-window attribution); the ingest fact is the one
-- typed -> fact projection still done by a ClickHouse MV. All carry
-- source_event_uid = raw_event_uid of the source typed row.

-- Status samples: one row per accepted status event; is_attributed = 1 rows feed the perf rollup.
CREATE TABLE IF NOT EXISTS livepeer_analytics.fact_stream_status_samples
(
    sample_ts DateTime64(3, 'UTC'),
    sample_date Date MATERIALIZED toDate(sample_ts),
    workflow_session_id String,
    stream_id String,
    request_id String,
    gateway String,
    orchestrator_address String,
    orchestrator_url String,
    pipeline String,
    model_id Nullable(String),
    gpu_id Nullable(String),
    region Nullable(String),
    state LowCardinality(String),
    output_fps Float32,
    input_fps Float32,
    is_attributed UInt8 DEFAULT 0,
    gpu_attribution_method LowCardinality(String),
    gpu_attribution_confidence Float32,
    source_event_uid String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(sample_date)
ORDER BY (sample_date, workflow_session_id, sample_ts)
SETTINGS index_granularity = 8192;

-- Trace edges: one row per trace event with its lifecycle category and swap flag.
CREATE TABLE IF NOT EXISTS livepeer_analytics.fact_stream_trace_edges
(
    edge_ts DateTime64(3, 'UTC'),
    edge_date Date MATERIALIZED toDate(edge_ts),
    workflow_session_id String,
    stream_id String,
    request_id String,
    gateway String,
    orchestrator_address String,
    orchestrator_url String,
    pipeline String,
    model_id Nullable(String),
    trace_type LowCardinality(String),
    trace_category LowCardinality(String),
    is_swap_event UInt8,
    is_attributed UInt8 DEFAULT 0,
    source_event_uid String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(edge_date)
ORDER BY (edge_date, workflow_session_id, edge_ts, trace_type)
SETTINGS index_granularity = 8192;

-- Ingest samples: per-event projection of stream_ingest_metrics keyed by workflow session.
CREATE TABLE IF NOT EXISTS livepeer_analytics.fact_stream_ingest_samples
(
    sample_ts DateTime64(3, 'UTC'),
    sample_date Date MATERIALIZED toDate(sample_ts),
    workflow_session_id String,
    stream_id String,
    request_id String,
    connection_quality LowCardinality(String),
    video_jitter Float32,
    audio_jitter Float32,
    video_latency Float32,
    audio_latency Float32,
    bytes_received UInt64,
    bytes_sent UInt64,
    source_event_uid String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(sample_date)
ORDER BY (sample_date, workflow_session_id, sample_ts)
SETTINGS index_granularity = 8192;

-- MV: each inserted ingest-metrics row -> one ingest sample; session id by the shared fallback
-- rule (stream|request, stream|_missing_request, _missing_stream|request,
-- _missing_stream|_missing_request|<raw_event_uid>), untrimmed values compared with ''.
CREATE MATERIALIZED VIEW IF NOT EXISTS livepeer_analytics.mv_stream_ingest_metrics_to_fact_stream_ingest_samples
TO livepeer_analytics.fact_stream_ingest_samples
AS
SELECT
    m.event_timestamp AS sample_ts,
    multiIf(
        m.stream_id != '' AND m.request_id != '', concat(m.stream_id, '|', m.request_id),
        m.stream_id != '', concat(m.stream_id, '|_missing_request'),
        m.request_id != '', concat('_missing_stream|', m.request_id),
        concat('_missing_stream|_missing_request|', m.raw_event_uid)
    ) AS workflow_session_id,
    m.stream_id AS stream_id,
    m.request_id AS request_id,
    m.connection_quality AS connection_quality,
    m.video_jitter AS video_jitter,
    m.audio_jitter AS audio_jitter,
    m.video_latency AS video_latency,
    m.audio_latency AS audio_latency,
    m.bytes_received AS bytes_received,
    m.bytes_sent AS bytes_sent,
    m.raw_event_uid AS source_event_uid
FROM livepeer_analytics.stream_ingest_metrics AS m;
