// The bundled assertion suites against the embedded store built by replaying
// every fixture (naap fixtures events | naap run):
//   * every test of every suite passes;
//   * every test can fail: for each one, a copy of that store is corrupted the
//     way the assertion guards against (an orphan or lost row, a stale rollup,
//     a duplicated or wrong serving-view row, a dropped object...) and
//     `naap check` must report it as FAIL. A defect that needs synthetic rows
//     to show is checked with those rows alone first (the control), which
//     must still PASS, so the FAIL comes from the defect. Serving-view defects
//     are undone exactly (the view re-created from its migration), so they
//     share one copy per suite and the test must PASS again after each undo;
//     every other corruption gets its own copy. The corruption statements run
//     as blocks of the same `naap check` file, before the assertion.
// Serving-view defects are derived from the views' own text in migration 0009
// (warehouse_util.hpp), so they follow the views as they evolve.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <set>

#include "warehouse_util.hpp"

namespace naap::testing::warehouse {
namespace {

#define DB "livepeer_analytics."

using Statements = std::vector<std::string>;

// How one assertion is made to fail.
struct Corruption {
  std::string test;    // the assertion that must FAIL
  Statements corrupt;  // applied to the store, in order
  // When set, undoes `corrupt` exactly (a serving view re-created from its migration):
  // the case then runs in the suite's shared copy, and the test must PASS again after it.
  Statements restore = {};
  // Rows applied before `corrupt`, after which the test must still PASS: the FAIL then
  // comes from `corrupt` alone (used when a defect needs rows to show).
  Statements control = {};
};

std::string q(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

// The statement of migration 0009 that (re)creates serving view `view`.
std::string view_statement(const std::string& view) {
  for (auto st : migration_statements("0009_api_views.sql")) {
    if (st.find("VIEW livepeer_analytics." + view + " AS") == std::string::npos) continue;
    st.erase(st.find_last_not_of(" \t\r\n") + 1);
    if (!st.empty() && st.back() == ';') st.pop_back();
    return st;
  }
  ADD_FAILURE() << "no view " << view << " in 0009_api_views.sql";
  return "SELECT 1";
}
Statements restore(const std::string& view) { return {view_statement(view)}; }

// -- Reusable corruptions --------------------------------------------------

// A newer version of one session matching `where`, with `replace` applied (its whole
// row, so the latest-version rule of the views and checks now reads these values).
std::string new_session_version(const std::string& where, const std::string& replace) {
  return "INSERT INTO " DB "fact_workflow_sessions SELECT * REPLACE (version + 1000 AS version, " +
         replace + ") FROM (SELECT * FROM " DB "fact_workflow_sessions WHERE " + where +
         " ORDER BY workflow_session_id, version DESC LIMIT 1)";
}

// Rows of a synthetic session (copied from a fixture session and status sample with a
// GPU) on 2026-02-21, a day without fixture data: the session `sid` runs from `start`
// to `end` and has one attributed status sample at each of `samples` (fps, state).
Statements synthetic_session(
    const std::string& sid, const std::string& gpu, const std::string& start,
    const std::string& end, const std::string& flags,
    const std::vector<std::tuple<std::string, double, std::string>>& samples) {
  Statements s;
  s.push_back("INSERT INTO " DB "fact_workflow_sessions SELECT * REPLACE (" + q(sid) +
              " AS workflow_session_id, toDateTime64(" + q(start) +
              ", 3, 'UTC') AS session_start_ts, toDateTime64(" + q(end) +
              ", 3, 'UTC') AS session_end_ts, " + q(gpu) + " AS gpu_id, " + flags +
              ") FROM (SELECT * FROM " DB
              "fact_workflow_sessions WHERE ifNull(gpu_id, '') != '' "
              "ORDER BY workflow_session_id LIMIT 1)");
  int n = 0;
  for (const auto& [ts, fps, state] : samples) {
    s.push_back("INSERT INTO " DB "fact_stream_status_samples SELECT * REPLACE (" + q(sid) +
                " AS workflow_session_id, toDateTime64(" + q(ts) + ", 3, 'UTC') AS sample_ts, " +
                q(gpu) + " AS gpu_id, toFloat32(" + std::to_string(fps) + ") AS output_fps, " +
                q(state) + " AS state, toUInt8(1) AS is_attributed, " +
                q(sid + "-sample-" + std::to_string(n++)) +
                " AS source_event_uid) FROM (SELECT * FROM " DB
                "fact_stream_status_samples WHERE is_attributed = 1 AND ifNull(gpu_id, '') != '' "
                "AND orchestrator_address != '' ORDER BY source_event_uid LIMIT 1)");
  }
  return s;
}

// A session idle in hour 10 that closes idle in hour 11: hour 11 is a tail artifact
// (warehouse spec §1.7) the GPU and SLA views must not serve.
Statements tail_artifact_rows() {
  return synthetic_session(
      "tail-artifact-session", "GPU-tail-artifact", "2026-02-21 10:50:00", "2026-02-21 11:20:00",
      "toUInt8(0) AS loading_only_session",
      {{"2026-02-21 10:55:00", 0, "LOADING"}, {"2026-02-21 11:05:00", 0, "LOADING"}});
}
// A failed session that starts and ends in one hour with one idle sample: the views
// must keep its hour (spec §3.1 test 51, scenario 6).
Statements same_hour_failed_rows() {
  return synthetic_session("same-hour-failed-session", "GPU-same-hour", "2026-02-21 14:10:00",
                           "2026-02-21 14:20:00",
                           "toUInt8(1) AS loading_only_session, toUInt8(0) AS startup_success",
                           {{"2026-02-21 14:12:00", 0, "LOADING"}});
}
// A session active for an hour without producing output (>= 3 samples, fps 0).
Statements active_no_output_rows() {
  return synthetic_session("active-no-output-session", "GPU-no-output", "2026-02-21 16:00:00",
                           "2026-02-21 16:40:00", "toUInt8(1) AS zero_output_fps_session",
                           {{"2026-02-21 16:05:00", 0, "ONLINE"},
                            {"2026-02-21 16:15:00", 0, "ONLINE"},
                            {"2026-02-21 16:25:00", 0, "ONLINE"}});
}

// The GPU view serving tail-artifact hours (its tail filter lost).
std::string gpu_view_without_tail_filter() {
  return view_edited("v_api_gpu_metrics",
                     "\n  AND ifNull(tk.is_tail_artifact, toUInt8(0)) = toUInt8(0)", "");
}
// The GPU view dropping hours without output (a "no usage, no row" defect).
std::string gpu_view_dropping_no_output_hours() {
  return view_where("v_api_gpu_metrics", "ifNull(avg_output_fps, 0) > 0");
}

const std::string kMutationsSync = " SETTINGS mutations_sync = 2";

// -- The catalog: one corruption per assertion -------------------------------

std::map<std::string, std::vector<Corruption>> catalog() {
  std::map<std::string, std::vector<Corruption>> c;

  c["assertions_raw_typed.sql"] = {
      {"raw_typed_accepted_estimate_nonnegative",  // a duplicate whose original is nowhere
       {"INSERT INTO " DB "streaming_events_quarantine (source_topic, source_record_timestamp, "
        "event_id, event_type, event_timestamp, raw_event_uid, dedup_key, dedup_strategy, "
        "failure_stage, failure_class, failure_reason, payload_encoding, payload_body) VALUES "
        "('streaming_events', '2026-02-24 12:00:00', 'ghost-id', 'ai_stream_status', "
        "'2026-02-24 12:00:00', 'ghost-id', 'ghost-id', 'event_id', 'dedup', 'DUPLICATE', "
        "'duplicate_event', 'json', '{}')"}},
      {"raw_typed_no_dlq_or_quarantine_for_core_types",  // a rejected status event
       {"INSERT INTO " DB "streaming_events_dlq (source_topic, source_record_timestamp, event_id, "
        "event_type, event_timestamp, raw_event_uid, failure_stage, failure_class, "
        "failure_reason, payload_encoding, payload_body) VALUES ('streaming_events', "
        "'2026-02-24 12:00:00', 'bad-status', 'ai_stream_status', '2026-02-24 12:00:00', "
        "'bad-status', 'validation', 'SCHEMA_INVALID', 'missing_field', 'json', '{}')"}},
      {"raw_typed_core_1to1_parity",  // an accepted event without its typed row
       {"DELETE FROM " DB
        "ai_stream_status WHERE raw_event_uid = (SELECT min(raw_event_uid) FROM " DB
        "ai_stream_status)"}},
      {"raw_typed_network_capabilities_expected_in_window",  // no capability context
       {"DELETE FROM " DB "streaming_events WHERE type = 'network_capabilities'"}},
      {"raw_typed_network_capabilities_fanout_guard",  // typed rows of an event the archive lacks
       {"INSERT INTO " DB "network_capabilities SELECT * REPLACE ('ghost-capability-event' AS "
        "raw_event_uid) FROM (SELECT * FROM " DB "network_capabilities LIMIT 1)"}},
  };

  c["assertions_scenario_candidates.sql"] = {
      {"scenario_1_clean_success_no_swap_fps_gt_12_exists",  // no session above 12 fps
       {"ALTER TABLE " DB "fact_stream_status_samples UPDATE output_fps = 1 WHERE 1" +
        kMutationsSync}},
      {"scenario_2_no_orchestrator_then_closed_exists",  // the no-orchestrator traces lost
       {"DELETE FROM " DB
        "fact_stream_trace_edges WHERE trace_type = 'gateway_no_orchestrators_available'"}},
      {"scenario_3_success_with_swap_exists",  // no successful session
       {"ALTER TABLE " DB "fact_workflow_sessions UPDATE startup_success = 0 WHERE 1" +
        kMutationsSync}},
      {"scenario_4_success_with_param_updates_exists",  // update traffic, no scenario-4 session
       {"INSERT INTO " DB "fact_workflow_param_updates (update_ts, workflow_session_id, "
        "update_type, source_event_uid, version) SELECT session_start_ts, workflow_session_id, "
        "'params', 'param-update-of-a-failed-session', 1 FROM " DB
        "fact_workflow_sessions WHERE startup_success = 0 ORDER BY workflow_session_id LIMIT 1"}},
      {"scenario_6_same_hour_failed_no_output_retained_in_views",
       {gpu_view_dropping_no_output_hours()},
       {},
       same_hour_failed_rows()},
      {"scenario_7_rollover_tail_filtered_in_views",
       {gpu_view_without_tail_filter()},
       {},
       tail_artifact_rows()},
      {"scenario_5_out_of_category_baseline_exists",  // every session now fits scenario 3
       {"ALTER TABLE " DB "fact_workflow_sessions UPDATE startup_success = 1, "
        "confirmed_swap_count = 1 WHERE 1" +
        kMutationsSync}},
  };

  const std::string gpu = "v_api_gpu_metrics", demand = "v_api_network_demand",
                    by_gpu = "v_api_network_demand_by_gpu", sla = "v_api_sla_compliance";
  c["assertions_api_readiness.sql"] = {
      {"api_views_present", {"DROP VIEW " DB "v_api_network_demand_by_gpu"}, restore(by_gpu)},
      {"gpu_metrics_keys_not_null",
       {view_replacing(gpu, "'' AS orchestrator_address")},
       restore(gpu)},
      {"gold_pipeline_coverage_attributable_min_threshold",
       {view_replacing(gpu, "'' AS pipeline")},
       restore(gpu)},
      {"gpu_metrics_rollup_fields_consistent",
       {view_replacing(gpu, "failure_rate + 0.5 AS failure_rate")},
       restore(gpu)},
      {"gpu_metrics_latency_fields_nonnegative",
       {view_replacing(gpu, "-startup_time_ms - 1 AS startup_time_ms")},
       restore(gpu)},
      {"gpu_metrics_startup_seconds_matches_ms",
       {view_replacing(gpu, "startup_time_s * 2 + 1 AS startup_time_s")},
       restore(gpu)},
      {"network_demand_hourly_grain",
       {view_replacing(demand, "window_start + toIntervalMinute(5) AS window_start")},
       restore(demand)},
      {"network_demand_required_columns_present",
       {view_without_column(demand, "success_ratio")},
       restore(demand)},
      {"network_demand_by_gpu_hourly_grain",
       {view_replacing(by_gpu, "window_start + toIntervalMinute(5) AS window_start")},
       restore(by_gpu)},
      {"network_demand_by_gpu_required_columns_present",
       {view_without_column(by_gpu, "gpu_type")},
       restore(by_gpu)},
      {"network_demand_by_gpu_capacity_fields_nonnegative",
       {view_replacing(by_gpu, "capacity_rate + 2 AS capacity_rate")},
       restore(by_gpu)},
      {"network_demand_additive_fields_nonnegative",
       {view_replacing(demand, "fee_payment_eth - 1 AS fee_payment_eth")},
       restore(demand)},
      {"network_demand_served_unserved_consistency",
       {view_replacing(demand, "total_demand_sessions + 1 AS total_demand_sessions")},
       restore(demand)},
      {"network_demand_pipeline_not_model_id",
       {view_replacing(demand, "if(model_id != '', model_id, pipeline) AS pipeline")},
       restore(demand)},
      {"network_demand_pipeline_fallback_applied",  // the view forgets the pipeline fallback
       {view_edited(demand, "ifNull(f.pipeline_fallback, '')", "''")},
       restore(demand)},
      {"sla_compliance_rollup_safe",
       {view_replacing(sla, "no_swap_ratio + 0.5 AS no_swap_ratio")},
       restore(sla)},
      {"sla_compliance_required_columns_present",
       {view_without_column(sla, "success_ratio")},
       restore(sla)},
      {"network_demand_success_ratios_valid",
       {view_replacing(demand, "startup_success_ratio + 2 AS startup_success_ratio")},
       restore(demand)},
      {"network_demand_success_ratio_penalizes_failure_indicators",
       {view_replacing(demand, "1.0 AS success_ratio")},
       restore(demand)},
      {"network_demand_low_sample_windows",  // minutes in the wrong unit
       {view_replacing(demand, "total_minutes / 60 AS total_minutes")},
       restore(demand)},
      {"sla_recompute_parity_vs_latest_sessions",
       {view_replacing(sla, "unexcused_sessions + 1 AS unexcused_sessions")},
       restore(sla)},
  };

  const std::string attributed_session =
      "gpu_attribution_method != 'none' AND orchestrator_address != '' AND "
      "ifNull(model_id, '') != '' AND pipeline != ''";
  const std::string identity_without_latest_rule = create_view(
      "v_api_session_identity",
      "SELECT workflow_session_id, orchestrator_address, stream_id, request_id, session_start_ts, "
      "session_end_ts, version AS latest_version FROM " DB "fact_workflow_sessions");
  c["assertions_pipeline.sql"] = {
      {"raw_events_present", {"TRUNCATE TABLE " DB "stream_trace_events"}},
      {"capability_dimension_mvs_present",
       {"DROP TABLE " DB "mv_network_capabilities_prices_to_dim_orchestrator_capability_prices"}},
      {"capability_dimensions_projecting",
       {"TRUNCATE TABLE " DB "dim_orchestrator_capability_advertised_snapshots"}},
      {"capability_snapshot_gpu_coverage",  // a snapshot's GPU rows lost from the dimension
       {"DELETE FROM " DB "dim_orchestrator_capability_snapshots WHERE source_event_uid = (SELECT "
        "min(source_event_uid) FROM " DB "dim_orchestrator_capability_snapshots WHERE "
        "ifNull(gpu_id, '') != '')"}},
      {"capability_prices_key_multiplicity_guard",  // an event's price rows lost
       {"DELETE FROM " DB "network_capabilities_prices WHERE raw_event_uid = (SELECT "
        "min(raw_event_uid) FROM " DB "network_capabilities_prices)"}},
      {"session_fact_present", {"TRUNCATE TABLE " DB "fact_workflow_sessions"}},
      {"core_raw_to_silver_gold_nonempty", {"TRUNCATE TABLE " DB "fact_stream_trace_edges"}},
      {"network_capabilities_raw_and_typed_present", {"TRUNCATE TABLE " DB "network_capabilities"}},
      {"status_raw_to_silver_projection",  // a status event without its silver row
       {"DELETE FROM " DB "fact_stream_status_samples WHERE source_event_uid = (SELECT "
        "min(source_event_uid) FROM " DB "fact_stream_status_samples)"}},
      {"trace_raw_to_silver_projection",  // a trace event projected twice
       {"INSERT INTO " DB "fact_stream_trace_edges SELECT * FROM (SELECT * FROM " DB
        "fact_stream_trace_edges ORDER BY source_event_uid LIMIT 1)"}},
      {"ingest_raw_to_silver_projection",  // a silver ingest row without a typed event
       {"INSERT INTO " DB "fact_stream_ingest_samples (sample_ts, workflow_session_id, "
        "stream_id, request_id, connection_quality, source_event_uid) VALUES "
        "('2026-02-24 12:00:00', 'ingest-stream|ingest-request', 'ingest-stream', "
        "'ingest-request', 'good', 'ingest-uid-without-typed-row')"}},
      {"session_final_uniqueness",  // two rows at a session's top version
       {"INSERT INTO " DB "fact_workflow_sessions SELECT * REPLACE (session_start_ts + "
        "toIntervalSecond(1) AS session_start_ts) FROM (SELECT * FROM " DB
        "fact_workflow_sessions ORDER BY workflow_session_id, version DESC LIMIT 1)"}},
      {"workflow_session_has_identifier", {new_session_version("1", "'' AS workflow_session_id")}},
      {"swap_signal_split_consistency",
       {new_session_version("1", "confirmed_swap_count + 1 AS swap_count")}},
      {"gold_sessions_use_canonical_orchestrator_identity",  // a hot wallet leaks into a session
       {new_session_version("orchestrator_address != ''",
                            "'0x00000000000000000000000000000000hotwallet' AS "
                            "orchestrator_address")}},
      {"swapped_sessions_have_evidence",
       {new_session_version(
           "confirmed_swap_count = 0 AND inferred_orchestrator_change_count = 0 AND "
           "workflow_session_id NOT IN (SELECT workflow_session_id FROM " DB
           "fact_stream_trace_edges WHERE is_swap_event > 0)",
           "toUInt16(1) AS confirmed_swap_count, toUInt16(1) AS swap_count")}},
      {"param_updates_reference_existing_session",
       {"INSERT INTO " DB "fact_workflow_param_updates (update_ts, workflow_session_id, "
        "update_type, source_event_uid, version) VALUES ('2026-02-24 12:00:00', "
        "'session-that-does-not-exist', 'params', 'orphan-update', 1)"}},
      {"lifecycle_session_pipeline_model_compatible",
       {new_session_version(attributed_session, "ifNull(model_id, '') AS pipeline")}},
      {"session_to_segment_pipeline_model_consistency",
       {"INSERT INTO " DB "fact_workflow_session_segments SELECT * REPLACE (version + 1000 AS "
        "version, 'another-model' AS model_id) FROM " DB
        "fact_workflow_session_segments WHERE workflow_session_id IN (SELECT "
        "workflow_session_id FROM " DB "fact_workflow_sessions WHERE " +
        attributed_session + ")"}},
      {"session_to_latency_pipeline_model_consistency",
       {"INSERT INTO " DB "fact_workflow_latency_samples SELECT * REPLACE (version + 1000 AS "
        "version, 'another-pipeline' AS pipeline) FROM " DB
        "fact_workflow_latency_samples WHERE workflow_session_id IN (SELECT "
        "workflow_session_id FROM " DB "fact_workflow_sessions WHERE " +
        attributed_session + ")"}},
      {"session_to_status_projection_consistency",  // every status row contradicts its session
       {"ALTER TABLE " DB "fact_stream_status_samples UPDATE pipeline = 'another-pipeline', "
        "model_id = 'another-model' WHERE 1" +
        kMutationsSync}},
      {"status_vs_segment_identity_consistency",
       {"ALTER TABLE " DB "fact_stream_status_samples UPDATE orchestrator_address = "
        "'0xanother' WHERE is_attributed = 1" +
        kMutationsSync}},
      {"latency_vs_segment_identity_consistency",
       {"ALTER TABLE " DB "fact_workflow_latency_samples UPDATE orchestrator_address = "
        "'0xanother' WHERE 1" +
        kMutationsSync}},
      {"proxy_to_canonical_multiplicity_guard",  // one proxy + URI, two canonical wallets
       {"INSERT INTO " DB "network_capabilities SELECT * REPLACE ('0xanother-canonical' AS "
        "orchestrator_address) FROM (SELECT * FROM " DB "network_capabilities WHERE "
        "local_address != '' AND orchestrator_address != '' LIMIT 1)"}},
      {"session_summary_change_flags_consistency",  // a second model, has_model_change still 0
       {"INSERT INTO " DB "fact_workflow_session_segments SELECT * REPLACE (segment_index + 1 "
        "AS segment_index, 'another-model' AS model_id) FROM (SELECT * FROM " DB
        "fact_workflow_session_segments WHERE ifNull(model_id, '') != '' ORDER BY "
        "workflow_session_id, segment_index DESC, version DESC LIMIT 1)"}},
      {"lifecycle_unattributed_pipeline_not_model_id",
       {new_session_version("gpu_attribution_method = 'none' AND ifNull(model_id, '') != ''",
                            "ifNull(model_id, '') AS pipeline")}},
      {"trace_edge_pipeline_model_coverage",
       {"ALTER TABLE " DB "fact_stream_trace_edges UPDATE model_id = NULL WHERE 1" +
        kMutationsSync}},
      {"latest_sessions_vs_segment_session_ids",  // segments of a session the fact lacks
       {"INSERT INTO " DB "fact_workflow_session_segments SELECT * REPLACE "
        "('session-without-fact' AS workflow_session_id) FROM (SELECT * FROM " DB
        "fact_workflow_session_segments LIMIT 1)"}},
      {"raw_session_rows_vs_latest_sessions",  // the identity view serves every version
       {identity_without_latest_rule},
       {},
       {new_session_version("1", "session_end_ts AS session_end_ts")}},
      {"segment_rows_vs_segment_session_ids",  // a segment index skipped
       {"INSERT INTO " DB "fact_workflow_session_segments SELECT * REPLACE (segment_index + 2 "
        "AS segment_index) FROM (SELECT * FROM " DB
        "fact_workflow_session_segments ORDER BY workflow_session_id LIMIT 1)"}},
      {"mixed_known_stream_versions",
       {new_session_version("known_stream = 1", "toUInt8(0) AS known_stream")}},
      {"agg_stream_performance_1m_matches_status_samples",  // a fact lost, the rollup stale
       {"DELETE FROM " DB "fact_stream_status_samples WHERE source_event_uid = (SELECT "
        "min(source_event_uid) FROM " DB "fact_stream_status_samples WHERE is_attributed = 1 AND "
        "orchestrator_address != '')"}},
      {"gpu_view_no_perf_only_orphan_rows",  // usage of a session the fact does not know
       {"INSERT INTO " DB "fact_stream_status_samples SELECT * REPLACE ('session-without-fact' "
        "AS workflow_session_id, toDateTime64('2026-02-21 05:10:00', 3, 'UTC') AS sample_ts, "
        "'orphan-sample' AS source_event_uid) FROM (SELECT * FROM " DB
        "fact_stream_status_samples WHERE is_attributed = 1 AND ifNull(gpu_id, '') != '' "
        "AND orchestrator_address != '' LIMIT 1)"}},
      {"gpu_view_covers_healthy_attributed_session_keys", {view_where(gpu, "0")}, restore(gpu)},
      {"demand_has_rows_for_all_session_hours", {view_where(demand, "0")}, restore(demand)},
      {"gpu_count_delta_explained_by_key_overlap", {view_duplicating_a_row(gpu)}, restore(gpu)},
      {"network_demand_counts_aligned_to_rollup", {view_losing_a_row(demand)}, restore(demand)},
      {"sla_counts_aligned_to_raw_latest_sessions", {view_losing_a_row(sla)}, restore(sla)},
      {"view_count_grain_ordering", {view_where(demand, "0")}, restore(demand)},
      {"gpu_view_matches_rollup",
       {view_replacing(gpu, "avg_output_fps + 1 AS avg_output_fps")},
       restore(gpu)},
      {"network_demand_view_matches_rollup",
       {view_replacing(demand, "total_sessions + 1 AS total_sessions")},
       restore(demand)},
      {"network_demand_effective_success_not_above_startup_success",
       {view_replacing(demand, "success_ratio + 0.5 AS success_ratio")},
       restore(demand)},
      {"network_demand_effective_success_penalizes_failure_indicators",
       {view_replacing(demand, "1.0 AS success_ratio")},
       restore(demand)},
      {"network_demand_model_split_conservation",
       {view_replacing(demand, "total_minutes * 2 AS total_minutes")},
       restore(demand)},
      {"network_demand_join_multiplicity_guard", {view_duplicating_a_row(demand)}, restore(demand)},
      {"network_demand_pipeline_join_inflation_guard",
       {view_duplicating_a_row(demand)},
       restore(demand)},
      {"preexisting_grain_drift_baseline_gpu_sla",
       {view_replacing(gpu, "status_samples * 2 AS status_samples")},
       restore(gpu)},
      {"sla_view_matches_session_fact",
       {view_replacing(sla, "known_sessions + 1 AS known_sessions")},
       restore(sla)},
      {"sla_ratios_in_bounds", {view_replacing(sla, "sla_score + 200 AS sla_score")}, restore(sla)},
      {"terminal_tail_artifact_filtered_in_gpu_sla",
       {gpu_view_without_tail_filter()},
       {},
       tail_artifact_rows()},
      {"same_hour_failed_no_output_retained_in_gpu_sla",
       {gpu_view_dropping_no_output_hours()},
       {},
       same_hour_failed_rows()},
      {"active_no_output_rows_retained_in_gpu_sla",
       {gpu_view_dropping_no_output_hours()},
       {},
       active_no_output_rows()},
      {"gold_pipeline_empty_hotspots_diagnostic",
       {view_replacing(gpu, "'' AS pipeline")},
       restore(gpu)},
      {"serving_views_do_not_reference_typed_raw_tables",
       {create_view("v_api_status_peek", "SELECT count() AS n FROM " DB "ai_stream_status")},
       {"DROP VIEW " DB "v_api_status_peek"}},
      // Invariants of the latest session versions (issue 4).
      {"latest_session_never_both_success_and_unexcused",
       {new_session_version("startup_success = 1", "toUInt8(1) AS startup_unexcused")}},
      {"latest_session_excused_or_unexcused_only_when_known",
       {new_session_version("known_stream = 1",
                            "toUInt8(0) AS known_stream, toUInt8(1) AS startup_excused")}},
      {"latest_session_swap_counts_sane",
       {new_session_version(
           "confirmed_swap_count = 0 AND workflow_session_id NOT IN (SELECT workflow_session_id "
           "FROM " DB "fact_stream_trace_edges WHERE is_swap_event > 0)",
           "toUInt16(1) AS confirmed_swap_count, toUInt16(1) AS swap_count")}},
      {"silver_rows_trace_to_raw_events",
       {"INSERT INTO " DB "fact_stream_trace_edges SELECT * REPLACE ('no-such-raw-event' AS "
        "source_event_uid) FROM (SELECT * FROM " DB "fact_stream_trace_edges LIMIT 1)"}},
      // A rollup row written twice: its key's counts double, the facts stay.
      {"rollup_totals_equal_latest_session_totals",
       {"INSERT INTO " DB "agg_reliability_1h SELECT * FROM " DB
        "agg_reliability_1h WHERE window_start = (SELECT min(window_start) FROM " DB
        "agg_reliability_1h)"}},
  };
  return c;
}

// -- Running the catalog -----------------------------------------------------

// A check file: statements become steps (blocks named step_<n>, which naap check runs in
// order and reports as FAIL for returning no rows) around renamed copies of the target.
class CheckFile {
 public:
  void step(const std::string& statement) {
    text_ += "-- TEST: step_" + std::to_string(++steps_) + "\n" + statement + "\n\n";
  }
  void steps(const Statements& s) {
    for (const auto& st : s) step(st);
  }
  // Appends `block` (a -- TEST: block) under the name `as`.
  void test(const std::string& block, const std::string& as) {
    text_ += "-- TEST: " + as + block.substr(block.find('\n')) + "\n";
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  int steps_ = 0;
};

class SuiteOnFixtures : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<TempDir>("warehouse-suites");
    baseline_ = *dir_ / "baseline";
    const auto run = replay_fixtures(baseline_);
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }

  // Runs `file` on a fresh copy of the baseline; returns the verdicts and the output.
  // A target that FAILs must fail on its data: a query error (e.g. a column the
  // corruption removed from under it) is reported as a verdict of its own, "error".
  std::pair<std::map<std::string, bool>, std::string> check_copy(const std::string& name,
                                                                 const CheckFile& file) {
    const std::string store = *dir_ / ("copy-" + name);
    copy_store(baseline_, store);
    const std::string path = *dir_ / (name + ".sql");
    std::ofstream(path) << file.text();
    const auto r = naap_check(store, path);
    fs::remove_all(store);
    auto v = verdicts(r.out);
    for (const auto& e : errored(r.out)) {
      if (e.rfind("step_", 0) != 0) ADD_FAILURE() << e << " failed with a query error\n" << r.out;
    }
    return {std::move(v), r.out + r.err};
  }

  // Runs the corruptions of the tests at positions [from, to) of suite `file`.
  void run_suite(const std::string& file, size_t from = 0, size_t to = SIZE_MAX) {
    const auto blocks = suite_blocks(file);
    std::map<std::string, std::string> block_of;
    for (size_t i = from; i < std::min(to, blocks.size()); ++i) block_of.insert(blocks[i]);
    const auto cases = catalog()[file];

    // Exactly undoable corruptions share one copy: corrupt, FAIL, restore, PASS again.
    CheckFile shared;
    std::vector<std::string> shared_tests;
    for (const auto& c : cases) {
      if (c.restore.empty() || !block_of.count(c.test)) continue;
      shared.steps(c.corrupt);
      shared.test(block_of[c.test], c.test);
      shared.steps(c.restore);
      shared.test(block_of[c.test], c.test + "__restored");
      shared_tests.push_back(c.test);
    }
    if (!shared_tests.empty()) {
      const auto [v, out] = check_copy("shared", shared);
      for (const auto& t : shared_tests) {
        ASSERT_TRUE(v.count(t) && v.count(t + "__restored")) << t << " did not run\n" << out;
        EXPECT_FALSE(v.at(t)) << t << ": the corruption did not FAIL it\n" << out;
        EXPECT_TRUE(v.at(t + "__restored")) << t << ": it does not PASS once restored\n" << out;
      }
    }

    // The others each on their own copy (the control, if any, must PASS first).
    for (const auto& c : cases) {
      if (!c.restore.empty() || !block_of.count(c.test)) continue;
      CheckFile f;
      if (!c.control.empty()) {
        f.steps(c.control);
        f.test(block_of[c.test], c.test + "__control");
      }
      f.steps(c.corrupt);
      f.test(block_of[c.test], c.test);
      const auto [v, out] = check_copy(c.test, f);
      ASSERT_TRUE(v.count(c.test)) << c.test << " did not run\n" << out;
      EXPECT_FALSE(v.at(c.test)) << c.test << ": the corruption did not FAIL it\n" << out;
      if (!c.control.empty()) {
        EXPECT_TRUE(v.count(c.test + "__control") && v.at(c.test + "__control"))
            << c.test << ": the control rows alone must not fail it\n"
            << out;
      }
    }
  }

  std::unique_ptr<TempDir> dir_;
  std::string baseline_;
};

// Every assertion of every bundled suite has exactly one corruption in the catalog.
TEST(WarehouseSuites, EveryAssertionHasACorruption) {
  auto cat = catalog();
  size_t total = 0;
  for (const auto& file : suite_files()) {
    std::set<std::string> names;
    for (const auto& [name, _] : suite_blocks(file)) names.insert(name);
    std::set<std::string> covered;
    for (const auto& c : cat[file]) {
      EXPECT_TRUE(names.count(c.test)) << file << ": corruption for unknown test " << c.test;
      EXPECT_TRUE(covered.insert(c.test).second) << file << ": two corruptions for " << c.test;
    }
    for (const auto& n : names) {
      EXPECT_TRUE(covered.count(n)) << file << ": no corruption makes '" << n << "' fail";
    }
    total += names.size();
  }
  EXPECT_EQ(total, 92u);  // 54 + 5 + 7 + 21 (warehouse spec §3) + 5 session invariants
}

TEST_F(SuiteOnFixtures, EveryBundledSuitePasses) {
  std::string files;
  size_t total = 0;
  for (const auto& file : suite_files()) {
    files += " " + shell_quote((fs::path(NAAP_SOURCE_DIR) / "sql" / "checks" / file).string());
  }
  const auto r = run_command(naap() + " check --store " + shell_quote(baseline_) + " --from-ts " +
                             shell_quote(kFrom) + " --to-ts " + shell_quote(kTo) + files);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto v = verdicts(r.out);
  for (const auto& file : suite_files()) {
    const auto blocks = suite_blocks(file);
    total += blocks.size();
    for (const auto& [name, _] : blocks) {
      const auto it = v.find(name);
      ASSERT_NE(it, v.end()) << file << ": " << name << " did not run\n" << r.out;
      EXPECT_TRUE(it->second) << file << ": [FAIL] " << name << "\n" << r.out;
    }
  }
  EXPECT_EQ(v.size(), total);
  EXPECT_EQ(total, 92u);  // 54 + 5 + 7 + 21 (warehouse spec §3) + 5 session invariants
}

TEST_F(SuiteOnFixtures, EachRawTypedAssertionFailsOnItsCorruption) {
  run_suite("assertions_raw_typed.sql");
}
TEST_F(SuiteOnFixtures, EachScenarioAssertionFailsOnItsCorruption) {
  run_suite("assertions_scenario_candidates.sql");
}
TEST_F(SuiteOnFixtures, EachApiReadinessAssertionFailsOnItsCorruption) {
  run_suite("assertions_api_readiness.sql");
}
// The pipeline suite in two halves (ctest can run them side by side).
TEST_F(SuiteOnFixtures, EachPipelineIngressAndLifecycleAssertionFailsOnItsCorruption) {
  run_suite("assertions_pipeline.sql", 0, 31);  // tests 1-31
}
TEST_F(SuiteOnFixtures, EachPipelineRollupAndViewAssertionFailsOnItsCorruption) {
  run_suite("assertions_pipeline.sql", 31);  // tests 32-59
}

}  // namespace
}  // namespace naap::testing::warehouse
