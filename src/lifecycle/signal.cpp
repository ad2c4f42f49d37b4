#include "lifecycle/signal.hpp"

#include "core/text.hpp"

namespace naap::lifecycle {

Signal make_signal(const StatusEvent& e, std::string& key, StartTimeRule rule) {
  key = workflow_session_id(e.stream_id, e.request_id, e.event_id);
  Signal s;
  s.type = SignalType::kStatus;
  s.workflow_session_id = key;
  s.ts = e.event_timestamp;
  s.stream_id = e.stream_id;
  s.request_id = e.request_id;
  s.pipeline = e.pipeline;
  s.pipeline_hint = e.pipeline;
  s.model_hint = e.pipeline;
  s.gateway = e.gateway;
  s.orchestrator_address = e.orchestrator_address;
  s.orchestrator_url = e.orchestrator_url;
  s.status_state = e.state;
  s.status_output_fps = e.output_fps;
  s.status_last_error = e.last_error.value_or(std::string_view());
  if (e.start_time) {
    const EpochMs st = *e.start_time;
    if (rule == StartTimeRule::kReference ||
        (st > 0 && abs_diff(st, e.event_timestamp) <= static_cast<uint64_t>(kStartTimeWindowMs))) {
      s.start_time_ms = st;
    }
  }
  s.source_event_uid = event_uid_of(e.source_event_uid, e.event_id);
  return s;
}

Signal make_signal(const TraceEvent& e, std::string& key) {
  key = workflow_session_id(e.stream_id, e.request_id, e.event_id);
  Signal s;
  s.type = SignalType::kTrace;
  s.workflow_session_id = key;
  s.ts = trace_signal_ts(e);
  s.stream_id = e.stream_id;
  s.request_id = e.request_id;
  s.gateway = e.gateway;
  s.orchestrator_address = e.orchestrator_address;
  s.orchestrator_url = e.orchestrator_url;
  s.trace_type = e.trace_type;
  s.source_event_uid = event_uid_of(e.source_event_uid, e.event_id);
  return s;
}

Signal make_signal(const AiEvent& e, std::string& key) {
  key = workflow_session_id(e.stream_id, e.request_id, e.event_id);
  Signal s;
  s.type = SignalType::kAiEvent;
  s.workflow_session_id = key;
  s.ts = e.event_timestamp;
  s.stream_id = e.stream_id;
  s.request_id = e.request_id;
  s.gateway = e.gateway;
  s.pipeline = e.pipeline;
  s.pipeline_hint = e.pipeline;
  s.model_hint = e.pipeline;
  s.ai_event_type = e.event_type;
  s.message = e.message;
  s.source_event_uid = event_uid_of(e.source_event_uid, e.event_id);
  return s;
}

Resolution resolve_pipeline_model(PipelineModelMode mode, const Signal& s,
                                  std::string_view state_pipeline, std::string_view state_model,
                                  const SnapshotRef* snapshot) {
  const std::string_view pipeline_hint = first_non_blank({s.pipeline_hint, s.pipeline});
  const std::string_view model_hint = first_non_blank({s.model_hint, pipeline_hint});
  const std::string_view snap_pipeline = snapshot ? std::string_view(snapshot->pipeline) : "";
  const std::string_view snap_model = snapshot ? std::string_view(snapshot->model_id) : "";
  Resolution r;
  if (mode == PipelineModelMode::kNativeCorrect) {
    r.pipeline = first_non_blank({s.pipeline, state_pipeline, snap_pipeline});
    r.model_id = first_non_blank({model_hint, state_model, snap_model});
    r.compatibility_hint = first_non_blank({model_hint, r.model_id, state_model});
  } else {
    r.pipeline = first_non_blank({snap_pipeline, state_pipeline});
    r.model_id = first_non_blank({snap_model, state_model, model_hint});
    r.compatibility_hint = first_non_blank({model_hint, state_model});
  }
  return r;
}

}  // namespace naap::lifecycle
