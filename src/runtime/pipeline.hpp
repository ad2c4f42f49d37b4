// The streaming job: inputs -> quality gate -> lifecycle engine -> batches ->
// sink. One thread; the gate and the lifecycle engine are deterministic, so
// the same input always yields the same rows.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "ingest/quality_gate.hpp"
#include "lifecycle/engine.hpp"
#include "runtime/retention_meter.hpp"
#include "runtime/summary.hpp"
#include "sinks/batcher.hpp"
#include "sinks/sink.hpp"
#include "sources/line_reader.hpp"

namespace naap::runtime {

struct PipelineConfig {
  sinks::BatchLimits batch;
  ingest::GateConfig gate;
  lifecycle::LifecycleConfig lifecycle;
  // Directory for idle session state (DiskStateSpill); empty: the engine
  // keeps spilled sessions in memory.
  std::string spill_dir;
  // Which rows count as outside retention (reported, see RetentionMeter).
  store::Retention retention;
  // Longest input line held whole; a longer one is cut to this prefix and
  // goes to the DLQ (truncated, never dropped) like any other bad line.
  size_t max_line_bytes = 64u << 20;
};

class Pipeline final : private lifecycle::FactSink {
 public:
  Pipeline(sinks::Sink& sink, PipelineConfig config);
  ~Pipeline() override;

  // One input message in arrival order. `topic` names its source (a file
  // path, "-", or a Kafka topic); `offset` its position there.
  void process(std::string_view message, std::string_view topic, uint64_t offset);
  // End of input: drains the lifecycle engine, flushes every batch and waits
  // until the sink has written them all (throws the sink's failure).
  void finish();

  RunSummary& summary() { return summary_; }

 private:
  void route(const ingest::GateOutcome& outcome);
  void feed_lifecycle(const ingest::DecodedEvent& rows);

  // Fact rows: counted against their table's TTL column, then batched.
  template <typename Row>
  void write_fact(const Row& row, EpochMs ttl_ts) {
    retention_.count(Row::kTable, ttl_ts);
    batcher_.add(row);
  }
  void emit(const lifecycle::FactWorkflowSessionRow& r) override {
    write_fact(r, r.session_start_ts);
  }
  void emit(const lifecycle::FactWorkflowLatencySampleRow& r) override {
    write_fact(r, r.sample_ts);
  }
  void emit(const lifecycle::FactWorkflowSessionSegmentRow& r) override {
    write_fact(r, r.segment_start_ts);
  }
  void emit(const lifecycle::FactWorkflowParamUpdateRow& r) override { write_fact(r, r.update_ts); }
  void emit(const lifecycle::FactLifecycleEdgeCoverageRow& r) override {
    write_fact(r, r.signal_ts);
  }
  void emit(const lifecycle::FactStreamStatusSampleRow& r) override { write_fact(r, r.sample_ts); }
  void emit(const lifecycle::FactStreamTraceEdgeRow& r) override { write_fact(r, r.edge_ts); }

  // Declared before config_: with_spill() fills it while config_ is built.
  std::unique_ptr<lifecycle::StateSpill> spill_;
  PipelineConfig config_;
  sinks::Sink& sink_;
  sinks::Batcher batcher_;
  ingest::QualityGate gate_;
  lifecycle::LifecycleEngine engine_;
  RetentionMeter retention_;
  RunSummary summary_;
  // The batcher's table of each gate table: the gate encodes rows straight
  // into those open batches (QualityGate::encode_into), route() commits them.
  std::array<sinks::Batcher::TableRef, ingest::kTableCount> gate_tables_{};
  uint64_t since_age_check_ = 0;
};

using Inputs = std::vector<std::unique_ptr<sources::LineReader>>;
// Opens every input (files or "-" for stdin) up front, so a missing file is
// reported before any work is done.
Inputs open_inputs(const std::vector<std::string>& paths, const PipelineConfig& config);
// Reads the inputs in order through one pipeline.
RunSummary run_inputs(Inputs inputs, const PipelineConfig& config, sinks::Sink& sink);

}  // namespace naap::runtime
