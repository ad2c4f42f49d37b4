// `naap fixtures export` (warehouse spec §4.4): picks scenario candidate
// sessions (sql/packs/scenario_candidates.sql), pulls the raw archive rows that
// produced them plus their capability context (sql/packs/fixture_export.sql)
// and writes a fixture folder in the newer raw-archive format with a
// manifest.json (§4.4.3-§4.4.4), replayable with `naap fixtures events`.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "harness/sql_blocks.hpp"
#include "harness/window.hpp"
#include "store/connection.hpp"

namespace naap::harness {

struct ExportOptions {
  std::string out_dir;
  uint32_t limit_per_scenario = 3;
  uint32_t session_padding_minutes = 5;
  uint32_t open_session_duration_minutes = 30;
  uint32_t capability_window_minutes = 120;
  uint32_t capability_max_rows_per_context = 2;
  uint32_t manifest_window_padding_minutes = 60;
  bool require_all_scenarios = false;
  std::string scenario_sql_label;         // for the manifest
  std::vector<SqlBlock> scenario_blocks;  // -- QUERY: blocks of the candidates pack
  std::vector<SqlBlock> export_blocks;    // session_core_events, session_capability_events
};

struct ExportedSession {
  std::string scenario, workflow_session_id, stream_id, request_id;
  int64_t start_ms = 0;
  bool has_end = false;
  int64_t end_ms = 0;
  std::string file;  // relative to the output folder
  std::vector<std::pair<std::string, uint64_t>> table_counts;
};

struct ExportReport {
  std::vector<std::pair<std::string, size_t>> scenarios;  // name, sessions exported
  std::vector<std::string> missing;                       // scenarios without candidates
  std::vector<std::string> skipped;                       // "scenario: session (already in S)"
  std::vector<ExportedSession> sessions;
  std::string manifest_path;
  bool aborted = false;  // missing scenarios with require_all_scenarios
};

// "a|b c" -> "a_b_c" (runs of characters outside [A-Za-z0-9_.-] become '_',
// leading/trailing '_' trimmed, "" -> "scenario").
std::string sanitize_name(std::string_view s);

// "2026-02-25T20:43:11.605000+00:00" (the reference manifests' form).
std::string manifest_time(int64_t ms);

ExportReport export_fixtures(store::Connection& conn, const Window& window,
                             const ExportOptions& options, std::ostream& log);

}  // namespace naap::harness
