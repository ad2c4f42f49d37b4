// Golden cases of lifecycle.md §14 that test single components:
// 25-28 AttributionSemantics, 29-30 PipelineModelResolver (incl. NATIVE mode),
// 31-32 latency derivation, 33-35 coverage rows, 38-39 signal mapping,
// 40-42 session id / address normalizer / string semantics.
#include <gtest/gtest.h>

#include "core/text.hpp"
#include "test_util.hpp"

namespace naap::lifecycle::test {
namespace {

// Cases 25-28.
TEST(AttributionSemantics, Golden25_ExactMatch) {
  EXPECT_EQ(attribution_semantics(1000, 1000, 10'000),
            (AttributionDecision{AttributionMethod::kExactOrchestratorTimeMatch, 1.0f}));
  EXPECT_EQ(method_name(AttributionMethod::kExactOrchestratorTimeMatch),
            "exact_orchestrator_time_match");
}
TEST(AttributionSemantics, Golden26_NearestPrior) {
  EXPECT_EQ(attribution_semantics(2000, 1500, 1000),
            (AttributionDecision{AttributionMethod::kNearestPriorSnapshot, 0.9f}));
  EXPECT_EQ(method_name(AttributionMethod::kNearestPriorSnapshot), "nearest_prior_snapshot");
}
TEST(AttributionSemantics, Golden27_NearestWithinTtl) {
  EXPECT_EQ(attribution_semantics(2000, 2500, 1000),
            (AttributionDecision{AttributionMethod::kNearestSnapshotWithinTtl, 0.7f}));
  EXPECT_EQ(method_name(AttributionMethod::kNearestSnapshotWithinTtl),
            "nearest_snapshot_within_ttl");
}
TEST(AttributionSemantics, Golden28_ProxyAddressJoin) {
  EXPECT_EQ(attribution_semantics(2000, 20'000, 1000),
            (AttributionDecision{AttributionMethod::kProxyAddressJoin, 0.4f}));
  EXPECT_EQ(method_name(AttributionMethod::kProxyAddressJoin), "proxy_address_join");
  EXPECT_EQ(method_name(AttributionMethod::kNone), "none");
  // Boundaries: delta == TTL is within; prior beyond TTL is proxy.
  EXPECT_EQ(attribution_semantics(2000, 1000, 1000).method,
            AttributionMethod::kNearestPriorSnapshot);
  EXPECT_EQ(attribution_semantics(2001, 1000, 1000).method, AttributionMethod::kProxyAddressJoin);
}

SnapshotRef lv2v_snapshot() {
  SnapshotRef s;
  s.pipeline = "live-video-to-video";
  s.model_id = "streamdiffusion-sdxl";
  return s;
}

// Case 29.
TEST(PipelineModelResolver, Golden29_Legacy) {
  const Signal s = status_sig(1000, "streamdiffusion-sdxl");
  const SnapshotRef snapshot = lv2v_snapshot();
  const Resolution r =
      resolve_pipeline_model(PipelineModelMode::kLegacyMisnamed, s, "", "", &snapshot);
  EXPECT_EQ(r.pipeline, "live-video-to-video");
  EXPECT_EQ(r.model_id, "streamdiffusion-sdxl");
  EXPECT_EQ(r.compatibility_hint, "streamdiffusion-sdxl");
}

// Case 30.
TEST(PipelineModelResolver, Golden30_Native) {
  Signal s = status_sig(1000);
  s.pipeline = "text-to-image";
  s.model_hint = "SG161222/RealVisXL_V4.0_Lightning";
  const SnapshotRef snapshot = lv2v_snapshot();
  const Resolution r =
      resolve_pipeline_model(PipelineModelMode::kNativeCorrect, s, "", "", &snapshot);
  EXPECT_EQ(r.pipeline, "text-to-image");
  EXPECT_EQ(r.model_id, "SG161222/RealVisXL_V4.0_Lightning");
  EXPECT_EQ(r.compatibility_hint, "SG161222/RealVisXL_V4.0_Lightning");
}

TEST(PipelineModelResolver, ModeFromEnvironmentValue) {
  EXPECT_EQ(parse_pipeline_model_mode(std::nullopt), PipelineModelMode::kLegacyMisnamed);
  EXPECT_EQ(parse_pipeline_model_mode(" Native_Correct "), PipelineModelMode::kNativeCorrect);
  EXPECT_EQ(parse_pipeline_model_mode("NATIVE"), PipelineModelMode::kNativeCorrect);
  EXPECT_EQ(parse_pipeline_model_mode("legacy"), PipelineModelMode::kLegacyMisnamed);
  EXPECT_EQ(parse_pipeline_model_mode(""), PipelineModelMode::kLegacyMisnamed);
  EXPECT_EQ(parse_pipeline_model_mode("natively"), PipelineModelMode::kLegacyMisnamed);
}

TEST(PipelineModelResolver, CanonicalPipeline) {
  EXPECT_EQ(canonical_pipeline("live-video-to-video", "streamdiffusion-sdxl"),
            "live-video-to-video");
  EXPECT_EQ(canonical_pipeline("StreamDiffusion-SDXL", "streamdiffusion-sdxl"), "");
  EXPECT_EQ(canonical_pipeline("   ", "m"), "");
  EXPECT_EQ(canonical_pipeline("p", ""), "p");
  // Compared untrimmed, as the reference does.
  EXPECT_EQ(canonical_pipeline(" m", "m"), " m");
}

FactWorkflowSessionRow latency_session() {
  FactWorkflowSessionRow s = session_base();
  s.gateway = "gw";
  s.orchestrator_address = "0xc";
  s.pipeline = "p";
  s.model_id = "m";
  s.gpu_id = "g";
  return s;
}

// Case 31.
TEST(WorkflowLatencyDerivation, Golden31_AllIntervals) {
  FactWorkflowSessionRow s = latency_session();
  s.session_start_ts = 1000;
  s.first_stream_request_ts = 1000;
  s.first_processed_ts = 1200;
  s.first_playable_ts = 4300;
  s.version = 7;
  FactWorkflowLatencySampleRow want;
  want.sample_ts = 1000;
  want.workflow_session_id = "s|r";
  want.stream_id = "s";
  want.request_id = "r";
  want.gateway = "gw";
  want.orchestrator_address = "0xc";
  want.pipeline = "p";
  want.model_id = "m";
  want.gpu_id = "g";
  want.prompt_to_first_frame_ms = 200.0;
  want.startup_time_ms = 3100.0;
  want.e2e_latency_ms = 3300.0;
  want.has_prompt_to_first_frame = 1;
  want.has_startup_time = 1;
  want.has_e2e_latency = 1;
  want.edge_semantics_version = "v1";
  want.version = 7;
  want.source_event_uid = "e7";
  EXPECT_EQ(latency_from_session(s, "e7"), want);
}

// Case 32.
TEST(WorkflowLatencyDerivation, Golden32_NegativeOrMissingIsNull) {
  FactWorkflowSessionRow s = latency_session();
  s.first_stream_request_ts = 2000;
  s.first_processed_ts = 1000;
  const FactWorkflowLatencySampleRow r = latency_from_session(s, "");
  EXPECT_EQ(r.prompt_to_first_frame_ms, std::nullopt);
  EXPECT_EQ(r.startup_time_ms, std::nullopt);
  EXPECT_EQ(r.e2e_latency_ms, std::nullopt);
  EXPECT_EQ(r.has_prompt_to_first_frame, 0);
  EXPECT_EQ(r.has_startup_time, 0);
  EXPECT_EQ(r.has_e2e_latency, 0);
  // Zero is a valid interval.
  s.first_processed_ts = 2000;
  EXPECT_EQ(latency_from_session(s, "").prompt_to_first_frame_ms, std::optional<double>(0.0));
}

SessionAccumulator known_state() {
  SessionAccumulator st;
  st.workflow_session_id = "s|r";
  st.stream_id = "s";
  st.request_id = "r";
  st.known_stream = true;
  st.version = 4;
  return st;
}

// Case 33.
TEST(WorkflowLifecycleCoverage, Golden33_BothEdgesMatched) {
  SessionAccumulator st = known_state();
  st.first_processed_ts = 2000;
  st.first_playable_ts = 2500;
  const Signal s = trace_sig(kTraceFewProcessed, 2500, "", "u1");
  FactLifecycleEdgeCoverageRow want = coverage_base();
  want.signal_ts = 2500;
  want.trace_type = "gateway_receive_few_processed_segments";
  want.source_event_uid = "u1";
  want.known_stream = 1;
  want.has_first_processed_edge = 1;
  want.has_first_playable_edge = 1;
  want.startup_edge_matched = 1;
  want.playable_edge_matched = 1;
  want.unmatched_reason = "";
  want.version = 4;
  EXPECT_EQ(coverage_row(st, s), want);
}

// Case 34.
TEST(WorkflowLifecycleCoverage, Golden34_AwaitingFirstProcessed) {
  const FactLifecycleEdgeCoverageRow r =
      coverage_row(known_state(), trace_sig(kTraceStreamRequest, 1000));
  EXPECT_EQ(r.unmatched_reason, "awaiting_first_processed_segment_edge");
  EXPECT_EQ(r.is_terminal_signal, 0);
  EXPECT_EQ(r.known_stream, 1);
  EXPECT_EQ(r.startup_edge_matched, 0);
}

// Case 35.
TEST(WorkflowLifecycleCoverage, Golden35_TerminalWithoutEdges) {
  const FactLifecycleEdgeCoverageRow r =
      coverage_row(known_state(), trace_sig(kTraceStreamClosed, 3000));
  EXPECT_EQ(r.is_terminal_signal, 1);
  EXPECT_EQ(r.unmatched_reason, "missing_first_processed_segment_edge");
  EXPECT_EQ(r.signal_ts, 3000);
}

TEST(WorkflowLifecycleCoverage, RemainingReasons) {
  SessionAccumulator unknown = known_state();
  unknown.known_stream = false;
  EXPECT_EQ(coverage_row(unknown, trace_sig(kTraceStreamClosed, 1)).unmatched_reason,
            "missing_stream_request_edge");
  SessionAccumulator processed = known_state();
  processed.first_processed_ts = 5;
  EXPECT_EQ(coverage_row(processed, trace_sig(kTraceStreamClosed, 1)).unmatched_reason,
            "missing_playable_edge");
  EXPECT_EQ(coverage_row(processed, status_sig(1)).unmatched_reason, "awaiting_playable_edge");
  EXPECT_EQ(coverage_row(processed, status_sig(1)).trace_type, "");
}

// Case 38.
TEST(StreamingEventsToClickHouseSignalMapping, Golden38_TraceCarriesEnvelopeGateway) {
  TraceEvent e;
  e.gateway = "gateway-a";
  e.stream_id = "stream-1";
  e.request_id = "req-1";
  e.trace_type = "gateway_receive_stream_request";
  e.event_timestamp = 1000;
  std::string key;
  const Signal s = make_signal(e, key);
  EXPECT_EQ(s.gateway, "gateway-a");
  EXPECT_EQ(s.workflow_session_id, "stream-1|req-1");
  EXPECT_EQ(s.type, SignalType::kTrace);
  EXPECT_EQ(s.ts, 1000);
  EXPECT_EQ(s.pipeline, "");
}

// Case 39.
TEST(StreamingEventsToClickHouseSignalMapping, Golden39_AiEventCarriesEnvelopeGateway) {
  AiEvent e;
  e.gateway = "gateway-b";
  e.stream_id = "stream-2";
  e.request_id = "req-2";
  e.event_type = "error";
  e.message = "no orchestrators available within 2s timeout";
  e.pipeline = "streamdiffusion-sdxl";
  std::string key;
  const Signal s = make_signal(e, key);
  EXPECT_EQ(s.gateway, "gateway-b");
  EXPECT_EQ(s.workflow_session_id, "stream-2|req-2");
  EXPECT_EQ(s.ai_event_type, "error");
  EXPECT_EQ(s.message, "no orchestrators available within 2s timeout");
  EXPECT_EQ(s.pipeline, "streamdiffusion-sdxl");
  EXPECT_EQ(s.pipeline_hint, "streamdiffusion-sdxl");
  EXPECT_EQ(s.model_hint, "streamdiffusion-sdxl");
  EXPECT_TRUE(is_excusable_error(s.message));
}

TEST(StreamingEventsToClickHouseSignalMapping, StatusAndTraceTimesAndUids) {
  StatusEvent st;
  st.event_timestamp = 5000;
  st.event_id = "env-1";
  st.pipeline = "m";
  st.state = "ONLINE";
  st.output_fps = 12.5f;
  st.last_error = "boom";
  std::string key;
  Signal s = make_signal(st, key, StartTimeRule::kValidated);
  EXPECT_EQ(s.ts, 5000);
  EXPECT_EQ(s.workflow_session_id, "_missing_stream|_missing_request|env-1");
  EXPECT_EQ(s.source_event_uid, "env-1");  // uid blank -> envelope id
  EXPECT_EQ(s.status_state, "ONLINE");
  EXPECT_EQ(s.status_output_fps, 12.5f);
  EXPECT_EQ(s.status_last_error, "boom");

  TraceEvent tr;
  tr.event_timestamp = 7000;
  tr.source_event_uid = "uid-1";
  tr.data_timestamp = 6500;
  EXPECT_EQ(make_signal(tr, key).ts, 6500);
  EXPECT_EQ(make_signal(tr, key).source_event_uid, "uid-1");
  tr.data_timestamp = 0;
  EXPECT_EQ(make_signal(tr, key).ts, 7000);
  tr.data_timestamp = std::nullopt;
  EXPECT_EQ(make_signal(tr, key).ts, 7000);
  tr.data_timestamp = -5;
  EXPECT_EQ(make_signal(tr, key).ts, 7000);
}

// Fix of §13.2: start_time only when > 0 and within 24 h of the event.
TEST(StreamingEventsToClickHouseSignalMapping, StartTimeRule) {
  StatusEvent st;
  st.event_timestamp = 1'771'000'000'000;
  std::string key;
  auto start_of = [&](std::optional<EpochMs> v, StartTimeRule rule) {
    st.start_time = v;
    return make_signal(st, key, rule).start_time_ms;
  };
  const EpochMs day = 86'400'000;
  EXPECT_EQ(start_of(std::nullopt, StartTimeRule::kValidated), std::nullopt);
  EXPECT_EQ(start_of(0, StartTimeRule::kValidated), std::nullopt);
  EXPECT_EQ(start_of(1'771'000'000, StartTimeRule::kValidated), std::nullopt);  // seconds
  EXPECT_EQ(start_of(-1, StartTimeRule::kValidated), std::nullopt);
  EXPECT_EQ(start_of(st.event_timestamp - day, StartTimeRule::kValidated),
            std::optional<EpochMs>(st.event_timestamp - day));
  EXPECT_EQ(start_of(st.event_timestamp - day - 1, StartTimeRule::kValidated), std::nullopt);
  EXPECT_EQ(start_of(st.event_timestamp + day, StartTimeRule::kValidated),
            std::optional<EpochMs>(st.event_timestamp + day));
  EXPECT_EQ(start_of(st.event_timestamp + day + 1, StartTimeRule::kValidated), std::nullopt);
  // The reference rule keeps anything non-null.
  EXPECT_EQ(start_of(0, StartTimeRule::kReference), std::optional<EpochMs>(0));
  EXPECT_EQ(start_of(1'771'000'000, StartTimeRule::kReference),
            std::optional<EpochMs>(1'771'000'000));
}

// Case 40.
TEST(WorkflowSessionId, Golden40_Composition) {
  EXPECT_EQ(workflow_session_id("stream-1", "req-1", "evt-1"), "stream-1|req-1");
  EXPECT_EQ(workflow_session_id("stream-1", "", "evt-1"), "stream-1|_missing_request");
  EXPECT_EQ(workflow_session_id("", "req-1", "evt-1"), "_missing_stream|req-1");
  EXPECT_EQ(workflow_session_id("", "", "evt-1"), "_missing_stream|_missing_request|evt-1");
  EXPECT_EQ(workflow_session_id("", "", ""), "_missing_stream|_missing_request|_missing_event");
  EXPECT_EQ(workflow_session_id(" stream-1 ", "\treq-1", ""), "stream-1|req-1");
}

// Case 41.
TEST(AddressNormalizer, Golden41_Normalize) {
  EXPECT_EQ(normalize_address(""), "");
  EXPECT_EQ(normalize_address("   "), "");
  EXPECT_EQ(normalize_address(" 0xAbC123 "), "0xabc123");
}

// Case 42.
TEST(StringSemantics, Golden42_FirstNonBlankAndBlankToNull) {
  EXPECT_EQ(first_non_blank({" ", "", "x", "y"}), "x");
  EXPECT_EQ(first_non_blank({" ", "\t", ""}), "");
  EXPECT_EQ(first_non_blank({"  x "}), "  x ");  // unmodified
  EXPECT_EQ(blank_to_null(" value "), std::optional<std::string>(" value "));
  EXPECT_EQ(blank_to_null("  "), std::nullopt);
  EXPECT_EQ(blank_to_null(""), std::nullopt);
  EXPECT_TRUE(equals_ignore_case("PARAMS_update", "params_update"));
  EXPECT_FALSE(equals_ignore_case(" error", "error"));
  EXPECT_EQ(normalize_key("  "), "__empty__");
  EXPECT_EQ(normalize_key(" GPU-A "), "gpu-a");
}

TEST(StringSemantics, ExcusableErrorsAndTraceCategories) {
  EXPECT_TRUE(is_excusable_error("WHIP disconnected unexpectedly"));
  EXPECT_TRUE(is_excusable_error("Stream: Missing Video track"));
  EXPECT_TRUE(is_excusable_error("ICE connection state failed"));
  EXPECT_TRUE(is_excusable_error("mediamtx ingest disconnected"));
  EXPECT_TRUE(is_excusable_error("user disconnected"));
  EXPECT_FALSE(is_excusable_error("boom"));
  EXPECT_FALSE(is_excusable_error("   "));
  EXPECT_EQ(trace_category("gateway_receive_stream_request"), "gateway");
  EXPECT_EQ(trace_category("orchestrator_swap"), "orchestrator");
  EXPECT_EQ(trace_category("runner_send_first_processed_segment"), "runner");
  EXPECT_EQ(trace_category("app_x"), "app");
  EXPECT_EQ(trace_category("Gateway_x"), "other");
  EXPECT_EQ(trace_category(""), "other");
}

}  // namespace
}  // namespace naap::lifecycle::test
