// Bounded memory: millions of short synthetic sessions through the whole
// pipeline (gate + lifecycle engine + batching, warehouse writes discarded)
// keep resident memory under a configured bound, because idle session state
// spills to disk (lifecycle spec §13.13, issue 3).
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "harness.hpp"
#include "runtime/pipeline.hpp"

namespace naap::testing {
namespace {

class DiscardSink final : public sinks::Sink {
 public:
  void write(const sinks::Batch& b) override { rows += b.rows; }
  std::string describe() const override { return "discard"; }
  uint64_t rows = 0;
};

uint64_t rss_bytes() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      uint64_t kb = 0;
      in >> kb;
      return kb * 1024;
    }
    std::getline(in, key);
  }
  return 0;
}

TEST(MemoryBound, MillionsOfShortSessionsKeepResidentMemoryBounded) {
  TempDir dir("memory-bound");
  DiscardSink sink;
  runtime::PipelineConfig config;
  config.batch.max_rows = 20'000;
  config.lifecycle.max_live_sessions = 20'000;  // the configured bound on live state
  // The dedup index keeps 24 h of event ids (the reference's TTL); all 2 M
  // synthetic events fall within it, so cap it too for this measurement.
  config.gate.dedup.max_entries = 100'000;
  config.spill_dir = dir / "spill";
  runtime::Pipeline pipeline(sink, config);

  constexpr uint64_t kSessions = 2'000'000;
  constexpr uint64_t kWarmup = 200'000;
  constexpr int64_t kStartMs = 1771800000000;
  std::string line;
  uint64_t rss_after_warmup = 0;
  for (uint64_t i = 0; i < kSessions; ++i) {
    const std::string n = std::to_string(i);
    // Each session: one trace event (a new workflow session per line).
    line = R"({"id":"e)" + n + R"(","type":"stream_trace","timestamp":")" +
           std::to_string(kStartMs + static_cast<int64_t>(i)) +
           R"(","gateway":"gw","data":{"stream_id":"stream-)" + n +
           R"(","request_id":"r)" + n +
           R"(","type":"gateway_receive_stream_request","orchestrator_info":{"address":"","url":""}}})";
    pipeline.process(line, "synthetic", i + 1);
    if (i + 1 == kWarmup) rss_after_warmup = rss_bytes();
  }
  pipeline.finish();
  const uint64_t rss_end = rss_bytes();
  const auto& s = pipeline.summary();
  EXPECT_EQ(s.lines_read, kSessions);
  EXPECT_EQ(s.accepted(), kSessions);
  // Every session produced its facts (one session row per signal at least).
  EXPECT_EQ(s.rows_by_table.at("fact_workflow_sessions").rows, kSessions);
  // 1.8 M more sessions after warm-up may not grow resident memory by more
  // than 32 MiB: live state is capped, the rest is on disk.
  const int64_t growth = static_cast<int64_t>(rss_end) - static_cast<int64_t>(rss_after_warmup);
  std::cout << "rss after warm-up " << rss_after_warmup / (1 << 20) << " MiB, at end "
            << rss_end / (1 << 20) << " MiB, growth " << growth / (1 << 20) << " MiB\n";
  EXPECT_LT(growth, 32ll << 20);
}

}  // namespace
}  // namespace naap::testing
