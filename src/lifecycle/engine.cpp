#include "lifecycle/engine.hpp"

#include <algorithm>
#include <list>
#include <stdexcept>
#include <vector>

#include "core/text.hpp"
#include "lifecycle/codec.hpp"
#include "lifecycle/operators.hpp"

namespace naap::lifecycle {

// ---------------------------------------------------------------------------
// MemoryStateSpill

void MemoryStateSpill::put(std::string_view key, std::string_view bytes) {
  auto it = map_.find(key);
  if (it == map_.end()) {
    map_.emplace(std::string(key), std::string(bytes));
  } else {
    it->second.assign(bytes);
  }
}

std::optional<std::string> MemoryStateSpill::get(std::string_view key) const {
  auto it = map_.find(key);
  if (it == map_.end()) return std::nullopt;
  return it->second;
}

void MemoryStateSpill::erase(std::string_view key) {
  auto it = map_.find(key);
  if (it != map_.end()) map_.erase(it);
}

size_t MemoryStateSpill::bytes() const {
  size_t n = 0;
  for (const auto& [k, v] : map_) n += k.size() + v.size();
  return n;
}

// ---------------------------------------------------------------------------
// Engine

namespace {

constexpr std::string_view kCheckpointMagic = "NAAPLC01";
constexpr uint8_t kSessionStateVersion = 1;

struct SessionEntry {
  std::string key;
  EpochMs last_touch = 0;  // engine clock at the session's last event
  SessionAccumulator session;
  SegmentAccumulator segment;
  ParamAccumulator param;
  SilverAttribution silver;

  void serialize_state(ByteWriter& w) const {
    w.u8(kSessionStateVersion);
    session.serialize(w);
    segment.serialize(w);
    param.serialize(w);
    silver.serialize(w);
  }
  void deserialize_state(ByteReader& r) {
    if (r.u8() != kSessionStateVersion) r.fail("unknown session state version");
    session = SessionAccumulator::deserialize(r);
    segment = SegmentAccumulator::deserialize(r);
    param = ParamAccumulator::deserialize(r);
    silver = SilverAttribution::deserialize(r);
  }
};

// dst = v (copy), safe when v views dst.
void assign_copy(std::string& dst, std::string_view v) { dst = std::string(v); }

}  // namespace

struct LifecycleEngine::Impl {
  LifecycleConfig config;
  FactSink* sink;
  CapabilityIndex index;
  std::unique_ptr<MemoryStateSpill> owned_spill;
  StateSpill* spill;

  // Live sessions in least-recently-used order (front = oldest).
  std::list<SessionEntry> lru;
  std::unordered_map<std::string_view, std::list<SessionEntry>::iterator> live;  // views entry.key
  EpochMs clock = INT64_MIN;
  uint64_t spilled = 0, reloaded = 0;

  // Scratch buffers reused across events (no per-event allocation once warm,
  // beyond the session key and what the sink does with the rows).
  std::string key_buf, lookup_buf, rewritten_buf, model_buf, spill_buf;
  SegmentRows segment_rows;
  FactWorkflowSessionRow session_row_buf;
  FactWorkflowLatencySampleRow latency_row_buf;
  FactLifecycleEdgeCoverageRow coverage_row_buf;
  FactWorkflowParamUpdateRow param_row_buf;
  FactStreamStatusSampleRow status_row_buf;
  FactStreamTraceEdgeRow trace_row_buf;

  Impl(LifecycleConfig c, FactSink& s)
      : config(c), sink(&s), index(c.attribution_ttl_ms, c.max_candidates_per_wallet) {
    if (config.spill == nullptr) {
      owned_spill = std::make_unique<MemoryStateSpill>();
      spill = owned_spill.get();
    } else {
      spill = config.spill;
    }
  }

  int64_t ttl() const { return config.attribution_ttl_ms; }

