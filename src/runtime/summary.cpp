#include "runtime/summary.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace naap::runtime {

uint64_t RunSummary::accepted() const {
  uint64_t n = 0;
  for (const auto& [_, o] : by_type) n += o.accepted;
  return n;
}
uint64_t RunSummary::dlq() const {
  uint64_t n = 0;
  for (const auto& [_, o] : by_type) n += o.dlq;
  return n;
}
uint64_t RunSummary::quarantined() const {
  uint64_t n = 0;
  for (const auto& [_, o] : by_type) n += o.quarantined;
  return n;
}

void RunSummary::print(std::ostream& out) const {
  const double rate = elapsed_s > 0 ? static_cast<double>(lines_read) / elapsed_s : 0;
  fmt::print(out, "naap run summary\n");
  fmt::print(out, "  lines read        {:>10}  ({:.1f} MB)\n", lines_read, bytes_read / 1e6);
  fmt::print(out, "  accepted          {:>10}\n", accepted());
  fmt::print(out, "  dlq               {:>10}\n", dlq());
  fmt::print(out, "  quarantined       {:>10}\n", quarantined());
  fmt::print(out, "  elapsed           {:>10.3f} s  ({:.0f} events/s)\n", elapsed_s, rate);
  fmt::print(out, "\n  {:<28} {:>10} {:>10} {:>12}\n", "event type", "accepted", "dlq",
             "quarantined");
  for (const auto& [type, o] : by_type) {
    fmt::print(out, "  {:<28} {:>10} {:>10} {:>12}\n", type.size() > 28 ? type.substr(0, 25) + "..." : type,
               o.accepted, o.dlq, o.quarantined);
  }
  if (!dlq_by_reason.empty()) {
    fmt::print(out, "\n  {:<28} {:>10}\n", "dlq reason", "rows");
    for (const auto& [reason, n] : dlq_by_reason) fmt::print(out, "  {:<28} {:>10}\n", reason, n);
  }
  std::map<std::string, uint64_t> past(past_spec_retention.begin(), past_spec_retention.end());
  fmt::print(out, "\n  {:<40} {:>10} {:>8}  {}\n", "table", "rows", "batches",
             "stored rows past spec retention");
  for (const auto& [table, s] : rows_by_table) {
    const auto it = past.find(table);
    fmt::print(out, "  {:<40} {:>10} {:>8}  {}\n", table, s.rows, s.batches,
               it == past.end() ? std::string("-") : std::to_string(it->second));
  }
  uint64_t kept_past = 0;
  for (const auto& [_, n] : past_spec_retention) kept_past += n;
  fmt::print(out, "\n  retention {}: {} stored row(s) are older than the spec's TTL{}\n", retention,
             kept_past,
             retention == "none" ? " (kept; a server with --retention spec would drop them)" : "");
}

}  // namespace naap::runtime
