// Fact rows produced by the lifecycle engine (spec lifecycle.md §4-§10,
// warehouse-and-harness.md §1.3/§1.4): one struct per fact table.
//
// Each struct lists the columns the pipeline sends (not MATERIALIZED, not
// `ingestion_timestamp`; DEFAULT columns the job writes, such as
// `is_attributed`, are included) with their exact ClickHouse types, in DDL
// order, and encodes itself as RowBinary in that order. `visit(f)` calls `f`
// once per column value, in `kColumns` order; `encode` and the debug printer
// are built on it, and a unit test checks that every visited C++ type matches
// its column's declared type.
//
// C++ type <-> ClickHouse type: std::string <-> String / LowCardinality(String);
// std::optional<std::string> <-> Nullable(String); EpochMs (int64) <->
// DateTime64(3, 'UTC'); std::optional<EpochMs> <-> Nullable(DateTime64(3, 'UTC'));
// std::optional<double> <-> Nullable(Float64); float <-> Float32; uintN_t <-> UIntN.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "core/row_binary.hpp"
#include "core/time.hpp"

namespace naap::lifecycle {

using OptStr = std::optional<std::string>;
using OptTs = std::optional<EpochMs>;

// fact_stream_status_samples: one row per status event (§8.4).
struct FactStreamStatusSampleRow {
  static constexpr std::string_view kTable = "fact_stream_status_samples";
  static constexpr std::array kColumns = {
      Column{"sample_ts", "DateTime64(3, 'UTC')"},
      Column{"workflow_session_id", "String"},
      Column{"stream_id", "String"},
      Column{"request_id", "String"},
      Column{"gateway", "String"},
      Column{"orchestrator_address", "String"},
      Column{"orchestrator_url", "String"},
      Column{"pipeline", "String"},
      Column{"model_id", "Nullable(String)"},
      Column{"gpu_id", "Nullable(String)"},
      Column{"region", "Nullable(String)"},
      Column{"state", "LowCardinality(String)"},
      Column{"output_fps", "Float32"},
      Column{"input_fps", "Float32"},
      Column{"is_attributed", "UInt8"},
      Column{"gpu_attribution_method", "LowCardinality(String)"},
      Column{"gpu_attribution_confidence", "Float32"},
      Column{"source_event_uid", "String"},
  };
  EpochMs sample_ts = 0;
  std::string workflow_session_id, stream_id, request_id, gateway, orchestrator_address,
      orchestrator_url, pipeline;
  OptStr model_id, gpu_id, region;
  std::string state;
  float output_fps = 0, input_fps = 0;
  uint8_t is_attributed = 0;
  std::string gpu_attribution_method = "none";
  float gpu_attribution_confidence = 0;
  std::string source_event_uid;

  template <typename F>
  void visit(F&& f) const {
    f(sample_ts), f(workflow_session_id), f(stream_id), f(request_id), f(gateway);
    f(orchestrator_address), f(orchestrator_url), f(pipeline), f(model_id), f(gpu_id), f(region);
    f(state), f(output_fps), f(input_fps), f(is_attributed), f(gpu_attribution_method);
    f(gpu_attribution_confidence), f(source_event_uid);
  }
  void encode(RowBinaryWriter& w) const;
  bool operator==(const FactStreamStatusSampleRow&) const = default;
};

// fact_stream_trace_edges: one row per trace event (§8.5).
struct FactStreamTraceEdgeRow {
  static constexpr std::string_view kTable = "fact_stream_trace_edges";
  static constexpr std::array kColumns = {
      Column{"edge_ts", "DateTime64(3, 'UTC')"},
      Column{"workflow_session_id", "String"},
      Column{"stream_id", "String"},
      Column{"request_id", "String"},
      Column{"gateway", "String"},
      Column{"orchestrator_address", "String"},
      Column{"orchestrator_url", "String"},
      Column{"pipeline", "String"},
      Column{"model_id", "Nullable(String)"},
      Column{"trace_type", "LowCardinality(String)"},
      Column{"trace_category", "LowCardinality(String)"},
      Column{"is_swap_event", "UInt8"},
      Column{"is_attributed", "UInt8"},
      Column{"source_event_uid", "String"},
  };
  EpochMs edge_ts = 0;
  std::string workflow_session_id, stream_id, request_id, gateway, orchestrator_address,
      orchestrator_url, pipeline;
  OptStr model_id;
  std::string trace_type, trace_category;
  uint8_t is_swap_event = 0, is_attributed = 0;
  std::string source_event_uid;