  // Finds, reloads or creates the session's entry and makes it the most
  // recently used one.
  SessionEntry& touch(std::string_view key) {
    auto it = live.find(key);
    if (it != live.end()) {
      lru.splice(lru.end(), lru, it->second);
      it->second->last_touch = clock;
      return *it->second;
    }
    SessionEntry fresh;
    if (std::optional<std::string> bytes = spill->get(key)) {
      // Decoded before the entry is linked, so a corrupt record (which
      // throws) leaves the engine unchanged.
      ByteReader r(*bytes);
      fresh.deserialize_state(r);
      if (!r.at_end()) ByteReader::fail("trailing bytes in spilled session");
      ++reloaded;
      if (owned_spill) owned_spill->erase(key);
    }
    fresh.key.assign(key);
    fresh.last_touch = clock;
    lru.push_back(std::move(fresh));
    SessionEntry& e = lru.back();
    live.emplace(std::string_view(e.key), std::prev(lru.end()));
    return e;
  }

  void evict_idle() {
    const size_t cap = config.max_live_sessions;
    const bool by_time = config.idle_retention_ms > 0;
    const uint64_t retention = by_time ? static_cast<uint64_t>(config.idle_retention_ms) : 0;
    // The most recent entry (the one just touched) is never evicted.
    while (lru.size() > 1) {
      SessionEntry& oldest = lru.front();
      const bool over_cap = cap > 0 && lru.size() > cap;
      const bool idle = by_time && abs_diff(clock, oldest.last_touch) > retention;
      if (!over_cap && !idle) break;
      spill_buf.clear();
      ByteWriter w(spill_buf);
      oldest.serialize_state(w);
      spill->put(oldest.key, spill_buf);
      ++spilled;
      live.erase(std::string_view(oldest.key));
      lru.pop_front();
    }
  }

  const SnapshotRef* select(std::string_view signal_address, std::string_view state_address,
                            std::string_view model_hint, std::string_view url_hint,
                            std::string_view gpu_hint, EpochMs ts) {
    // capability_lookup_key, into a reused buffer.
    lookup_buf.assign(java_trim(first_non_blank({signal_address, state_address})));
    for (char& c : lookup_buf) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (lookup_buf.empty()) return nullptr;
    return index.select(lookup_buf, model_hint, url_hint, gpu_hint, ts);
  }

  // Copies the resolution's pipeline (blank -> "") and model into the scratch
  // buffers (they may view state strings the operator is about to change).
  void keep_resolution(const Resolution& res) {
    rewritten_buf.assign(first_non_blank({res.pipeline}));
    model_buf.assign(res.model_id);
  }

  // §4 session operator (+ §7 latency, + the coverage pipeline of §10).
  void session_operator(SessionEntry& e, const Signal& s) {
    SessionAccumulator& st = e.session;
    const PipelineModelMode mode = config.pipeline_model_mode;
    const Resolution pre =
        resolve_pipeline_model(mode, s, st.pipeline, or_empty(st.model_id), nullptr);
    const SnapshotRef* snap =
        select(s.orchestrator_address, st.orchestrator_address, pre.compatibility_hint,
               s.orchestrator_url, or_empty(st.gpu_id), s.ts);
    keep_resolution(resolve_pipeline_model(mode, s, st.pipeline, or_empty(st.model_id), snap));
    const std::string& rewritten = rewritten_buf;
    Signal rs = s;
    rs.pipeline = rewritten;

    session_apply_signal(st, rs);
    if (!is_blank(rewritten)) st.pipeline = rewritten;
    if (!is_blank(model_buf)) st.model_id = model_buf;
    session_apply_capability(st, snap, s.ts, ttl());
    if (s.is_trace(kTraceStreamClosed)) {
      // §4.2 step 6: terminal re-attribution (no version bump).
      const SnapshotRef* terminal = select(
          s.orchestrator_address, st.orchestrator_address,
          first_non_blank({or_empty(st.model_id), s.model_hint, s.pipeline_hint, rewritten}),
          first_non_blank({s.orchestrator_url, st.orchestrator_url}), or_empty(st.gpu_id), s.ts);
      session_apply_capability(st, terminal, s.ts, ttl());
    }
    if (is_blank(st.coverage_pipeline))
      assign_copy(st.coverage_pipeline, first_non_blank({s.pipeline}));

    fill_session_row(st, session_row_buf);
    sink->emit(session_row_buf);
    fill_latency_row(session_row_buf, s.source_event_uid, latency_row_buf);
    sink->emit(latency_row_buf);
  }

