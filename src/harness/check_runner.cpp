#include "harness/check_runner.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <map>
#include <ostream>

namespace naap::harness {
namespace {

// failed_rows as an integer, or an error text.
bool read_failed_rows(const Cell& c, int64_t& n, std::string& error) {
  if (c.is_null) {
    error = "failed_rows is NULL";
    return false;
  }
  const std::string& s = c.json.size() && c.json[0] == '"' ? c.text : c.json;
  try {
    size_t used = 0;
    const long double v = std::stold(s, &used);
    if (used != s.size() || !std::isfinite(static_cast<double>(v)) || v != std::floor(v)) {
      throw std::invalid_argument(s);
    }
    n = static_cast<int64_t>(v);
    return true;
  } catch (...) {
    error = "failed_rows is not numeric (" + c.text.substr(0, 60) + ")";
    return false;
  }
}

std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

std::string diagnostics_json(const TestResult& r) {
  std::string out = "{";
  for (size_t i = 0; i < r.diagnostics.size(); ++i) {
    if (i) out += ", ";
    out += json_quote(r.diagnostics[i].first) + ": " + r.diagnostics[i].second.json;
  }
  return out + "}";
}

}  // namespace

bool CheckReport::input_problem() const {
  for (const auto& s : suites) {
    if (!s.problem.empty()) return true;
  }
  return false;
}

int CheckReport::exit_code() const {
  if (input_problem()) return 2;
  return failed ? 1 : 0;
}

CheckPlan plan_checks(const std::vector<SuiteInput>& suites) {
  CheckPlan plan;
  std::map<std::string, std::string> first_seen;  // name -> "file:line"
  for (const auto& in : suites) {
    SuiteSummary s;
    s.source_file = in.label;
    if (!in.error.empty()) {
      s.problem = in.error;
      plan.suites.push_back(s);
      continue;
    }
    const auto blocks = parse_blocks(in.text, "TEST", in.label);
    if (blocks.empty()) {
      const size_t markers = count_markers(in.text, "TEST");
      const size_t queries = count_markers(in.text, "QUERY");
      s.problem = markers   ? "its -- TEST: blocks are all empty"
                  : queries ? fmt::format(
                                  "no -- TEST: blocks (it has {} -- QUERY: blocks: a query pack, "
                                  "run it with naap query)",
                                  queries)
                            : "no -- TEST: blocks (a test starts with a line '-- TEST: name')";
      plan.suites.push_back(s);
      continue;
    }
    for (const auto& b : blocks) {
      CheckPlan::Item item{b, {}};
      const std::string where = fmt::format("{}:{}", b.source_file, b.line);
      if (b.name.empty()) {
        item.error = "the -- TEST: marker at " + where + " has no test name; not run";
      } else if (auto [it, fresh] = first_seen.emplace(b.name, where); !fresh) {
        item.error = "duplicate test name '" + b.name + "' (first defined at " + it->second +
                     "); this block was not run";
      }
      plan.items.push_back(std::move(item));
      ++s.tests;
    }
    plan.suites.push_back(s);
  }
  return plan;
}

CheckReport run_checks(store::Connection& conn, const CheckPlan& plan, const Window& window,
                       const ParamSet& params, const TestCallback& on_test) {
  CheckReport report;
  report.window = window;
  report.warehouse = conn.describe();
  report.suites = plan.suites;
  for (const auto& item : plan.items) {
    const SqlBlock& block = item.block;
    TestResult r;
    r.name = block.name.empty() ? fmt::format("(unnamed at line {})", block.line) : block.name;
    r.source_file = block.source_file;
    r.line = block.line;
    const auto t0 = std::chrono::steady_clock::now();
    if (!item.error.empty()) {
      r.error = item.error;
    } else {
      try {
        const ResultTable t = run_table(conn, block.sql, params.for_sql(block.sql));
        if (t.rows.empty()) {
          r.error = "Query returned no rows";
        } else {
          const auto col = t.column("failed_rows");
          if (!col) r.error = "Missing required column: failed_rows";
          for (size_t c = 0; c < t.columns.size(); ++c) {
            if (col && c == *col) continue;
            r.diagnostics.emplace_back(t.columns[c], t.rows[0][c]);
          }
          if (col) read_failed_rows(t.rows[0][*col], r.failed_rows, r.error);
        }
      } catch (const store::ConnectionError&) {
        throw;  // the warehouse went away: no point running the rest
      } catch (const std::exception& e) {
        r.error = one_line(e.what());
        const auto missing = params.unbound(block.sql);
        if (!missing.empty()) {
          r.error += " (no value for {" + missing.front() + ":...}: give --param " +
                     missing.front() + "=VALUE)";
        }
      }
    }
    r.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!r.error.empty() && r.failed_rows == 0) r.failed_rows = 1;
    r.passed = r.error.empty() && r.failed_rows == 0;
    r.passed ? ++report.passed : ++report.failed;
    for (auto& s : report.suites) {
      if (s.source_file == r.source_file) r.passed ? ++s.passed : ++s.failed;
    }
    if (on_test) on_test(r);
    report.tests.push_back(std::move(r));
  }
  return report;
}

