// Issue 3 acceptance: replaying the same input twice into two fresh stores
// gives identical tables.
//
// Two independent `naap run` processes load the bundled fixture events into
// two fresh embedded stores, one inserting over a single connection, the other
// over three at once (`--insert-connections`: the tables' inserts then
// interleave differently; each table's stay in order). Then every table of `livepeer_analytics`
// (views and materialized-view definitions excluded; their targets are tables) is read from each
// store: all columns except those filled by the wall clock at insert time (`ingestion_timestamp`,
// `schema_migrations.applied_at`: DEFAULT now64()), with FINAL on Replacing/Aggregating engines so
// the result does not depend on how far background merges got, aggregate states finalized, every
// row as one TSV line, the lines sorted. The two stores must give the same lines.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "harness.hpp"

namespace naap::testing {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

struct TableDump {
  std::string engine;
  size_t columns = 0;
  std::vector<std::string> rows;  // sorted TSV lines
};

// Every table's content in a canonical form (see the file comment).
std::map<std::string, TableDump> dump_store(const std::string& path) {
  store::Chdb db(path);
  std::map<std::string, TableDump> out;
  const auto tables = lines_of(
      db.query("SELECT name, engine FROM system.tables WHERE database = 'livepeer_analytics' "
               "AND engine NOT IN ('View', 'MaterializedView') ORDER BY name",
               "TSV")
          .data);
  for (const auto& t : tables) {
    const auto tab = t.find('\t');
    const std::string name = t.substr(0, tab), engine = t.substr(tab + 1);
    const auto columns = lines_of(
        db.query("SELECT name, type, default_kind, default_expression FROM system.columns WHERE "
                 "database = 'livepeer_analytics' AND table = '" +
                     name + "' AND default_kind NOT IN ('MATERIALIZED', 'ALIAS') ORDER BY position",
                 "TSV")
            .data);
    std::string select;
    size_t n = 0;
    for (const auto& c : columns) {
      std::vector<std::string> f;
      std::istringstream in(c);
      std::string part;
      while (std::getline(in, part, '\t')) f.push_back(part);
      f.resize(4);
      if (f[3].find("now") != std::string::npos) continue;  // wall clock at insert
      const std::string col = "`" + f[0] + "`";
      select +=
          (select.empty() ? "" : ", ") +
          (f[1].rfind("AggregateFunction", 0) == 0 ? "finalizeAggregation(" + col + ")" : col);
      ++n;
    }
    const bool final = engine.find("Replacing") != std::string::npos ||
                       engine.find("Aggregating") != std::string::npos;
    TableDump d;
    d.engine = engine;
    d.columns = n;
    d.rows = lines_of(db.query("SELECT " + select + " FROM livepeer_analytics.`" + name + "`" +
                                   (final ? " FINAL" : ""),
                               "TSV")
                          .data);
    std::sort(d.rows.begin(), d.rows.end());
    out.emplace(name, std::move(d));
  }
  return out;
}

TEST(LifecycleReplay, SameInputTwiceIntoFreshStoresGivesIdenticalTables) {
  TempDir dir("lifecycle-replay");
  const std::string input = dir / "events.jsonl";
  const auto events = run_command(naap() + " fixtures events " + shell_quote(NAAP_FIXTURES_DIR));
  ASSERT_EQ(events.exit_code, 0) << events.err;
  ASSERT_EQ(std::count(events.out.begin(), events.out.end(), '\n'), 512) << events.err;
  std::ofstream(input, std::ios::binary) << events.out;
  for (const auto& [store, connections] : {std::pair{"a", "1"}, std::pair{"b", "3"}}) {
    const auto r = run_command(naap() + " run --insert-connections " + connections + " --input " +
                               shell_quote(input) + " --store " + shell_quote(dir / store));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // One store open at a time (the embedded engine serves one path at a time).
  const auto a = dump_store(dir / "a");
  const auto b = dump_store(dir / "b");

  std::ostringstream out;
  out << "\n=== Replay twice into fresh stores ===\n"
      << "| table | engine | columns compared | rows (a) | rows (b) | identical |\n"
      << "|---|---|---:|---:|---:|---|\n";
  size_t tables = 0, rows = 0;
  for (const auto& [name, da] : a) {
    auto it = b.find(name);
    ASSERT_NE(it, b.end()) << name << " missing in the second store";
    const TableDump& db = it->second;
    const bool same = da.rows == db.rows;
    out << "| " << name << " | " << da.engine << " | " << da.columns << " | " << da.rows.size()
        << " | " << db.rows.size() << " | " << (same ? "yes" : "NO") << " |\n";
    if (!same) {
      std::vector<std::string> only_a, only_b;
      std::set_difference(da.rows.begin(), da.rows.end(), db.rows.begin(), db.rows.end(),
                          std::back_inserter(only_a));
      std::set_difference(db.rows.begin(), db.rows.end(), da.rows.begin(), da.rows.end(),
                          std::back_inserter(only_b));
      ADD_FAILURE() << name << ": " << only_a.size() << " row(s) only in a, " << only_b.size()
                    << " only in b; first: " << (only_a.empty() ? std::string("-") : only_a.front())
                    << " | " << (only_b.empty() ? std::string("-") : only_b.front());
    }
    ++tables;
    rows += da.rows.size();
  }
  EXPECT_EQ(a.size(), b.size());
  std::cout << out.str() << tables << " tables, " << rows << " rows compared\n";

  // The comparison covers the lifecycle and silver facts with real content.
  for (const char* t :
       {"fact_workflow_sessions", "fact_workflow_session_segments", "fact_workflow_latency_samples",
        "fact_lifecycle_edge_coverage", "fact_stream_status_samples", "fact_stream_trace_edges"}) {
    ASSERT_TRUE(a.count(t)) << t;
    EXPECT_GT(a.at(t).rows.size(), 0u) << t;
  }
  EXPECT_EQ(a.at("fact_workflow_sessions").rows.size(), 45u);  // one latest row per session
  EXPECT_EQ(a.at("fact_stream_status_samples").rows.size(), 99u);
  EXPECT_EQ(a.at("fact_stream_trace_edges").rows.size(), 267u);
}

}  // namespace
}  // namespace naap::testing
