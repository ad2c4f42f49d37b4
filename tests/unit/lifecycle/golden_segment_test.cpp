// Golden cases 11-13 (WorkflowSessionSegmentStateMachineTest, direct calls)
// and 49 (segments through the engine) of lifecycle.md §14.
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace naap::lifecycle::test {
namespace {

std::vector<FactWorkflowSessionSegmentRow> apply(SegmentAccumulator& st, const Signal& s,
                                                 const SnapshotRef& ref) {
  std::vector<FactWorkflowSessionSegmentRow> out;
  segment_apply_signal(st, s, &ref, kTtl, out);
  return out;
}

// Case 11.
TEST(WorkflowSessionSegmentStateMachine, Golden11_NewSegmentWhenOrchestratorChanges) {
  SegmentAccumulator st;
  const auto out1 = apply(st, trace_sig(kTraceStreamRequest, 1000, "0xhot1", "e-1000"),
                          snap(1000, "0xofficial1"));
  FactWorkflowSessionSegmentRow seg0 = segment_base();
  seg0.segment_index = 0;
  seg0.segment_start_ts = 1000;
  seg0.orchestrator_address = "0xofficial1";
  seg0.gpu_attribution_method = "exact_orchestrator_time_match";
  seg0.gpu_attribution_confidence = 1.0f;
  seg0.reason = "initial";
  seg0.source_trace_type = "gateway_receive_stream_request";
  seg0.source_event_uid = "e-1000";
  seg0.version = 1;
  ASSERT_EQ(out1.size(), 1u);
  EXPECT_EQ(out1[0], seg0);

  const auto out2 = apply(st, trace_sig(kTraceOrchestratorSwap, 2000, "0xhot2", "e-2000"),
                          snap(2000, "0xofficial2"));
  ASSERT_EQ(out2.size(), 2u);
  FactWorkflowSessionSegmentRow closed = seg0;
  closed.segment_end_ts = 2000;
  closed.reason = "orchestrator_change";
  closed.source_trace_type = "orchestrator_swap";
  closed.source_event_uid = "e-2000";
  closed.version = 2;
  EXPECT_EQ(out2[0], closed);
  FactWorkflowSessionSegmentRow seg1 = segment_base();
  seg1.segment_index = 1;
  seg1.segment_start_ts = 2000;
  seg1.orchestrator_address = "0xofficial2";
  seg1.gpu_attribution_method = "exact_orchestrator_time_match";
  seg1.gpu_attribution_confidence = 1.0f;
  seg1.reason = "orchestrator_change";
  seg1.source_trace_type = "orchestrator_swap";
  seg1.source_event_uid = "e-2000";
  seg1.version = 3;
  EXPECT_EQ(out2[1], seg1);
}

// Case 12.
TEST(WorkflowSessionSegmentStateMachine, Golden12_CloseEdgeEndsSegment) {
  SegmentAccumulator st;
  apply(st, trace_sig(kTraceStreamRequest, 1000, "0xhot1", "e-1000"), snap(1000, "0xofficial1"));
  const auto out =
      apply(st, trace_sig(kTraceStreamClosed, 2500, "0xhot1", "e-2500"), snap(2500, "0xofficial1"));
  ASSERT_EQ(out.size(), 1u);
  FactWorkflowSessionSegmentRow want = segment_base();
  want.segment_start_ts = 1000;
  want.segment_end_ts = 2500;
  want.orchestrator_address = "0xofficial1";
  want.gpu_attribution_method = "exact_orchestrator_time_match";
  want.gpu_attribution_confidence = 1.0f;
  want.reason = "stream_closed";
  want.source_trace_type = "gateway_ingest_stream_closed";
  want.source_event_uid = "e-2500";
  want.version = 2;
  EXPECT_EQ(out[0], want);
}

// Case 13.
TEST(WorkflowSessionSegmentStateMachine, Golden13_SameOrchestratorUpdatesInPlace) {
  SegmentAccumulator st;
  apply(st, trace_sig(kTraceStreamRequest, 1000, "0xhot1", "e-1000"), snap(1000, "0xofficial1"));
  const auto out = apply(st, trace_sig(kTraceFirstProcessed, 1500, "0xhot1", "e-1500"),
                         snap(1500, "0xofficial1"));
  ASSERT_EQ(out.size(), 1u);
  FactWorkflowSessionSegmentRow want = segment_base();
  want.segment_start_ts = 1000;
  want.orchestrator_address = "0xofficial1";
  want.gpu_attribution_method = "exact_orchestrator_time_match";
  want.gpu_attribution_confidence = 1.0f;
  want.reason = "initial";
  want.source_trace_type = "gateway_receive_first_processed_segment";
  want.source_event_uid = "e-1500";
  want.version = 2;
  EXPECT_EQ(out[0], want);
}

// Case 49: through the engine.
TEST(WorkflowSessionSegmentEngine, Golden49_FilledInPlaceThenBoundaryOnNewCanonical) {
  const FactBuffer out = run({
      T(std::string(kTraceStreamRequest), 1000, "e1"),
      Cap(1500, "0xa", "0xh1", "live-video-to-video", "m", "g1"),
      S(2000, "e2").addr("0xh1").pipe("m"),
      Cap(2500, "0xb", "0xh2", "live-video-to-video", "m", "g2"),
      T(std::string(kTraceFirstProcessed), 3000, "e3").addr("0xh2"),
  });
  ASSERT_EQ(out.segments.size(), 4u);

  FactWorkflowSessionSegmentRow s0 = segment_base();
  s0.segment_start_ts = 1000;
  s0.reason = "initial";
  s0.source_trace_type = "gateway_receive_stream_request";
  s0.source_event_uid = "e1";
  s0.version = 1;
  EXPECT_EQ(out.segments[0], s0);

  FactWorkflowSessionSegmentRow filled = s0;
  filled.pipeline = "live-video-to-video";
  filled.orchestrator_address = "0xa";
  filled.model_id = "m";
  filled.gpu_id = "g1";
  filled.gpu_attribution_method = "nearest_prior_snapshot";
  filled.gpu_attribution_confidence = 0.9f;
  filled.source_event_uid = "e2";  // source_trace_type keeps the last non-blank trace type
  filled.version = 2;
  EXPECT_EQ(out.segments[1], filled);

  FactWorkflowSessionSegmentRow closed = filled;
  closed.segment_end_ts = 3000;
  closed.reason = "orchestrator_change";
  closed.source_trace_type = "gateway_receive_first_processed_segment";
  closed.source_event_uid = "e3";
  closed.version = 3;
  EXPECT_EQ(out.segments[2], closed);

  FactWorkflowSessionSegmentRow opened = segment_base();
  opened.segment_index = 1;
  opened.segment_start_ts = 3000;
  opened.pipeline = "live-video-to-video";
  opened.orchestrator_address = "0xb";
  opened.model_id = "m";
  opened.gpu_id = "g2";
  opened.gpu_attribution_method = "nearest_prior_snapshot";
  opened.gpu_attribution_confidence = 0.9f;
  opened.reason = "orchestrator_change";
  opened.source_trace_type = "gateway_receive_first_processed_segment";
  opened.source_event_uid = "e3";
  opened.version = 4;
  EXPECT_EQ(out.segments[3], opened);
}

// Case 49, parenthetical: one hot wallet whose bucket names two canonicals
// within the TTL -> ambiguity guard -> no snapshot -> no boundary.
TEST(WorkflowSessionSegmentEngine, Golden49_AmbiguousHotWalletMakesNoBoundary) {
  const FactBuffer out = run({
      T(std::string(kTraceStreamRequest), 1000, "e1"),
      Cap(1500, "0xa", "0xh", "live-video-to-video", "m", "g1"),
      S(2000, "e2").addr("0xh").pipe("m"),
      Cap(2500, "0xb", "0xh", "live-video-to-video", "m", "g2"),
      S(3000, "e3").addr("0xh").pipe("m"),
  });
  ASSERT_EQ(out.segments.size(), 3u);
  for (const auto& row : out.segments) {
    EXPECT_EQ(row.segment_index, 0);
    EXPECT_EQ(row.segment_end_ts, std::nullopt);
  }
  FactWorkflowSessionSegmentRow last = segment_base();
  last.segment_start_ts = 1000;
  last.pipeline = "live-video-to-video";
  last.orchestrator_address = "0xa";
  last.model_id = "m";
  last.gpu_id = "g1";
  last.gpu_attribution_method = "nearest_prior_snapshot";
  last.gpu_attribution_confidence = 0.9f;
  last.reason = "initial";
  last.source_trace_type = "gateway_receive_stream_request";
  last.source_event_uid = "e3";
  last.version = 3;
  EXPECT_EQ(out.segments[2], last);
  // The session keeps the earlier attribution too (sticky, §3.6).
  EXPECT_EQ(out.sessions.back().orchestrator_address, "0xa");
  EXPECT_EQ(out.sessions.back().gpu_id, std::optional<std::string>("g1"));
}

}  // namespace
}  // namespace naap::lifecycle::test