  template <typename F>
  void visit(F&& f) const {
    f(edge_ts), f(workflow_session_id), f(stream_id), f(request_id), f(gateway);
    f(orchestrator_address), f(orchestrator_url), f(pipeline), f(model_id), f(trace_type);
    f(trace_category), f(is_swap_event), f(is_attributed), f(source_event_uid);
  }
  void encode(RowBinaryWriter& w) const;
  bool operator==(const FactStreamTraceEdgeRow&) const = default;
};

// fact_workflow_sessions: one full-state row (new version) per signal (§4.6).
struct FactWorkflowSessionRow {
  static constexpr std::string_view kTable = "fact_workflow_sessions";
  static constexpr std::array kColumns = {
      Column{"workflow_session_id", "String"},
      Column{"workflow_type", "LowCardinality(String)"},
      Column{"workflow_id", "String"},
      Column{"stream_id", "String"},
      Column{"request_id", "String"},
      Column{"session_id", "String"},
      Column{"pipeline", "String"},
      Column{"gateway", "String"},
      Column{"orchestrator_address", "String"},
      Column{"orchestrator_url", "String"},
      Column{"model_id", "Nullable(String)"},
      Column{"gpu_id", "Nullable(String)"},
      Column{"region", "Nullable(String)"},
      Column{"has_model_change", "UInt8"},
      Column{"has_pipeline_change", "UInt8"},
      Column{"gpu_attribution_method", "LowCardinality(String)"},
      Column{"gpu_attribution_confidence", "Float32"},
      Column{"session_start_ts", "DateTime64(3, 'UTC')"},
      Column{"session_end_ts", "Nullable(DateTime64(3, 'UTC'))"},
      Column{"known_stream", "UInt8"},
      Column{"startup_success", "UInt8"},
      Column{"startup_excused", "UInt8"},
      Column{"startup_unexcused", "UInt8"},
      Column{"confirmed_swap_count", "UInt16"},
      Column{"inferred_orchestrator_change_count", "UInt16"},
      Column{"swap_count", "UInt16"},
      Column{"error_count", "UInt32"},
      Column{"excusable_error_count", "UInt32"},
      Column{"last_error_occurred", "UInt8"},
      Column{"loading_only_session", "UInt8"},
      Column{"zero_output_fps_session", "UInt8"},
      Column{"status_sample_count", "UInt32"},
      Column{"status_error_sample_count", "UInt32"},
      Column{"health_signal_count", "UInt32"},
      Column{"health_expected_signal_count", "UInt32"},
      Column{"health_completeness_ratio", "Float32"},
      Column{"first_stream_request_ts", "Nullable(DateTime64(3, 'UTC'))"},
      Column{"first_processed_ts", "Nullable(DateTime64(3, 'UTC'))"},
      Column{"first_playable_ts", "Nullable(DateTime64(3, 'UTC'))"},
      Column{"event_count", "UInt32"},
      Column{"version", "UInt64"},
      Column{"source_first_event_uid", "String"},
      Column{"source_last_event_uid", "String"},
  };
  std::string workflow_session_id, workflow_type = "ai_live_video_stream", workflow_id, stream_id,
                                   request_id, session_id, pipeline, gateway, orchestrator_address,
                                   orchestrator_url;
  OptStr model_id, gpu_id, region;
  uint8_t has_model_change = 0, has_pipeline_change = 0;
  std::string gpu_attribution_method = "none";
  float gpu_attribution_confidence = 0;
  EpochMs session_start_ts = 0;
  OptTs session_end_ts;
  uint8_t known_stream = 0, startup_success = 0, startup_excused = 0, startup_unexcused = 0;
  uint16_t confirmed_swap_count = 0, inferred_orchestrator_change_count = 0, swap_count = 0;
  uint32_t error_count = 0, excusable_error_count = 0;
  uint8_t last_error_occurred = 0, loading_only_session = 0, zero_output_fps_session = 0;
  uint32_t status_sample_count = 0, status_error_sample_count = 0, health_signal_count = 0,
           health_expected_signal_count = 0;
  float health_completeness_ratio = 1.0f;
  OptTs first_stream_request_ts, first_processed_ts, first_playable_ts;
  uint32_t event_count = 0;
  uint64_t version = 0;
  std::string source_first_event_uid, source_last_event_uid;

