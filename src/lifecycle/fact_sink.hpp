// Where the lifecycle engine delivers fact rows: one virtual per fact table.
// Per input event the order is deterministic: the status/trace silver row
// first if a stored segment already covers it; then session, latency, each
// segment row (followed by the silver row if that segment row resolved it),
// param update, coverage; then the silver row if still unresolved. Rows are
// passed by reference to buffers the engine reuses: copy what you keep.
#pragma once

#include <cstddef>
#include <vector>

#include "lifecycle/fact_rows.hpp"

namespace naap::lifecycle {

class FactSink {
 public:
  virtual ~FactSink() = default;
  virtual void emit(const FactWorkflowSessionRow& row) = 0;
  virtual void emit(const FactWorkflowLatencySampleRow& row) = 0;
  virtual void emit(const FactWorkflowSessionSegmentRow& row) = 0;
  virtual void emit(const FactWorkflowParamUpdateRow& row) = 0;
  virtual void emit(const FactLifecycleEdgeCoverageRow& row) = 0;
  virtual void emit(const FactStreamStatusSampleRow& row) = 0;
  virtual void emit(const FactStreamTraceEdgeRow& row) = 0;
};

// A sink that keeps every row, per table, in emission order (tests, and
// callers that drain batches).
struct FactBuffer final : FactSink {
  std::vector<FactWorkflowSessionRow> sessions;
  std::vector<FactWorkflowLatencySampleRow> latency_samples;
  std::vector<FactWorkflowSessionSegmentRow> segments;
  std::vector<FactWorkflowParamUpdateRow> param_updates;
  std::vector<FactLifecycleEdgeCoverageRow> coverage;
  std::vector<FactStreamStatusSampleRow> status_samples;
  std::vector<FactStreamTraceEdgeRow> trace_edges;

  void emit(const FactWorkflowSessionRow& r) override { sessions.push_back(r); }
  void emit(const FactWorkflowLatencySampleRow& r) override { latency_samples.push_back(r); }
  void emit(const FactWorkflowSessionSegmentRow& r) override { segments.push_back(r); }
  void emit(const FactWorkflowParamUpdateRow& r) override { param_updates.push_back(r); }
  void emit(const FactLifecycleEdgeCoverageRow& r) override { coverage.push_back(r); }
  void emit(const FactStreamStatusSampleRow& r) override { status_samples.push_back(r); }
  void emit(const FactStreamTraceEdgeRow& r) override { trace_edges.push_back(r); }

  size_t total() const {
    return sessions.size() + latency_samples.size() + segments.size() + param_updates.size() +
           coverage.size() + status_samples.size() + trace_edges.size();
  }
  void clear() { *this = FactBuffer(); }
  bool operator==(const FactBuffer& o) const {
    return sessions == o.sessions && latency_samples == o.latency_samples &&
           segments == o.segments && param_updates == o.param_updates && coverage == o.coverage &&
           status_samples == o.status_samples && trace_edges == o.trace_edges;
  }
};

}  // namespace naap::lifecycle
