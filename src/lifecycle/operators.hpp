// The per-session state machines of the lifecycle layer (spec lifecycle.md
// §4-§8, §10), as plain functions over plain accumulators. The engine
// (engine.hpp) wires them per signal exactly as the reference's keyed
// operators are wired; the functions are public so the reference's
// component-level golden cases can call them directly.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "lifecycle/capability.hpp"
#include "lifecycle/codec.hpp"
#include "lifecycle/fact_rows.hpp"
#include "lifecycle/fact_sink.hpp"
#include "lifecycle/semantics.hpp"
#include "lifecycle/signal.hpp"

namespace naap::lifecycle {

inline constexpr EpochMs kNoStart = INT64_MAX;  // sessionStartTs initial value
inline constexpr EpochMs kNoEnd = INT64_MIN;    // sessionEndTs initial value

// An exact-string set of which only "has more than one element" is ever read
// (modelIdsSeen, pipelinesSeen): keeps the first element and a saturating flag.
struct SeenSet {
  std::string first;
  bool multiple = false;
  void add(std::string_view v) {
    if (multiple || v.empty()) return;
    if (first.empty()) {
      first = v;
    } else if (first != v) {
      multiple = true;
    }
  }
  bool operator==(const SeenSet&) const = default;
};

// ---------------------------------------------------------------------------
// Sessions (§4). The coverage operator (§10) runs the same signal application
// without attribution; every field it reads is identical to the session
// accumulator's except `pipeline`, kept here as `coverage_pipeline`.
// `orchestratorsSeen` (maintained by the reference, read by nothing) is not
// kept.
struct SessionAccumulator {
  std::string workflow_session_id, stream_id, request_id, session_id, pipeline, workflow_id,
      gateway, orchestrator_address, orchestrator_url;
  OptStr model_id, gpu_id, region;
  AttributionMethod method = AttributionMethod::kNone;
  float confidence = 0.0f;
  EpochMs session_start_ts = kNoStart;
  EpochMs session_end_ts = kNoEnd;
  OptTs first_stream_request_ts, first_processed_ts, first_playable_ts;
  bool known_stream = false, startup_success = false, no_orchestrators_available = false,
       last_error_occurred = false;
  uint32_t error_count = 0, excusable_error_count = 0, explicit_swap_count = 0, event_count = 0,
           params_update_count = 0, status_sample_count = 0, status_non_loading_sample_count = 0,
           status_positive_output_sample_count = 0, status_error_sample_count = 0;
  uint64_t version = 0;
  std::string source_first_event_uid, source_last_event_uid;
  std::vector<std::string> canonical_orchestrators_seen;  // distinct, normalized
  SeenSet model_ids_seen, pipelines_seen;
  std::string coverage_pipeline;  // §10: first non-blank raw signal pipeline

  void serialize(ByteWriter& w) const;
  static SessionAccumulator deserialize(ByteReader& r);
  bool operator==(const SessionAccumulator&) const = default;
};

// §4.3 applySignal. `s.pipeline` is the pipeline the caller wants applied (the
// resolver-rewritten one in the session operator, the raw one in coverage).
void session_apply_signal(SessionAccumulator& st, const Signal& s);
// §4.4 applyCapabilityAttribution; no-op when `snapshot` is null.
void session_apply_capability(SessionAccumulator& st, const SnapshotRef* snapshot,
                              EpochMs signal_ts, int64_t ttl_ms);
// Row builders. The `fill_*` forms overwrite every field of `out`, reusing its
// string buffers (the engine keeps one scratch row per table).
// §4.5/§4.6 the fact row of the current state.
void fill_session_row(const SessionAccumulator& st, FactWorkflowSessionRow& out);
FactWorkflowSessionRow session_row(const SessionAccumulator& st);
// §7 latency sample derived from a session row.
void fill_latency_row(const FactWorkflowSessionRow& row, std::string_view source_event_uid,
                      FactWorkflowLatencySampleRow& out);
FactWorkflowLatencySampleRow latency_from_session(const FactWorkflowSessionRow& row,
                                                  std::string_view source_event_uid);
// §10 coverage row from the (coverage) accumulator after the signal.
void fill_coverage_row(const SessionAccumulator& st, const Signal& s,
                       FactLifecycleEdgeCoverageRow& out);
FactLifecycleEdgeCoverageRow coverage_row(const SessionAccumulator& st, const Signal& s);

// ---------------------------------------------------------------------------
// Segments (§5).
enum class SegmentReason : uint8_t { kInitial = 0, kOrchestratorChange = 1, kStreamClosed = 2 };
std::string_view reason_name(SegmentReason r);

struct SegmentAccumulator {
  std::string workflow_session_id;
  uint32_t segment_index = 0;
  bool open_segment = false;
  EpochMs segment_start_ts = 0;
  OptTs segment_end_ts;
  std::string gateway, pipeline, orchestrator_address, orchestrator_url;
  OptStr gpu_id, model_id;  // worker_id ("") and region (NULL) are never written
  AttributionMethod method = AttributionMethod::kNone;
  float confidence = 0.0f;
  SegmentReason reason = SegmentReason::kInitial;
  std::string source_trace_type, source_event_uid;
  uint64_t version = 0;

