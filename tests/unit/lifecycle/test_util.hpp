// Helpers for the lifecycle tests: owning event builders (the engine's input
// types are views), a feed function, and row baselines.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lifecycle/engine.hpp"
#include "lifecycle/fact_rows.hpp"
#include "lifecycle/operators.hpp"
#include "lifecycle/signal.hpp"

namespace naap::lifecycle::test {

inline constexpr int64_t kTtl = kDefaultAttributionTtlMs;

// One owning input event of any kind. Default session: stream "s", request "r".
struct In {
  enum class Kind { kStatus, kTrace, kAi, kCap } kind = Kind::kStatus;
  std::string event_id, uid, gateway, stream_id = "s", request_id = "r";
  EpochMs ts = 0;
  std::string pipeline, state, address, url, trace_type, event_type, message;
  std::optional<EpochMs> data_ts;
  float out_fps = 0, in_fps = 0;
  std::optional<std::string> last_error;
  std::optional<EpochMs> start_time;
  // capability
  std::string canonical, local, orch_uri, model_id, source_event_id;
  std::optional<std::string> gpu;

  In& ids(std::string s, std::string r) {
    stream_id = std::move(s);
    request_id = std::move(r);
    return *this;
  }
  In& eid(std::string v) { return event_id = std::move(v), *this; }
  In& gw(std::string v) { return gateway = std::move(v), *this; }
  In& pipe(std::string v) { return pipeline = std::move(v), *this; }
  In& addr(std::string v) { return address = std::move(v), *this; }
  In& with_url(std::string v) { return url = std::move(v), *this; }
  In& with_state(std::string v) { return state = std::move(v), *this; }
  In& fps(float out, float in = 0) {
    out_fps = out;
    in_fps = in;
    return *this;
  }
  In& err(std::string v) { return last_error = std::move(v), *this; }
  In& start(EpochMs v) { return start_time = v, *this; }
  In& data(EpochMs v) { return data_ts = v, *this; }
  In& uri(std::string v) { return orch_uri = std::move(v), *this; }
  In& src(std::string v) { return source_event_id = std::move(v), *this; }

