#include "lifecycle/operators.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace naap::lifecycle {

namespace {

// dst = first non-blank(dst, src). State strings are always "" or non-blank.
void keep_first(std::string& dst, std::string_view src) {
  if (is_blank(dst)) dst.assign(first_non_blank({src}));
}

// dst = v, safe when v views dst itself.
void assign(std::string& dst, std::string_view v) {
  if (v.data() == dst.data() && v.size() == dst.size()) return;
  dst.assign(std::string(v));
}

std::optional<EpochMs> min_nullable(const std::optional<EpochMs>& existing, EpochMs candidate) {
  if (!existing) return candidate;
  return std::min(*existing, candidate);
}

void write_method(ByteWriter& w, AttributionMethod m, float confidence) {
  w.u8(static_cast<uint8_t>(m));
  w.f32(confidence);
}

AttributionMethod read_method(ByteReader& r) {
  const uint8_t m = r.u8();
  if (m > static_cast<uint8_t>(AttributionMethod::kProxyAddressJoin)) r.fail("bad method");
  return static_cast<AttributionMethod>(m);
}

}  // namespace

// ---------------------------------------------------------------------------
// Sessions

void session_apply_signal(SessionAccumulator& st, const Signal& s) {
  keep_first(st.workflow_session_id, s.workflow_session_id);
  keep_first(st.stream_id, s.stream_id);
  keep_first(st.request_id, s.request_id);
  keep_first(st.pipeline, s.pipeline);
  if (is_blank(or_empty(st.model_id))) st.model_id = blank_to_null(s.model_hint);
  if (!is_blank(st.pipeline)) st.pipelines_seen.add(st.pipeline);
  if (st.model_id) st.model_ids_seen.add(*st.model_id);
  if (is_blank(st.workflow_id)) {
    st.workflow_id.assign(first_non_blank({st.pipeline, kDefaultWorkflowType}));
  }
  keep_first(st.gateway, s.gateway);
  if (!is_blank(s.orchestrator_url)) st.orchestrator_url.assign(s.orchestrator_url);

  st.session_start_ts = std::min(st.session_start_ts, s.ts);
  st.session_end_ts = std::max(st.session_end_ts, s.ts);
  if (s.start_time_ms) st.session_start_ts = std::min(st.session_start_ts, *s.start_time_ms);
  ++st.event_count;
  ++st.version;
  if (is_blank(st.source_first_event_uid)) st.source_first_event_uid.assign(s.source_event_uid);
  st.source_last_event_uid.assign(s.source_event_uid);

  switch (s.type) {
    case SignalType::kTrace: {
      const std::string_view t = s.trace_type;  // case-sensitive
      if (t == kTraceStreamRequest) {
        st.known_stream = true;
        st.first_stream_request_ts = min_nullable(st.first_stream_request_ts, s.ts);
      } else if (t == kTraceFirstProcessed) {
        st.first_processed_ts = min_nullable(st.first_processed_ts, s.ts);
      } else if (t == kTraceFewProcessed) {
        st.startup_success = true;
        st.first_playable_ts = min_nullable(st.first_playable_ts, s.ts);
      } else if (t == kTraceNoOrchestrators) {
        st.no_orchestrators_available = true;
      } else if (t == kTraceOrchestratorSwap) {
        ++st.explicit_swap_count;
      }
      break;
    }
    case SignalType::kAiEvent: {
      const std::string_view t = first_non_blank({s.ai_event_type});
      if (equals_ignore_case(t, "error")) {
        ++st.error_count;
        if (is_excusable_error(s.message)) ++st.excusable_error_count;
      } else if (equals_ignore_case(t, "params_update")) {
        ++st.params_update_count;
      }
      break;
    }
    case SignalType::kStatus: {
      ++st.status_sample_count;
      if (!equals_ignore_case(first_non_blank({s.status_state}), "LOADING")) {
        ++st.status_non_loading_sample_count;
      }
      if (s.status_output_fps > 0.0f) ++st.status_positive_output_sample_count;
      if (!is_blank(s.status_last_error)) {
        st.last_error_occurred = true;
        ++st.status_error_sample_count;
      }
      break;
    }
  }
}

