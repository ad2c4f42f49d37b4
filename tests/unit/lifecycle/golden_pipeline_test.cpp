// Golden cases 43-48 of lifecycle.md §14 ("additional goldens derived from the
// code") through the whole engine, with every fact row they produce, plus the
// reproduced traps of §13 and NATIVE mode end to end.
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace naap::lifecycle::test {
namespace {

// Case 43.
TEST(LifecyclePipeline, Golden43_LegacyCapabilityThenStatus) {
  const FactBuffer out = run({
      Cap(900, "0xc", "0xh", "live-video-to-video", "m", "g"),
      S(1000, "e1").addr("0xH").pipe("m"),
  });

  FactWorkflowSessionRow session = session_base();
  session.workflow_id = "live-video-to-video";
  session.pipeline = "live-video-to-video";
  session.orchestrator_address = "0xc";
  session.model_id = "m";
  session.gpu_id = "g";
  session.gpu_attribution_method = "nearest_prior_snapshot";
  session.gpu_attribution_confidence = 0.9f;
  session.session_start_ts = 1000;
  session.session_end_ts = 1000;
  session.known_stream = 0;
  session.loading_only_session = 0;     // state "" counts as not LOADING
  session.zero_output_fps_session = 1;  // fps 0
  session.status_sample_count = 1;
  session.health_signal_count = 1;
  session.health_expected_signal_count = 0;
  session.health_completeness_ratio = 1.0f;
  session.event_count = 1;
  session.version = 1;
  session.source_first_event_uid = "e1";
  session.source_last_event_uid = "e1";
  ASSERT_EQ(out.sessions.size(), 1u);
  EXPECT_EQ(out.sessions[0], session);

  FactWorkflowLatencySampleRow latency;
  latency.sample_ts = 1000;
  latency.workflow_session_id = "s|r";
  latency.stream_id = "s";
  latency.request_id = "r";
  latency.orchestrator_address = "0xc";
  latency.pipeline = "live-video-to-video";
  latency.model_id = "m";
  latency.gpu_id = "g";
  latency.version = 1;
  latency.source_event_uid = "e1";
  ASSERT_EQ(out.latency_samples.size(), 1u);
  EXPECT_EQ(out.latency_samples[0], latency);

  FactWorkflowSessionSegmentRow segment = segment_base();
  segment.segment_start_ts = 1000;
  segment.pipeline = "live-video-to-video";
  segment.orchestrator_address = "0xc";
  segment.gpu_id = "g";
  segment.model_id = "m";
  segment.gpu_attribution_method = "nearest_prior_snapshot";
  segment.gpu_attribution_confidence = 0.9f;
  segment.reason = "initial";
  segment.source_event_uid = "e1";
  segment.version = 1;
  ASSERT_EQ(out.segments.size(), 1u);
  EXPECT_EQ(out.segments[0], segment);

  FactLifecycleEdgeCoverageRow coverage = coverage_base();
  coverage.signal_ts = 1000;
  coverage.pipeline = "m";  // the raw model-like label (§13.12)
  coverage.source_event_uid = "e1";
  coverage.unmatched_reason = "missing_stream_request_edge";
  coverage.version = 1;
  ASSERT_EQ(out.coverage.size(), 1u);
  EXPECT_EQ(out.coverage[0], coverage);

  FactStreamStatusSampleRow status;
  status.sample_ts = 1000;
  status.workflow_session_id = "s|r";
  status.stream_id = "s";
  status.request_id = "r";
  status.orchestrator_address = "0xc";
  status.pipeline = "live-video-to-video";
  status.model_id = "m";
  status.gpu_id = "g";
  status.is_attributed = 1;
  status.gpu_attribution_method = "segment_window_join";
  status.gpu_attribution_confidence = 1.0f;
  status.source_event_uid = "e1";
  ASSERT_EQ(out.status_samples.size(), 1u);
  EXPECT_EQ(out.status_samples[0], status);

  EXPECT_TRUE(out.param_updates.empty());
  EXPECT_TRUE(out.trace_edges.empty());
}

// Case 44.
TEST(LifecyclePipeline, Golden44_LegacyWithoutCapability) {
  const FactBuffer out = run({S(1000, "e1").addr("0xH").pipe("m")});
  FactWorkflowSessionRow session = session_base();
  session.workflow_id = "ai_live_video_stream";
  session.pipeline = "";
  session.model_id = "m";  // from the hint
  session.orchestrator_address = "";
  session.gpu_attribution_method = "none";
  session.gpu_attribution_confidence = 0.0f;
  session.session_start_ts = 1000;
  session.session_end_ts = 1000;
  session.zero_output_fps_session = 1;
  session.status_sample_count = 1;
  session.health_signal_count = 1;
  session.event_count = 1;
  session.version = 1;
  session.source_first_event_uid = "e1";
  session.source_last_event_uid = "e1";
  ASSERT_EQ(out.sessions.size(), 1u);
  EXPECT_EQ(out.sessions[0], session);

  FactWorkflowSessionSegmentRow segment = segment_base();
  segment.segment_start_ts = 1000;
  segment.model_id = "m";  // the resolver's model (hint) seeds the segment too
  segment.reason = "initial";
  segment.source_event_uid = "e1";
  segment.version = 1;
  ASSERT_EQ(out.segments.size(), 1u);
  EXPECT_EQ(out.segments[0], segment);

  FactStreamStatusSampleRow status;
  status.sample_ts = 1000;
  status.workflow_session_id = "s|r";
  status.stream_id = "s";
  status.request_id = "r";
  status.source_event_uid = "e1";
  ASSERT_EQ(out.status_samples.size(), 1u);
  EXPECT_EQ(out.status_samples[0], status);  // unattributed: blank segment orchestrator
}

// Case 45.
TEST(LifecyclePipeline, Golden45_ErrorOnlySessionIsNotKnown) {
  const FactBuffer out = run({E("error", "Missing video", 1000, "e1")});
  FactWorkflowSessionRow session = session_base();
  session.session_start_ts = 1000;
  session.session_end_ts = 1000;
  session.error_count = 1;
  session.excusable_error_count = 1;
  session.event_count = 1;
  session.version = 1;
  session.source_first_event_uid = "e1";
  session.source_last_event_uid = "e1";
  ASSERT_EQ(out.sessions.size(), 1u);
  EXPECT_EQ(out.sessions[0], session);  // known 0, startup flags all 0
  EXPECT_TRUE(out.status_samples.empty());
  EXPECT_TRUE(out.trace_edges.empty());
  EXPECT_TRUE(out.param_updates.empty());
  EXPECT_EQ(out.segments.size(), 1u);
  EXPECT_EQ(out.coverage.size(), 1u);
}

// Case 46.
TEST(LifecyclePipeline, Golden46_NotAllErrorsExcusable) {
  const FactBuffer out = run({
      T(std::string(kTraceStreamRequest), 1000, "e1"),
      E("error", "boom", 1100, "e2"),
      E("ERROR", "user disconnected", 1200, "e3"),
  });
  ASSERT_EQ(out.sessions.size(), 3u);
  EXPECT_EQ(out.sessions[1].startup_unexcused, 1);
  EXPECT_EQ(out.sessions[1].startup_excused, 0);
  EXPECT_EQ(out.sessions[1].error_count, 1u);
  EXPECT_EQ(out.sessions[1].excusable_error_count, 0u);
  EXPECT_EQ(out.sessions[2].startup_unexcused, 1);
  EXPECT_EQ(out.sessions[2].startup_excused, 0);
  EXPECT_EQ(out.sessions[2].error_count, 2u);
  EXPECT_EQ(out.sessions[2].excusable_error_count, 1u);
  EXPECT_EQ(out.sessions[2].version, 3u);
}

// Case 47.
TEST(LifecyclePipeline, Golden47_LoadingOnlyAndZeroFps) {
  const FactBuffer out = run({
      S(1000, "e1").with_state("LOADING").fps(0),
      S(1100, "e2").with_state("loading").fps(0),
      S(1200, "e3").with_state("ONLINE").fps(12),
  });
  ASSERT_EQ(out.sessions.size(), 3u);
  EXPECT_EQ(out.sessions[1].loading_only_session, 1);
  EXPECT_EQ(out.sessions[1].zero_output_fps_session, 1);
  EXPECT_EQ(out.sessions[1].status_sample_count, 2u);
  EXPECT_EQ(out.sessions[2].loading_only_session, 0);
  EXPECT_EQ(out.sessions[2].zero_output_fps_session, 0);
  EXPECT_EQ(out.sessions[2].status_sample_count, 3u);
}

// Case 48.
TEST(LifecyclePipeline, Golden48_HealthCompleteness) {
  const FactBuffer known = run({
      T(std::string(kTraceStreamRequest), 1000, "e1"),
      S(1100, "e2"),
      T(std::string(kTraceFirstProcessed), 1200, "e3"),
  });
  const FactWorkflowSessionRow& k = known.sessions.back();
  EXPECT_EQ(k.health_signal_count, 2u);
  EXPECT_EQ(k.health_expected_signal_count, 3u);
  EXPECT_EQ(k.health_completeness_ratio, static_cast<float>(2.0 / 3.0));
  EXPECT_NEAR(k.health_completeness_ratio, 0.6667f, 1e-4);

  const FactBuffer unknown = run({S(1100, "e2"), T(std::string(kTraceFirstProcessed), 1200, "e3")});
  const FactWorkflowSessionRow& u = unknown.sessions.back();
  EXPECT_EQ(u.health_signal_count, 2u);
  EXPECT_EQ(u.health_expected_signal_count, 0u);
  EXPECT_EQ(u.health_completeness_ratio, 1.0f);
}

// §6: param-update rows for `params_update` AI events only; version = number
// of signals of the session; URL first-write-wins.
TEST(LifecyclePipeline, ParamUpdates) {
  const FactBuffer out = run({
      Cap(900, "0xc", "0xh", "live-video-to-video", "m", "g").uri("https://cap.example"),
      S(1000, "e1").addr("0xh").pipe("m").with_url("https://first.example").gw("gw-1"),
      S(1100, "e2").addr("0xh").pipe("m").with_url("https://second.example"),
      E("Params_Update", "  ", 1200, "e3").pipe("m").gw("gw-2"),
      E("warning", "x", 1300, "e4"),
      E("params_update", "prompt: cat", 1400, "e5"),
  });
  ASSERT_EQ(out.param_updates.size(), 2u);
  FactWorkflowParamUpdateRow want;
  want.update_ts = 1200;
  want.workflow_session_id = "s|r";
  want.stream_id = "s";
  want.request_id = "r";
  want.pipeline = "live-video-to-video";
  want.gateway = "gw-1";
  want.orchestrator_address = "0xc";
  want.orchestrator_url = "https://first.example";
  want.model_id = "m";
  want.gpu_id = "g";
  want.gpu_attribution_method = "nearest_prior_snapshot";
  want.gpu_attribution_confidence = 0.9f;
  want.update_type = "params_update";
  want.message = "";  // blank message -> ""
  want.source_event_uid = "e3";
  want.version = 3;
  EXPECT_EQ(out.param_updates[0], want);
  want.update_ts = 1400;
  want.message = "prompt: cat";
  want.source_event_uid = "e5";
  want.version = 5;
  EXPECT_EQ(out.param_updates[1], want);
  // The session URL follows the latest signal URL instead (§13.9).
  EXPECT_EQ(out.sessions.back().orchestrator_url, "https://second.example");
  // The segment URL prefers the snapshot's.
  EXPECT_EQ(out.segments.back().orchestrator_url, "https://cap.example");
}

// §13.4: a snapshot with a blank model / GPU overwrites them with NULL.
TEST(LifecyclePipeline, Trap13_4_BlankSnapshotModelOverwritesWithNull) {
  const FactBuffer out = run({
      Cap(900, "0xc", "0xh", "live-video-to-video", "", std::nullopt),
      S(1000, "e1").addr("0xh").pipe("m"),
  });
  EXPECT_EQ(out.sessions[0].model_id, std::nullopt);
  EXPECT_EQ(out.sessions[0].gpu_id, std::nullopt);
  EXPECT_EQ(out.sessions[0].orchestrator_address, "0xc");
  EXPECT_EQ(out.segments[0].model_id, std::nullopt);
}

// §13.7: a spelling difference between the hint label and the snapshot model
// counts as a model change.
TEST(LifecyclePipeline, Trap13_7_ModelChangeFalsePositive) {
  const FactBuffer out = run({
      Cap(900, "0xc", "0xh", "live-video-to-video", "StreamDiffusion-SDXL", "g"),
      S(1000, "e1").addr("0xh").pipe("streamdiffusion-sdxl"),
  });
  EXPECT_EQ(out.sessions[0].has_model_change, 1);
  EXPECT_EQ(out.sessions[0].model_id, std::optional<std::string>("StreamDiffusion-SDXL"));
  EXPECT_EQ(out.sessions[0].has_pipeline_change, 0);
}

// §13.8: in LEGACY mode the session pipeline follows the latest selected
// snapshot's pipeline; the segment keeps the first.
TEST(LifecyclePipeline, Trap13_8_SessionPipelineFollowsSnapshot) {
  const FactBuffer out = run({
      Cap(900, "0xc", "0xh", "pipeline-a", "m", "g"),
      S(1000, "e1").addr("0xh").pipe("m"),
      Cap(1500, "0xc", "0xh", "pipeline-b", "m", "g"),
      S(2000, "e2").addr("0xh").pipe("m"),
  });
  EXPECT_EQ(out.sessions[0].pipeline, "pipeline-a");
  EXPECT_EQ(out.sessions[1].pipeline, "pipeline-b");
  EXPECT_EQ(out.sessions[1].workflow_id, "pipeline-a");  // fixed at the first signal
  EXPECT_EQ(out.sessions[1].has_pipeline_change, 1);
  EXPECT_EQ(out.segments[1].pipeline, "pipeline-a");
  EXPECT_EQ(out.status_samples[1].pipeline, "pipeline-a");
}

// §4.2 step 6: the close edge re-runs attribution with different hints (URL
// hint = the session's URL), which can pick another snapshot.
TEST(LifecyclePipeline, TerminalReattributionOnStreamClosed) {
  const FactBuffer out = run({
      Cap(900, "0xc", "0xh", "live-video-to-video", "m", "g1").uri("https://u1.example"),
      S(1000, "e1").addr("0xh").pipe("m").with_url("https://u2.example"),
      Cap(2900, "0xc", "0xh", "live-video-to-video", "m", "g2").uri("https://u2.example"),
      T(std::string(kTraceStreamClosed), 3000, "e2"),
  });
  // First pass (no signal URL): the GPU hint g1 ranks the 900 snapshot first.
  // Terminal pass: URL hint u2 (the session URL) ranks the 2900 snapshot first.
  const FactWorkflowSessionRow& last = out.sessions.back();
  EXPECT_EQ(last.gpu_id, std::optional<std::string>("g2"));
  EXPECT_EQ(last.gpu_attribution_method, "nearest_prior_snapshot");
  EXPECT_EQ(last.orchestrator_url, "https://u2.example");
  EXPECT_EQ(last.inferred_orchestrator_change_count, 0);
  EXPECT_EQ(last.version, 2u);  // no extra version for the terminal pass
  // The segment operator has no terminal pass: it keeps g1.
  EXPECT_EQ(out.segments.back().gpu_id, std::optional<std::string>("g1"));
  EXPECT_EQ(out.segments.back().reason, "stream_closed");
  EXPECT_EQ(out.segments.back().segment_end_ts, std::optional<EpochMs>(3000));
  EXPECT_EQ(out.coverage.back().is_terminal_signal, 1);
}

// Fix of §13.2 through the engine; the reference rule is available.
TEST(LifecyclePipeline, StartTimeFixAndReferenceRule) {
  const std::vector<In> events = {
      S(1'771'000'000'000, "e1").start(1'771'000'000),      // seconds: ignored
      S(1'771'000'001'000, "e2").start(1'770'999'990'000),  // 10 s earlier: used
  };
  const FactBuffer fixed = run(events);
  EXPECT_EQ(fixed.sessions[0].session_start_ts, 1'771'000'000'000);
  EXPECT_EQ(fixed.sessions[1].session_start_ts, 1'770'999'990'000);
  LifecycleConfig reference;
  reference.start_time_rule = StartTimeRule::kReference;
  const FactBuffer ref = run(events, reference);
  EXPECT_EQ(ref.sessions[0].session_start_ts, 1'771'000'000);  // dragged to 1970
  EXPECT_EQ(ref.latency_samples[0].sample_ts, 1'771'000'000);
}

// NATIVE_CORRECT mode end to end: the signal pipeline is authoritative.
TEST(LifecyclePipeline, NativeModeEndToEnd) {
  LifecycleConfig native;
  native.pipeline_model_mode = PipelineModelMode::kNativeCorrect;
  const FactBuffer out = run(
      {
          Cap(900, "0xc", "0xh", "live-video-to-video", "m", "g"),
          S(1000, "e1").addr("0xh").pipe("text-to-image"),
      },
      native);
  // Hint "text-to-image" is incompatible with model "m": no snapshot.
  EXPECT_EQ(out.sessions[0].pipeline, "text-to-image");
  EXPECT_EQ(out.sessions[0].workflow_id, "text-to-image");
  EXPECT_EQ(out.sessions[0].model_id, std::optional<std::string>("text-to-image"));
  EXPECT_EQ(out.sessions[0].orchestrator_address, "");
  EXPECT_EQ(out.segments[0].pipeline, "text-to-image");

  const FactBuffer out2 = run(
      {
          Cap(900, "0xc", "0xh", "live-video-to-video", "m", "g"),
          S(1000, "e1").addr("0xh").pipe("m"),
      },
      native);
  EXPECT_EQ(out2.sessions[0].pipeline, "m");  // signal pipeline wins in NATIVE mode
  EXPECT_EQ(out2.sessions[0].orchestrator_address, "0xc");
  EXPECT_EQ(out2.sessions[0].model_id, std::optional<std::string>("m"));
  EXPECT_EQ(out2.segments[0].pipeline, "m");
  // canonicalPipeline hides a model-like pipeline on the silver row.
  EXPECT_EQ(out2.status_samples[0].pipeline, "");
  EXPECT_EQ(out2.status_samples[0].is_attributed, 1);
}

}  // namespace
}  // namespace naap::lifecycle::test
