-- Baseline (b): "let the warehouse do it", the design the reference project
-- moved to in March 2026: a Kafka-engine table reads the JSONL envelopes
-- (JSONEachRow, `data` kept as a JSON string), a materialized view lands them
-- in a raw events table, and one materialized view per event type extracts
-- the typed table with JSONExtract* (fan-out types with arrayJoin). Here the
-- Kafka engine is replaced by a Null table fed by a streaming insert of the
-- same bytes naap reads (one line per message); everything else runs in the
-- same embedded engine.
-- It produces raw + typed rows only: no DLQ/quarantine, dedup, capability
-- sub-tables, lifecycle or silver facts.
CREATE DATABASE IF NOT EXISTS bench_b;

-- Kafka delivers one message at a time (a broken one is skipped alone,
-- kafka_skip_broken_messages): a LineAsString stage keeps that framing for a
-- file, and the envelope is read with JSONExtract* in the first view.
CREATE TABLE bench_b.kafka
(
    line String
)
ENGINE = Null;

CREATE TABLE bench_b.events
(
    event_id String,
    event_type LowCardinality(String),
    event_ts DateTime64(3, 'UTC'),
    gateway String,
    data String,
    ingested_at DateTime64(3, 'UTC')
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(event_ts)
ORDER BY (event_type, event_ts);

CREATE MATERIALIZED VIEW bench_b.mv_events TO bench_b.events AS
SELECT
    JSONExtractString(line, 'id') AS event_id,
    JSONExtractString(line, 'type') AS event_type,
    fromUnixTimestamp64Milli(toInt64OrZero(trim(BOTH '"' FROM JSONExtractRaw(line, 'timestamp'))), 'UTC') AS event_ts,
    JSONExtractString(line, 'gateway') AS gateway,
    JSONExtractRaw(line, 'data') AS data,
    now64(3) AS ingested_at
FROM bench_b.kafka
WHERE isValidJSON(line) AND event_id != '' AND event_type != '';

CREATE TABLE bench_b.typed_stream_trace
(
    event_id String, event_ts DateTime64(3, 'UTC'), gateway String,
    stream_id String, request_id String, trace_type LowCardinality(String),
    pipeline String, orch_address String, orch_url String, message String,
    data_ts DateTime64(3, 'UTC'), data String
)
ENGINE = ReplacingMergeTree(event_ts)
PARTITION BY toYYYYMM(event_ts)
ORDER BY (event_ts, event_id);

CREATE MATERIALIZED VIEW bench_b.mv_typed_stream_trace TO bench_b.typed_stream_trace AS
SELECT
    event_id, event_ts, gateway,
    JSONExtractString(data, 'stream_id') AS stream_id,
    JSONExtractString(data, 'request_id') AS request_id,
    JSONExtractString(data, 'type') AS trace_type,
    JSONExtractString(data, 'pipeline') AS pipeline,
    lower(JSONExtractString(data, 'orchestrator_info', 'address')) AS orch_address,
    JSONExtractString(data, 'orchestrator_info', 'url') AS orch_url,
    JSONExtractString(data, 'message') AS message,
    fromUnixTimestamp64Milli(JSONExtractInt(data, 'timestamp'), 'UTC') AS data_ts,
    data
FROM bench_b.events
WHERE event_type = 'stream_trace';

CREATE TABLE bench_b.typed_ai_stream_status
(
    event_id String, event_ts DateTime64(3, 'UTC'), gateway String,
    stream_id String, request_id String, pipeline String, state LowCardinality(String),
    orch_address String, orch_url String, output_fps Float64, input_fps Float64,
    restart_count UInt64, last_error String, last_error_ts Nullable(DateTime64(3, 'UTC')),
    params_hash String, start_time DateTime64(3, 'UTC'), data String
)
ENGINE = ReplacingMergeTree(event_ts)
PARTITION BY toYYYYMM(event_ts)
ORDER BY (event_ts, event_id);

CREATE MATERIALIZED VIEW bench_b.mv_typed_ai_stream_status TO bench_b.typed_ai_stream_status AS
SELECT
    event_id, event_ts, gateway,
    JSONExtractString(data, 'stream_id') AS stream_id,
    JSONExtractString(data, 'request_id') AS request_id,
    JSONExtractString(data, 'pipeline') AS pipeline,
    JSONExtractString(data, 'state') AS state,
    lower(JSONExtractString(data, 'orchestrator_info', 'address')) AS orch_address,
    JSONExtractString(data, 'orchestrator_info', 'url') AS orch_url,
    JSONExtractFloat(data, 'inference_status', 'fps') AS output_fps,
    JSONExtractFloat(data, 'input_status', 'fps') AS input_fps,
    JSONExtractUInt(data, 'inference_status', 'restart_count') AS restart_count,
    JSONExtractString(data, 'inference_status', 'last_error') AS last_error,
    if(JSONExtractInt(data, 'inference_status', 'last_error_time') > 0,
       fromUnixTimestamp64Milli(JSONExtractInt(data, 'inference_status', 'last_error_time'), 'UTC'),
       NULL) AS last_error_ts,
    JSONExtractString(data, 'inference_status', 'last_params_hash') AS params_hash,
    fromUnixTimestamp64Milli(JSONExtractInt(data, 'start_time'), 'UTC') AS start_time,
    data
FROM bench_b.events
WHERE event_type = 'ai_stream_status';

CREATE TABLE bench_b.typed_ai_stream_events
(
    event_id String, event_ts DateTime64(3, 'UTC'), gateway String,
    stream_id String, request_id String, pipeline String, event_name LowCardinality(String),
    message String, capability String, data String
)
ENGINE = ReplacingMergeTree(event_ts)
PARTITION BY toYYYYMM(event_ts)
ORDER BY (event_ts, event_id);

CREATE MATERIALIZED VIEW bench_b.mv_typed_ai_stream_events TO bench_b.typed_ai_stream_events AS
SELECT
    event_id, event_ts, gateway,
    JSONExtractString(data, 'stream_id') AS stream_id,
    JSONExtractString(data, 'request_id') AS request_id,
    JSONExtractString(data, 'pipeline') AS pipeline,
    JSONExtractString(data, 'type') AS event_name,
    JSONExtractString(data, 'message') AS message,
    JSONExtractString(data, 'capability') AS capability,
    data
FROM bench_b.events
WHERE event_type = 'ai_stream_events';

CREATE TABLE bench_b.typed_stream_ingest_metrics
(
    event_id String, event_ts DateTime64(3, 'UTC'), gateway String,
    stream_id String, request_id String, conn_quality LowCardinality(String),
    video_jitter Float64, video_packets_lost UInt64, video_packets_received UInt64,
    audio_jitter Float64, audio_packets_lost UInt64, audio_packets_received UInt64,
    bytes_received UInt64, bytes_sent UInt64, data String
)
ENGINE = ReplacingMergeTree(event_ts)
PARTITION BY toYYYYMM(event_ts)
ORDER BY (event_ts, event_id);

CREATE MATERIALIZED VIEW bench_b.mv_typed_stream_ingest_metrics TO bench_b.typed_stream_ingest_metrics AS
WITH
    JSONExtractArrayRaw(data, 'stats', 'track_stats') AS tracks,
    arrayFirst(x -> JSONExtractString(x, 'type') = 'video', tracks) AS video,
    arrayFirst(x -> JSONExtractString(x, 'type') = 'audio', tracks) AS audio
SELECT
    event_id, event_ts, gateway,
    JSONExtractString(data, 'stream_id') AS stream_id,
    JSONExtractString(data, 'request_id') AS request_id,
    JSONExtractString(data, 'stats', 'conn_quality') AS conn_quality,
    JSONExtractFloat(video, 'jitter') AS video_jitter,
    JSONExtractUInt(video, 'packets_lost') AS video_packets_lost,
    JSONExtractUInt(video, 'packets_received') AS video_packets_received,
    JSONExtractFloat(audio, 'jitter') AS audio_jitter,
    JSONExtractUInt(audio, 'packets_lost') AS audio_packets_lost,
    JSONExtractUInt(audio, 'packets_received') AS audio_packets_received,
    JSONExtractUInt(data, 'stats', 'peer_conn_stats', 'BytesReceived') AS bytes_received,
    JSONExtractUInt(data, 'stats', 'peer_conn_stats', 'BytesSent') AS bytes_sent,
    data
FROM bench_b.events
WHERE event_type = 'stream_ingest_metrics';

CREATE TABLE bench_b.typed_payments
(
    event_id String, event_ts DateTime64(3, 'UTC'), gateway String,
    session_id String, request_id String, manifest_id String, sender String, recipient String,
    orchestrator String, face_value_wei UInt64, price_wei_per_pixel Float64, win_prob Float64,
    num_tickets UInt64, data String
)
ENGINE = ReplacingMergeTree(event_ts)
PARTITION BY toYYYYMM(event_ts)
ORDER BY (event_ts, event_id);

CREATE MATERIALIZED VIEW bench_b.mv_typed_payments TO bench_b.typed_payments AS
SELECT
    event_id, event_ts, gateway,
    JSONExtractString(data, 'sessionID') AS session_id,
    JSONExtractString(data, 'requestID') AS request_id,
    JSONExtractString(data, 'manifestID') AS manifest_id,
    lower(JSONExtractString(data, 'sender')) AS sender,
    lower(JSONExtractString(data, 'recipient')) AS recipient,
    JSONExtractString(data, 'orchestrator') AS orchestrator,
    toUInt64OrDefault(replaceAll(JSONExtractString(data, 'faceValue'), ' WEI', '')) AS face_value_wei,
    toFloat64OrDefault(replaceAll(JSONExtractString(data, 'price'), ' wei/pixel', '')) AS price_wei_per_pixel,
    toFloat64OrDefault(JSONExtractString(data, 'winProb')) AS win_prob,
    toUInt64OrDefault(JSONExtractString(data, 'numTickets')) AS num_tickets,
    data
FROM bench_b.events
WHERE event_type = 'create_new_payment';

CREATE TABLE bench_b.typed_discovery_results
(
    event_id String, event_ts DateTime64(3, 'UTC'), gateway String,
    orch_address String, orch_url String, latency_ms UInt64, data String
)
ENGINE = ReplacingMergeTree(event_ts)
PARTITION BY toYYYYMM(event_ts)
ORDER BY (event_ts, event_id, orch_address);

CREATE MATERIALIZED VIEW bench_b.mv_typed_discovery_results TO bench_b.typed_discovery_results AS
SELECT
    event_id, event_ts, gateway,
    lower(JSONExtractString(entry, 'address')) AS orch_address,
    JSONExtractString(entry, 'url') AS orch_url,
    toUInt64OrDefault(JSONExtractString(entry, 'latency_ms')) AS latency_ms,
    entry AS data
FROM bench_b.events
ARRAY JOIN JSONExtractArrayRaw(data) AS entry
WHERE event_type = 'discovery_results';

CREATE TABLE bench_b.typed_network_capabilities
(
    event_id String, event_ts DateTime64(3, 'UTC'),
    orch_address String, local_address String, orch_uri String, version String,
    raw_capabilities String
)
ENGINE = ReplacingMergeTree(event_ts)
PARTITION BY toYYYYMM(event_ts)
ORDER BY (orch_address, event_ts, event_id);

CREATE MATERIALIZED VIEW bench_b.mv_typed_network_capabilities TO bench_b.typed_network_capabilities AS
SELECT
    event_id, event_ts,
    lower(JSONExtractString(orch, 'address')) AS orch_address,
    JSONExtractString(orch, 'local_address') AS local_address,
    JSONExtractString(orch, 'orch_uri') AS orch_uri,
    JSONExtractString(orch, 'capabilities', 'version') AS version,
    orch AS raw_capabilities
FROM bench_b.events
ARRAY JOIN JSONExtractArrayRaw(data) AS orch
WHERE event_type = 'network_capabilities';
