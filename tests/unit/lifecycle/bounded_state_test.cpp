// Bounded state (fix of spec §13.13): idle sessions are spilled, live state
// stays under the configured bounds, and a late event of a spilled session
// still produces exactly the next version it would have produced otherwise.
#include <gtest/gtest.h>

#include <iostream>

#include "test_util.hpp"

namespace naap::lifecycle::test {
namespace {

// Counts rows without keeping them.
struct CountingSink final : FactSink {
  uint64_t rows = 0, sessions = 0, status = 0;
  uint64_t max_version = 0;
  void emit(const FactWorkflowSessionRow& r) override {
    ++rows;
    ++sessions;
    max_version = std::max(max_version, r.version);
  }
  void emit(const FactWorkflowLatencySampleRow&) override { ++rows; }
  void emit(const FactWorkflowSessionSegmentRow&) override { ++rows; }
  void emit(const FactWorkflowParamUpdateRow&) override { ++rows; }
  void emit(const FactLifecycleEdgeCoverageRow&) override { ++rows; }
  void emit(const FactStreamStatusSampleRow&) override {
    ++rows;
    ++status;
  }
  void emit(const FactStreamTraceEdgeRow&) override { ++rows; }
};

// A spill store that keeps only a count (the bytes would live on disk).
struct DiscardingSpill final : StateSpill {
  uint64_t puts = 0, gets = 0;
  uint64_t bytes = 0;
  void put(std::string_view, std::string_view b) override {
    ++puts;
    bytes += b.size();
  }
  std::optional<std::string> get(std::string_view) const override {
    ++const_cast<DiscardingSpill*>(this)->gets;
    return std::nullopt;
  }
};

// Millions of one-event sessions: the live-session count stays bounded by the
// event-time retention, and the live state by a byte bound. (Under
// AddressSanitizer, whose Debug build is ~50x slower, 100 000 sessions; the
// UBSan and release builds of `make test` run the full two million.)
#if defined(__SANITIZE_ADDRESS__)
constexpr int kManySessions = 100'000;
#else
constexpr int kManySessions = 2'000'000;
#endif

TEST(BoundedState, MillionsOfOneEventSessionsByRetention) {
  constexpr int kSessions = kManySessions;
  constexpr int64_t kRetentionMs = 2000;  // 1 event per ms -> ~2000 live sessions
  CountingSink sink;
  DiscardingSpill spill;
  LifecycleConfig config;
  config.idle_retention_ms = kRetentionMs;
  config.max_live_sessions = 0;  // only the retention bounds it here
  config.spill = &spill;
  LifecycleEngine engine(config, sink);
  feed(engine, Cap(1'771'000'000'000, "0xc", "0xh", "live-video-to-video", "m", "g"));
  std::string stream;
  StatusEvent e;
  e.pipeline = "m";
  e.orchestrator_address = "0xh";
  e.request_id = "r";
  e.state = "ONLINE";
  e.output_fps = 10;
  size_t max_live = 0;
  for (int i = 0; i < kSessions; ++i) {
    stream = "stream-" + std::to_string(i);
    e.stream_id = stream;
    e.source_event_uid = stream;
    e.event_timestamp = 1'771'000'000'000 + i;
    engine.on_status(e);
    if (i % 1000 == 0) max_live = std::max(max_live, engine.stats().live_sessions);
  }
  const LifecycleEngine::Stats stats = engine.stats();
  EXPECT_LE(max_live, static_cast<size_t>(kRetentionMs + 1));
  EXPECT_LE(stats.live_sessions, static_cast<size_t>(kRetentionMs + 1));
  EXPECT_EQ(stats.sessions_spilled + stats.live_sessions, static_cast<uint64_t>(kSessions));
  EXPECT_EQ(spill.puts, stats.sessions_spilled);
  EXPECT_EQ(spill.gets, static_cast<uint64_t>(kSessions));  // one miss per new session
  EXPECT_EQ(stats.sessions_reloaded, 0u);
  // ~2000 live sessions of one event each: well under 4 MB.
  const size_t live_bytes = engine.approx_live_state_bytes();
  EXPECT_LT(live_bytes, size_t{4} << 20);
  std::cout << "[ stats    ] " << kSessions << " sessions: max live " << max_live << ", live bytes "
            << live_bytes << " (" << live_bytes / std::max<size_t>(stats.live_sessions, 1)
            << " per session), spilled " << stats.sessions_spilled << " (" << spill.bytes
            << " bytes)\n";
  EXPECT_EQ(sink.sessions, static_cast<uint64_t>(kSessions));
  EXPECT_EQ(sink.status, static_cast<uint64_t>(kSessions));
  // Per status event: session, latency, segment, coverage and status rows.
  EXPECT_EQ(sink.rows, 5u * kSessions);
  EXPECT_EQ(sink.max_version, 1u);
}

// The hard cap bounds live sessions when timestamps do not advance.
TEST(BoundedState, HardCapWithoutTimeProgress) {
  CountingSink sink;
  DiscardingSpill spill;
  LifecycleConfig config;
  config.max_live_sessions = 500;
  config.spill = &spill;
  LifecycleEngine engine(config, sink);
  std::string stream;
  for (int i = 0; i < 20'000; ++i) {
    stream = "s" + std::to_string(i);
    AiEvent e;
    e.stream_id = stream;
    e.request_id = "r";
    e.event_type = "error";
    e.event_timestamp = 1000;  // no event-time progress at all
    engine.on_ai_event(e);
    ASSERT_LE(engine.stats().live_sessions, 500u);
  }
  EXPECT_EQ(engine.stats().sessions_spilled, 19'500u);
}

// A late event of a spilled session continues its version sequence with
// exactly the rows an engine that never evicted would produce.
TEST(BoundedState, LateEventAfterSpillProducesTheCorrectNextVersion) {
  std::vector<In> events = {
      Cap(900, "0xc", "0xh", "live-video-to-video", "m", "g"),
      T(std::string(kTraceStreamRequest), 1000, "a1").ids("A", "1"),
      S(1001, "a2").ids("A", "1").addr("0xh").pipe("m").fps(5),
      T(std::string(kTraceFirstProcessed), 1002, "a3").ids("A", "1"),
  };
  // Others move the clock far past A's retention.
  for (int i = 0; i < 50; ++i) {
    events.push_back(S(1'000'000 + i, "o" + std::to_string(i)).ids("O" + std::to_string(i), "1"));
  }
  // A's late events (timestamps in A's own past/present).
  events.push_back(T(std::string(kTraceFewProcessed), 1003, "a4").ids("A", "1"));
  events.push_back(S(900, "a5").ids("A", "1").addr("0xh").pipe("m"));

  LifecycleConfig unbounded;
  unbounded.idle_retention_ms = 0;
  unbounded.max_live_sessions = 0;
  const FactBuffer expected = run(events, unbounded);

  MemoryStateSpill store;
  LifecycleConfig bounded;
  bounded.idle_retention_ms = 10'000;
  bounded.max_live_sessions = 10;
  bounded.spill = &store;
  FactBuffer out;
  LifecycleEngine engine(bounded, out);
  for (size_t i = 0; i + 2 < events.size(); ++i) feed(engine, events[i]);
  EXPECT_TRUE(store.get("A|1").has_value());  // A left memory
  EXPECT_LE(engine.stats().live_sessions, 10u);
  feed(engine, events[events.size() - 2]);
  feed(engine, events[events.size() - 1]);
  EXPECT_EQ(engine.stats().sessions_reloaded, 1u);
  EXPECT_EQ(out, expected);

  const FactBuffer a = only_session(out, "A|1");
  ASSERT_EQ(a.sessions.size(), 5u);
  EXPECT_EQ(a.sessions[3].version, 4u);
  EXPECT_EQ(a.sessions[3].startup_success, 1);
  EXPECT_EQ(a.sessions[3].first_playable_ts, std::optional<EpochMs>(1003));
  EXPECT_EQ(a.sessions[4].version, 5u);
  EXPECT_EQ(a.sessions[4].session_start_ts, 900);
  EXPECT_EQ(a.sessions[4].orchestrator_address, "0xc");
  EXPECT_EQ(a.sessions[4].source_first_event_uid, "a1");
  EXPECT_EQ(a.segments.back().version, 5u);
  EXPECT_EQ(a.latency_samples[3].startup_time_ms, std::optional<double>(1.0));
}

}  // namespace
}  // namespace naap::lifecycle::test
