// Typed rows: one struct per typed table, the decoded form of an accepted
// event. Decoders (src/ingest/decode_*.cpp) fill them; the lifecycle engine
// reads them; the sink writes them. Each struct lists its table's columns
// (those the pipeline sends: not MATERIALIZED, not DEFAULT) with their exact
// ClickHouse types, and encodes itself as RowBinary in that order.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/row_binary.hpp"
#include "core/time.hpp"

namespace naap::ingest {

using OptStr = std::optional<std::string>;

// Fields every typed row carries.
//
// Fields declared std::string_view are views, not copies: they point into
// buffers the quality gate owns for the event being processed (the message,
// the event's identity, an element's compact JSON computed once and shared
// by all of its rows) or into static data (the capability catalog). Like the
// rows themselves, they are valid until the gate's next process() call.
struct RowBase {
  EpochMs event_timestamp = 0;     // envelope timestamp
  std::string_view raw_event_uid;  // envelope id when non-blank, else sha256(raw message)
  std::string_view raw_json;       // the whole message (per-element JSON for fan-out types)
};

struct AiStreamStatusRow : RowBase {
  static constexpr std::string_view kTable = "ai_stream_status";
  static constexpr std::array kColumns = {
      Column{"event_timestamp", "DateTime64(3, 'UTC')"},
      Column{"raw_event_uid", "String"},
      Column{"stream_id", "String"},
      Column{"request_id", "String"},
      Column{"gateway", "String"},
      Column{"orchestrator_address", "String"},
      Column{"orchestrator_url", "String"},
      Column{"pipeline", "LowCardinality(String)"},
      Column{"output_fps", "Float32"},
      Column{"input_fps", "Float32"},
      Column{"state", "LowCardinality(String)"},
      Column{"restart_count", "UInt32"},
      Column{"last_error", "Nullable(String)"},
      Column{"last_error_time", "Nullable(DateTime64(3, 'UTC'))"},
      Column{"prompt_text", "Nullable(String)"},
      Column{"prompt_width", "UInt16"},
      Column{"prompt_height", "UInt16"},
      Column{"params_hash", "String"},
      Column{"start_time", "DateTime64(3, 'UTC')"},
      Column{"raw_json", "String"},
  };
  std::string stream_id, request_id, gateway, orchestrator_address, orchestrator_url, pipeline;
  float output_fps = 0, input_fps = 0;
  std::string state;
  uint32_t restart_count = 0;
  OptStr last_error;
  std::optional<EpochMs> last_error_time;
  OptStr prompt_text;
  uint16_t prompt_width = 0, prompt_height = 0;
  std::string params_hash;
  // ts-ms(data.start_time); NULL when absent. The column is not nullable: an
  // absent start time is written as the epoch, as the reference stores it.
  std::optional<EpochMs> start_time;
  std::string event_id;  // envelope id (text-or-empty): not a column; the session-id fallback

  void encode(RowBinaryWriter& w) const;
};

struct StreamTraceRow : RowBase {
  static constexpr std::string_view kTable = "stream_trace_events";
  static constexpr std::array kColumns = {
      Column{"event_timestamp", "DateTime64(3, 'UTC')"},
      Column{"raw_event_uid", "String"},
      Column{"stream_id", "String"},
      Column{"request_id", "String"},
      Column{"orchestrator_address", "String"},
      Column{"orchestrator_url", "String"},
      Column{"trace_type", "LowCardinality(String)"},
      Column{"data_timestamp", "DateTime64(3, 'UTC')"},
      Column{"raw_json", "String"},
  };
  std::string stream_id, request_id, orchestrator_address, orchestrator_url, trace_type;
  EpochMs data_timestamp = 0;  // ts-ms(data.timestamp), else the envelope timestamp
  std::string gateway;         // envelope gateway: not a column, used by the lifecycle signal
  std::string event_id;        // envelope id (text-or-empty): the session-id fallback

  void encode(RowBinaryWriter& w) const;
};

struct StreamIngestMetricsRow : RowBase {
  static constexpr std::string_view kTable = "stream_ingest_metrics";
  static constexpr std::array kColumns = {
      Column{"event_timestamp", "DateTime64(3, 'UTC')"},
      Column{"raw_event_uid", "String"},
      Column{"stream_id", "String"},
      Column{"request_id", "String"},
      Column{"connection_quality", "LowCardinality(String)"},
      Column{"video_jitter", "Float32"},
      Column{"video_packets_received", "UInt32"},
      Column{"video_packets_lost", "UInt32"},
      Column{"video_packet_loss_pct", "Float32"},
      Column{"video_rtt", "Float32"},
      Column{"video_last_input_ts", "Float32"},
      Column{"video_latency", "Float32"},
      Column{"audio_jitter", "Float32"},
      Column{"audio_packets_received", "UInt32"},
      Column{"audio_packets_lost", "UInt32"},
      Column{"audio_packet_loss_pct", "Float32"},
      Column{"audio_rtt", "Float32"},
      Column{"audio_last_input_ts", "Float32"},
      Column{"audio_latency", "Float32"},
      Column{"bytes_received", "UInt64"},
      Column{"bytes_sent", "UInt64"},
      Column{"raw_json", "String"},
  };
  struct Track {
    float jitter = 0;
    uint32_t packets_received = 0, packets_lost = 0;
    float packet_loss_pct = 0, rtt = 0, last_input_ts = 0, latency = 0;
  };
  std::string stream_id, request_id, connection_quality;
  Track video, audio;
  uint64_t bytes_received = 0, bytes_sent = 0;