void session_apply_capability(SessionAccumulator& st, const SnapshotRef* snap, EpochMs signal_ts,
                              int64_t ttl_ms) {
  if (snap == nullptr) return;
  if (!is_blank(snap->canonical_orchestrator_address)) {
    st.orchestrator_address = snap->canonical_orchestrator_address;
    // Add normalize(canonical) to the seen set (entries are normalized).
    const std::string_view canonical = java_trim(snap->canonical_orchestrator_address);
    auto& seen = st.canonical_orchestrators_seen;
    if (std::none_of(seen.begin(), seen.end(),
                     [&](const std::string& c) { return equals_ignore_case(c, canonical); })) {
      seen.push_back(lower_ascii(canonical));
    }
  }
  if (is_blank(st.orchestrator_url))
    st.orchestrator_url.assign(first_non_blank({snap->orchestrator_url}));
  const AttributionDecision d = attribution_semantics(signal_ts, snap->snapshot_ts, ttl_ms);
  st.method = d.method;
  st.confidence = d.confidence;
  st.model_id = blank_to_null(snap->model_id);
  st.gpu_id = blank_to_null(snap->gpu_id);
  if (st.model_id) st.model_ids_seen.add(*st.model_id);
  if (!is_blank(st.pipeline)) st.pipelines_seen.add(st.pipeline);
}

FactWorkflowSessionRow session_row(const SessionAccumulator& st) {
  FactWorkflowSessionRow f;
  fill_session_row(st, f);
  return f;
}

void fill_session_row(const SessionAccumulator& st, FactWorkflowSessionRow& f) {
  f.workflow_session_id = st.workflow_session_id;
  f.workflow_type = kDefaultWorkflowType;
  f.workflow_id = st.workflow_id;
  f.stream_id = st.stream_id;
  f.request_id = st.request_id;
  f.session_id = st.session_id;
  f.pipeline = st.pipeline;
  f.gateway = st.gateway;
  f.orchestrator_address = st.orchestrator_address;
  f.orchestrator_url = st.orchestrator_url;
  f.model_id = st.model_id;
  f.gpu_id = st.gpu_id;
  f.region = st.region;
  f.has_model_change = st.model_ids_seen.multiple ? 1 : 0;
  f.has_pipeline_change = st.pipelines_seen.multiple ? 1 : 0;
  f.gpu_attribution_method = method_name(st.method);
  f.gpu_attribution_confidence = st.confidence;
  f.session_start_ts = st.session_start_ts == kNoStart ? 0 : st.session_start_ts;
  f.session_end_ts =
      st.session_end_ts == kNoEnd ? std::nullopt : std::optional<EpochMs>(st.session_end_ts);
  f.first_stream_request_ts = st.first_stream_request_ts;
  f.first_processed_ts = st.first_processed_ts;
  f.first_playable_ts = st.first_playable_ts;
  f.known_stream = st.known_stream ? 1 : 0;
  f.startup_success = st.startup_success ? 1 : 0;
  const bool excused = st.known_stream && !st.startup_success &&
                       (st.no_orchestrators_available ||
                        (st.error_count > 0 && st.error_count == st.excusable_error_count));
  const bool unexcused = st.known_stream && !st.startup_success && !excused;
  f.startup_excused = excused ? 1 : 0;
  f.startup_unexcused = unexcused ? 1 : 0;
  const size_t canonical_count = st.canonical_orchestrators_seen.size();
  f.confirmed_swap_count = static_cast<uint16_t>(st.explicit_swap_count);
  f.inferred_orchestrator_change_count =
      static_cast<uint16_t>(canonical_count > 0 ? canonical_count - 1 : 0);
  f.swap_count = f.confirmed_swap_count;
  f.error_count = st.error_count;
  f.excusable_error_count = st.excusable_error_count;
  f.last_error_occurred = st.last_error_occurred ? 1 : 0;
  f.loading_only_session =
      (st.status_sample_count > 0 && st.status_non_loading_sample_count == 0) ? 1 : 0;
  f.zero_output_fps_session =
      (st.status_sample_count > 0 && st.status_positive_output_sample_count == 0) ? 1 : 0;
  f.status_sample_count = st.status_sample_count;
  f.status_error_sample_count = st.status_error_sample_count;
  const uint32_t expected = st.known_stream ? 3 : 0;
  const uint32_t observed = (st.status_sample_count > 0 ? 1 : 0) + (st.first_processed_ts ? 1 : 0) +
                            (st.first_playable_ts ? 1 : 0);
  f.health_signal_count = observed;
  f.health_expected_signal_count = expected;
  f.health_completeness_ratio =
      expected > 0 ? static_cast<float>(static_cast<double>(observed) / expected) : 1.0f;
  f.event_count = st.event_count;
  f.version = st.version;
  f.source_first_event_uid = st.source_first_event_uid;
  f.source_last_event_uid = st.source_last_event_uid;
}

