// End-to-end: the naap binary over real inputs into a real embedded store,
// read back by a second process (this test) with the same engine.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "harness.hpp"

namespace naap::testing {
namespace {

namespace fs = std::filesystem;

std::string q(store::Chdb& db, const std::string& sql) {
  std::string out = db.query(sql, "TSV").data;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// Resolves a manifest `file` in any of its three forms (spec README item 10).
fs::path resolve_manifest_file(const fs::path& manifest, const std::string& file) {
  const fs::path fixtures = NAAP_FIXTURES_DIR;
  const std::string prefix = "tests/integration/fixtures/";
  if (file.rfind(prefix, 0) == 0) return fixtures / file.substr(prefix.size());
  if (fs::exists(manifest.parent_path() / file)) return manifest.parent_path() / file;
  return fixtures / file;
}

std::set<std::string> ids_in_session_file(const fs::path& file, const std::string& type) {
  // Event ids of `type` in a newer-format session file (raw archive rows).
  std::set<std::string> ids;
  std::ifstream in(file);
  std::string line;
  simdjson::dom::parser parser;
  while (std::getline(in, line)) {
    simdjson::dom::element row;
    if (parser.parse(line).get(row)) continue;
    std::string_view t;
    if (row["type"].get(t) || t != type) continue;
    ids.insert(std::string(row["id"].get_string().value()));
  }
  return ids;
}

class FixtureReplay : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("fixture-replay");
    const std::string store = *dir_ / "store";
    result_ = new CommandResult(run_command(naap() + " fixtures events " +
                                            shell_quote(NAAP_FIXTURES_DIR) + " | " + naap() +
                                            " run --input - --store " + shell_quote(store)));
    input_lines_ = 0;
    const auto events =
        run_command(naap() + " fixtures events " + shell_quote(NAAP_FIXTURES_DIR) + " | wc -l");
    input_lines_ = std::stoull(events.out);
  }
  static void TearDownTestSuite() {
    delete result_;
    delete dir_;
  }
  static TempDir* dir_;
  static CommandResult* result_;
  static uint64_t input_lines_;
};
TempDir* FixtureReplay::dir_ = nullptr;
CommandResult* FixtureReplay::result_ = nullptr;
uint64_t FixtureReplay::input_lines_ = 0;

TEST_F(FixtureReplay, RunSucceedsAndPrintsTheSummary) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  EXPECT_NE(result_->out.find("lines read"), std::string::npos) << result_->out;
  EXPECT_NE(result_->out.find("events/s"), std::string::npos) << result_->out;
  EXPECT_EQ(input_lines_, 512u);
}

TEST_F(FixtureReplay, EveryManifestSessionHasItsTypedRowCounts) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  store::Chdb db(*dir_ / "store");
  size_t sessions_checked = 0, counts_checked = 0;
  simdjson::dom::parser parser;
  for (const auto& entry : fs::recursive_directory_iterator(NAAP_FIXTURES_DIR)) {
    if (entry.path().filename() != "manifest.json") continue;
    simdjson::dom::element manifest;
    ASSERT_FALSE(parser.load(entry.path().string()).get(manifest)) << entry.path();
    for (auto [scenario, body] : manifest["scenarios"].get_object()) {
      for (auto session : body["sessions"].get_array()) {
        const std::string stream(session["stream_id"].get_string().value());
        const std::string request(session["request_id"].get_string().value());
        const fs::path file =
            resolve_manifest_file(entry.path(), std::string(session["file"].get_string().value()));
        const std::string where = "stream_id = '" + stream + "' AND request_id = '" + request + "'";
        ++sessions_checked;
        for (auto [key, value] : session["table_counts"].get_object()) {
          const uint64_t expected = value.get_uint64().value();
          std::string table(key);
          if (table.rfind("streaming_events:", 0) == 0) {
            const std::string type = table.substr(strlen("streaming_events:"));
            if (type == "network_capabilities") {
              // Broadcasts are not per session: count the session file's events.
              std::string in;
              for (const auto& id : ids_in_session_file(file, type)) {
                in += (in.empty() ? "'" : ",'") + id + "'";
              }
              EXPECT_EQ(to_u64(q(db,
                                 "SELECT count() FROM livepeer_analytics.streaming_events "
                                 "WHERE type = 'network_capabilities' AND id IN (" +
                                     in + ")")),
                        expected)
                  << file;
              ++counts_checked;
              continue;
            }
            static const std::map<std::string, std::string> kTyped = {
                {"ai_stream_status", "ai_stream_status"},
                {"stream_trace", "stream_trace_events"},
                {"ai_stream_events", "ai_stream_events"},
                {"stream_ingest_metrics", "stream_ingest_metrics"}};
            ASSERT_TRUE(kTyped.count(type)) << type;
            table = kTyped.at(type);
          }
          if (table != "ai_stream_status" && table != "stream_trace_events" &&
              table != "ai_stream_events" && table != "stream_ingest_metrics") {
            continue;
          }
          EXPECT_EQ(
              to_u64(q(db, "SELECT count() FROM livepeer_analytics." + table + " WHERE " + where)),
              expected)
              << scenario << " " << stream << "|" << request << " " << table;
          ++counts_checked;
        }
      }
    }
  }
  EXPECT_EQ(sessions_checked, 54u);  // 9 per snapshot manifest + 9 promoted
  EXPECT_GT(counts_checked, 200u);
}

