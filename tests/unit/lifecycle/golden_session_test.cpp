// Golden cases 1-10 of lifecycle.md §14 (WorkflowSessionStateMachineTest,
// WorkflowSessionAggregatorFunctionTest): direct state-machine calls.
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace naap::lifecycle::test {
namespace {

// Case 1.
TEST(WorkflowSessionStateMachine, Golden01_HotWalletChangeAloneIsNotASwap) {
  SessionAccumulator st;
  session_apply_signal(st, trace_sig(kTraceStreamRequest, 1000, "0xhot1", "e1"));
  session_apply_signal(st, trace_sig(kTraceFewProcessed, 2000, "0xhot2", "e2"));

  FactWorkflowSessionRow want = session_base();
  want.session_start_ts = 1000;
  want.session_end_ts = 2000;
  want.known_stream = 1;
  want.startup_success = 1;
  want.health_expected_signal_count = 3;
  want.health_signal_count = 1;  // playable only
  want.health_completeness_ratio = static_cast<float>(1.0 / 3.0);
  want.first_stream_request_ts = 1000;
  want.first_playable_ts = 2000;
  want.event_count = 2;
  want.version = 2;
  want.source_first_event_uid = "e1";
  want.source_last_event_uid = "e2";
  // startup_unexcused, confirmed/inferred/swap counts stay 0 (baseline).
  EXPECT_EQ(session_row(st), want);
}

// Case 2.
TEST(WorkflowSessionStateMachine, Golden02_ExcusableErrorExcusesFailedStartup) {
  SessionAccumulator st;
  session_apply_signal(st, trace_sig(kTraceStreamRequest, 1000));
  session_apply_signal(st, ai_sig("error", "WHIP disconnected unexpectedly", 2000));
  const FactWorkflowSessionRow row = session_row(st);
  EXPECT_EQ(row.known_stream, 1);
  EXPECT_EQ(row.startup_success, 0);
  EXPECT_EQ(row.startup_excused, 1);
  EXPECT_EQ(row.startup_unexcused, 0);
  EXPECT_EQ(row.error_count, 1u);
  EXPECT_EQ(row.excusable_error_count, 1u);
}

// Case 3.
TEST(WorkflowSessionStateMachine, Golden03_SuccessWinsOverNoOrchestrators) {
  SessionAccumulator st;
  session_apply_signal(st, trace_sig(kTraceStreamRequest, 1000));
  session_apply_signal(st, trace_sig(kTraceFewProcessed, 1100));
  session_apply_signal(st, trace_sig(kTraceNoOrchestrators, 1200));
  const FactWorkflowSessionRow row = session_row(st);
  EXPECT_EQ(row.startup_success, 1);
  EXPECT_EQ(row.startup_excused, 0);
  EXPECT_EQ(row.startup_unexcused, 0);
  EXPECT_EQ(row.version, 3u);
}

// Case 4.
TEST(WorkflowSessionStateMachine, Golden04_SnapshotMapsHotWalletToCanonical) {
  SessionAccumulator st;
  st.orchestrator_address = "0xhot";
  const SnapshotRef s = snap(10'000, "0xcanonical", "streamdiffusion-sdxl", "GPU-1");
  session_apply_capability(st, &s, 20'000, kTtl);
  EXPECT_EQ(st.orchestrator_address, "0xcanonical");
  EXPECT_EQ(st.model_id, std::optional<std::string>("streamdiffusion-sdxl"));
  EXPECT_EQ(st.gpu_id, std::optional<std::string>("GPU-1"));
  EXPECT_EQ(st.method, AttributionMethod::kNearestPriorSnapshot);
  EXPECT_EQ(st.confidence, 0.9f);
}

// Case 5.
TEST(WorkflowSessionStateMachine, Golden05_SameCanonicalAcrossHotWalletsIsNoChange) {
  SessionAccumulator st;
  const SnapshotRef a1 = snap(1000, "0xcanonical");
  const SnapshotRef a2 = snap(2000, "0xcanonical");
  session_apply_signal(st, trace_sig(kTraceStreamRequest, 1000, "0xhotA"));
  session_apply_capability(st, &a1, 1000, kTtl);
  session_apply_signal(st, trace_sig(kTraceFirstProcessed, 2000, "0xhotB"));
  session_apply_capability(st, &a2, 2000, kTtl);
  const FactWorkflowSessionRow row = session_row(st);
  EXPECT_EQ(row.confirmed_swap_count, 0);
  EXPECT_EQ(row.inferred_orchestrator_change_count, 0);
  EXPECT_EQ(row.swap_count, 0);
  EXPECT_EQ(row.orchestrator_address, "0xcanonical");
  EXPECT_EQ(row.gpu_attribution_method, "exact_orchestrator_time_match");
}

// Case 6.
TEST(WorkflowSessionStateMachine, Golden06_ExplicitSwapPlusCanonicalChange) {
  SessionAccumulator st;
  const SnapshotRef a = snap(1000, "0xcanonical-a");
  const SnapshotRef b = snap(2000, "0xcanonical-b");
  session_apply_signal(st, trace_sig(kTraceOrchestratorSwap, 1000));
  session_apply_capability(st, &a, 1000, kTtl);
  session_apply_capability(st, &b, 2000, kTtl);
  const FactWorkflowSessionRow row = session_row(st);
  EXPECT_EQ(row.confirmed_swap_count, 1);
  EXPECT_EQ(row.inferred_orchestrator_change_count, 1);
  EXPECT_EQ(row.swap_count, 1);
  EXPECT_EQ(row.orchestrator_address, "0xcanonical-b");
}

// Case 7.
TEST(WorkflowSessionStateMachine, Golden07_InferredChangeIsNotCountedAsSwap) {
  SessionAccumulator st;
  const SnapshotRef a = snap(1000, "0xcanonical-a");
  const SnapshotRef b = snap(2000, "0xcanonical-b");
  session_apply_signal(st, trace_sig(kTraceStreamRequest, 1000));
  session_apply_capability(st, &a, 1000, kTtl);
  session_apply_capability(st, &b, 2000, kTtl);
  const FactWorkflowSessionRow row = session_row(st);
  EXPECT_EQ(row.confirmed_swap_count, 0);
  EXPECT_EQ(row.inferred_orchestrator_change_count, 1);
  EXPECT_EQ(row.swap_count, 0);
}

constexpr std::string_view kProdCanonical = "0xd00354656922168815fcd1e51cbddb9e359e3c7f";
constexpr std::string_view kProdGpu = "GPU-6f1bacf5-d5be-9cad-aa38-e35f905daebe";
constexpr std::string_view kLlama = "meta-llama/Meta-Llama-3.1-8B-Instruct";
constexpr std::string_view kSdxl = "streamdiffusion-sdxl";

CapabilityBucket prod_bucket() {
  CapabilityBucket b;
  b.upsert(snap(1'739'040'506'612, std::string(kProdCanonical), std::string(kSdxl),
                std::string(kProdGpu)),
           1'739'040'506'612, kTtl, 32);
  b.upsert(snap(1'739'040'509'903, std::string(kProdCanonical), std::string(kLlama)),
           1'739'040'509'903, kTtl, 32);
  b.upsert(snap(1'739'040'519'000, std::string(kProdCanonical), std::string(kSdxl),
                std::string(kProdGpu)),
           1'739'040'519'000, kTtl, 32);
  return b;
}

// Case 8.
TEST(WorkflowSessionStateMachine, Golden08_ProdRegressionMixedModelBucket) {
  const CapabilityBucket bucket = prod_bucket();
  SessionAccumulator st;

  const Signal status = status_sig(1'739'041'800'304, kSdxl, "0x52cf...5954");
  session_apply_signal(st, status);
  const SnapshotRef* s1 =
      select_best_candidate(&bucket, {status.pipeline, "", "", status.ts, kTtl});
  ASSERT_NE(s1, nullptr);
  EXPECT_EQ(s1->snapshot_ts, 1'739'040'519'000);  // the nearest prior sdxl snapshot
  session_apply_capability(st, s1, status.ts, kTtl);

  Signal trace = trace_sig(kTraceFirstProcessed, 1'739'041'803'000);
  session_apply_signal(st, trace);
  const SnapshotRef* s2 = select_best_candidate(&bucket, {st.pipeline, "", "", trace.ts, kTtl});
  ASSERT_NE(s2, nullptr);
  session_apply_capability(st, s2, trace.ts, kTtl);

  EXPECT_EQ(st.pipeline, kSdxl);
  EXPECT_EQ(st.model_id, std::optional<std::string>(kSdxl));
  EXPECT_EQ(st.gpu_id, std::optional<std::string>(kProdGpu));
  EXPECT_EQ(st.orchestrator_address, kProdCanonical);
  EXPECT_EQ(st.method, AttributionMethod::kNearestPriorSnapshot);
}

// Case 9.
TEST(WorkflowSessionAggregatorFunction, Golden09_LegacyResolveWithoutSnapshot) {
  const Signal s = status_sig(1000, "streamdiffusion-sdxl-v2v");
  SessionAccumulator st;
  const Resolution r =
      resolve_pipeline_model(PipelineModelMode::kLegacyMisnamed, s, st.pipeline, "", nullptr);
  EXPECT_EQ(r.pipeline, "");
  EXPECT_EQ(r.model_id, "streamdiffusion-sdxl-v2v");
  EXPECT_EQ(r.compatibility_hint, "streamdiffusion-sdxl-v2v");
  Signal rewritten = s;
  rewritten.pipeline = first_non_blank({r.pipeline});
  const std::string model(r.model_id);
  session_apply_signal(st, rewritten);
  if (!is_blank(model)) st.model_id = model;
  EXPECT_EQ(st.pipeline, "");
  EXPECT_EQ(st.model_id, std::optional<std::string>("streamdiffusion-sdxl-v2v"));
}

// Case 10.
TEST(WorkflowSessionAggregatorFunction, Golden10_LookupKeyFallsBackToStateAddress) {
  EXPECT_EQ(capability_lookup_key("", "0xAbCd"), "0xabcd");
  EXPECT_EQ(capability_lookup_key("   ", "0xAbCd"), "0xabcd");
  EXPECT_EQ(capability_lookup_key(" 0xHOT ", "0xAbCd"), "0xhot");
  EXPECT_EQ(capability_lookup_key("", ""), "");
}

}  // namespace
}  // namespace naap::lifecycle::test