namespace {
std::optional<double> derive_ms(const OptTs& start, const OptTs& end) {
  if (!start || !end) return std::nullopt;
  if (*end < *start) return std::nullopt;
  return static_cast<double>(*end - *start);
}
}  // namespace

FactWorkflowLatencySampleRow latency_from_session(const FactWorkflowSessionRow& s,
                                                  std::string_view source_event_uid) {
  FactWorkflowLatencySampleRow r;
  fill_latency_row(s, source_event_uid, r);
  return r;
}

void fill_latency_row(const FactWorkflowSessionRow& s, std::string_view source_event_uid,
                      FactWorkflowLatencySampleRow& r) {
  r.sample_ts = s.session_start_ts;
  r.workflow_session_id = s.workflow_session_id;
  r.stream_id = s.stream_id;
  r.request_id = s.request_id;
  r.gateway = s.gateway;
  r.orchestrator_address = s.orchestrator_address;
  r.pipeline = s.pipeline;
  r.model_id = s.model_id;
  r.gpu_id = s.gpu_id;
  r.region = s.region;
  r.prompt_to_first_frame_ms = derive_ms(s.first_stream_request_ts, s.first_processed_ts);
  r.startup_time_ms = derive_ms(s.first_processed_ts, s.first_playable_ts);
  r.e2e_latency_ms = derive_ms(s.first_stream_request_ts, s.first_playable_ts);
  r.has_prompt_to_first_frame = r.prompt_to_first_frame_ms ? 1 : 0;
  r.has_startup_time = r.startup_time_ms ? 1 : 0;
  r.has_e2e_latency = r.e2e_latency_ms ? 1 : 0;
  r.edge_semantics_version = "v1";
  r.version = s.version;
  r.source_event_uid = source_event_uid;
}

FactLifecycleEdgeCoverageRow coverage_row(const SessionAccumulator& st, const Signal& s) {
  FactLifecycleEdgeCoverageRow r;
  fill_coverage_row(st, s, r);
  return r;
}

void fill_coverage_row(const SessionAccumulator& st, const Signal& s,
                       FactLifecycleEdgeCoverageRow& r) {
  r.signal_ts = s.ts;
  r.workflow_session_id = st.workflow_session_id;
  r.stream_id = st.stream_id;
  r.request_id = st.request_id;
  r.pipeline = st.coverage_pipeline;
  r.gateway = st.gateway;
  r.orchestrator_address = "";  // the coverage operator never attributes
  r.trace_type = s.trace_type;
  r.source_event_uid = s.source_event_uid;
  const bool processed = st.first_processed_ts.has_value();
  const bool playable = st.first_playable_ts.has_value();
  const bool terminal = s.is_trace(kTraceStreamClosed);
  r.known_stream = st.known_stream ? 1 : 0;
  r.has_first_processed_edge = processed ? 1 : 0;
  r.has_first_playable_edge = playable ? 1 : 0;
  r.startup_edge_matched = (st.known_stream && processed) ? 1 : 0;
  r.playable_edge_matched = (st.known_stream && playable) ? 1 : 0;
  r.is_terminal_signal = terminal ? 1 : 0;
  if (!st.known_stream) {
    r.unmatched_reason = "missing_stream_request_edge";
  } else if (terminal && !processed) {
    r.unmatched_reason = "missing_first_processed_segment_edge";
  } else if (terminal && !playable) {
    r.unmatched_reason = "missing_playable_edge";
  } else if (!processed) {
    r.unmatched_reason = "awaiting_first_processed_segment_edge";
  } else if (!playable) {
    r.unmatched_reason = "awaiting_playable_edge";
  } else {
    r.unmatched_reason.clear();
  }
  r.version = st.version;
}