  template <typename F>
  void visit(F&& f) const {
    f(workflow_session_id), f(workflow_type), f(workflow_id), f(stream_id), f(request_id);
    f(session_id), f(pipeline), f(gateway), f(orchestrator_address), f(orchestrator_url);
    f(model_id), f(gpu_id), f(region), f(has_model_change), f(has_pipeline_change);
    f(gpu_attribution_method), f(gpu_attribution_confidence), f(session_start_ts);
    f(session_end_ts), f(known_stream), f(startup_success), f(startup_excused);
    f(startup_unexcused), f(confirmed_swap_count), f(inferred_orchestrator_change_count);
    f(swap_count), f(error_count), f(excusable_error_count), f(last_error_occurred);
    f(loading_only_session), f(zero_output_fps_session), f(status_sample_count);
    f(status_error_sample_count), f(health_signal_count), f(health_expected_signal_count);
    f(health_completeness_ratio), f(first_stream_request_ts), f(first_processed_ts);
    f(first_playable_ts), f(event_count), f(version), f(source_first_event_uid);
    f(source_last_event_uid);
  }
  void encode(RowBinaryWriter& w) const;
  bool operator==(const FactWorkflowSessionRow&) const = default;
};

// fact_workflow_session_segments: 1 row per signal, 2 at an orchestrator change (§5.3).
struct FactWorkflowSessionSegmentRow {
  static constexpr std::string_view kTable = "fact_workflow_session_segments";
  static constexpr std::array kColumns = {
      Column{"workflow_session_id", "String"},
      Column{"segment_index", "UInt16"},
      Column{"segment_start_ts", "DateTime64(3, 'UTC')"},
      Column{"segment_end_ts", "Nullable(DateTime64(3, 'UTC'))"},
      Column{"gateway", "String"},
      Column{"pipeline", "String"},
      Column{"orchestrator_address", "String"},
      Column{"orchestrator_url", "String"},
      Column{"worker_id", "Nullable(String)"},
      Column{"gpu_id", "Nullable(String)"},
      Column{"model_id", "Nullable(String)"},
      Column{"region", "Nullable(String)"},
      Column{"gpu_attribution_method", "LowCardinality(String)"},
      Column{"gpu_attribution_confidence", "Float32"},
      Column{"reason", "LowCardinality(String)"},
      Column{"source_trace_type", "LowCardinality(String)"},
      Column{"source_event_uid", "String"},
      Column{"version", "UInt64"},
  };
  std::string workflow_session_id;
  uint16_t segment_index = 0;
  EpochMs segment_start_ts = 0;
  OptTs segment_end_ts;
  std::string gateway, pipeline, orchestrator_address, orchestrator_url;
  OptStr worker_id = std::string();  // the reference always writes "" (never NULL)
  OptStr gpu_id, model_id, region;
  std::string gpu_attribution_method = "none";
  float gpu_attribution_confidence = 0;
  std::string reason, source_trace_type, source_event_uid;
  uint64_t version = 0;

