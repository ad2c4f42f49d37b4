// Bad or odd input: defined output, no crash.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "test_util.hpp"

namespace naap::lifecycle::test {
namespace {

TEST(OddInput, EventsWithNoIds) {
  const FactBuffer out = run({
      S(1000, "u1").ids("", ""),                   // no ids, no envelope id
      S(1100, "u2").ids("", ""),                   // folds into the same session
      S(1200, "u3").ids("  ", "\t").eid("env-3"),  // blank ids: envelope id fallback
      S(1300, "").ids("", "").eid(""),             // no uid at all
  });
  ASSERT_EQ(out.sessions.size(), 4u);
  EXPECT_EQ(out.sessions[0].workflow_session_id, "_missing_stream|_missing_request|_missing_event");
  EXPECT_EQ(out.sessions[1].workflow_session_id, "_missing_stream|_missing_request|_missing_event");
  EXPECT_EQ(out.sessions[1].version, 2u);
  EXPECT_EQ(out.sessions[1].stream_id, "");
  EXPECT_EQ(out.sessions[2].workflow_session_id, "_missing_stream|_missing_request|env-3");
  EXPECT_EQ(out.sessions[2].version, 1u);
  EXPECT_EQ(out.sessions[2].stream_id, "");  // blank values are not kept
  EXPECT_EQ(out.sessions[3].workflow_session_id, "_missing_stream|_missing_request|_missing_event");
  EXPECT_EQ(out.sessions[3].version, 3u);
  EXPECT_EQ(out.sessions[3].source_first_event_uid, "u1");
  EXPECT_EQ(out.sessions[3].source_last_event_uid, "");
  EXPECT_EQ(out.status_samples[3].source_event_uid, "");
  EXPECT_EQ(out.status_samples[2].stream_id, "  ");  // raw values on the silver row
}

TEST(OddInput, IdsWithSpaces) {
  const FactBuffer out = run({
      S(1000, "u1").ids(" s1 ", "r1 "),
      T(std::string(kTraceStreamRequest), 1100, "u2").ids("s1", "r1"),
  });
  ASSERT_EQ(out.sessions.size(), 2u);
  EXPECT_EQ(out.sessions[0].workflow_session_id, "s1|r1");
  EXPECT_EQ(out.sessions[0].stream_id, " s1 ");  // untrimmed in columns
  EXPECT_EQ(out.sessions[0].request_id, "r1 ");
  EXPECT_EQ(out.sessions[1].workflow_session_id, "s1|r1");
  EXPECT_EQ(out.sessions[1].version, 2u);
  EXPECT_EQ(out.sessions[1].known_stream, 1);
  EXPECT_EQ(out.trace_edges[0].workflow_session_id, "s1|r1");
  EXPECT_EQ(out.trace_edges[0].stream_id, "s1");
}

TEST(OddInput, PartialIdsMakeSeparateSessions) {
  const FactBuffer out = run({
      T(std::string(kTraceStreamRequest), 1000, "u1").ids("s1", ""),
      S(1100, "u2").ids("s1", "r1"),
      S(1200, "u3").ids("", "r1"),
  });
  EXPECT_EQ(out.sessions[0].workflow_session_id, "s1|_missing_request");
  EXPECT_EQ(out.sessions[1].workflow_session_id, "s1|r1");
  EXPECT_EQ(out.sessions[2].workflow_session_id, "_missing_stream|r1");
  for (const auto& s : out.sessions) EXPECT_EQ(s.version, 1u);
}

TEST(OddInput, UnknownTraceTypes) {
  const FactBuffer out = run({
      T("totally_unknown", 1000, "u1"), T("", 1100, "u2"),
      T("GATEWAY_RECEIVE_STREAM_REQUEST", 1200, "u3"),  // case-sensitive: not a request
  });
  ASSERT_EQ(out.sessions.size(), 3u);
  const FactWorkflowSessionRow& last = out.sessions.back();
  EXPECT_EQ(last.known_stream, 0);
  EXPECT_EQ(last.event_count, 3u);
  EXPECT_EQ(last.session_start_ts, 1000);
  EXPECT_EQ(last.session_end_ts, std::optional<EpochMs>(1200));
  ASSERT_EQ(out.trace_edges.size(), 3u);
  EXPECT_EQ(out.trace_edges[0].trace_category, "other");
  EXPECT_EQ(out.trace_edges[1].trace_category, "other");
  EXPECT_EQ(out.trace_edges[1].trace_type, "");
  EXPECT_EQ(out.trace_edges[2].trace_category, "other");
  EXPECT_EQ(out.coverage[0].trace_type, "totally_unknown");
  EXPECT_EQ(out.segments[0].source_trace_type, "totally_unknown");
  EXPECT_EQ(out.segments[1].source_trace_type, "totally_unknown");  // blank keeps previous
}

TEST(OddInput, CapabilityForUnknownOrchestrator) {
  FactBuffer out;
  LifecycleEngine engine({}, out);
  feed(engine, Cap(900, "0xnobody", "0xnohot", "p", "m", "g"));
  feed(engine, S(1000, "u1").addr("0xother").pipe("m"));
  EXPECT_EQ(out.sessions[0].orchestrator_address, "");
  EXPECT_EQ(out.sessions[0].gpu_attribution_method, "none");
  EXPECT_EQ(engine.stats().capability_wallets, 2u);
  EXPECT_EQ(engine.stats().capability_candidates, 2u);
  // Rows with neither address are ignored.
  feed(engine, Cap(900, " ", "", "p", "m", "g"));
  EXPECT_EQ(engine.stats().capability_wallets, 2u);
}

TEST(OddInput, ConflictingCapabilitySnapshots) {
  const EpochMs hour = 3'600'000;
  const FactBuffer out = run({
      Cap(1000, "0xa", "0xh", "p", "m", "g"), Cap(2000 + 10 * hour, "0xb", "0xh", "p", "m", "g"),
      S(3000, "u1").ids("s1", "r1").addr("0xh").pipe("m"),  // both within TTL: ambiguous
      S(2000 + 30 * hour, "u2").ids("s2", "r2").addr("0xh").pipe("m"),  // only 0xb within TTL
  });
  EXPECT_EQ(out.sessions[0].orchestrator_address, "");
  EXPECT_EQ(out.sessions[0].gpu_attribution_method, "none");
  EXPECT_EQ(out.sessions[1].orchestrator_address, "0xb");
  EXPECT_EQ(out.sessions[1].gpu_attribution_method, "nearest_prior_snapshot");
}

TEST(OddInput, EventsFarOutOfOrder) {
  const std::vector<In> events = {
      S(1'771'000'000'000, "u1"),
      S(0, "u2"),                                                            // epoch
      S(-86'400'000, "u3"),                                                  // before 1970
      T(std::string(kTraceStreamRequest), 1, "u4").data(9'000'000'000'000),  // far future
      S(1'771'000'000'500, "u5"),
  };
  const FactBuffer out = run(events);
  ASSERT_EQ(out.sessions.size(), 5u);
  EXPECT_EQ(out.sessions.back().session_start_ts, -86'400'000);
  EXPECT_EQ(out.sessions.back().session_end_ts, std::optional<EpochMs>(9'000'000'000'000));
  EXPECT_EQ(out.sessions.back().first_stream_request_ts, std::optional<EpochMs>(9'000'000'000'000));
  EXPECT_EQ(out.sessions.back().version, 5u);
  EXPECT_EQ(out.segments.back().segment_start_ts, 1'771'000'000'000);  // first arrival opened it
  // The late ones precede the segment: unattributed; nothing crashes.
  EXPECT_EQ(out.status_samples.size(), 4u);
  // Eviction driven by the far-future clock never changes output (a second
  // session interleaved so that both are spilled and reloaded repeatedly).
  std::vector<In> mixed;
  for (size_t i = 0; i < events.size(); ++i) {
    mixed.push_back(events[i]);
    mixed.push_back(
        S(1'771'000'000'000 + static_cast<EpochMs>(i), "x" + std::to_string(i)).ids("x", "y"));
  }
  LifecycleConfig tiny;
  tiny.idle_retention_ms = 1;
  tiny.max_live_sessions = 1;
  const FactBuffer baseline = run(mixed);
  EXPECT_EQ(run(mixed, tiny), baseline);
  EXPECT_EQ(baseline.sessions.size(), 10u);
}

TEST(OddInput, EventsAfterStreamClosed) {
  const FactBuffer out = run({
      T(std::string(kTraceStreamRequest), 1000, "u1"),
      T(std::string(kTraceStreamClosed), 2000, "u2"),
      S(3000, "u3"),
      T(std::string(kTraceFewProcessed), 3500, "u4"),
  });
  ASSERT_EQ(out.sessions.size(), 4u);
  const FactWorkflowSessionRow& last = out.sessions.back();
  EXPECT_EQ(last.version, 4u);
  EXPECT_EQ(last.session_end_ts, std::optional<EpochMs>(3500));
  EXPECT_EQ(last.startup_success, 1);
  ASSERT_EQ(out.segments.size(), 4u);
  FactWorkflowSessionSegmentRow want = segment_base();
  want.segment_start_ts = 1000;
  want.segment_end_ts = 2000;  // the close stays; the segment is not reopened
  want.reason = "stream_closed";
  want.source_trace_type = "gateway_receive_few_processed_segments";
  want.source_event_uid = "u4";
  want.version = 4;
  EXPECT_EQ(out.segments.back(), want);
  // Events after the close fall outside the (exclusive) window.
  EXPECT_EQ(out.status_samples[0].is_attributed, 0);
  EXPECT_EQ(out.coverage[1].is_terminal_signal, 1);
  EXPECT_EQ(out.coverage[3].is_terminal_signal, 0);
  EXPECT_EQ(out.coverage[3].unmatched_reason, "awaiting_first_processed_segment_edge");
}

TEST(OddInput, OddNumbersAndText) {
  const FactBuffer out = run({
      S(1000, "u1").fps(std::numeric_limits<float>::quiet_NaN()).with_state(" LOADING"),
      S(1100, "u2").fps(-5).err("   "),
      S(1200, "u3").err("").pipe("   "),
      E("ERROR", "", 1300, "u4"),
  });
  const FactWorkflowSessionRow& last = out.sessions.back();
  EXPECT_EQ(last.zero_output_fps_session, 1);  // NaN and negative are not > 0
  EXPECT_EQ(last.loading_only_session, 0);     // " LOADING" is not LOADING (untrimmed compare)
  EXPECT_EQ(last.last_error_occurred, 0);      // blank errors do not count
  EXPECT_EQ(last.status_error_sample_count, 0u);
  EXPECT_EQ(last.model_id, std::nullopt);  // blank pipeline label
  EXPECT_EQ(last.error_count, 1u);
  EXPECT_EQ(last.excusable_error_count, 0u);
  EXPECT_TRUE(std::isnan(out.status_samples[0].output_fps));
}

TEST(OddInput, MalformedCheckpointsAreRejected) {
  FactBuffer out;
  EXPECT_THROW(LifecycleEngine::restore("", {}, out), StateFormatError);
  EXPECT_THROW(LifecycleEngine::restore("garbage bytes", {}, out), StateFormatError);
  LifecycleEngine engine({}, out);
  feed(engine, S(1000, "u1").addr("0xh").pipe("m"));
  feed(engine, Cap(900, "0xc", "0xh", "p", "m", "g"));
  const std::string bytes = engine.serialize();
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_THROW(LifecycleEngine::restore(std::string_view(bytes).substr(0, cut), {}, out),
                 StateFormatError)
        << "cut=" << cut;
  }
  EXPECT_THROW(LifecycleEngine::restore(bytes + "x", {}, out), StateFormatError);
  LifecycleConfig native;
  native.pipeline_model_mode = PipelineModelMode::kNativeCorrect;
  EXPECT_THROW(LifecycleEngine::restore(bytes, native, out), std::invalid_argument);
  EXPECT_NO_THROW(LifecycleEngine::restore(bytes, {}, out));
}

TEST(OddInput, CorruptSpilledSessionIsRejectedWithoutDamage) {
  MemoryStateSpill store;
  store.put("s|r", "not a session");
  LifecycleConfig config;
  config.spill = &store;
  FactBuffer out;
  LifecycleEngine engine(config, out);
  feed(engine, S(1000, "u0").ids("other", "x"));
  EXPECT_THROW(feed(engine, S(1000, "u1")), StateFormatError);
  EXPECT_EQ(engine.stats().live_sessions, 1u);
  EXPECT_EQ(out.total(), 5u);  // only the first event's rows
  feed(engine, S(1100, "u2").ids("other", "x"));
  EXPECT_EQ(out.sessions.back().version, 2u);
}

}  // namespace
}  // namespace naap::lifecycle::test
