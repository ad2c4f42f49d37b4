// Counts, per table, the rows a run writes that are already outside their
// table's retention, before they reach the warehouse (where a TTL would drop
// them at insert without a trace). Under `--retention none` the spec's TTLs
// are used, so the count says what a server with the spec's TTLs would drop.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/time.hpp"
#include "store/warehouse.hpp"

namespace naap::runtime {

class RetentionMeter {
 public:
  RetentionMeter() = default;
  // `now_ms` is the wall clock at the start of the run (TTLs are evaluated
  // against the insert time).
  RetentionMeter(const store::Retention& retention, EpochMs now_ms);

  // `rows` rows of `table` whose TTL date derives from `ts_ms`.
  void count(std::string_view table, EpochMs ts_ms, uint64_t rows = 1) {
    const auto it = cutoff_ms_.find(table);
    if (it != cutoff_ms_.end() && ts_ms < it->second) outside_[it->first] += rows;
  }
  const std::map<std::string, uint64_t>& outside() const { return outside_; }

  // First instant still inside a retention of `days` days at `now_ms`: a row
  // is dropped when toDate(ts) + days < now.
  static EpochMs cutoff(EpochMs now_ms, uint32_t days);

 private:
  std::map<std::string, EpochMs, std::less<>> cutoff_ms_;
  std::map<std::string, uint64_t> outside_;
};

}  // namespace naap::runtime
