// `naap trace`: on fixture sessions it shows every raw event of the session and
// every stored version of its fact row (compared with the store, read here by
// other means: the raw payloads' ids, not the pack's typed-table joins); an
// unknown session is one clear line and exit 1.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <fstream>
#include <map>
#include <set>

#include "harness_test_util.hpp"

namespace naap::testing {
namespace {

struct Session {
  std::string id, stream, request;
};

// The first session of every scenario of the promoted manifest, plus the
// session with the most stored version rows.
std::vector<Session> sessions_to_trace(store::Chdb& db) {
  std::vector<Session> out;
  simdjson::dom::parser parser;
  simdjson::dom::element manifest;
  EXPECT_FALSE(parser.load(std::string(NAAP_FIXTURES_DIR) + "/manifest.json").get(manifest));
  for (auto [scenario, body] : manifest["scenarios"].get_object()) {
    for (auto s : body["sessions"].get_array()) {
      out.push_back({str(s["workflow_session_id"]), str(s["stream_id"]), str(s["request_id"])});
      break;
    }
  }
  const auto row = tsv(db,
                       "SELECT workflow_session_id, any(stream_id), any(request_id) FROM "
                       "livepeer_analytics.fact_workflow_sessions GROUP BY workflow_session_id "
                       "ORDER BY count() DESC, workflow_session_id LIMIT 1");
  std::istringstream in(row);
  Session s;
  std::getline(in, s.id, '\t');
  std::getline(in, s.stream, '\t');
  std::getline(in, s.request, '\t');
  out.push_back(s);
  return out;
}

simdjson::dom::element section(simdjson::dom::element trace, const std::string& name) {
  for (auto s : trace["sections"].get_array()) {
    if (str(s["name"]) == name) return s;
  }
  ADD_FAILURE() << "no section " << name;
  return trace;
}

TEST(HarnessTrace, ShowsEveryRawEventAndEveryFactVersionOfFixtureSessions) {
  // Small batches: sessions are written as several version rows.
  FixtureStore fx("trace", "--batch-rows 50");
  ASSERT_EQ(fx.run().exit_code, 0) << fx.run().err;
  std::vector<Session> sessions;
  {
    store::Chdb db(fx.path());
    sessions = sessions_to_trace(db);
  }
  ASSERT_GE(sessions.size(), 4u);
  size_t multi_version_sessions = 0;
  for (size_t i = 0; i < sessions.size(); ++i) {
    const auto& s = sessions[i];
    SCOPED_TRACE(s.id);
    const auto json = run_command(naap() + " trace " + shell_quote(s.id) + " --store " +
                                  shell_quote(fx.path()) + " --format json");
    ASSERT_EQ(json.exit_code, 0) << json.err;
    // The text form for the first and the multi-version session (each run takes seconds).
    const bool with_text = i == 0 || i + 1 == sessions.size();
    CommandResult text;
    if (with_text) {
      text = run_command(naap() + " trace " + shell_quote(s.id) + " --store " +
                         shell_quote(fx.path()));
      ASSERT_EQ(text.exit_code, 0) << text.err;
    }

    simdjson::dom::parser parser;
    simdjson::dom::element trace;
    ASSERT_FALSE(parser.parse(json.out).get(trace)) << json.out.substr(0, 1000);
    EXPECT_TRUE(trace["found"].get_bool().value());
    for (auto sec : trace["sections"].get_array()) {
      EXPECT_TRUE(sec["error"].is_null()) << str(sec["name"]) << ": " << str(sec["error"]);
    }

    store::Chdb db(fx.path());
    // Raw events: the archive rows whose payload names the session's stream and request.
    std::set<std::string> expected_ids;
    for (const auto& id :
         tsv_lines(db,
                   "SELECT id FROM livepeer_analytics.streaming_events WHERE type IN "
                   "('ai_stream_status', 'stream_trace', 'ai_stream_events', "
                   "'stream_ingest_metrics') AND JSONExtractString(data, 'stream_id') = " +
                       sql_quote(s.stream) +
                       " AND JSONExtractString(data, 'request_id') = " + sql_quote(s.request))) {
      expected_ids.insert(id);
    }
    ASSERT_FALSE(expected_ids.empty());
    std::set<std::string> shown_ids;
    for (auto row : section(trace, "03_raw_events")["result"]["rows"].get_array()) {
      if (str(row["lane"]) == "raw") shown_ids.insert(str(row["id"]));
    }
    EXPECT_EQ(shown_ids, expected_ids);
    for (const auto& id : expected_ids) {
      if (with_text) {
        EXPECT_NE(text.out.find(id), std::string::npos)
            << "raw event " << id << " not in the text trace";
      }
    }

    // Versions: every stored version row of the session's fact.
    std::set<std::string> stored_versions;
    for (const auto& v : tsv_lines(db,
                                   "SELECT version FROM livepeer_analytics.fact_workflow_sessions "
                                   "WHERE workflow_session_id = " +
                                       sql_quote(s.id))) {
      stored_versions.insert(v);
    }
    ASSERT_FALSE(stored_versions.empty());
    if (stored_versions.size() > 1) ++multi_version_sessions;
    std::set<std::string> shown_versions;
    for (auto row : section(trace, "02_session_versions")["result"]["rows"].get_array()) {
      shown_versions.insert(str(row["version"]));
    }
    // A background merge may drop superseded rows after the trace read them.
    for (const auto& v : stored_versions) EXPECT_TRUE(shown_versions.count(v)) << "version " << v;
    EXPECT_EQ(*std::max_element(shown_versions.begin(), shown_versions.end(),
                                [](auto& a, auto& b) { return std::stoull(a) < std::stoull(b); }),
              *std::max_element(stored_versions.begin(), stored_versions.end(),
                                [](auto& a, auto& b) { return std::stoull(a) < std::stoull(b); }));
    const std::string latest =
        tsv(db,
            "SELECT max(version) FROM livepeer_analytics.fact_workflow_sessions "
            "WHERE workflow_session_id = " +
                sql_quote(s.id));
    EXPECT_EQ(
        str(section(trace, "01_session_diagnostics")["result"]["rows"].at(0)["latest_version"]),
        latest);

    // The text form carries every section, in order.
    if (!with_text) continue;
    for (const auto& v : stored_versions) {
      EXPECT_NE(text.out.find(v), std::string::npos) << "version " << v << " not in the text trace";
    }
    size_t pos = 0;
    for (const char* title :
         {"Session diagnostics", "Session versions", "Raw events", "Session timeline", "Segments",
          "Param updates", "Latency samples", "Edge coverage", "Gpu correlation observed",
          "Gpu correlation capabilities", "Rollup stream performance 1m", "Rollup latency kpis 1m",
          "Rollup reliability 1h", "Bronze silver gold audit", "Gold gpu view rows",
          "Gold sla view rows", "Gold network demand rows", "Gold network demand by gpu rows"}) {
      const size_t at = text.out.find(std::string(". ") + title + " (", pos);
      EXPECT_NE(at, std::string::npos) << title;
      if (at != std::string::npos) pos = at;
    }
  }
  // Background merges of the ReplacingMergeTree may collapse superseded rows
  // at any time, so several stored versions are likely, not certain.
  if (multi_version_sessions == 0) {
    std::cout << "note: every traced session had a single stored version row at check time\n";
  }
}

TEST(HarnessTrace, UnknownSessionIsOneClearLineAndExit1) {
  TempDir dir("trace-unknown");
  const std::string store = dir / "store";
  ASSERT_EQ(run_command(naap() + " schema apply --store " + shell_quote(store)).exit_code, 0);
  for (const char* format : {"table", "json"}) {
    const auto r = run_command(naap() + " trace 'no-such-stream|nope' --store " +
                               shell_quote(store) + " --format " + format);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("naap trace: no session 'no-such-stream|nope' in embedded store ", 0), 0u)
        << r.err;
  }
}

TEST(HarnessTrace, MissingStoreIsOneClearLineAndExit3) {
  const auto r = run_command(naap() + " trace 'a|b' --store /nonexistent/naap-store");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "naap: store directory '/nonexistent/naap-store' does not exist (create one with: naap "
            "run --store /nonexistent/naap-store --input FILE)\n");
}

}  // namespace
}  // namespace naap::testing
