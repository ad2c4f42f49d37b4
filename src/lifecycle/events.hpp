// Inputs of the lifecycle engine: the decoded payload fields it needs from
// each accepted event (spec lifecycle.md §1.1), plus the envelope fields it
// uses. The runtime fills them from the decoded typed rows.
//
// All string fields are views: they must stay valid for the duration of the
// `LifecycleEngine::on_*` call that receives the event, and no longer (the
// engine copies what it keeps). An absent JSON value is passed as "" (or
// std::nullopt where the field is nullable); the engine treats null and blank
// alike wherever the reference does.
#pragma once

#include <optional>
#include <string_view>

#include "core/time.hpp"

namespace naap::lifecycle {

// One `ai_stream_status` event (typed row `ai_stream_status`).
struct StatusEvent {
  // --- envelope ---
  // Envelope `id` ("" when absent): the last-resort session-id fallback
  // (`_missing_stream|_missing_request|<event_id>`, spec §2.1).
  std::string_view event_id;
  // The event uid (spec README item 4: envelope id when non-blank, else the
  // SHA-256 hex of the raw message) = the typed row's `raw_event_uid`. Copied
  // into every fact row derived from the event; when blank, `event_id` is used.
  std::string_view source_event_uid;
  std::string_view gateway;     // envelope `gateway`
  EpochMs event_timestamp = 0;  // envelope `timestamp` (ms)
  // --- payload ---
  std::string_view stream_id, request_id;
  std::string_view pipeline;                   // data.pipeline (in practice a model label)
  std::string_view state;                      // data.state
  std::string_view orchestrator_address;       // data.orchestrator_info.address (proxy wallet)
  std::string_view orchestrator_url;           // data.orchestrator_info.url
  float output_fps = 0;                        // data.inference_status.fps
  float input_fps = 0;                         // data.input_status.fps
  std::optional<std::string_view> last_error;  // data.inference_status.last_error
  std::optional<EpochMs> start_time;           // data.start_time (ms), nullable
};

// One `stream_trace` event (typed row `stream_trace_events`).
struct TraceEvent {
  // --- envelope (see StatusEvent) ---
  std::string_view event_id, source_event_uid, gateway;
  EpochMs event_timestamp = 0;
  // --- payload ---
  std::string_view stream_id, request_id;
  std::string_view trace_type;            // data.type
  std::string_view orchestrator_address;  // data.orchestrator_info.address (proxy wallet)
  std::string_view orchestrator_url;      // data.orchestrator_info.url
  // data.timestamp (ms). The signal time is this when > 0, else the envelope
  // timestamp; absent = the envelope timestamp.
  std::optional<EpochMs> data_timestamp;
};

// One `ai_stream_events` event (typed row `ai_stream_events`).
struct AiEvent {
  // --- envelope (see StatusEvent) ---
  std::string_view event_id, source_event_uid, gateway;
  EpochMs event_timestamp = 0;
  // --- payload ---
  std::string_view stream_id, request_id;
  std::string_view pipeline;    // data.pipeline
  std::string_view event_type;  // data.type (e.g. error, params_update)
  std::string_view message;     // data.message
};

// One `network_capabilities` row: orchestrator entry x hardware entry x GPU
// (typed row `network_capabilities`). Only `event_timestamp` of the envelope
// fields matters here.
struct CapabilitySnapshot {
  EpochMs event_timestamp = 0;             // envelope timestamp
  std::string_view source_event_id;        // envelope id ("" when absent)
  std::string_view source_event_uid;       // raw_event_uid (lineage only)
  std::string_view orchestrator_address;   // data[].address: canonical wallet
  std::string_view local_address;          // data[].local_address: proxy ("hot") wallet
  std::string_view orch_uri;               // data[].orch_uri
  std::string_view pipeline;               // hardware[].pipeline
  std::string_view model_id;               // hardware[].model_id
  std::optional<std::string_view> gpu_id;  // gpu_info.*.id (null: no GPU entry)
};

}  // namespace naap::lifecycle
