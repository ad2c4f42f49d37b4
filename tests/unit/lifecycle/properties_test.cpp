// Order/isolation and checkpoint properties (randomised with fixed seeds).
#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "test_util.hpp"

namespace naap::lifecycle::test {
namespace {

// Deterministic across platforms: raw mt19937_64 output only.
struct Rng {
  std::mt19937_64 gen;
  explicit Rng(uint64_t seed) : gen(seed) {}
  uint64_t below(uint64_t n) { return gen() % n; }
  bool chance(uint64_t percent) { return below(100) < percent; }
};

const std::vector<std::string> kHot = {"0xh0", "0xh1", "0xh2", "0xh3", "0xunknown"};
const std::vector<std::string> kModels = {"m0", "m1", "M0", ""};

std::vector<In> capability_rows(Rng& rng, EpochMs base, int n) {
  std::vector<In> caps;
  for (int i = 0; i < n; ++i) {
    const size_t hot = rng.below(4);
    const std::string canonical = "0xc" + std::to_string(rng.below(3));
    In c = Cap(base + static_cast<EpochMs>(rng.below(5000)), canonical, kHot[hot],
               rng.chance(50) ? "live-video-to-video" : "",
               rng.chance(80) ? kModels[rng.below(2)] : "",
               rng.chance(70) ? std::optional<std::string>("gpu-" + std::to_string(rng.below(3)))
                              : std::nullopt);
    c.uri("https://o" + std::to_string(rng.below(3)) + ".example").src("cap-" + std::to_string(i));
    caps.push_back(c);
  }
  return caps;
}

// A random but plausible event script for one session.
std::vector<In> session_script(Rng& rng, int index, EpochMs base, int n) {
  const std::string stream = "st" + std::to_string(index);
  const std::string request = "rq" + std::to_string(index);
  static const std::vector<std::string> kTraces = {
      std::string(kTraceStreamRequest),      std::string(kTraceFirstProcessed),
      std::string(kTraceFewProcessed),       std::string(kTraceNoOrchestrators),
      std::string(kTraceOrchestratorSwap),   std::string(kTraceStreamClosed),
      "runner_send_first_processed_segment", "unknown_type"};
  static const std::vector<std::string> kMessages = {"boom", "WHIP disconnected", "missing video",
                                                     "", "user disconnected"};
  std::vector<In> out;
  EpochMs ts = base;
  for (int i = 0; i < n; ++i) {
    ts += static_cast<EpochMs>(rng.below(2000));
    // Occasionally out of order.
    const EpochMs t = rng.chance(15) ? ts - static_cast<EpochMs>(rng.below(5000)) : ts;
    const std::string uid = stream + "-e" + std::to_string(i);
    In e;
    switch (rng.below(3)) {
      case 0:
        e = T(kTraces[rng.below(kTraces.size())], t, uid);
        if (rng.chance(60)) e.addr(kHot[rng.below(kHot.size())]);
        if (rng.chance(30)) e.with_url("https://o" + std::to_string(rng.below(3)) + ".example");
        if (rng.chance(20)) e.data(t + 7);
        break;
      case 1:
        e = S(t, uid).pipe(kModels[rng.below(kModels.size())]);
        if (rng.chance(80)) e.addr(kHot[rng.below(kHot.size())]);
        e.with_state(rng.chance(30) ? "LOADING" : "ONLINE").fps(static_cast<float>(rng.below(3)));
        if (rng.chance(20)) e.err("last error");
        if (rng.chance(20)) e.start(t - static_cast<EpochMs>(rng.below(100'000'000)));
        break;
      default:
        e = E(rng.chance(50) ? "error" : "params_update", kMessages[rng.below(kMessages.size())], t,
              uid)
                .pipe(kModels[rng.below(kModels.size())]);
        break;
    }
    e.ids(stream, request).gw(rng.chance(50) ? "gw-" + std::to_string(index) : "");
    out.push_back(e);
  }
  return out;
}

std::vector<In> concat(std::vector<In> a, const std::vector<In>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Uniformly random interleaving that keeps each script's order.
std::vector<In> interleave(Rng& rng, const std::vector<std::vector<In>>& scripts) {
  std::vector<size_t> cursor(scripts.size(), 0);
  size_t remaining = 0;
  for (const auto& s : scripts) remaining += s.size();
  std::vector<In> out;
  while (remaining > 0) {
    uint64_t pick = rng.below(remaining);
    for (size_t i = 0; i < scripts.size(); ++i) {
      const size_t left = scripts[i].size() - cursor[i];
      if (pick < left) {
        out.push_back(scripts[i][cursor[i]++]);
        break;
      }
      pick -= left;
    }
    --remaining;
  }
  return out;
}

TEST(LifecycleProperties, InterleavingGivesEachSessionItsSoloFacts) {
  Rng rng(20260228);
  constexpr int kSessions = 6;
  const std::vector<In> caps = capability_rows(rng, 1'771'000'000'000 - 10'000, 12);
  std::vector<std::vector<In>> scripts;
  std::vector<FactBuffer> solo;
  for (int i = 0; i < kSessions; ++i) {
    scripts.push_back(session_script(rng, i, 1'771'000'000'000, 14));
    solo.push_back(run(concat(caps, scripts.back())));
    ASSERT_EQ(solo.back().sessions.size(), 14u);
  }
  LifecycleConfig spilling;  // forces spill/reload all the time
  spilling.max_live_sessions = 2;
  spilling.idle_retention_ms = 3000;
  for (int round = 0; round < 120; ++round) {
    const std::vector<In> merged = concat(caps, interleave(rng, scripts));
    const FactBuffer all = run(merged, round % 2 == 0 ? LifecycleConfig{} : spilling);
    size_t rows = 0;
    for (int i = 0; i < kSessions; ++i) {
      const std::string key = "st" + std::to_string(i) + "|rq" + std::to_string(i);
      const FactBuffer mine = only_session(all, key);
      ASSERT_EQ(mine, solo[static_cast<size_t>(i)]) << "round " << round << " session " << key;
      rows += mine.total();
    }
    ASSERT_EQ(rows, all.total()) << "rows outside the known sessions";
  }
}

TEST(LifecycleProperties, ReplayIntoFreshEnginesIsIdentical) {
  Rng rng(7);
  std::vector<std::vector<In>> scripts;
  for (int i = 0; i < 5; ++i) scripts.push_back(session_script(rng, i, 1'771'000'000'000, 20));
  const std::vector<In> events =
      concat(capability_rows(rng, 1'770'999'990'000, 10), interleave(rng, scripts));
  const FactBuffer a = run(events);
  const FactBuffer b = run(events);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.sessions.size(), 100u);
}

// Capabilities interleaved with the sessions' events at random positions.
std::vector<In> mixed_stream(uint64_t seed) {
  Rng rng(seed);
  std::vector<std::vector<In>> scripts;
  for (int i = 0; i < 8; ++i) scripts.push_back(session_script(rng, i, 1'771'000'000'000, 15));
  scripts.push_back(capability_rows(rng, 1'771'000'000'000, 25));
  return concat(capability_rows(rng, 1'770'999'990'000, 5), interleave(rng, scripts));
}

void check_checkpoint_equivalence(const std::vector<In>& events, const LifecycleConfig& config,
                                  const std::vector<size_t>& splits) {
  const FactBuffer baseline = run(events, config);
  for (size_t split : splits) {
    FactBuffer out;
    std::string bytes;
    {
      LifecycleEngine first(config, out);
      for (size_t i = 0; i < split; ++i) feed(first, events[i]);
      bytes = first.serialize();
    }  // the first engine is gone: only the bytes survive
    LifecycleEngine second = LifecycleEngine::restore(bytes, config, out);
    EXPECT_EQ(second.serialize(), bytes) << "split " << split;
    for (size_t i = split; i < events.size(); ++i) feed(second, events[i]);
    second.flush();
    ASSERT_EQ(out, baseline) << "split " << split;
  }
}

TEST(LifecycleProperties, SerializeRestoreEquivalence) {
  const std::vector<In> events = mixed_stream(99);
  const size_t n = events.size();
  std::vector<size_t> splits = {0, 1, 2, n / 3, n / 2, n - 1, n};
  Rng rng(5);
  for (int i = 0; i < 8; ++i) splits.push_back(rng.below(n + 1));
  check_checkpoint_equivalence(events, {}, splits);

  LifecycleConfig spilling;  // engine-owned spill map is part of the checkpoint
  spilling.max_live_sessions = 3;
  spilling.idle_retention_ms = 2000;
  check_checkpoint_equivalence(events, spilling, splits);

  LifecycleConfig native;
  native.pipeline_model_mode = PipelineModelMode::kNativeCorrect;
  native.start_time_rule = StartTimeRule::kReference;
  check_checkpoint_equivalence(events, native, {n / 4, n / 2});
}

TEST(LifecycleProperties, RepeatedCheckpointsAlongTheStream) {
  const std::vector<In> events = mixed_stream(1234);
  LifecycleConfig config;
  config.max_live_sessions = 4;
  const FactBuffer baseline = run(events, config);
  FactBuffer out;
  std::string bytes = LifecycleEngine(config, out).serialize();
  for (size_t i = 0; i < events.size(); ++i) {
    LifecycleEngine engine = LifecycleEngine::restore(bytes, config, out);
    feed(engine, events[i]);
    bytes = engine.serialize();
  }
  EXPECT_EQ(out, baseline);
}

TEST(LifecycleProperties, ExternalSpillStoreAndCheckpoint) {
  const std::vector<In> events = mixed_stream(77);
  MemoryStateSpill baseline_store;
  LifecycleConfig config;
  config.max_live_sessions = 2;
  config.spill = &baseline_store;
  const FactBuffer baseline = run(events, config);
  EXPECT_GT(baseline_store.size(), 0u);

  MemoryStateSpill store;
  config.spill = &store;
  FactBuffer out;
  std::string bytes;
  {
    LifecycleEngine first(config, out);
    for (size_t i = 0; i < events.size() / 2; ++i) feed(first, events[i]);
    bytes = first.serialize();
    EXPECT_LE(first.stats().live_sessions, 2u);
    EXPECT_EQ(first.stats().owned_spill_sessions, 0u);
  }
  LifecycleEngine second = LifecycleEngine::restore(bytes, config, out);
  for (size_t i = events.size() / 2; i < events.size(); ++i) feed(second, events[i]);
  EXPECT_EQ(out, baseline);

  // A checkpoint holding engine-owned spilled sessions cannot be restored onto
  // an external store (they would be lost).
  LifecycleConfig owned;
  owned.max_live_sessions = 1;
  FactBuffer sink;
  LifecycleEngine engine(owned, sink);
  feed(engine, events);
  ASSERT_GT(engine.stats().owned_spill_sessions, 0u);
  owned.spill = &store;
  EXPECT_THROW(LifecycleEngine::restore(engine.serialize(), owned, sink), std::invalid_argument);
  // And one whose sessions went to an external store cannot be restored
  // without one.
  LifecycleConfig external;
  external.max_live_sessions = 1;
  external.spill = &store;
  LifecycleEngine engine2(external, sink);
  feed(engine2, events);
  ASSERT_GT(engine2.stats().sessions_spilled, 0u);
  external.spill = nullptr;
  EXPECT_THROW(LifecycleEngine::restore(engine2.serialize(), external, sink),
               std::invalid_argument);
}

}  // namespace
}  // namespace naap::lifecycle::test
