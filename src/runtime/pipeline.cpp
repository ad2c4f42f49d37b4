#include "runtime/pipeline.hpp"

#include <chrono>

#include "runtime/disk_spill.hpp"

namespace naap::runtime {
namespace {

EpochMs wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<std::string_view> view(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}

}  // namespace

namespace {
PipelineConfig with_spill(PipelineConfig config, std::unique_ptr<lifecycle::StateSpill>& spill) {
  if (!config.spill_dir.empty()) {
    spill = std::make_unique<DiskStateSpill>(config.spill_dir);
    config.lifecycle.spill = spill.get();
  }
  return config;
}
}  // namespace

Pipeline::Pipeline(sinks::Sink& sink, PipelineConfig config)
    : spill_(),
      config_(with_spill(std::move(config), spill_)),
      sink_(sink),
      batcher_(sink, config_.batch),
      gate_(config_.gate),
      engine_(config_.lifecycle, *this),
      retention_(config_.retention, wall_clock_ms()) {
  ingest::EncodeTargets targets{};
  for (size_t t = 0; t < ingest::kTableCount; ++t) {
    ingest::with_row_type(static_cast<ingest::TableId>(t), [&](auto id) {
      using Row = typename decltype(id)::type;
      gate_tables_[t] = batcher_.declare(Row::kTable, std::span<const Column>(Row::kColumns));
    });
    targets[t] = &batcher_.payload(gate_tables_[t]);
  }
  gate_.encode_into(targets);
}

Pipeline::~Pipeline() = default;

void Pipeline::process(std::string_view message, std::string_view topic, uint64_t offset) {
  ++summary_.lines_read;
  summary_.bytes_read += message.size() + 1;
  const ingest::SourcePointer source{topic, 0, offset, std::nullopt};
  route(gate_.process(message, source, wall_clock_ms()));
  if (++since_age_check_ == 4096) {
    since_age_check_ = 0;
    batcher_.flush_aged();
  }
}

void Pipeline::route(const ingest::GateOutcome& outcome) {
  static const std::string kNoType = "(none)";
  const std::string& type = outcome.event.event_type.empty() ? kNoType : outcome.event.event_type;
  auto by_type = summary_.by_type.find(type);  // no key copy once the type is known
  if (by_type == summary_.by_type.end())
    by_type = summary_.by_type.emplace(type, TypeOutcomes{}).first;
  TypeOutcomes& counts = by_type->second;
  switch (outcome.disposition) {
    case ingest::Disposition::kAccepted:
      ++counts.accepted;
      break;
    case ingest::Disposition::kRejected:
      ++counts.dlq;
      break;
    case ingest::Disposition::kDuplicate:
      ++counts.quarantined;
      break;
  }
  for (const auto& row : outcome.dlq) {
    ++summary_.dlq_by_reason[std::string(row.failure_reason)];
    retention_.count(ingest::DlqRow::kTable,
                     row.event_timestamp.value_or(row.source_record_timestamp));
  }
  for (const auto& row : outcome.quarantine) {
    retention_.count(ingest::QuarantineRow::kTable,
                     row.event_timestamp.value_or(row.source_record_timestamp));
  }
  for (size_t t = 0; t < ingest::kTableCount; ++t) {
    const auto& enc = outcome.encoded[t];
    if (enc.rows == 0) continue;
    // The gate already appended the rows to the open batch (encode_into).
    batcher_.commit(gate_tables_[t], enc.size, enc.rows);
    ingest::with_row_type(static_cast<ingest::TableId>(t), [&](auto id) {
      using Row = typename decltype(id)::type;
      // Raw and typed rows all take their TTL date from the envelope time.
      if constexpr (!std::is_base_of_v<ingest::RejectRow, Row>) {
        retention_.count(Row::kTable, outcome.event.timestamp, enc.rows);
      }
    });
  }
  if (outcome.disposition == ingest::Disposition::kAccepted) feed_lifecycle(outcome.rows);
}

// The one place typed rows become lifecycle inputs (lifecycle spec §1.1).
void Pipeline::feed_lifecycle(const ingest::DecodedEvent& rows) {
  for (const auto& r : rows.capabilities) {
    lifecycle::CapabilitySnapshot c;
    c.event_timestamp = r.event_timestamp;
    c.source_event_id = r.source_event_id;
    c.source_event_uid = r.raw_event_uid;
    c.orchestrator_address = r.orchestrator_address;
    c.local_address = r.local_address;
    c.orch_uri = r.orch_uri;
    c.pipeline = r.pipeline;
    c.model_id = r.model_id;
    c.gpu_id = view(r.gpu_id);
    engine_.on_capability(c);
  }
  for (const auto& r : rows.status) {
    lifecycle::StatusEvent e;
    e.event_id = r.event_id;
    e.source_event_uid = r.raw_event_uid;
    e.gateway = r.gateway;
    e.event_timestamp = r.event_timestamp;
    e.stream_id = r.stream_id;
    e.request_id = r.request_id;
    e.pipeline = r.pipeline;
    e.state = r.state;
    e.orchestrator_address = r.orchestrator_address;
    e.orchestrator_url = r.orchestrator_url;
    e.output_fps = r.output_fps;
    e.input_fps = r.input_fps;
    e.last_error = view(r.last_error);
    e.start_time = r.start_time;
    engine_.on_status(e);
  }
  for (const auto& r : rows.trace) {
    lifecycle::TraceEvent e;
    e.event_id = r.event_id;
    e.source_event_uid = r.raw_event_uid;
    e.gateway = r.gateway;
    e.event_timestamp = r.event_timestamp;
    e.stream_id = r.stream_id;
    e.request_id = r.request_id;
    e.trace_type = r.trace_type;
    e.orchestrator_address = r.orchestrator_address;
    e.orchestrator_url = r.orchestrator_url;
    e.data_timestamp = r.data_timestamp;
    engine_.on_trace(e);
  }
  for (const auto& r : rows.ai_events) {
    lifecycle::AiEvent e;
    e.event_id = r.event_id;
    e.source_event_uid = r.raw_event_uid;
    e.gateway = r.gateway;
    e.event_timestamp = r.event_timestamp;
    e.stream_id = r.stream_id;
    e.request_id = r.request_id;
    e.pipeline = r.pipeline;
    e.event_type = r.event_type;
    e.message = r.message;
    engine_.on_ai_event(e);
  }
}

void Pipeline::finish() {
  engine_.flush();
  batcher_.flush_all();
  summary_.rows_by_table = batcher_.stats();
  sink_.drain();
  for (const auto& [table, secs] : sink_.write_seconds()) {
    summary_.rows_by_table[table].insert_seconds = secs;
  }
  summary_.outside_retention = retention_.outside();
}

Inputs open_inputs(const std::vector<std::string>& paths, const PipelineConfig& config) {
  Inputs readers;
  for (const auto& path : paths) {
    readers.push_back(std::make_unique<sources::LineReader>(path, config.max_line_bytes));
  }
  return readers;
}

RunSummary run_inputs(Inputs readers, const PipelineConfig& config, sinks::Sink& sink) {
  const auto start = std::chrono::steady_clock::now();
  Pipeline pipeline(sink, config);
  sources::Line line;
  for (auto& reader : readers) {
    while (reader->next(line)) pipeline.process(line.bytes, reader->path(), line.number);
  }
  pipeline.finish();
  RunSummary summary = pipeline.summary();
  summary.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace naap::runtime
