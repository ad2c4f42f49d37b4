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
    fmt::print(out, "  {:<28} {:>10} {:>10} {:>12}\n",
               type.size() > 28 ? type.substr(0, 25) + "..." : type, o.accepted, o.dlq,
               o.quarantined);
  }
  if (!dlq_by_reason.empty()) {
    fmt::print(out, "\n  {:<28} {:>10}\n", "dlq reason", "rows");
    for (const auto& [reason, n] : dlq_by_reason) fmt::print(out, "  {:<28} {:>10}\n", reason, n);
  }
  const bool kept = retention == "none";
  fmt::print(out, "\n  {:<40} {:>10} {:>8} {:>9} {:>9}  {}\n", "table", "rows", "batches", "MB",
             "insert s", kept ? "past spec TTL (kept)" : "outside retention (dropped at insert)");
  uint64_t outside = 0;
  for (const auto& [table, s] : rows_by_table) {
    const auto it = outside_retention.find(table);
    const uint64_t n = it == outside_retention.end() ? 0 : it->second;
    outside += n;
    fmt::print(out, "  {:<40} {:>10} {:>8} {:>9.1f} {:>9}  {}\n", table, s.rows, s.batches,
               s.bytes / 1e6,
               s.insert_seconds ? fmt::format("{:.2f}", *s.insert_seconds) : std::string("-"), n);
  }
  fmt::print(out, "\n  retention {}: {} row(s) written are {}\n", retention, outside,
             kept ? "older than the spec's TTL and kept (a store with --retention spec would "
                    "drop them)"
                  : "outside the retention in force and were dropped by the warehouse at insert");
}

}  // namespace naap::runtime
