// `naap check` with no file and no window option, on a store holding every
// bundled fixture: every bundled suite runs over all the data and passes,
// except the tests listed in kKnownFailures (owned elsewhere; remove a name
// when its fix lands and this test will hold it to PASS).
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <set>

#include "core/time.hpp"
#include "harness_test_util.hpp"
#include "store/embedded_sql.hpp"

namespace naap::testing {
namespace {

// Known failures on the fixture store, not weakened here: the SLA view and the
// session facts disagree (warehouse-correctness work, issue 4).
const std::set<std::string> kKnownFailures = {
    "sla_view_matches_session_fact",
    "sla_recompute_parity_vs_latest_sessions",
};

// Every -- TEST: name of the bundled suites, by suite file.
std::map<std::string, std::set<std::string>> bundled_tests() {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& f : store::embedded_sql()) {
    if (!f.path.starts_with("checks/")) continue;
    std::istringstream in{std::string(f.content)};
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("-- TEST:", 0) == 0) {
        std::string name = line.substr(8);
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t\r") + 1);
        out["sql/" + std::string(f.path)].insert(name);
      }
    }
  }
  return out;
}

TEST(HarnessCheck, EveryBundledSuitePassesOnTheFixtureStoreWithTheDefaultWindow) {
  FixtureStore fx("check-all");
  ASSERT_EQ(fx.run().exit_code, 0) << fx.run().err;
  const auto r =
      run_command(naap() + " check --store " + shell_quote(fx.path()) + " --format json");
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.exit_code << "\n" << r.err;

  simdjson::dom::parser parser;
  simdjson::dom::element report;
  ASSERT_FALSE(parser.parse(r.out).get(report)) << r.out.substr(0, 2000);

  // The default window is the whole store: first to last event + 1 ms.
  store::Chdb db(fx.path());
  auto iso = [](int64_t ms) {
    std::string s = format_utc_ms(ms);
    s[10] = 'T';
    return s + "Z";
  };
  const int64_t lo = std::stoll(tsv(db,
                                    "SELECT toUnixTimestamp64Milli(min(event_timestamp)) FROM "
                                    "livepeer_analytics.streaming_events"));
  const int64_t hi = std::stoll(tsv(db,
                                    "SELECT toUnixTimestamp64Milli(max(event_timestamp)) FROM "
                                    "livepeer_analytics.streaming_events"));
  EXPECT_EQ(str(report["from_ts"]), iso(lo));
  EXPECT_EQ(str(report["to_ts"]), iso(hi + 1));
  EXPECT_EQ(str(report["window_source"]), "all data in the store");

  // Every bundled test ran, once, under its suite.
  const auto expected = bundled_tests();
  ASSERT_EQ(expected.size(), 4u);
  std::map<std::string, std::set<std::string>> ran;
  std::set<std::string> failed, known_seen;
  size_t total = 0;
  for (auto t : report["results"].get_array()) {
    const std::string name = str(t["name"]);
    ran[str(t["source_file"])].insert(name);
    ++total;
    const bool passed = t["passed"].get_bool().value();
    if (kKnownFailures.count(name)) {
      known_seen.insert(name);
      if (passed) {
        std::cout << "note: known failure '" << name
                  << "' now passes: remove it from kKnownFailures\n";
      }
      continue;
    }
    if (!passed) {
      failed.insert(name);
      ADD_FAILURE() << "[FAIL] " << name << " (" << str(t["source_file"]) << ")"
                    << " failed_rows=" << str(t["failed_rows"]) << " error=" << str(t["error"])
                    << " diagnostics=" << str(t["diagnostics"]);
    }
  }
  EXPECT_EQ(ran, expected);
  size_t expected_total = 0;
  for (const auto& [file, names] : expected) expected_total += names.size();
  EXPECT_EQ(total, expected_total);
  EXPECT_EQ(known_seen, kKnownFailures) << "a known failure is no longer a bundled test";
  EXPECT_TRUE(failed.empty());

  // Exit code: 1 exactly when something failed.
  size_t failures = report["failed"].get_uint64().value();
  EXPECT_EQ(r.exit_code, failures ? 1 : 0);
  for (auto s : report["suites"].get_array()) EXPECT_TRUE(s["error"].is_null()) << str(s);
}

TEST(HarnessCheck, TableOutputHasVerdictLinesAndACountTable) {
  FixtureStore fx("check-table");
  ASSERT_EQ(fx.run().exit_code, 0) << fx.run().err;
  const auto r = run_command(naap() + " check --store " + shell_quote(fx.path()) +
                             " sql/checks/assertions_raw_typed.sql");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Window UTC: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(all data in the store)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Executed tests: 5 from 1 suite file(s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[PASS] raw_typed_core_1to1_parity (sql/checks/assertions_raw_typed.sql"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("All suites"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Summary: 5 passed, 0 failed"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace naap::testing