  template <typename F>
  void visit(F&& f) const {
    f(workflow_session_id), f(segment_index), f(segment_start_ts), f(segment_end_ts);
    f(gateway), f(pipeline), f(orchestrator_address), f(orchestrator_url), f(worker_id);
    f(gpu_id), f(model_id), f(region), f(gpu_attribution_method);
    f(gpu_attribution_confidence), f(reason), f(source_trace_type), f(source_event_uid);
    f(version);
  }
  void encode(RowBinaryWriter& w) const;
  bool operator==(const FactWorkflowSessionSegmentRow&) const = default;
};

// fact_workflow_param_updates: one row per `params_update` AI event (§6).
struct FactWorkflowParamUpdateRow {
  static constexpr std::string_view kTable = "fact_workflow_param_updates";
  static constexpr std::array kColumns = {
      Column{"update_ts", "DateTime64(3, 'UTC')"},
      Column{"workflow_session_id", "String"},
      Column{"stream_id", "String"},
      Column{"request_id", "String"},
      Column{"pipeline", "String"},
      Column{"gateway", "String"},
      Column{"orchestrator_address", "String"},
      Column{"orchestrator_url", "String"},
      Column{"model_id", "Nullable(String)"},
      Column{"gpu_id", "Nullable(String)"},
      Column{"gpu_attribution_method", "LowCardinality(String)"},
      Column{"gpu_attribution_confidence", "Float32"},
      Column{"update_type", "LowCardinality(String)"},
      Column{"message", "String"},
      Column{"source_event_uid", "String"},
      Column{"version", "UInt64"},
  };
  EpochMs update_ts = 0;
  std::string workflow_session_id, stream_id, request_id, pipeline, gateway, orchestrator_address,
      orchestrator_url;
  OptStr model_id, gpu_id;
  std::string gpu_attribution_method = "none";
  float gpu_attribution_confidence = 0;
  std::string update_type = "params_update", message, source_event_uid;
  uint64_t version = 0;

  template <typename F>
  void visit(F&& f) const {
    f(update_ts), f(workflow_session_id), f(stream_id), f(request_id), f(pipeline), f(gateway);
    f(orchestrator_address), f(orchestrator_url), f(model_id), f(gpu_id);
    f(gpu_attribution_method), f(gpu_attribution_confidence), f(update_type), f(message);
    f(source_event_uid), f(version);
  }
  void encode(RowBinaryWriter& w) const;
  bool operator==(const FactWorkflowParamUpdateRow&) const = default;
};

// fact_lifecycle_edge_coverage: one diagnostic row per signal (§10). `model_id`
// exists in the table but the reference never writes it (always NULL), so it
// is not sent.
struct FactLifecycleEdgeCoverageRow {
  static constexpr std::string_view kTable = "fact_lifecycle_edge_coverage";
  static constexpr std::array kColumns = {
      Column{"signal_ts", "DateTime64(3, 'UTC')"},
      Column{"workflow_session_id", "String"},
      Column{"stream_id", "String"},
      Column{"request_id", "String"},
      Column{"pipeline", "String"},
      Column{"gateway", "String"},
      Column{"orchestrator_address", "String"},
      Column{"trace_type", "LowCardinality(String)"},
      Column{"source_event_uid", "String"},
      Column{"known_stream", "UInt8"},
      Column{"has_first_processed_edge", "UInt8"},
      Column{"has_first_playable_edge", "UInt8"},
      Column{"startup_edge_matched", "UInt8"},
      Column{"playable_edge_matched", "UInt8"},
      Column{"is_terminal_signal", "UInt8"},
      Column{"unmatched_reason", "LowCardinality(String)"},
      Column{"version", "UInt64"},
  };
  EpochMs signal_ts = 0;
  std::string workflow_session_id, stream_id, request_id, pipeline, gateway, orchestrator_address,
      trace_type, source_event_uid;
  uint8_t known_stream = 0, has_first_processed_edge = 0, has_first_playable_edge = 0,
          startup_edge_matched = 0, playable_edge_matched = 0, is_terminal_signal = 0;
  std::string unmatched_reason;
  uint64_t version = 0;

