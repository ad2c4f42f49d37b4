// Deterministic, seeded workload generator for the benchmarks: JSONL event
// envelopes in the shapes of the real production telemetry (shared/data
// fixtures, events-and-ingest §6.2), mixed like production (Feb 2026, see
// ../shared/reference): per session a scripted sequence of stream_trace,
// ai_stream_status, ai_stream_events (errors, params_update),
// stream_ingest_metrics, discovery_results and create_new_payment events;
// capability broadcasts (~0.6 % of events, ~100 orchestrators each); a
// little garbage (DLQ) and duplicates (quarantine).
//
// Same parameters, same bytes: the generator uses its own PRNG (splitmix64)
// and formats every number itself, so output does not depend on the
// standard library's distributions.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace naap::bench {

struct WorkloadConfig {
  uint64_t events = 100'000;     // lines to emit (garbage and duplicates included)
  uint64_t sessions = 0;         // target number of sessions; 0: events / 7.2 (production ratio)
  uint32_t concurrency = 64;     // sessions in flight at once (their events interleave)
  uint64_t seed = 1;
  int64_t start_ms = 1769904000000;  // 2026-02-01T00:00:00Z
  double events_per_day = 48'000;    // event-time rate: twice Feb 2026 (~24k/day)
  double capability_share = 0.006;   // capability broadcasts per line
  uint32_t orchestrators = 100;      // orchestrators per broadcast (+-5)
  double garbage_share = 0.025;      // lines that go to the DLQ (prod: ~627 of ~25k a day)
  double duplicate_share = 0.003;    // verbatim re-sends of a recent line (quarantine)
};

// What the generator emitted, by kind.
struct WorkloadStats {
  uint64_t lines = 0;
  uint64_t bytes = 0;  // including the '\n' of each line
  uint64_t sessions = 0;
  uint64_t capability_broadcasts = 0;
  uint64_t capability_bytes = 0;
  uint64_t garbage = 0;
  uint64_t duplicates = 0;
  uint64_t by_type[7] = {};  // status, trace, ingest, ai, caps, discovery, payment
  int64_t first_ms = 0, last_ms = 0;
};

// Calls `emit` with each line (no trailing newline), in arrival order.
WorkloadStats generate(const WorkloadConfig& config,
                       const std::function<void(std::string_view line)>& emit);

// The whole workload as one buffer of '\n'-terminated lines.
std::string generate_jsonl(const WorkloadConfig& config, WorkloadStats* stats = nullptr);

// Splits a '\n'-terminated buffer into line views (no newline).
template <typename F>
void for_each_line(std::string_view buf, F&& f) {
  size_t pos = 0;
  while (pos < buf.size()) {
    size_t eol = buf.find('\n', pos);
    if (eol == std::string_view::npos) eol = buf.size();
    f(buf.substr(pos, eol - pos));
    pos = eol + 1;
  }
}

}  // namespace naap::bench