void SessionAccumulator::serialize(ByteWriter& w) const {
  w.str(workflow_session_id);
  w.str(stream_id);
  w.str(request_id);
  w.str(session_id);
  w.str(pipeline);
  w.str(workflow_id);
  w.str(gateway);
  w.str(orchestrator_address);
  w.str(orchestrator_url);
  w.opt_str(model_id);
  w.opt_str(gpu_id);
  w.opt_str(region);
  write_method(w, method, confidence);
  w.sv(session_start_ts);
  w.sv(session_end_ts);
  w.opt_ts(first_stream_request_ts);
  w.opt_ts(first_processed_ts);
  w.opt_ts(first_playable_ts);
  w.u8(static_cast<uint8_t>((known_stream ? 1 : 0) | (startup_success ? 2 : 0) |
                            (no_orchestrators_available ? 4 : 0) | (last_error_occurred ? 8 : 0)));
  for (uint32_t v : {error_count, excusable_error_count, explicit_swap_count, event_count,
                     params_update_count, status_sample_count, status_non_loading_sample_count,
                     status_positive_output_sample_count, status_error_sample_count}) {
    w.uv(v);
  }
  w.uv(version);
  w.str(source_first_event_uid);
  w.str(source_last_event_uid);
  w.uv(canonical_orchestrators_seen.size());
  for (const std::string& c : canonical_orchestrators_seen) w.str(c);
  w.str(model_ids_seen.first);
  w.boolean(model_ids_seen.multiple);
  w.str(pipelines_seen.first);
  w.boolean(pipelines_seen.multiple);
  w.str(coverage_pipeline);
}

SessionAccumulator SessionAccumulator::deserialize(ByteReader& r) {
  SessionAccumulator st;
  st.workflow_session_id = r.str();
  st.stream_id = r.str();
  st.request_id = r.str();
  st.session_id = r.str();
  st.pipeline = r.str();
  st.workflow_id = r.str();
  st.gateway = r.str();
  st.orchestrator_address = r.str();
  st.orchestrator_url = r.str();
  st.model_id = r.opt_str();
  st.gpu_id = r.opt_str();
  st.region = r.opt_str();
  st.method = read_method(r);
  st.confidence = r.f32();
  st.session_start_ts = r.sv();
  st.session_end_ts = r.sv();
  st.first_stream_request_ts = r.opt_ts();
  st.first_processed_ts = r.opt_ts();
  st.first_playable_ts = r.opt_ts();
  const uint8_t flags = r.u8();
  if (flags > 15) r.fail("bad session flags");
  st.known_stream = flags & 1;
  st.startup_success = flags & 2;
  st.no_orchestrators_available = flags & 4;
  st.last_error_occurred = flags & 8;
  for (uint32_t* v :
       {&st.error_count, &st.excusable_error_count, &st.explicit_swap_count, &st.event_count,
        &st.params_update_count, &st.status_sample_count, &st.status_non_loading_sample_count,
        &st.status_positive_output_sample_count, &st.status_error_sample_count}) {
    *v = static_cast<uint32_t>(r.uv());
  }
  st.version = r.uv();
  st.source_first_event_uid = r.str();
  st.source_last_event_uid = r.str();
  const uint64_t n = r.count();
  st.canonical_orchestrators_seen.reserve(n);
  for (uint64_t i = 0; i < n; ++i) st.canonical_orchestrators_seen.push_back(r.str());
  st.model_ids_seen.first = r.str();
  st.model_ids_seen.multiple = r.boolean();
  st.pipelines_seen.first = r.str();
  st.pipelines_seen.multiple = r.boolean();
  st.coverage_pipeline = r.str();
  return st;
}

// ---------------------------------------------------------------------------
// Segments

std::string_view reason_name(SegmentReason r) {
  switch (r) {
    case SegmentReason::kInitial:
      return "initial";
    case SegmentReason::kOrchestratorChange:
      return "orchestrator_change";
    case SegmentReason::kStreamClosed:
      return "stream_closed";
  }
  return "initial";
}