void print_check_header(std::ostream& out, const Window& w, const std::string& warehouse,
                        const CheckPlan& plan) {
  out << fmt::format("Window UTC: {} -> {} ({})\n", w.iso_from(), w.iso_to(), w.source);
  out << fmt::format("Warehouse: {}\n", warehouse);
  out << fmt::format("Executed tests: {} from {} suite file(s)\n\n", plan.items.size(),
                     plan.suites.size());
}

void print_test_result(std::ostream& out, const TestResult& r, bool verbose) {
  out << fmt::format("[{}] {} ({})\n", r.passed ? "PASS" : "FAIL", r.name, r.source_file);
  if (!r.error.empty()) out << "  error: " << r.error << "\n";
  if (r.failed_rows != 0) out << "  failed_rows: " << r.failed_rows << "\n";
  if ((verbose || !r.passed) && !r.diagnostics.empty()) {
    out << "  diagnostics: " << diagnostics_json(r) << "\n";
  }
  out.flush();
}

void print_check_summary(std::ostream& out, const CheckReport& report) {
  size_t w = std::string_view("All suites").size();
  for (const auto& s : report.suites) w = std::max(w, display_width(s.source_file));
  out << "\n"
      << fmt::format("{:<{}}  {:>5}  {:>6}  {:>6}\n", "Suite", w, "Tests", "Passed", "Failed");
  out << fmt::format("{:-<{}}  {:->5}  {:->6}  {:->6}\n", "", w, "", "", "");
  for (const auto& s : report.suites) {
    if (!s.problem.empty()) {
      out << fmt::format("{:<{}}  {:>5}  {:>6}  {:>6}  ERROR: {}\n", s.source_file, w, "-", "-",
                         "-", s.problem);
    } else {
      out << fmt::format("{:<{}}  {:>5}  {:>6}  {:>6}\n", s.source_file, w, s.tests, s.passed,
                         s.failed);
    }
  }
  out << fmt::format("{:<{}}  {:>5}  {:>6}  {:>6}\n", "All suites", w, report.tests.size(),
                     report.passed, report.failed);
  if (report.failed) {
    out << "\nFailed tests:\n";
    for (const auto& t : report.tests) {
      if (!t.passed) out << fmt::format("  {} ({}:{})\n", t.name, t.source_file, t.line);
    }
  }
  out << fmt::format("\nSummary: {} passed, {} failed\n", report.passed, report.failed);
}

std::string check_report_json(const CheckReport& report) {
  std::string out = "{\n";
  out += "  \"from_ts\": " + json_quote(report.window.iso_from()) + ",\n";
  out += "  \"to_ts\": " + json_quote(report.window.iso_to()) + ",\n";
  out += "  \"window_source\": " + json_quote(report.window.source) + ",\n";
  out += "  \"warehouse\": " + json_quote(report.warehouse) + ",\n";
  out += fmt::format("  \"passed\": {},\n  \"failed\": {},\n", report.passed, report.failed);
  out += "  \"suites\": [";
  for (size_t i = 0; i < report.suites.size(); ++i) {
    const auto& s = report.suites[i];
    out += fmt::format(
        "{}\n    {{\"source_file\": {}, \"tests\": {}, \"passed\": {}, \"failed\": {}, "
        "\"error\": {}}}",
        i ? "," : "", json_quote(s.source_file), s.tests, s.passed, s.failed,
        s.problem.empty() ? "null" : json_quote(s.problem));
  }
  out += "\n  ],\n  \"results\": [";
  for (size_t i = 0; i < report.tests.size(); ++i) {
    const auto& t = report.tests[i];
    out += fmt::format(
        "{}\n    {{\"name\": {}, \"source_file\": {}, \"line\": {}, \"passed\": {}, "
        "\"failed_rows\": {}, \"diagnostics\": {}, \"error\": {}, \"elapsed_s\": {:.3f}}}",
        i ? "," : "", json_quote(t.name), json_quote(t.source_file), t.line,
        t.passed ? "true" : "false", t.failed_rows, diagnostics_json(t),
        t.error.empty() ? "null" : json_quote(t.error), t.elapsed_s);
  }
  out += "\n  ]\n}\n";
  return out;
}

}  // namespace naap::harness