  template <typename F>
  void visit(F&& f) const {
    f(signal_ts), f(workflow_session_id), f(stream_id), f(request_id), f(pipeline), f(gateway);
    f(orchestrator_address), f(trace_type), f(source_event_uid), f(known_stream);
    f(has_first_processed_edge), f(has_first_playable_edge), f(startup_edge_matched);
    f(playable_edge_matched), f(is_terminal_signal), f(unmatched_reason), f(version);
  }
  void encode(RowBinaryWriter& w) const;
  bool operator==(const FactLifecycleEdgeCoverageRow&) const = default;
};

// fact_workflow_latency_samples: one row per session row (§7). The table has
// no lineage column; `source_event_uid` (the uid of the signal whose session
// row this sample derives from) is carried in memory only, not sent.
struct FactWorkflowLatencySampleRow {
  static constexpr std::string_view kTable = "fact_workflow_latency_samples";
  static constexpr std::array kColumns = {
      Column{"sample_ts", "DateTime64(3, 'UTC')"},
      Column{"workflow_session_id", "String"},
      Column{"stream_id", "String"},
      Column{"request_id", "String"},
      Column{"gateway", "String"},
      Column{"orchestrator_address", "String"},
      Column{"pipeline", "String"},
      Column{"model_id", "Nullable(String)"},
      Column{"gpu_id", "Nullable(String)"},
      Column{"region", "Nullable(String)"},
      Column{"prompt_to_first_frame_ms", "Nullable(Float64)"},
      Column{"startup_time_ms", "Nullable(Float64)"},
      Column{"e2e_latency_ms", "Nullable(Float64)"},
      Column{"has_prompt_to_first_frame", "UInt8"},
      Column{"has_startup_time", "UInt8"},
      Column{"has_e2e_latency", "UInt8"},
      Column{"edge_semantics_version", "LowCardinality(String)"},
      Column{"version", "UInt64"},
  };
  EpochMs sample_ts = 0;
  std::string workflow_session_id, stream_id, request_id, gateway, orchestrator_address, pipeline;
  OptStr model_id, gpu_id, region;
  std::optional<double> prompt_to_first_frame_ms, startup_time_ms, e2e_latency_ms;
  uint8_t has_prompt_to_first_frame = 0, has_startup_time = 0, has_e2e_latency = 0;
  std::string edge_semantics_version = "v1";
  uint64_t version = 0;
  std::string source_event_uid;  // lineage, not a column

  template <typename F>
  void visit(F&& f) const {
    f(sample_ts), f(workflow_session_id), f(stream_id), f(request_id), f(gateway);
    f(orchestrator_address), f(pipeline), f(model_id), f(gpu_id), f(region);
    f(prompt_to_first_frame_ms), f(startup_time_ms), f(e2e_latency_ms);
    f(has_prompt_to_first_frame), f(has_startup_time), f(has_e2e_latency);
    f(edge_semantics_version), f(version);
  }
  void encode(RowBinaryWriter& w) const;
  bool operator==(const FactWorkflowLatencySampleRow&) const = default;
};

// Human-readable "name=value, ..." form of a row (tests, logs).
std::string debug_string(const FactStreamStatusSampleRow& r);
std::string debug_string(const FactStreamTraceEdgeRow& r);
std::string debug_string(const FactWorkflowSessionRow& r);
std::string debug_string(const FactWorkflowSessionSegmentRow& r);
std::string debug_string(const FactWorkflowParamUpdateRow& r);
std::string debug_string(const FactLifecycleEdgeCoverageRow& r);
std::string debug_string(const FactWorkflowLatencySampleRow& r);

// gtest / iostream printing.
template <typename Row>
requires requires(const Row& r) {
  r.kTable;
  debug_string(r);
}
std::ostream& operator<<(std::ostream& os, const Row& r) {
  return os << Row::kTable << "{" << debug_string(r) << "}";
}

}  // namespace naap::lifecycle