namespace {

void segment_open(SegmentAccumulator& st, const Signal& s, std::string_view effective,
                  SegmentReason reason) {
  st.open_segment = true;
  st.workflow_session_id.assign(s.workflow_session_id);
  st.segment_start_ts = s.ts;
  st.segment_end_ts.reset();
  keep_first(st.gateway, s.gateway);
  keep_first(st.pipeline, s.pipeline);
  assign(st.orchestrator_address, first_non_blank({effective, st.orchestrator_address}));
  assign(st.orchestrator_url, first_non_blank({s.orchestrator_url, st.orchestrator_url}));
  st.reason = reason;
  st.source_trace_type.assign(first_non_blank({s.trace_type}));
  assign(st.source_event_uid, first_non_blank({s.source_event_uid, st.source_event_uid}));
  ++st.version;
}

void segment_apply_snapshot(SegmentAccumulator& st, const SnapshotRef* snap, EpochMs signal_ts,
                            int64_t ttl_ms) {
  if (snap == nullptr) return;
  const AttributionDecision d = attribution_semantics(signal_ts, snap->snapshot_ts, ttl_ms);
  st.method = d.method;
  st.confidence = d.confidence;
  if (!is_blank(snap->canonical_orchestrator_address)) {
    st.orchestrator_address = snap->canonical_orchestrator_address;
  }
  assign(st.orchestrator_url, first_non_blank({snap->orchestrator_url, st.orchestrator_url}));
  st.model_id = blank_to_null(snap->model_id);
  st.gpu_id = blank_to_null(snap->gpu_id);
}

}  // namespace

FactWorkflowSessionSegmentRow segment_row(const SegmentAccumulator& st) {
  FactWorkflowSessionSegmentRow r;
  fill_segment_row(st, r);
  return r;
}

void fill_segment_row(const SegmentAccumulator& st, FactWorkflowSessionSegmentRow& r) {
  r.workflow_session_id = st.workflow_session_id;
  r.segment_index = static_cast<uint16_t>(st.segment_index);
  r.segment_start_ts = st.segment_start_ts;
  r.segment_end_ts = st.segment_end_ts;
  r.gateway = st.gateway;
  r.pipeline = st.pipeline;
  r.orchestrator_address = st.orchestrator_address;
  r.orchestrator_url = st.orchestrator_url;
  if (r.worker_id) {
    r.worker_id->clear();
  } else {
    r.worker_id.emplace();
  }
  r.gpu_id = st.gpu_id;
  r.model_id = st.model_id;
  r.region = std::nullopt;
  r.gpu_attribution_method = method_name(st.method);
  r.gpu_attribution_confidence = st.confidence;
  r.reason = reason_name(st.reason);
  r.source_trace_type = st.source_trace_type;
  r.source_event_uid = st.source_event_uid;
  r.version = st.version;
}

void segment_apply_signal(SegmentAccumulator& st, const Signal& s, const SnapshotRef* snap,
                          int64_t ttl_ms, std::vector<FactWorkflowSessionSegmentRow>& out) {
  SegmentRows rows;
  segment_apply_signal(st, s, snap, ttl_ms, rows);
  for (size_t i = 0; i < rows.count; ++i) out.push_back(rows.rows[i]);
}

