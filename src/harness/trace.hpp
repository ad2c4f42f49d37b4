// `naap trace`: one session through every layer. The SQL is a QUERY pack
// (sql/packs/session_trace.sql, bound with {workflow_session_id:String});
// this code only runs its blocks in order and lays the results out for a
// terminal or as JSON. The pack's first block returns one row iff the
// session exists; when it returns none the session is unknown.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "harness/params.hpp"
#include "harness/result_table.hpp"
#include "harness/sql_blocks.hpp"
#include "store/connection.hpp"

namespace naap::harness {

struct TraceSection {
  std::string name;   // block name, e.g. "03_raw_events"
  std::string title;  // "Raw events"
  ResultTable table;
  std::string error;  // the query failed (the other sections still run)
};

struct TraceReport {
  std::string session_id;
  std::string warehouse;
  std::string pack;
  bool found = false;
  std::vector<TraceSection> sections;
  bool any_error() const;
};

// Runs the pack's blocks for `session_id`; stops after the first block when
// the session is unknown (found = false).
TraceReport run_trace(store::Connection& conn, const std::vector<SqlBlock>& blocks,
                      const std::string& pack_label, const std::string& session_id,
                      const ParamSet& extra);

// "03_raw_events" -> "Raw events".
std::string section_title(std::string_view block_name);

void print_trace(std::ostream& out, const TraceReport& report, size_t max_rows);
std::string trace_json(const TraceReport& report);

}  // namespace naap::harness
