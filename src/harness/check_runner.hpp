// The assertion runner (warehouse spec §2.3, §4.2): runs every `-- TEST:`
// block of the given suites in order; a test PASSes iff its first row has
// failed_rows = 0, and FAILs on non-zero, on no rows, on a missing or
// non-numeric failed_rows and on a query error (shown). A duplicated test
// name FAILs without running. Every test runs whatever happened before.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "harness/params.hpp"
#include "harness/result_table.hpp"
#include "harness/sql_blocks.hpp"
#include "harness/window.hpp"
#include "store/connection.hpp"

namespace naap::harness {

struct SuiteInput {
  std::string label;  // path as given, or "sql/checks/x.sql" for bundled suites
  std::string text;
  std::string error;  // set when the file could not be read
};

struct TestResult {
  std::string name;
  std::string source_file;
  size_t line = 0;
  bool passed = false;
  int64_t failed_rows = 0;
  std::string error;
  // Every other column of the first row (the whole row when failed_rows is missing).
  std::vector<std::pair<std::string, Cell>> diagnostics;
  double elapsed_s = 0;
};

struct SuiteSummary {
  std::string source_file;
  size_t tests = 0, passed = 0, failed = 0;
  std::string problem;  // unreadable file, no -- TEST: blocks
};

struct CheckReport {
  Window window;
  std::string warehouse;
  std::vector<SuiteSummary> suites;
  std::vector<TestResult> tests;
  size_t passed = 0, failed = 0;
  bool input_problem() const;
  // 0 all passed; 1 a test failed; 2 a suite file was unusable.
  int exit_code() const;
};

// The tests to run: every block of every usable suite, in order; a repeated
// name (within or across suites) is planned as a FAIL that does not run.
struct CheckPlan {
  struct Item {
    SqlBlock block;
    std::string error;  // set: FAIL without running
  };
  std::vector<SuiteSummary> suites;
  std::vector<Item> items;
};
CheckPlan plan_checks(const std::vector<SuiteInput>& suites);

using TestCallback = std::function<void(const TestResult&)>;

CheckReport run_checks(store::Connection& conn, const CheckPlan& plan, const Window& window,
                       const ParamSet& params, const TestCallback& on_test = {});

// Text output (spec §2.4 plus a per-suite table). print_check_header before
// the run, print_test_result per test, print_check_summary at the end.
void print_check_header(std::ostream& out, const Window& w, const std::string& warehouse,
                        const CheckPlan& plan);
void print_test_result(std::ostream& out, const TestResult& r, bool verbose);
void print_check_summary(std::ostream& out, const CheckReport& report);

// The JSON report: {from_ts, to_ts, window_source, warehouse, passed, failed,
// suites: [...], results: [{name, source_file, line, passed, failed_rows,
// diagnostics, error, elapsed_s}]}.
std::string check_report_json(const CheckReport& report);

}  // namespace naap::harness
