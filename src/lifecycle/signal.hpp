// The lifecycle signal (spec lifecycle.md §1.2): status, trace and AI events
// each map 1:1 to one normalized signal; every keyed operator consumes
// signals. This is the one place that mapping lives. Also the
// pipeline/model resolver (§3.5), which works on signals.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "lifecycle/capability.hpp"
#include "lifecycle/events.hpp"
#include "lifecycle/semantics.hpp"

namespace naap::lifecycle {

enum class SignalType : uint8_t { kStatus = 0, kTrace = 1, kAiEvent = 2 };

// All views point into the source event (and the caller's key buffer); "" for
// null/absent.
struct Signal {
  SignalType type = SignalType::kStatus;
  std::string_view workflow_session_id;
  EpochMs ts = 0;  // signalTimestamp
  std::string_view stream_id, request_id;
  std::string_view pipeline;       // status/AI: payload pipeline; trace: ""
  std::string_view pipeline_hint;  // = payload pipeline (status/AI)
  std::string_view model_hint;     // = payload pipeline (status/AI)
  std::string_view gateway;
  std::string_view orchestrator_address, orchestrator_url;  // proxy wallet (status/trace)
  std::string_view trace_type;
  std::string_view ai_event_type, message;
  std::string_view status_state;
  float status_output_fps = 0;
  std::string_view status_last_error;
  std::optional<EpochMs> start_time_ms;  // status start_time, after the §13.2 rule
  std::string_view source_event_uid;

  bool is_trace(std::string_view t) const { return type == SignalType::kTrace && trace_type == t; }
};

// Options of the status start-time rule.
enum class StartTimeRule : uint8_t {
  // Fix of spec §13.2 (default): start_time is used only when > 0 and within
  // 24 h of the status event's timestamp.
  kValidated = 0,
  // The reference: any non-null start_time is min-ed into session_start_ts.
  kReference = 1,
};
inline constexpr int64_t kStartTimeWindowMs = 86'400'000;

// Builders. The §2.1 workflow_session_id (fallback = envelope id) is written
// into `key`, which the signal's `workflow_session_id` then views.
Signal make_signal(const StatusEvent& e, std::string& key, StartTimeRule rule);
Signal make_signal(const TraceEvent& e, std::string& key);
Signal make_signal(const AiEvent& e, std::string& key);

// The signal time of a trace event: data timestamp when > 0, else the envelope's.
inline EpochMs trace_signal_ts(const TraceEvent& e) {
  return e.data_timestamp && *e.data_timestamp > 0 ? *e.data_timestamp : e.event_timestamp;
}
// The uid carried into facts: source_event_uid, else the envelope id, else "".
inline std::string_view event_uid_of(std::string_view source_event_uid, std::string_view event_id) {
  return first_non_blank({source_event_uid, event_id});
}

// §3.5 resolver output. Views into the signal, the passed state strings or
// the snapshot; "" when blank.
struct Resolution {
  std::string_view pipeline;
  std::string_view model_id;
  std::string_view compatibility_hint;
};
Resolution resolve_pipeline_model(PipelineModelMode mode, const Signal& s,
                                  std::string_view state_pipeline, std::string_view state_model,
                                  const SnapshotRef* snapshot);

}  // namespace naap::lifecycle