TEST_F(FixtureReplay, RawDlqAndQuarantinePartitionTheInput) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  store::Chdb db(*dir_ / "store");
  const uint64_t raw = to_u64(q(db, "SELECT count() FROM livepeer_analytics.streaming_events"));
  const uint64_t dlq = to_u64(q(db, "SELECT count() FROM livepeer_analytics.streaming_events_dlq"));
  const uint64_t quarantine =
      to_u64(q(db, "SELECT count() FROM livepeer_analytics.streaming_events_quarantine"));
  EXPECT_EQ(raw + dlq + quarantine, input_lines_);
  EXPECT_EQ(dlq, 0u) << q(db,
                          "SELECT failure_reason, failure_details FROM "
                          "livepeer_analytics.streaming_events_dlq LIMIT 5");
  EXPECT_EQ(raw, input_lines_);
}

TEST_F(FixtureReplay, EveryTableIsReadableFromASecondProcess) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  store::Chdb db(*dir_ / "store");
  const std::string tables = q(db,
                               "SELECT name FROM system.tables WHERE database = "
                               "'livepeer_analytics' ORDER BY name");
  std::istringstream in(tables);
  std::string name;
  size_t n = 0;
  while (std::getline(in, name)) {
    SCOPED_TRACE(name);
    EXPECT_NO_THROW(db.query("SELECT * FROM livepeer_analytics." + name + " LIMIT 1"));
    ++n;
  }
  EXPECT_GE(n, 30u);
  EXPECT_EQ(to_u64(q(db, "SELECT count() FROM livepeer_analytics.ai_stream_status")),
            to_u64(q(db,
                     "SELECT count() FROM livepeer_analytics.streaming_events WHERE type = "
                     "'ai_stream_status'")));
}

TEST(Cli, MissingInputIsOneClearLineAndNonZeroExit) {
  TempDir dir("cli-missing");
  const auto r = run_command(naap() + " run --input /nonexistent/events.jsonl --store " +
                             shell_quote(dir / "store"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.err,
            "naap: cannot open input '/nonexistent/events.jsonl': No such file or directory\n");
}

TEST(Cli, UnwritableStoreIsOneClearLineAndNonZeroExit) {
  TempDir dir("cli-readonly");
  const std::string ro = dir / "ro";
  fs::create_directories(ro);
  fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);
  std::ofstream(dir / "in.jsonl") << "{}\n";
  // root ignores permission bits; a store path under a regular file is
  // unwritable for everyone.
  std::ofstream(dir / "file") << "x";
  const auto r = run_command(naap() + " run --input " + shell_quote(dir / "in.jsonl") +
                             " --store " + shell_quote(dir / "file/store"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("naap: store directory '", 0), 0u) << r.err;
  fs::permissions(ro, fs::perms::owner_all);
}

TEST(Cli, UnknownOptionIsOneLine) {
  const auto r = run_command(naap() + " run --bogus");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

// The warehouse refusing a batch (here: a column the insert names was dropped)
// stops the run with the engine's message on one line and a non-zero exit,
// although the insert runs on a worker thread.
TEST(Cli, AnInsertTheWarehouseRefusesStopsTheRunWithItsMessage) {
  TempDir dir("insert-refused");
  const std::string store = dir / "store";
  ASSERT_EQ(run_command(naap() + " schema apply --store " + shell_quote(store)).exit_code, 0);
  {
    store::Chdb db(store);
    db.query("ALTER TABLE livepeer_analytics.stream_trace_events DROP COLUMN raw_json", "TSV");
  }
  const auto events = run_command(naap() + " fixtures events " + shell_quote(NAAP_FIXTURES_DIR));
  ASSERT_EQ(events.exit_code, 0) << events.err;
  const std::string input = dir / "events.jsonl";
  std::ofstream(input, std::ios::binary) << events.out;
  const auto r =
      run_command(naap() + " run --input " + shell_quote(input) + " --store " + shell_quote(store));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("naap: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("No such column raw_json in table livepeer_analytics.stream_trace_events"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");  // no summary: the run did not complete
}

}  // namespace
}  // namespace naap::testing
