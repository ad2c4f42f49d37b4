// Golden cases 36-37 of lifecycle.md §14 (status/trace attribution
// components) and the engine-level attribution rules of §8 (§8.6 ordering,
// §13.10 and §13.11 behaviour, deterministic pending rule).
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace naap::lifecycle::test {
namespace {

FactWorkflowSessionSegmentRow wf1_segment(EpochMs start) {
  FactWorkflowSessionSegmentRow seg;
  seg.workflow_session_id = "wf-1";
  seg.segment_index = 0;
  seg.segment_start_ts = start;
  seg.orchestrator_address = "0xcanonical";
  seg.pipeline = "live-video-to-video";
  seg.model_id = "streamdiffusion-sdxl-v2v";
  seg.gpu_id = "gpu-1";
  seg.region = "us-west";
  seg.version = 1;
  return seg;
}

// Case 36.
TEST(WorkflowStatusAttribution, Golden36_PendingUntilSegmentArrives) {
  StatusEvent e;
  e.event_timestamp = 2000;
  e.stream_id = "stream-1";
  e.request_id = "req-1";
  e.state = "running";
  e.output_fps = 24;
  e.input_fps = 30;
  e.source_event_uid = "status-1";
  e.gateway = "gw";
  SilverAttribution attribution;
  FactBuffer out;
  FactStreamStatusSampleRow row = unattributed_status_row(e, "wf-1");
  attribution.on_status(row, out);
  EXPECT_EQ(out.total(), 0u);
  EXPECT_TRUE(attribution.has_pending());

  attribution.on_segment(wf1_segment(1900), out);
  ASSERT_EQ(out.status_samples.size(), 1u);
  EXPECT_FALSE(attribution.has_pending());
  FactStreamStatusSampleRow want;
  want.sample_ts = 2000;
  want.workflow_session_id = "wf-1";
  want.stream_id = "stream-1";
  want.request_id = "req-1";
  want.gateway = "gw";
  want.orchestrator_address = "0xcanonical";
  want.orchestrator_url = "";
  want.pipeline = "live-video-to-video";
  want.model_id = "streamdiffusion-sdxl-v2v";
  want.gpu_id = "gpu-1";
  want.region = "us-west";
  want.state = "running";
  want.output_fps = 24;
  want.input_fps = 30;
  want.is_attributed = 1;
  want.gpu_attribution_method = "segment_window_join";
  want.gpu_attribution_confidence = 1.0f;
  want.source_event_uid = "status-1";
  EXPECT_EQ(out.status_samples[0], want);
}

// Case 37.
TEST(WorkflowTraceAttribution, Golden37_PendingUntilSegmentArrives) {
  TraceEvent e;
  e.event_timestamp = 1000;
  e.stream_id = "stream-1";
  e.request_id = "req-1";
  e.trace_type = "gateway_receive_first_processed_segment";
  e.source_event_uid = "trace-1";
  e.orchestrator_url = "https://raw.example";
  SilverAttribution attribution;
  FactBuffer out;
  FactStreamTraceEdgeRow row = unattributed_trace_row(e, "wf-1");
  attribution.on_trace(row, out);
  EXPECT_EQ(out.total(), 0u);
  attribution.on_segment(wf1_segment(900), out);
  ASSERT_EQ(out.trace_edges.size(), 1u);
  FactStreamTraceEdgeRow want;
  want.edge_ts = 1000;
  want.workflow_session_id = "wf-1";
  want.stream_id = "stream-1";
  want.request_id = "req-1";
  want.gateway = "";
  want.orchestrator_address = "0xcanonical";
  want.orchestrator_url = "https://raw.example";  // segment URL blank -> trace URL
  want.pipeline = "live-video-to-video";
  want.model_id = "streamdiffusion-sdxl-v2v";
  want.trace_type = "gateway_receive_first_processed_segment";
  want.trace_category = "gateway";
  want.is_swap_event = 0;
  want.is_attributed = 1;
  want.source_event_uid = "trace-1";
  EXPECT_EQ(out.trace_edges[0], want);
}

TEST(WorkflowStatusAttribution, CoveringSegmentSelectionAndExclusiveEnd) {
  SilverAttribution a;
  FactBuffer out;
  FactWorkflowSessionSegmentRow s0 = wf1_segment(1000);
  s0.segment_end_ts = 2000;
  s0.version = 2;
  FactWorkflowSessionSegmentRow s1 = wf1_segment(2000);
  s1.segment_index = 1;
  s1.orchestrator_address = "0xother";
  s1.version = 3;
  a.on_segment(s0, out);
  a.on_segment(s1, out);
  EXPECT_EQ(a.match(999), nullptr);
  ASSERT_NE(a.match(1999), nullptr);
  EXPECT_EQ(a.match(1999)->segment_index, 0u);
  ASSERT_NE(a.match(2000), nullptr);  // end exclusive
  EXPECT_EQ(a.match(2000)->segment_index, 1u);
  // An older version of index 1 does not replace the newer one.
  FactWorkflowSessionSegmentRow stale = s1;
  stale.version = 1;
  stale.orchestrator_address = "0xstale";
  a.on_segment(stale, out);
  EXPECT_EQ(a.match(2500)->orchestrator_address, "0xother");
  EXPECT_EQ(out.total(), 0u);
}

// §13.11: a covering segment with a blank orchestrator resolves the row as
// unattributed (and canonical pipeline "" for a model-like pipeline).
TEST(WorkflowStatusAttribution, BlankOrchestratorSegmentGivesUnattributed) {
  SilverAttribution a;
  FactBuffer out;
  FactWorkflowSessionSegmentRow seg = wf1_segment(1000);
  seg.orchestrator_address = "";
  a.on_segment(seg, out);
  StatusEvent e;
  e.event_timestamp = 1500;
  e.orchestrator_url = "https://status.example";
  e.source_event_uid = "u";
  FactStreamStatusSampleRow row = unattributed_status_row(e, "wf-1");
  a.on_status(row, out);
  ASSERT_EQ(out.status_samples.size(), 1u);
  const FactStreamStatusSampleRow& r = out.status_samples[0];
  EXPECT_EQ(r.is_attributed, 0);
  EXPECT_EQ(r.orchestrator_address, "");
  EXPECT_EQ(r.orchestrator_url, "https://status.example");
  EXPECT_EQ(r.pipeline, "");
  EXPECT_EQ(r.model_id, std::nullopt);
  EXPECT_EQ(r.gpu_id, std::nullopt);
  EXPECT_EQ(r.region, std::nullopt);
  EXPECT_EQ(r.gpu_attribution_method, "none");
  EXPECT_EQ(r.gpu_attribution_confidence, 0.0f);
  EXPECT_FALSE(a.has_pending());
}

TEST(WorkflowStatusAttribution, ExpireEmitsUnattributed) {
  SilverAttribution a;
  FactBuffer out;
  StatusEvent e;
  e.event_timestamp = 500;
  e.source_event_uid = "u";
  FactStreamStatusSampleRow row = unattributed_status_row(e, "wf-1");
  a.on_status(row, out);
  a.on_segment(wf1_segment(1000), out);  // does not cover 500
  EXPECT_EQ(out.total(), 0u);
  a.expire_pending(out);
  ASSERT_EQ(out.status_samples.size(), 1u);
  EXPECT_EQ(out.status_samples[0].is_attributed, 0);
  EXPECT_FALSE(a.has_pending());
}

// Engine: first event -> resolved by its own segment row; a later event is
// matched against the stored segments; the orchestrator-change event and the
// close edge at T go to the segment still open at T (§8.6, §13.10).
TEST(SilverFactsEngine, EightSixOrderingThroughTheEngine) {
  const FactBuffer out = run({
      Cap(900, "0xa", "0xh1", "live-video-to-video", "m", "g1"),
      Cap(900, "0xb", "0xh2", "live-video-to-video", "m", "g2"),
      S(1000, "s1").addr("0xh1").pipe("m").with_state("ONLINE").fps(10, 20),
      T(std::string(kTraceFirstProcessed), 1500, "t1").addr("0xh1"),
      S(2000, "s2").addr("0xh2").pipe("m"),  // orchestrator change at 2000
      S(2500, "s3").addr("0xh2").pipe("m"),
      T(std::string(kTraceStreamClosed), 3000, "t2"),
  });
  ASSERT_EQ(out.status_samples.size(), 3u);
  ASSERT_EQ(out.trace_edges.size(), 2u);
  EXPECT_EQ(out.status_samples[0].orchestrator_address, "0xa");
  EXPECT_EQ(out.status_samples[0].gpu_id, std::optional<std::string>("g1"));
  EXPECT_EQ(out.status_samples[0].pipeline, "live-video-to-video");
  EXPECT_EQ(out.status_samples[0].state, "ONLINE");
  EXPECT_EQ(out.status_samples[0].output_fps, 10.0f);
  EXPECT_EQ(out.status_samples[0].input_fps, 20.0f);
  EXPECT_EQ(out.trace_edges[0].orchestrator_address, "0xa");
  // The boundary event at 2000 is matched before its own rows: old segment.
  EXPECT_EQ(out.status_samples[1].source_event_uid, "s2");
  EXPECT_EQ(out.status_samples[1].orchestrator_address, "0xa");
  EXPECT_EQ(out.status_samples[1].gpu_id, std::optional<std::string>("g1"));
  EXPECT_EQ(out.status_samples[2].orchestrator_address, "0xb");
  EXPECT_EQ(out.status_samples[2].gpu_id, std::optional<std::string>("g2"));
  // The close edge at 3000 goes to the still-open segment 1.
  EXPECT_EQ(out.trace_edges[1].source_event_uid, "t2");
  EXPECT_EQ(out.trace_edges[1].is_attributed, 1);
  EXPECT_EQ(out.trace_edges[1].orchestrator_address, "0xb");
  EXPECT_EQ(out.trace_edges[1].trace_category, "gateway");
  for (const auto& r : out.status_samples) {
    EXPECT_EQ(r.is_attributed, 1);
    EXPECT_EQ(r.workflow_session_id, "s|r");
    EXPECT_EQ(r.gpu_attribution_method, "segment_window_join");
  }
}

// An event older than every segment start is emitted unattributed at the end
// of its own processing (the deterministic replacement of the 15 s timer).
TEST(SilverFactsEngine, LateEventBeforeFirstSegmentIsUnattributed) {
  const FactBuffer out = run({
      Cap(900, "0xa", "0xh1", "live-video-to-video", "m", "g1"),
      S(2000, "s1").addr("0xh1").pipe("m"), S(1000, "s0").addr("0xh1").pipe("m"),
      T(std::string(kTraceStreamClosed), 3000, "t1"),
      S(3500, "s4").addr("0xh1").pipe("m"),  // after the close: no covering segment
  });
  ASSERT_EQ(out.status_samples.size(), 3u);
  EXPECT_EQ(out.status_samples[0].is_attributed, 1);
  EXPECT_EQ(out.status_samples[1].source_event_uid, "s0");
  EXPECT_EQ(out.status_samples[1].is_attributed, 0);
  EXPECT_EQ(out.status_samples[1].orchestrator_address, "");
  EXPECT_EQ(out.status_samples[2].source_event_uid, "s4");
  EXPECT_EQ(out.status_samples[2].is_attributed, 0);
  EXPECT_EQ(out.trace_edges.size(), 1u);
  EXPECT_EQ(out.trace_edges[0].is_attributed, 1);
  // The late event still lowered the session start (§11) and the segment
  // start stays at the first-arrived signal.
  EXPECT_EQ(out.sessions.back().session_start_ts, 1000);
  EXPECT_EQ(out.segments.back().segment_start_ts, 2000);
}

// §13.11 through the engine: the first event has no snapshot, so segment 0 is
// opened with a blank orchestrator and the status row is unattributed; it is
// not retried when the segment gains an orchestrator.
TEST(SilverFactsEngine, FirstEventWithoutSnapshotStaysUnattributed) {
  const FactBuffer out = run({
      S(1000, "s1").addr("0xh1").pipe("m"),
      Cap(1100, "0xa", "0xh1", "live-video-to-video", "m", "g1"),
      S(1200, "s2").addr("0xh1").pipe("m"),
      S(1300, "s3").addr("0xh1").pipe("m"),
  });
  ASSERT_EQ(out.status_samples.size(), 3u);
  EXPECT_EQ(out.status_samples[0].is_attributed, 0);
  // s2 is matched (§8.6) against segment 0 as it was before s2's own row
  // filled in the orchestrator: still blank, so unattributed (§13.11).
  EXPECT_EQ(out.status_samples[1].is_attributed, 0);
  EXPECT_EQ(out.segments[1].orchestrator_address, "0xa");  // filled in place by s2
  EXPECT_EQ(out.status_samples[2].is_attributed, 1);
  EXPECT_EQ(out.status_samples[2].orchestrator_address, "0xa");
}

}  // namespace
}  // namespace naap::lifecycle::test