  void encode(RowBinaryWriter& w) const;
};

struct AiStreamEventRow : RowBase {
  static constexpr std::string_view kTable = "ai_stream_events";
  static constexpr std::array kColumns = {
      Column{"event_timestamp", "DateTime64(3, 'UTC')"},
      Column{"raw_event_uid", "String"},
      Column{"stream_id", "String"},
      Column{"request_id", "String"},
      Column{"pipeline", "String"},
      Column{"event_type", "LowCardinality(String)"},
      Column{"message", "String"},
      Column{"capability", "String"},
      Column{"raw_json", "String"},
  };
  std::string stream_id, request_id, pipeline, event_type, message, capability;
  std::string gateway;   // envelope gateway: not a column, used by the lifecycle signal
  std::string event_id;  // envelope id (text-or-empty): the session-id fallback

  void encode(RowBinaryWriter& w) const;
};

struct DiscoveryResultRow : RowBase {
  static constexpr std::string_view kTable = "discovery_results";
  static constexpr std::array kColumns = {
      Column{"event_timestamp", "DateTime64(3, 'UTC')"},
      Column{"raw_event_uid", "String"},
      Column{"orchestrator_address", "String"},
      Column{"orchestrator_url", "String"},
      Column{"latency_ms", "UInt32"},
      Column{"raw_json", "String"},
  };
  std::string orchestrator_address, orchestrator_url;
  uint32_t latency_ms = 0;

  void encode(RowBinaryWriter& w) const;
};

struct PaymentEventRow : RowBase {
  static constexpr std::string_view kTable = "payment_events";
  static constexpr std::array kColumns = {
      Column{"event_timestamp", "DateTime64(3, 'UTC')"},
      Column{"raw_event_uid", "String"},
      Column{"request_id", "String"},
      Column{"session_id", "String"},
      Column{"manifest_id", "String"},
      Column{"sender", "String"},
      Column{"recipient", "String"},
      Column{"orchestrator", "String"},
      Column{"face_value", "String"},
      Column{"price", "String"},
      Column{"num_tickets", "String"},
      Column{"win_prob", "String"},
      Column{"client_ip", "String"},
      Column{"capability", "String"},
      Column{"raw_json", "String"},
  };
  std::string request_id, session_id, manifest_id, sender, recipient, orchestrator, face_value,
      price, num_tickets, win_prob, client_ip, capability;

  void encode(RowBinaryWriter& w) const;
};

// Shared leading fields of the four capability tables (one orchestrator entry).
struct CapabilityRowBase : RowBase {
  std::string_view source_event_id;  // envelope id, no hash fallback (may be "")
  std::string_view orchestrator_address, local_address, orch_uri;
};

// network_capabilities: orchestrator x hardware entry x GPU.
struct NetworkCapabilityRow : CapabilityRowBase {
  static constexpr std::string_view kTable = "network_capabilities";
  static constexpr std::array kColumns = {
      Column{"event_timestamp", "DateTime64(3, 'UTC')"},
      Column{"raw_event_uid", "String"},
      Column{"source_event_id", "String"},
      Column{"orchestrator_address", "String"},
      Column{"local_address", "String"},
      Column{"orch_uri", "String"},
      Column{"gpu_id", "Nullable(String)"},
      Column{"gpu_name", "Nullable(String)"},
      Column{"gpu_memory_total", "Nullable(UInt64)"},
      Column{"gpu_memory_free", "Nullable(UInt64)"},
      Column{"gpu_major", "Nullable(UInt8)"},
      Column{"gpu_minor", "Nullable(UInt8)"},
      Column{"pipeline", "String"},
      Column{"model_id", "String"},
      Column{"capability_id", "Nullable(Int32)"},
      Column{"capability_name", "Nullable(String)"},
      Column{"capability_group", "Nullable(String)"},
      Column{"capability_catalog_version", "Nullable(String)"},
      Column{"runner_version", "Nullable(String)"},
      Column{"capacity", "Nullable(UInt8)"},
      Column{"capacity_in_use", "Nullable(UInt8)"},
      Column{"warm", "Nullable(UInt8)"},
      Column{"price_per_unit", "Nullable(UInt32)"},
      Column{"pixels_per_unit", "Nullable(UInt32)"},
      Column{"orchestrator_version", "String"},
      Column{"raw_json", "String"},
  };
  OptStr gpu_id, gpu_name;
  std::optional<uint64_t> gpu_memory_total, gpu_memory_free;
  std::optional<uint8_t> gpu_major, gpu_minor;
  std::string pipeline, model_id;
  std::optional<int32_t> capability_id;
  OptStr capability_name, capability_group, capability_catalog_version, runner_version;
  std::optional<uint8_t> capacity, capacity_in_use, warm;
  std::optional<uint32_t> price_per_unit, pixels_per_unit;
  std::string orchestrator_version;