void segment_apply_signal(SegmentAccumulator& st, const Signal& s, const SnapshotRef* snap,
                          int64_t ttl_ms, SegmentRows& out) {
  out.count = 0;
  // The snapshot's normalized canonical address ("" without a snapshot).
  const std::string_view effective =
      snap ? java_trim(snap->canonical_orchestrator_address) : std::string_view();
  const bool effective_lower =
      std::none_of(effective.begin(), effective.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  std::string lowered;  // only for a non-normalized snapshot address (direct callers)
  const std::string_view eff = effective_lower ? effective : (lowered = lower_ascii(effective));

  if (!st.open_segment) {
    segment_open(st, s, eff, SegmentReason::kInitial);
    segment_apply_snapshot(st, snap, s.ts, ttl_ms);
    fill_segment_row(st, out.rows[out.count++]);
    return;
  }

  // Boundary (v1): the canonical orchestrator changed from one non-blank value
  // to another (normalized comparison; `eff` is normalized).
  if (!eff.empty() && !is_blank(st.orchestrator_address) &&
      !equals_ignore_case(java_trim(st.orchestrator_address), eff)) {
    st.segment_end_ts = s.ts;
    st.reason = SegmentReason::kOrchestratorChange;
    assign(st.source_trace_type, first_non_blank({s.trace_type, st.source_trace_type}));
    assign(st.source_event_uid, first_non_blank({s.source_event_uid, st.source_event_uid}));
    ++st.version;
    fill_segment_row(st, out.rows[out.count++]);

    ++st.segment_index;
    segment_open(st, s, eff, SegmentReason::kOrchestratorChange);
    segment_apply_snapshot(st, snap, s.ts, ttl_ms);
    fill_segment_row(st, out.rows[out.count++]);
    return;
  }

  // In place.
  keep_first(st.gateway, s.gateway);
  keep_first(st.pipeline, s.pipeline);
  if (!eff.empty()) st.orchestrator_address.assign(eff);
  assign(st.orchestrator_url, first_non_blank({s.orchestrator_url, st.orchestrator_url}));
  assign(st.source_trace_type, first_non_blank({s.trace_type, st.source_trace_type}));
  assign(st.source_event_uid, first_non_blank({s.source_event_uid, st.source_event_uid}));
  segment_apply_snapshot(st, snap, s.ts, ttl_ms);
  if (s.trace_type == kTraceStreamClosed) {
    st.segment_end_ts = s.ts;
    st.reason = SegmentReason::kStreamClosed;
  }
  ++st.version;
  fill_segment_row(st, out.rows[out.count++]);
}

void SegmentAccumulator::serialize(ByteWriter& w) const {
  w.str(workflow_session_id);
  w.uv(segment_index);
  w.boolean(open_segment);
  w.sv(segment_start_ts);
  w.opt_ts(segment_end_ts);
  w.str(gateway);
  w.str(pipeline);
  w.str(orchestrator_address);
  w.str(orchestrator_url);
  w.opt_str(gpu_id);
  w.opt_str(model_id);
  write_method(w, method, confidence);
  w.u8(static_cast<uint8_t>(reason));
  w.str(source_trace_type);
  w.str(source_event_uid);
  w.uv(version);
}

SegmentAccumulator SegmentAccumulator::deserialize(ByteReader& r) {
  SegmentAccumulator st;
  st.workflow_session_id = r.str();
  st.segment_index = static_cast<uint32_t>(r.uv());
  st.open_segment = r.boolean();
  st.segment_start_ts = r.sv();
  st.segment_end_ts = r.opt_ts();
  st.gateway = r.str();
  st.pipeline = r.str();
  st.orchestrator_address = r.str();
  st.orchestrator_url = r.str();
  st.gpu_id = r.opt_str();
  st.model_id = r.opt_str();
  st.method = read_method(r);
  st.confidence = r.f32();
  const uint8_t reason = r.u8();
  if (reason > static_cast<uint8_t>(SegmentReason::kStreamClosed)) r.fail("bad segment reason");
  st.reason = static_cast<SegmentReason>(reason);
  st.source_trace_type = r.str();
  st.source_event_uid = r.str();
  st.version = r.uv();
  return st;
}

// ---------------------------------------------------------------------------
// Param updates

void ParamAccumulator::serialize(ByteWriter& w) const {
  w.str(pipeline);
  w.str(orchestrator_address);
  w.str(orchestrator_url);
  w.opt_str(model_id);
  w.opt_str(gpu_id);
  write_method(w, method, confidence);
}

ParamAccumulator ParamAccumulator::deserialize(ByteReader& r) {
  ParamAccumulator st;
  st.pipeline = r.str();
  st.orchestrator_address = r.str();
  st.orchestrator_url = r.str();
  st.model_id = r.opt_str();
  st.gpu_id = r.opt_str();
  st.method = read_method(r);
  st.confidence = r.f32();
  return st;
}

// ---------------------------------------------------------------------------
// Silver facts

SegmentWindow SegmentWindow::from_row(const FactWorkflowSessionSegmentRow& row) {
  SegmentWindow w;
  w.segment_index = row.segment_index;
  w.start = row.segment_start_ts;
  w.end = row.segment_end_ts;
  w.version = row.version;
  w.orchestrator_address = row.orchestrator_address;
  w.orchestrator_url = row.orchestrator_url;
  w.pipeline = row.pipeline;
  w.model_id = row.model_id;
  w.gpu_id = row.gpu_id;
  w.region = row.region;
  return w;
}

const SegmentWindow* SilverAttribution::match(EpochMs ts) const {
  const SegmentWindow* best = nullptr;
  for (const SegmentWindow& c : windows_) {
    if (!c.covers(ts)) continue;
    if (best == nullptr || c.start > best->start ||
        (c.start == best->start && c.version > best->version) ||
        (c.start == best->start && c.version == best->version &&
         c.segment_index > best->segment_index)) {
      best = &c;
    }
  }
  return best;
}

void SilverAttribution::attribute(FactStreamStatusSampleRow& row, const SegmentWindow* seg) {
  if (seg == nullptr || is_blank(seg->orchestrator_address)) return;  // stays unattributed
  row.orchestrator_address.assign(first_non_blank({seg->orchestrator_address}));
  assign(row.orchestrator_url, first_non_blank({seg->orchestrator_url, row.orchestrator_url}));
  row.pipeline.assign(canonical_pipeline(seg->pipeline, or_empty(seg->model_id)));
  row.model_id = blank_to_null(or_empty(seg->model_id));
  row.gpu_id = blank_to_null(or_empty(seg->gpu_id));
  row.region = blank_to_null(or_empty(seg->region));
  row.is_attributed = 1;
  row.gpu_attribution_method = "segment_window_join";
  row.gpu_attribution_confidence = 1.0f;
}

void SilverAttribution::attribute(FactStreamTraceEdgeRow& row, const SegmentWindow* seg) {
  if (seg == nullptr || is_blank(seg->orchestrator_address)) return;
  row.orchestrator_address.assign(first_non_blank({seg->orchestrator_address}));
  assign(row.orchestrator_url, first_non_blank({seg->orchestrator_url, row.orchestrator_url}));
  row.pipeline.assign(canonical_pipeline(seg->pipeline, or_empty(seg->model_id)));
  row.model_id = blank_to_null(or_empty(seg->model_id));
  row.is_attributed = 1;
}

void SilverAttribution::on_status(FactStreamStatusSampleRow& row, FactSink& out) {
  if (const SegmentWindow* seg = match(row.sample_ts)) {
    attribute(row, seg);
    out.emit(row);
    return;
  }
  // Pending key uid|ts|stream|request: a duplicate key overwrites.
  for (auto& p : pending_status_) {
    if (p.source_event_uid == row.source_event_uid && p.sample_ts == row.sample_ts &&
        p.stream_id == row.stream_id && p.request_id == row.request_id) {
      p = row;
      return;
    }
  }
  pending_status_.push_back(row);
}

void SilverAttribution::on_trace(FactStreamTraceEdgeRow& row, FactSink& out) {
  if (const SegmentWindow* seg = match(row.edge_ts)) {
    attribute(row, seg);
    out.emit(row);
    return;
  }
  // Pending key uid|ts|trace type: a duplicate key overwrites.
  for (auto& p : pending_trace_) {
    if (p.source_event_uid == row.source_event_uid && p.edge_ts == row.edge_ts &&
        p.trace_type == row.trace_type) {
      p = row;
      return;
    }
  }
  pending_trace_.push_back(row);
}

void SilverAttribution::on_segment(const FactWorkflowSessionSegmentRow& row, FactSink& out) {
  auto it = std::find_if(windows_.begin(), windows_.end(), [&](const SegmentWindow& w) {
    return w.segment_index == row.segment_index;
  });
  if (it == windows_.end()) {
    windows_.push_back(SegmentWindow::from_row(row));
  } else if (row.version >= it->version) {
    *it = SegmentWindow::from_row(row);
  }
  if (!has_pending()) return;
  std::erase_if(pending_status_, [&](FactStreamStatusSampleRow& p) {
    const SegmentWindow* seg = match(p.sample_ts);
    if (seg == nullptr) return false;
    attribute(p, seg);
    out.emit(p);
    return true;
  });
  std::erase_if(pending_trace_, [&](FactStreamTraceEdgeRow& p) {
    const SegmentWindow* seg = match(p.edge_ts);
    if (seg == nullptr) return false;
    attribute(p, seg);
    out.emit(p);
    return true;
  });
}

void SilverAttribution::expire_pending(FactSink& out) {
  for (auto& p : pending_status_) {
    attribute(p, match(p.sample_ts));
    out.emit(p);
  }
  for (auto& p : pending_trace_) {
    attribute(p, match(p.edge_ts));
    out.emit(p);
  }
  pending_status_.clear();
  pending_trace_.clear();
}

void SilverAttribution::serialize(ByteWriter& w) const {
  w.uv(windows_.size());
  for (const SegmentWindow& s : windows_) {
    w.uv(s.segment_index);
    w.sv(s.start);
    w.opt_ts(s.end);
    w.uv(s.version);
    w.str(s.orchestrator_address);
    w.str(s.orchestrator_url);
    w.str(s.pipeline);
    w.opt_str(s.model_id);
    w.opt_str(s.gpu_id);
    w.opt_str(s.region);
  }
}

SilverAttribution SilverAttribution::deserialize(ByteReader& r) {
  SilverAttribution a;
  const uint64_t n = r.count();
  a.windows_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    SegmentWindow s;
    s.segment_index = static_cast<uint32_t>(r.uv());
    s.start = r.sv();
    s.end = r.opt_ts();
    s.version = r.uv();
    s.orchestrator_address = r.str();
    s.orchestrator_url = r.str();
    s.pipeline = r.str();
    s.model_id = r.opt_str();
    s.gpu_id = r.opt_str();
    s.region = r.opt_str();
    a.windows_.push_back(std::move(s));
  }
  return a;
}