  StatusEvent status() const {
    StatusEvent e;
    e.event_id = event_id;
    e.source_event_uid = uid;
    e.gateway = gateway;
    e.event_timestamp = ts;
    e.stream_id = stream_id;
    e.request_id = request_id;
    e.pipeline = pipeline;
    e.state = state;
    e.orchestrator_address = address;
    e.orchestrator_url = url;
    e.output_fps = out_fps;
    e.input_fps = in_fps;
    if (last_error) e.last_error = *last_error;
    e.start_time = start_time;
    return e;
  }
  TraceEvent trace() const {
    TraceEvent e;
    e.event_id = event_id;
    e.source_event_uid = uid;
    e.gateway = gateway;
    e.event_timestamp = ts;
    e.stream_id = stream_id;
    e.request_id = request_id;
    e.trace_type = trace_type;
    e.orchestrator_address = address;
    e.orchestrator_url = url;
    e.data_timestamp = data_ts;
    return e;
  }
  AiEvent ai() const {
    AiEvent e;
    e.event_id = event_id;
    e.source_event_uid = uid;
    e.gateway = gateway;
    e.event_timestamp = ts;
    e.stream_id = stream_id;
    e.request_id = request_id;
    e.pipeline = pipeline;
    e.event_type = event_type;
    e.message = message;
    return e;
  }
  CapabilitySnapshot cap() const {
    CapabilitySnapshot c;
    c.event_timestamp = ts;
    c.source_event_id = source_event_id;
    c.source_event_uid = uid;
    c.orchestrator_address = canonical;
    c.local_address = local;
    c.orch_uri = orch_uri;
    c.pipeline = pipeline;
    c.model_id = model_id;
    if (gpu) c.gpu_id = *gpu;
    return c;
  }
};

inline In S(EpochMs ts, std::string uid) {
  In e;
  e.kind = In::Kind::kStatus;
  e.ts = ts;
  e.uid = std::move(uid);
  return e;
}
inline In T(std::string type, EpochMs ts, std::string uid) {
  In e;
  e.kind = In::Kind::kTrace;
  e.trace_type = std::move(type);
  e.ts = ts;
  e.uid = std::move(uid);
  return e;
}
inline In E(std::string type, std::string message, EpochMs ts, std::string uid) {
  In e;
  e.kind = In::Kind::kAi;
  e.event_type = std::move(type);
  e.message = std::move(message);
  e.ts = ts;
  e.uid = std::move(uid);
  return e;
}
// A capability row: canonical `address`, proxy `local_address`.
inline In Cap(EpochMs ts, std::string canonical, std::string local, std::string pipeline,
              std::string model, std::optional<std::string> gpu) {
  In e;
  e.kind = In::Kind::kCap;
  e.ts = ts;
  e.canonical = std::move(canonical);
  e.local = std::move(local);
  e.pipeline = std::move(pipeline);
  e.model_id = std::move(model);
  e.gpu = std::move(gpu);
  return e;
}

inline void feed(LifecycleEngine& engine, const In& e) {
  switch (e.kind) {
    case In::Kind::kStatus:
      engine.on_status(e.status());
      break;
    case In::Kind::kTrace:
      engine.on_trace(e.trace());
      break;
    case In::Kind::kAi:
      engine.on_ai_event(e.ai());
      break;
    case In::Kind::kCap:
      engine.on_capability(e.cap());
      break;
  }
}

inline void feed(LifecycleEngine& engine, const std::vector<In>& events) {
  for (const In& e : events) feed(engine, e);
}

// Runs `events` through a fresh engine and returns every row.
inline FactBuffer run(const std::vector<In>& events, LifecycleConfig config = {}) {
  FactBuffer out;
  LifecycleEngine engine(config, out);
  feed(engine, events);
  engine.flush();
  return out;
}

template <typename Row>
void keep_session(const std::vector<Row>& in, std::vector<Row>& out, std::string_view key) {
  for (const Row& r : in) {
    if (r.workflow_session_id == key) out.push_back(r);
  }
}

// The rows of one session, every table, in emission order.
inline FactBuffer only_session(const FactBuffer& all, std::string_view key) {
  FactBuffer f;
  keep_session(all.sessions, f.sessions, key);
  keep_session(all.latency_samples, f.latency_samples, key);
  keep_session(all.segments, f.segments, key);
  keep_session(all.param_updates, f.param_updates, key);
  keep_session(all.coverage, f.coverage, key);
  keep_session(all.status_samples, f.status_samples, key);
  keep_session(all.trace_edges, f.trace_edges, key);
  return f;
}

// Trace / AI / status signals with static-storage strings (for direct
// state-machine calls).
inline Signal trace_sig(std::string_view type, EpochMs ts, std::string_view address = "",
                        std::string_view uid = "") {
  Signal s;
  s.type = SignalType::kTrace;
  s.workflow_session_id = "s|r";
  s.ts = ts;
  s.stream_id = "s";
  s.request_id = "r";
  s.trace_type = type;
  s.orchestrator_address = address;
  s.source_event_uid = uid;
  return s;
}
inline Signal ai_sig(std::string_view type, std::string_view message, EpochMs ts,
                     std::string_view uid = "") {
  Signal s;
  s.type = SignalType::kAiEvent;
  s.workflow_session_id = "s|r";
  s.ts = ts;
  s.stream_id = "s";
  s.request_id = "r";
  s.ai_event_type = type;
  s.message = message;
  s.source_event_uid = uid;
  return s;
}
inline Signal status_sig(EpochMs ts, std::string_view pipeline = "", std::string_view address = "",
                         std::string_view uid = "") {
  Signal s;
  s.type = SignalType::kStatus;
  s.workflow_session_id = "s|r";
  s.ts = ts;
  s.stream_id = "s";
  s.request_id = "r";
  s.pipeline = pipeline;
  s.pipeline_hint = pipeline;
  s.model_hint = pipeline;
  s.orchestrator_address = address;
  s.source_event_uid = uid;
  return s;
}

inline SnapshotRef snap(EpochMs ts, std::string canonical, std::string model = "",
                        std::string gpu = "") {
  SnapshotRef r;
  r.snapshot_ts = ts;
  r.canonical_orchestrator_address = std::move(canonical);
  r.model_id = std::move(model);
  r.gpu_id = std::move(gpu);
  return r;
}

// Baseline rows for session "s|r" (fields every row of such a session shares
// before the test sets the interesting ones).
inline FactWorkflowSessionRow session_base() {
  FactWorkflowSessionRow r;
  r.workflow_session_id = "s|r";
  r.workflow_id = "ai_live_video_stream";
  r.stream_id = "s";
  r.request_id = "r";
  return r;
}
inline FactWorkflowSessionSegmentRow segment_base() {
  FactWorkflowSessionSegmentRow r;
  r.workflow_session_id = "s|r";
  return r;
}
inline FactLifecycleEdgeCoverageRow coverage_base() {
  FactLifecycleEdgeCoverageRow r;
  r.workflow_session_id = "s|r";
  r.stream_id = "s";
  r.request_id = "r";
  return r;
}

}  // namespace naap::lifecycle::test
