-- Typed (flattened) tables for the single-row event families plus discovery
-- and payments. One row per accepted event (discovery: per array element).
-- raw_event_uid sits right after the date/hour columns, as in the final
-- February schema; raw_json keeps the original message.

-- Status events (ai_stream_status): fps, state, errors, prompt, per stream.
CREATE TABLE IF NOT EXISTS livepeer_analytics.ai_stream_status
(
    event_timestamp DateTime64(3, 'UTC'),
    event_date Date MATERIALIZED toDate(event_timestamp),
    event_hour UInt8 MATERIALIZED toHour(event_timestamp),
    raw_event_uid String,
    stream_id String,
    request_id String,
    gateway String,
    orchestrator_address String,
    orchestrator_url String,
    pipeline LowCardinality(String),
    output_fps Float32,
    input_fps Float32,
    state LowCardinality(String),
    restart_count UInt32,
    last_error Nullable(String),
    last_error_time Nullable(DateTime64(3, 'UTC')),
    prompt_text Nullable(String),
    prompt_width UInt16,
    prompt_height UInt16,
    params_hash String,
    start_time DateTime64(3, 'UTC'),
    raw_json String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_orchestrator orchestrator_address TYPE bloom_filter GRANULARITY 1,
    INDEX idx_pipeline pipeline TYPE bloom_filter GRANULARITY 1,
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, orchestrator_address, pipeline, stream_id, event_timestamp)
SETTINGS index_granularity = 8192;

-- Ingest network metrics (stream_ingest_metrics): per-track jitter, loss, rtt, latency, bytes.
CREATE TABLE IF NOT EXISTS livepeer_analytics.stream_ingest_metrics
(
    event_timestamp DateTime64(3, 'UTC'),
    event_date Date MATERIALIZED toDate(event_timestamp),
    raw_event_uid String,
    stream_id String,
    request_id String,
    connection_quality LowCardinality(String),
    video_jitter Float32,
    video_packets_received UInt32,
    video_packets_lost UInt32,
    video_packet_loss_pct Float32,
    video_rtt Float32,
    video_last_input_ts Float32,
    video_latency Float32,
    audio_jitter Float32,
    audio_packets_received UInt32,
    audio_packets_lost UInt32,
    audio_packet_loss_pct Float32,
    audio_rtt Float32,
    audio_last_input_ts Float32,
    audio_latency Float32,
    bytes_received UInt64,
    bytes_sent UInt64,
    raw_json String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, stream_id, event_timestamp)
SETTINGS index_granularity = 8192;

-- Trace events (stream_trace): lifecycle edges such as request received, first processed segment, swap.
CREATE TABLE IF NOT EXISTS livepeer_analytics.stream_trace_events
(
    event_timestamp DateTime64(3, 'UTC'),
    event_date Date MATERIALIZED toDate(event_timestamp),
    raw_event_uid String,
    stream_id String,
    request_id String,
    orchestrator_address String,
    orchestrator_url String,
    trace_type LowCardinality(String),
    data_timestamp DateTime64(3, 'UTC'),
    raw_json String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_request_id request_id TYPE bloom_filter GRANULARITY 1,
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, request_id, trace_type, data_timestamp)
SETTINGS index_granularity = 8192;

-- AI stream events (ai_stream_events): error / warning / info / params_update messages.
CREATE TABLE IF NOT EXISTS livepeer_analytics.ai_stream_events
(
    event_timestamp DateTime64(3, 'UTC'),
    event_date Date MATERIALIZED toDate(event_timestamp),
    raw_event_uid String,
    stream_id String,
    request_id String,
    pipeline String,
    event_type LowCardinality(String),
    message String,
    capability String,
    raw_json String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, stream_id, event_timestamp)
SETTINGS index_granularity = 8192;

-- Orchestrator discovery round-trips (discovery_results): one row per discovered orchestrator.
CREATE TABLE IF NOT EXISTS livepeer_analytics.discovery_results
(
    event_timestamp DateTime64(3, 'UTC'),
    event_date Date MATERIALIZED toDate(event_timestamp),
    raw_event_uid String,
    orchestrator_address String,
    orchestrator_url String,
    latency_ms UInt32,
    raw_json String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, orchestrator_address, event_timestamp)
SETTINGS index_granularity = 8192;

-- Ticket payments (create_new_payment): values kept verbatim as text; request_id links fees to sessions.
CREATE TABLE IF NOT EXISTS livepeer_analytics.payment_events
(
    event_timestamp DateTime64(3, 'UTC'),
    event_date Date MATERIALIZED toDate(event_timestamp),
    raw_event_uid String,
    request_id String,
    session_id String,
    manifest_id String,
    sender String,
    recipient String,
    orchestrator String,
    face_value String,
    price String,
    num_tickets String,
    win_prob String,
    client_ip String,
    capability String,
    raw_json String,
    ingestion_timestamp DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX idx_raw_event_uid raw_event_uid TYPE bloom_filter GRANULARITY 1
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, recipient, orchestrator, event_timestamp)
SETTINGS index_granularity = 8192;
