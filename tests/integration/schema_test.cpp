// The warehouse schema: migrations apply idempotently and are recorded; every
// row type the pipeline writes agrees with the DDL column for column; the
// retention modes set (or remove) the TTLs and the run reports what falls
// outside them.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "harness.hpp"
#include "ingest/decoded_event.hpp"
#include "lifecycle/fact_rows.hpp"
#include "store/warehouse.hpp"

namespace naap::testing {
namespace {

std::string q(store::Chdb& db, const std::string& sql) {
  std::string out = db.query(sql, "TSVRaw").data;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST(Schema, MigrationsApplyOnceAndAreRecorded) {
  TempDir dir("schema-apply");
  const std::string store = dir / "store";
  const auto first = run_command(naap() + " schema apply --store " + shell_quote(store));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const size_t n = store::migrations().size();
  EXPECT_NE(first.out.find("schema: " + std::to_string(n) + " migration(s) applied"),
            std::string::npos)
      << first.out;
  const auto second = run_command(naap() + " schema apply --store " + shell_quote(store));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("schema: 0 migration(s) applied (0 statements), " +
                            std::to_string(n) + " already applied"),
            std::string::npos)
      << second.out;
  store::Chdb db(store);
  EXPECT_EQ(q(db, "SELECT count() FROM livepeer_analytics.schema_migrations FINAL"),
            std::to_string(n));
}

// Every row type's (name, type) list must equal the table's columns that have
// no DEFAULT/MATERIALIZED expression, plus any defaulted columns it sends.
template <typename Row>
void expect_row_matches_ddl(store::Chdb& db) {
  SCOPED_TRACE(std::string(Row::kTable));
  std::map<std::string, std::pair<std::string, std::string>> ddl;  // name -> (type, default_kind)
  std::istringstream in(q(db,
                          "SELECT name, type, default_kind FROM system.columns WHERE database = "
                          "'livepeer_analytics' AND table = '" +
                              std::string(Row::kTable) + "'"));
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream cols(line);
    std::string name, type, kind;
    std::getline(cols, name, '\t');
    std::getline(cols, type, '\t');
    std::getline(cols, kind, '\t');
    ddl[name] = {type, kind};
  }
  ASSERT_FALSE(ddl.empty()) << "table missing";
  std::set<std::string> sent;
  for (const auto& c : Row::kColumns) {
    const std::string name(c.name);
    ASSERT_TRUE(ddl.count(name)) << "column " << name << " not in the DDL";
    EXPECT_EQ(ddl[name].first, std::string(c.type)) << name;
    EXPECT_NE(ddl[name].second, "MATERIALIZED") << name;
    EXPECT_NE(ddl[name].second, "ALIAS") << name;
    sent.insert(name);
  }
  for (const auto& [name, tk] : ddl) {
    // The one column the reference never sends: coverage rows rely on its
    // NULL default (lifecycle spec §10).
    const bool known_unsent =
        Row::kTable == std::string_view("fact_lifecycle_edge_coverage") && name == "model_id";
    if (tk.second.empty() && !known_unsent) {
      EXPECT_TRUE(sent.count(name)) << "DDL column " << name << " never sent";
    }
  }
}

TEST(Schema, EveryRowTypeMatchesItsTable) {
  TempDir dir("schema-sync");
  const auto r = run_command(naap() + " schema apply --store " + shell_quote(dir / "store"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  store::Chdb db(dir / "store");
  for (size_t t = 0; t < ingest::kTableCount; ++t) {
    ingest::with_row_type(static_cast<ingest::TableId>(t), [&](auto id) {
      expect_row_matches_ddl<typename decltype(id)::type>(db);
    });
  }
  expect_row_matches_ddl<lifecycle::FactWorkflowSessionRow>(db);
  expect_row_matches_ddl<lifecycle::FactWorkflowLatencySampleRow>(db);
  expect_row_matches_ddl<lifecycle::FactWorkflowSessionSegmentRow>(db);
  expect_row_matches_ddl<lifecycle::FactWorkflowParamUpdateRow>(db);
  expect_row_matches_ddl<lifecycle::FactLifecycleEdgeCoverageRow>(db);
  expect_row_matches_ddl<lifecycle::FactStreamStatusSampleRow>(db);
  expect_row_matches_ddl<lifecycle::FactStreamTraceEdgeRow>(db);
  // The four capability dimension MVs exist (events-and-ingest §6.1 schema sync).
  EXPECT_EQ(q(db,
              "SELECT count() FROM system.tables WHERE database = 'livepeer_analytics' AND "
              "engine = 'MaterializedView' AND name LIKE 'mv_network_capabilities%_to_dim_%'"),
            "4");
}

uint64_t tables_with_ttl(store::Chdb& db, const std::string& needle) {
  return to_u64(q(db,
                  "SELECT count() FROM system.tables WHERE database = 'livepeer_analytics' AND "
                  "position(engine_full, '" +
                      needle + "') > 0"));
}

TEST(Schema, RetentionModesSetAndRemoveTtls) {
  TempDir dir("retention");
  const std::string store = dir / "store";
  const size_t ttl_tables = store::table_retentions().size();
  ASSERT_GE(ttl_tables, 25u);
  ASSERT_EQ(run_command(naap() + " schema apply --retention spec --store " + shell_quote(store))
                .exit_code,
            0);
  {
    store::Chdb db(store);
    EXPECT_EQ(tables_with_ttl(db, " TTL "), ttl_tables);
    EXPECT_EQ(q(db,
                "SELECT count() FROM system.tables WHERE database = 'livepeer_analytics' AND name "
                "= 'streaming_events_quarantine' AND position(engine_full, 'toIntervalDay(7)') > 0"),
              "1");
  }
  ASSERT_EQ(run_command(naap() + " schema apply --retention 12 --store " + shell_quote(store))
                .exit_code,
            0);
  {
    store::Chdb db(store);
    EXPECT_EQ(tables_with_ttl(db, "toIntervalDay(12)"), ttl_tables);
  }
  ASSERT_EQ(run_command(naap() + " schema apply --retention none --store " + shell_quote(store))
                .exit_code,
            0);
  {
    store::Chdb db(store);
    EXPECT_EQ(tables_with_ttl(db, " TTL "), 0u);
  }
  const auto bad = run_command(naap() + " schema apply --retention forever --store " +
                               shell_quote(store));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err,
            "naap: --retention must be 'spec', 'none' or a number of days, not 'forever'\n");
}

TEST(Schema, SpecRetentionDropsOldRowsAndTheRunSaysHowMany) {
  TempDir dir("retention-run");
  const std::string events = dir / "events.jsonl";
  {
    std::ofstream f(events);
    // Feb 2026: far past every spec TTL today; and one event from now.
    f << R"({"id":"old","type":"ai_stream_events","timestamp":"1771800000000","gateway":"g","data":{"stream_id":"s","request_id":"r","pipeline":"p","type":"error","message":"m"}})"
      << "\n";
    const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    f << R"({"id":"new","type":"ai_stream_events","timestamp":")" << now_ms
      << R"(","gateway":"g","data":{"stream_id":"s2","request_id":"r","pipeline":"p","type":"error","message":"m"}})"
      << "\n";
  }
  const auto spec = run_command(naap() + " run --retention spec --input " + shell_quote(events) +
                                " --store " + shell_quote(dir / "spec"));
  ASSERT_EQ(spec.exit_code, 0) << spec.err;
  EXPECT_NE(spec.out.find("outside the retention in force and were dropped"), std::string::npos)
      << spec.out;
  {
    store::Chdb db(dir / "spec");
    EXPECT_EQ(q(db, "SELECT groupArray(id) FROM livepeer_analytics.streaming_events"), "['new']");
  }
  const auto none = run_command(naap() + " run --input " + shell_quote(events) + " --store " +
                                shell_quote(dir / "none"));
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_NE(none.out.find("older than the spec's TTL and kept"), std::string::npos) << none.out;
  store::Chdb db(dir / "none");
  EXPECT_EQ(q(db, "SELECT count() FROM livepeer_analytics.streaming_events"), "2");
}

}  // namespace
}  // namespace naap::testing