  void serialize(ByteWriter& w) const;
  static SegmentAccumulator deserialize(ByteReader& r);
  bool operator==(const SegmentAccumulator&) const = default;
};

// The 1 or 2 rows one signal produces.
struct SegmentRows {
  std::array<FactWorkflowSessionSegmentRow, 2> rows;
  size_t count = 0;
};

// §5.2 steps 2-5 (the segment state machine): fills `out` with the emitted
// rows. `s.pipeline` is the resolver-rewritten pipeline.
void segment_apply_signal(SegmentAccumulator& st, const Signal& s, const SnapshotRef* snapshot,
                          int64_t ttl_ms, SegmentRows& out);
// Same, appending to a vector (tests).
void segment_apply_signal(SegmentAccumulator& st, const Signal& s, const SnapshotRef* snapshot,
                          int64_t ttl_ms, std::vector<FactWorkflowSessionSegmentRow>& out);
void fill_segment_row(const SegmentAccumulator& st, FactWorkflowSessionSegmentRow& out);
FactWorkflowSessionSegmentRow segment_row(const SegmentAccumulator& st);

// ---------------------------------------------------------------------------
// Param updates (§6). Identity fields (session/stream/request id, gateway) and
// the version equal the session accumulator's and are taken from it.
struct ParamAccumulator {
  std::string pipeline, orchestrator_address, orchestrator_url;
  OptStr model_id, gpu_id;
  AttributionMethod method = AttributionMethod::kNone;
  float confidence = 0.0f;

  void serialize(ByteWriter& w) const;
  static ParamAccumulator deserialize(ByteReader& r);
  bool operator==(const ParamAccumulator&) const = default;
};

// ---------------------------------------------------------------------------
// Status / trace silver facts (§8): segment-window attribution.
//
// Deterministic replacement of the reference's 15 s processing-time buffer
// (spec §8.3, §8.6, §11; docs/deviations.md): the engine offers each raw
// status/trace event to this matcher BEFORE the segment rows derived from the
// same event (the §8.6 order). If a stored segment covers its timestamp it is
// emitted at once; otherwise it is pending, the event's own segment rows are
// then offered (each one retries the pending events, as in the reference),
// and whatever is still pending when the engine finishes that event is
// emitted unattributed (`expire_pending`): the timer of the reference fires
// after zero further events. Nothing is pending between two events, so the
// result is a function of the session's own arrival-ordered events. It
// differs from the reference only when a LATER event of the session opens a
// segment whose start is at or before the pending event's timestamp (an
// out-of-order orchestrator change) within 15 s of wall-clock time: the
// reference would then attribute the pending row to that segment.
struct SegmentWindow {
  uint32_t segment_index = 0;
  EpochMs start = 0;
  OptTs end;
  uint64_t version = 0;
  std::string orchestrator_address, orchestrator_url, pipeline;
  OptStr model_id, gpu_id, region;

  static SegmentWindow from_row(const FactWorkflowSessionSegmentRow& row);
  bool covers(EpochMs ts) const { return start <= ts && (!end || ts < *end); }
  bool operator==(const SegmentWindow&) const = default;
};

class SilverAttribution {
 public:
  // The best covering segment (§8.2), or nullptr.
  const SegmentWindow* match(EpochMs ts) const;

  // A raw status event (as its unattributed row) / trace event: emitted now
  // (attributed in place in `row`) if a segment covers its timestamp, else a
  // copy is kept pending.
  void on_status(FactStreamStatusSampleRow& row, FactSink& out);
  void on_trace(FactStreamTraceEdgeRow& row, FactSink& out);
  // A segment row of this session: stored (replacing an older version of the
  // same index), then every pending event now covered is emitted.
  void on_segment(const FactWorkflowSessionSegmentRow& row, FactSink& out);
  // Emits every pending event (attributed if covered, else unattributed).
  void expire_pending(FactSink& out);

  bool has_pending() const { return !pending_status_.empty() || !pending_trace_.empty(); }
  const std::vector<SegmentWindow>& windows() const { return windows_; }

  void serialize(ByteWriter& w) const;  // windows only (nothing is pending between events)
  static SilverAttribution deserialize(ByteReader& r);
  bool operator==(const SilverAttribution& o) const { return windows_ == o.windows_; }

  // Row builders (§8.4 / §8.5): attribute `row` to `segment` (unattributed if
  // null or the segment has a blank orchestrator).
  static void attribute(FactStreamStatusSampleRow& row, const SegmentWindow* segment);
  static void attribute(FactStreamTraceEdgeRow& row, const SegmentWindow* segment);

 private:
  std::vector<SegmentWindow> windows_;  // by segment index
  std::vector<FactStreamStatusSampleRow> pending_status_;
  std::vector<FactStreamTraceEdgeRow> pending_trace_;
};

// Unattributed silver rows straight from the raw events (§8.4/§8.5 "always"
// columns); `key` is the §2.1 session id.
void fill_unattributed_status_row(const StatusEvent& e, std::string_view key,
                                  FactStreamStatusSampleRow& out);
void fill_unattributed_trace_row(const TraceEvent& e, std::string_view key,
                                 FactStreamTraceEdgeRow& out);
FactStreamStatusSampleRow unattributed_status_row(const StatusEvent& e, std::string_view key);
FactStreamTraceEdgeRow unattributed_trace_row(const TraceEvent& e, std::string_view key);

}  // namespace naap::lifecycle