  void encode(RowBinaryWriter& w) const;
};

struct CapabilityAdvertisedRow : CapabilityRowBase {
  static constexpr std::string_view kTable = "network_capabilities_advertised";
  static constexpr std::array kColumns = {
      Column{"event_timestamp", "DateTime64(3, 'UTC')"},
      Column{"raw_event_uid", "String"},
      Column{"source_event_id", "String"},
      Column{"orchestrator_address", "String"},
      Column{"local_address", "String"},
      Column{"orch_uri", "String"},
      Column{"capability_id", "Int32"},
      Column{"capability_name", "LowCardinality(String)"},
      Column{"capability_group", "LowCardinality(String)"},
      Column{"capability_catalog_version", "LowCardinality(String)"},
      Column{"capacity", "Nullable(Int32)"},
      Column{"raw_json", "String"},
  };
  int32_t capability_id = -1;
  std::string_view capability_name, capability_group, capability_catalog_version;  // catalog
  std::optional<int32_t> capacity;

  void encode(RowBinaryWriter& w) const;
};

struct CapabilityModelConstraintRow : CapabilityRowBase {
  static constexpr std::string_view kTable = "network_capabilities_model_constraints";
  static constexpr std::array kColumns = {
      Column{"event_timestamp", "DateTime64(3, 'UTC')"},
      Column{"raw_event_uid", "String"},
      Column{"source_event_id", "String"},
      Column{"orchestrator_address", "String"},
      Column{"local_address", "String"},
      Column{"orch_uri", "String"},
      Column{"capability_id", "Int32"},
      Column{"capability_name", "LowCardinality(String)"},
      Column{"capability_group", "LowCardinality(String)"},
      Column{"capability_catalog_version", "LowCardinality(String)"},
      Column{"model_id", "String"},
      Column{"runner_version", "Nullable(String)"},
      Column{"capacity", "Nullable(Int32)"},
      Column{"capacity_in_use", "Nullable(Int32)"},
      Column{"warm", "Nullable(Int32)"},
      Column{"raw_json", "String"},
  };
  int32_t capability_id = -1;
  std::string_view capability_name, capability_group, capability_catalog_version;  // catalog
  std::string model_id;
  OptStr runner_version;
  std::optional<int32_t> capacity, capacity_in_use, warm;

  void encode(RowBinaryWriter& w) const;
};

struct CapabilityPriceRow : CapabilityRowBase {
  static constexpr std::string_view kTable = "network_capabilities_prices";
  static constexpr std::array kColumns = {
      Column{"event_timestamp", "DateTime64(3, 'UTC')"},
      Column{"raw_event_uid", "String"},
      Column{"source_event_id", "String"},
      Column{"orchestrator_address", "String"},
      Column{"local_address", "String"},
      Column{"orch_uri", "String"},
      Column{"capability_id", "Int32"},
      Column{"capability_name", "LowCardinality(String)"},
      Column{"capability_group", "LowCardinality(String)"},
      Column{"capability_catalog_version", "LowCardinality(String)"},
      Column{"constraint_name", "Nullable(String)"},
      Column{"price_per_unit", "Nullable(Int32)"},
      Column{"pixels_per_unit", "Nullable(Int32)"},
      Column{"raw_json", "String"},
  };
  int32_t capability_id = -1;
  std::string_view capability_name, capability_group, capability_catalog_version;  // catalog
  OptStr constraint_name;
  std::optional<int32_t> price_per_unit, pixels_per_unit;

  void encode(RowBinaryWriter& w) const;
};

// streaming_events: the raw archive, one row per accepted event (spec README
// item 6). `data` is the compact JSON text of the envelope's `data`.
struct RawEventRow {
  static constexpr std::string_view kTable = "streaming_events";
  static constexpr std::array kColumns = {
      Column{"id", "String"},        Column{"type", "LowCardinality(String)"},
      Column{"timestamp", "UInt64"}, Column{"gateway", "String"},
      Column{"data", "String"},      Column{"raw_event_uid", "String"},
  };
  std::string id, type;
  // Envelope timestamp (ms). The column is UInt64: a negative value (the
  // reference accepts e.g. -1) is written as its two's complement.
  EpochMs timestamp = 0;
  std::string gateway, data, raw_event_uid;

  void encode(RowBinaryWriter& w) const;
};

}  // namespace naap::ingest