  // §5 segment operator; rows also feed the session's silver attribution.
  void segment_operator(SessionEntry& e, const Signal& s) {
    SegmentAccumulator& sg = e.segment;
    const PipelineModelMode mode = config.pipeline_model_mode;
    const Resolution pre =
        resolve_pipeline_model(mode, s, sg.pipeline, or_empty(sg.model_id), nullptr);
    const SnapshotRef* snap =
        select(s.orchestrator_address, sg.orchestrator_address, pre.compatibility_hint,
               s.orchestrator_url, or_empty(sg.gpu_id), s.ts);
    keep_resolution(resolve_pipeline_model(mode, s, sg.pipeline, or_empty(sg.model_id), snap));
    if (!is_blank(model_buf)) sg.model_id = model_buf;
    Signal rs = s;
    rs.pipeline = rewritten_buf;

    segment_apply_signal(sg, rs, snap, ttl(), segment_rows);
    for (size_t i = 0; i < segment_rows.count; ++i) {
      sink->emit(segment_rows.rows[i]);
      e.silver.on_segment(segment_rows.rows[i], *sink);
    }
  }

  // §6 param-update operator.
  void param_operator(SessionEntry& e, const Signal& s) {
    ParamAccumulator& pa = e.param;
    const PipelineModelMode mode = config.pipeline_model_mode;
    if (is_blank(pa.orchestrator_url))
      assign_copy(pa.orchestrator_url, first_non_blank({s.orchestrator_url}));
    const Resolution pre =
        resolve_pipeline_model(mode, s, pa.pipeline, or_empty(pa.model_id), nullptr);
    const SnapshotRef* snap =
        select(s.orchestrator_address, pa.orchestrator_address, pre.compatibility_hint,
               s.orchestrator_url, or_empty(pa.gpu_id), s.ts);
    keep_resolution(resolve_pipeline_model(mode, s, pa.pipeline, or_empty(pa.model_id), snap));
    if (is_blank(pa.pipeline)) pa.pipeline = rewritten_buf;
    if (!pa.model_id) pa.model_id = blank_to_null(model_buf);
    if (snap != nullptr) {
      if (!is_blank(snap->canonical_orchestrator_address)) {
        pa.orchestrator_address = snap->canonical_orchestrator_address;
      }
      if (is_blank(pa.orchestrator_url))
        assign_copy(pa.orchestrator_url, first_non_blank({snap->orchestrator_url}));
      const AttributionDecision d = attribution_semantics(s.ts, snap->snapshot_ts, ttl());
      pa.method = d.method;
      pa.confidence = d.confidence;
      pa.model_id = blank_to_null(snap->model_id);
      pa.gpu_id = blank_to_null(snap->gpu_id);
    }
    if (s.type != SignalType::kAiEvent ||
        !equals_ignore_case(first_non_blank({s.ai_event_type}), "params_update")) {
      return;
    }
    const SessionAccumulator& st = e.session;  // same identity fields and version
    FactWorkflowParamUpdateRow& row = param_row_buf;
    row.update_ts = s.ts;
    row.workflow_session_id = st.workflow_session_id;
    row.stream_id = st.stream_id;
    row.request_id = st.request_id;
    row.pipeline = pa.pipeline;
    row.gateway = st.gateway;
    row.orchestrator_address = pa.orchestrator_address;
    row.orchestrator_url = pa.orchestrator_url;
    row.model_id = pa.model_id;
    row.gpu_id = pa.gpu_id;
    row.gpu_attribution_method = method_name(pa.method);
    row.gpu_attribution_confidence = pa.confidence;
    row.update_type = "params_update";
    row.message = first_non_blank({s.message});
    row.source_event_uid = s.source_event_uid;
    row.version = st.version;
    sink->emit(row);
  }

