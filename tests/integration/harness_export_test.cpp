// `naap fixtures export` -> `naap fixtures events` -> `naap run` round trip:
// the export of the fixture store, replayed into a fresh store, reproduces the
// exported sessions' facts, and exporting the fresh store again gives the
// same sessions with the same table_counts.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "harness_test_util.hpp"

namespace naap::testing {
namespace {

namespace fs = std::filesystem;

struct ManifestSession {
  std::string scenario, id, file;
  std::map<std::string, uint64_t> table_counts;
};

std::vector<ManifestSession> read_manifest(const std::string& dir) {
  std::vector<ManifestSession> out;
  simdjson::dom::parser parser;
  simdjson::dom::element m;
  EXPECT_FALSE(parser.load(dir + "/manifest.json").get(m)) << dir;
  EXPECT_EQ(str(m["metadata"]["fixture_event_source"]), "streaming_events");
  EXPECT_TRUE(m["window"]["from_ts"].is_string());
  for (auto [scenario, body] : m["scenarios"].get_object()) {
    size_t n = 0;
    for (auto s : body["sessions"].get_array()) {
      ManifestSession ms{std::string(scenario), str(s["workflow_session_id"]), str(s["file"]), {}};
      for (auto [k, v] : s["table_counts"].get_object())
        ms.table_counts[std::string(k)] = v.get_uint64();
      out.push_back(std::move(ms));
      ++n;
    }
    EXPECT_EQ(body["candidate_count"].get_uint64().value(), n);
  }
  return out;
}

std::string export_cmd(const std::string& store, const std::string& out) {
  return naap() + " fixtures export --store " + shell_quote(store) + " --out " + shell_quote(out) +
         " --limit-per-scenario 3";
}

// Rows of `table` for `ids`, every column but ingestion_timestamp, one TSV line each.
std::vector<std::string> fact_rows(store::Chdb& db, const std::string& table,
                                   const std::string& ids, const std::string& order) {
  return tsv_lines(db, "SELECT * EXCEPT (ingestion_timestamp) FROM livepeer_analytics." + table +
                           " FINAL WHERE workflow_session_id IN (" + ids + ") ORDER BY " + order);
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string f;
  while (std::getline(in, f, '\t')) out.push_back(f);
  return out;
}

TEST(HarnessExport, ExportReplayRoundTripReproducesFactsAndTableCounts) {
  FixtureStore a("export-a");
  ASSERT_EQ(a.run().exit_code, 0) << a.run().err;
  const std::string e1 = a / "export1", store_b = a / "store-b", e2 = a / "export2";

  const auto x1 = run_command(export_cmd(a.path(), e1));
  ASSERT_EQ(x1.exit_code, 0) << x1.err;
  EXPECT_NE(x1.out.find("Wrote fixture snapshot: " + e1), std::string::npos) << x1.out;
  const auto m1 = read_manifest(e1);
  ASSERT_GE(m1.size(), 8u);  // scenarios 1, 2, 3 and 5 have candidates in the fixtures
  std::set<std::string> scenarios;
  for (const auto& s : m1) scenarios.insert(s.scenario);
  EXPECT_TRUE(scenarios.count("scenario_1_clean_success_no_swap_fps_gt_12"));
  EXPECT_TRUE(scenarios.count("scenario_2_no_orchestrator_then_closed"));
  EXPECT_TRUE(scenarios.count("scenario_3_success_with_swap"));
  EXPECT_TRUE(scenarios.count("scenario_5_out_of_category_baseline"));

  // Newer raw-archive format, one session per file, counts as in the manifest.
  simdjson::dom::parser parser;
  std::set<std::string> exported_once;
  uint64_t capability_rows = 0;
  for (const auto& s : m1) {
    SCOPED_TRACE(s.file);
    EXPECT_TRUE(exported_once.insert(s.id).second) << "session exported twice: " << s.id;
    std::ifstream in(e1 + "/" + s.file);
    ASSERT_TRUE(in) << s.file;
    std::map<std::string, uint64_t> counts;
    std::string line;
    while (std::getline(in, line)) {
      simdjson::dom::element row;
      ASSERT_FALSE(parser.parse(line).get(row)) << line.substr(0, 300);
      EXPECT_EQ(str(row["__table"]), "streaming_events");
      EXPECT_EQ(str(row["__scenario"]), s.scenario);
      EXPECT_EQ(str(row["__workflow_session_id"]), s.id);
      EXPECT_TRUE(row["id"].is_string());
      EXPECT_TRUE(row["timestamp"].is_uint64() || row["timestamp"].is_int64());
      EXPECT_TRUE(row["data"].is_string());
      ++counts["streaming_events"];
      ++counts["streaming_events:" + str(row["type"])];
    }
    EXPECT_EQ(counts, s.table_counts);
    capability_rows += counts["streaming_events:network_capabilities"];
  }
  EXPECT_GT(capability_rows, 0u) << "no capability context exported";

  // Replay into a fresh store.
  const auto replay = run_command(naap() + " fixtures events " + shell_quote(e1) + " | " + naap() +
                                  " run --quiet --input - --store " + shell_quote(store_b));
  ASSERT_EQ(replay.exit_code, 0) << replay.err;

  std::string ids;
  for (const auto& s : m1) ids += (ids.empty() ? "" : ",") + sql_quote(s.id);
  {
    store::Chdb b(store_b);
    // Spec §6 item 29: every exported event is in the new store, once.
    for (const auto& s : m1) {
      std::ifstream in(e1 + "/" + s.file);
      std::string line, in_ids;
      while (std::getline(in, line)) {
        simdjson::dom::element row;
        ASSERT_FALSE(parser.parse(line).get(row));
        in_ids += (in_ids.empty() ? "" : ",") + sql_quote(str(row["id"]));
      }
      for (const auto& [key, n] : s.table_counts) {
        const std::string type_filter =
            key == "streaming_events" ? "" : " AND type = " + sql_quote(key.substr(17));
        EXPECT_EQ(
            to_u64(tsv(b, "SELECT count() FROM livepeer_analytics.streaming_events WHERE id IN (" +
                              in_ids + ")" + type_filter)),
            n)
            << s.file << " " << key;
      }
    }
  }

  // Same facts for every exported session.
  std::vector<std::string> sessions_a, sessions_b, segments_a, segments_b, edges_a, edges_b;
  {
    store::Chdb db(a.path());
    sessions_a = fact_rows(db, "fact_workflow_sessions", ids, "workflow_session_id");
    segments_a =
        fact_rows(db, "fact_workflow_session_segments", ids, "workflow_session_id, segment_index");
    edges_a = tsv_lines(db,
                        "SELECT workflow_session_id, edge_ts, trace_type, orchestrator_address, "
                        "source_event_uid FROM livepeer_analytics.fact_stream_trace_edges WHERE "
                        "workflow_session_id IN (" +
                            ids + ") ORDER BY ALL");
  }
  {
    store::Chdb db(store_b);
    sessions_b = fact_rows(db, "fact_workflow_sessions", ids, "workflow_session_id");
    segments_b =
        fact_rows(db, "fact_workflow_session_segments", ids, "workflow_session_id, segment_index");
    edges_b = tsv_lines(db,
                        "SELECT workflow_session_id, edge_ts, trace_type, orchestrator_address, "
                        "source_event_uid FROM livepeer_analytics.fact_stream_trace_edges WHERE "
                        "workflow_session_id IN (" +
                            ids + ") ORDER BY ALL");
  }
  EXPECT_EQ(sessions_a.size(), m1.size());
  EXPECT_EQ(edges_a, edges_b);

  // The one column allowed to differ is the uid of the session's last event
  // when its last events share a millisecond: the export orders such ties by
  // id (spec §4.4.2 step 6), the original fixtures by file order, and the raw
  // archive keeps no arrival order to reproduce.
  auto compare = [&](const std::vector<std::string>& ra, const std::vector<std::string>& rb,
                     const std::string& table, const std::string& uid_column) {
    ASSERT_EQ(ra.size(), rb.size()) << table;
    store::Chdb db(a.path());
    const auto header = tsv_lines(db,
                                  "SELECT name FROM system.columns WHERE database = "
                                  "'livepeer_analytics' AND table = " +
                                      sql_quote(table) +
                                      " AND name != 'ingestion_timestamp' AND default_kind NOT IN "
                                      "('MATERIALIZED', 'ALIAS') ORDER BY position");
    for (size_t i = 0; i < ra.size(); ++i) {
      if (ra[i] == rb[i]) continue;
      const auto fa = split_tabs(ra[i]), fb = split_tabs(rb[i]);
      ASSERT_EQ(fa.size(), header.size()) << table;
      ASSERT_EQ(fb.size(), header.size()) << table;
      for (size_t c = 0; c < fa.size(); ++c) {
        if (fa[c] == fb[c]) continue;
        if (header[c] == uid_column) {
          EXPECT_EQ(tsv(db,
                        "SELECT uniqExact(event_timestamp), count() FROM "
                        "livepeer_analytics.streaming_events WHERE raw_event_uid IN (" +
                            sql_quote(fa[c]) + ", " + sql_quote(fb[c]) + ")"),
                    "1\t2")
              << table << "." << uid_column << " differs beyond a same-millisecond tie: " << fa[c]
              << " vs " << fb[c];
        } else {
          ADD_FAILURE() << table << "." << header[c] << " differs for " << fa[0] << ": " << fa[c]
                        << " vs " << fb[c];
        }
      }
    }
  };
  compare(sessions_a, sessions_b, "fact_workflow_sessions", "source_last_event_uid");
  compare(segments_a, segments_b, "fact_workflow_session_segments", "source_event_uid");

  // Export again from the new store: the same sessions with the same table_counts.
  const auto x2 = run_command(export_cmd(store_b, e2));
  ASSERT_EQ(x2.exit_code, 0) << x2.err;
  const auto m2 = read_manifest(e2);
  auto key = [](const std::vector<ManifestSession>& m) {
    std::map<std::pair<std::string, std::string>, std::map<std::string, uint64_t>> k;
    for (const auto& s : m) k[{s.scenario, s.id}] = s.table_counts;
    return k;
  };
  EXPECT_EQ(key(m1), key(m2));
}

TEST(HarnessExport, RefusesANonEmptyOutputFolder) {
  TempDir dir("export-nonempty");
  std::ofstream(dir / "keep.txt") << "x";
  const auto r = run_command(naap() + " fixtures export --store " + shell_quote(dir / "store") +
                             " --out " + shell_quote(dir.path()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "naap: --out '" + dir.path() + "' exists and is not an empty directory\n");
}

}  // namespace
}  // namespace naap::testing