FactStreamStatusSampleRow unattributed_status_row(const StatusEvent& e, std::string_view key) {
  FactStreamStatusSampleRow r;
  fill_unattributed_status_row(e, key, r);
  return r;
}

void fill_unattributed_status_row(const StatusEvent& e, std::string_view key,
                                  FactStreamStatusSampleRow& r) {
  r.sample_ts = e.event_timestamp;
  r.workflow_session_id = key;
  r.stream_id = e.stream_id;
  r.request_id = e.request_id;
  r.gateway = e.gateway;
  r.orchestrator_address = "";
  r.orchestrator_url = first_non_blank({e.orchestrator_url});
  r.pipeline = "";
  r.model_id.reset();
  r.gpu_id.reset();
  r.region.reset();
  r.state = e.state;
  r.output_fps = e.output_fps;
  r.input_fps = e.input_fps;
  r.is_attributed = 0;
  r.gpu_attribution_method = "none";
  r.gpu_attribution_confidence = 0.0f;
  r.source_event_uid = event_uid_of(e.source_event_uid, e.event_id);
}

FactStreamTraceEdgeRow unattributed_trace_row(const TraceEvent& e, std::string_view key) {
  FactStreamTraceEdgeRow r;
  fill_unattributed_trace_row(e, key, r);
  return r;
}

void fill_unattributed_trace_row(const TraceEvent& e, std::string_view key,
                                 FactStreamTraceEdgeRow& r) {
  r.edge_ts = trace_signal_ts(e);
  r.workflow_session_id = key;
  r.stream_id = e.stream_id;
  r.request_id = e.request_id;
  r.gateway = first_non_blank({e.gateway});
  r.orchestrator_address = "";
  r.orchestrator_url = first_non_blank({e.orchestrator_url});
  r.pipeline = "";
  r.model_id.reset();
  r.trace_type = e.trace_type;
  r.trace_category = trace_category(e.trace_type);
  r.is_swap_event = e.trace_type == kTraceOrchestratorSwap ? 1 : 0;
  r.is_attributed = 0;
  r.source_event_uid = event_uid_of(e.source_event_uid, e.event_id);
}

}  // namespace naap::lifecycle