  void process_signal(SessionEntry& e, const Signal& s) {
    session_operator(e, s);
    segment_operator(e, s);
    param_operator(e, s);
    fill_coverage_row(e.session, s, coverage_row_buf);
    sink->emit(coverage_row_buf);
    e.silver.expire_pending(*sink);
  }

  void advance_clock(EpochMs ts) { clock = std::max(clock, ts); }
};

LifecycleEngine::LifecycleEngine(LifecycleConfig config, FactSink& sink)
    : impl_(std::make_unique<Impl>(config, sink)) {}
LifecycleEngine::LifecycleEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LifecycleEngine::~LifecycleEngine() = default;
LifecycleEngine::LifecycleEngine(LifecycleEngine&&) noexcept = default;
LifecycleEngine& LifecycleEngine::operator=(LifecycleEngine&&) noexcept = default;

void LifecycleEngine::set_sink(FactSink& sink) { impl_->sink = &sink; }

void LifecycleEngine::on_capability(const CapabilitySnapshot& row) { impl_->index.apply(row); }

void LifecycleEngine::on_status(const StatusEvent& event) {
  Impl& m = *impl_;
  const Signal s = make_signal(event, m.key_buf, m.config.start_time_rule);
  m.advance_clock(s.ts);
  SessionEntry& e = m.touch(s.workflow_session_id);
  fill_unattributed_status_row(event, s.workflow_session_id, m.status_row_buf);
  e.silver.on_status(m.status_row_buf, *m.sink);
  m.process_signal(e, s);
  m.evict_idle();
}

void LifecycleEngine::on_trace(const TraceEvent& event) {
  Impl& m = *impl_;
  const Signal s = make_signal(event, m.key_buf);
  m.advance_clock(s.ts);
  SessionEntry& e = m.touch(s.workflow_session_id);
  fill_unattributed_trace_row(event, s.workflow_session_id, m.trace_row_buf);
  e.silver.on_trace(m.trace_row_buf, *m.sink);
  m.process_signal(e, s);
  m.evict_idle();
}

void LifecycleEngine::on_ai_event(const AiEvent& event) {
  Impl& m = *impl_;
  const Signal s = make_signal(event, m.key_buf);
  m.advance_clock(s.ts);
  SessionEntry& e = m.touch(s.workflow_session_id);
  m.process_signal(e, s);
  m.evict_idle();
}

void LifecycleEngine::flush() {
  for (SessionEntry& e : impl_->lru) e.silver.expire_pending(*impl_->sink);
}

std::string LifecycleEngine::serialize() const {
  const Impl& m = *impl_;
  std::string out;
  ByteWriter w(out);
  for (char c : kCheckpointMagic) w.u8(static_cast<uint8_t>(c));
  w.u8(static_cast<uint8_t>(m.config.pipeline_model_mode));
  w.sv(m.config.attribution_ttl_ms);
  w.sv(m.config.max_candidates_per_wallet);
  w.u8(static_cast<uint8_t>(m.config.start_time_rule));
  w.sv(m.clock);
  w.uv(m.spilled);
  w.uv(m.reloaded);
  m.index.serialize(w);
  w.uv(m.lru.size());
  for (const SessionEntry& e : m.lru) {  // oldest first: restores the LRU order
    w.str(e.key);
    w.sv(e.last_touch);
    e.serialize_state(w);
  }
  w.boolean(m.owned_spill != nullptr);
  if (m.owned_spill) {
    std::vector<const std::pair<const std::string, std::string>*> entries;
    for (const auto& kv : m.owned_spill->entries()) entries.push_back(&kv);
    std::sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->first < b->first; });
    w.uv(entries.size());
    for (const auto* kv : entries) {
      w.str(kv->first);
      w.str(kv->second);
    }
  }
  return out;
}

