// What a run did, for the operator: lines read, outcomes per event type, rows
// per table, retention, throughput.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "sinks/batcher.hpp"

namespace naap::runtime {

struct TypeOutcomes {
  uint64_t accepted = 0;
  uint64_t dlq = 0;
  uint64_t quarantined = 0;
};

struct RunSummary {
  uint64_t lines_read = 0;
  uint64_t bytes_read = 0;
  // Keyed by the envelope `type` as received; lines without a readable type
  // are counted under "(none)".
  std::map<std::string, TypeOutcomes> by_type;
  // DLQ rows by failure reason (one input line may add one per failing stage).
  std::map<std::string, uint64_t> dlq_by_reason;
  std::map<std::string, sinks::TableStats> rows_by_table;
  std::string retention;  // "none", "spec" or "N days"
  // Rows written whose TTL date is already past the retention in force (for
  // "none": past the spec's TTL), per table. Under spec/N days the engine
  // drops these at insert; under none they are kept.
  std::map<std::string, uint64_t> outside_retention;
  double elapsed_s = 0;

  uint64_t accepted() const;
  uint64_t dlq() const;
  uint64_t quarantined() const;
  void print(std::ostream& out) const;
};

}  // namespace naap::runtime