LifecycleEngine LifecycleEngine::restore(std::string_view bytes, LifecycleConfig config,
                                         FactSink& sink) {
  auto impl = std::make_unique<Impl>(config, sink);
  Impl& m = *impl;
  ByteReader r(bytes);
  for (char c : kCheckpointMagic) {
    if (r.u8() != static_cast<uint8_t>(c)) ByteReader::fail("not a lifecycle checkpoint");
  }
  const uint8_t mode = r.u8();
  const int64_t ttl = r.sv();
  const int64_t max_candidates = r.sv();
  const uint8_t start_rule = r.u8();
  if (mode != static_cast<uint8_t>(config.pipeline_model_mode) ||
      ttl != config.attribution_ttl_ms || max_candidates != config.max_candidates_per_wallet ||
      start_rule != static_cast<uint8_t>(config.start_time_rule)) {
    throw std::invalid_argument(
        "lifecycle checkpoint was taken with a different mode / TTL / candidate cap / start-time "
        "rule");
  }
  m.clock = r.sv();
  m.spilled = r.uv();
  m.reloaded = r.uv();
  m.index.deserialize(r);
  const uint64_t n = r.count();
  for (uint64_t i = 0; i < n; ++i) {
    m.lru.emplace_back();
    SessionEntry& e = m.lru.back();
    e.key = r.str();
    e.last_touch = r.sv();
    e.deserialize_state(r);
    if (!m.live.emplace(std::string_view(e.key), std::prev(m.lru.end())).second) {
      ByteReader::fail("duplicate session in checkpoint");
    }
  }
  if (r.boolean()) {
    const uint64_t k = r.count();
    if (k > 0 && !m.owned_spill) {
      throw std::invalid_argument(
          "lifecycle checkpoint holds engine-owned spilled sessions but an external spill store "
          "was configured");
    }
    for (uint64_t i = 0; i < k; ++i) {
      std::string key = r.str();
      std::string value = r.str();
      m.owned_spill->put(key, value);
    }
  } else if (m.spilled > 0 && m.owned_spill) {
    throw std::invalid_argument(
        "lifecycle checkpoint spilled sessions to an external store, but none was configured");
  }
  if (!r.at_end()) ByteReader::fail("trailing bytes in checkpoint");
  return LifecycleEngine(std::move(impl));
}

LifecycleEngine::Stats LifecycleEngine::stats() const {
  const Impl& m = *impl_;
  Stats s;
  s.live_sessions = m.lru.size();
  s.sessions_spilled = m.spilled;
  s.sessions_reloaded = m.reloaded;
  if (m.owned_spill) {
    s.owned_spill_sessions = m.owned_spill->size();
    s.owned_spill_bytes = m.owned_spill->bytes();
  }
  s.capability_wallets = m.index.wallet_count();
  s.capability_candidates = m.index.candidate_count();
  s.clock = m.clock;
  return s;
}

size_t LifecycleEngine::approx_live_state_bytes() const {
  // Serialized size (a lower bound of the heap use of the strings) plus the
  // fixed size of an entry and the per-entry overhead of the list node and
  // the hash-map node.
  size_t total = 0;
  std::string scratch;
  for (const SessionEntry& e : impl_->lru) {
    scratch.clear();
    ByteWriter w(scratch);
    e.serialize_state(w);
    total += scratch.size() + e.key.size() + sizeof(SessionEntry) + 64;
  }
  return total;
}

const CapabilityIndex& LifecycleEngine::capabilities() const { return impl_->index; }

}  // namespace naap::lifecycle
