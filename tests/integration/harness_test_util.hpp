// Shared by the harness_*_test.cpp files: a store holding every bundled
// fixture, built once per test process by the real binary, and small JSON /
// SQL helpers.
#pragma once

#include <gtest/gtest.h>
#include <simdjson.h>

#include <set>
#include <string>
#include <vector>

#include "harness.hpp"

namespace naap::testing {

inline std::string tsv(store::Chdb& db, const std::string& sql) {
  std::string out = db.query(sql, "TSV").data;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

inline std::vector<std::string> tsv_lines(store::Chdb& db, const std::string& sql) {
  std::vector<std::string> lines;
  std::istringstream in(db.query(sql, "TSV").data);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

inline std::string sql_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') q.push_back('\\');
    q.push_back(c);
  }
  return q + "'";
}

// A store with every bundled fixture replayed (`extra_run_args` go to naap run).
class FixtureStore {
 public:
  FixtureStore(const std::string& name, const std::string& extra_run_args = "")
      : dir_(name), store_(dir_ / "store") {
    run_ =
        run_command(naap() + " fixtures events " + shell_quote(NAAP_FIXTURES_DIR) + " | " + naap() +
                    " run --quiet --input - --store " + shell_quote(store_) + " " + extra_run_args);
  }
  const std::string& path() const { return store_; }
  const CommandResult& run() const { return run_; }
  std::string operator/(const std::string& child) const { return dir_ / child; }

 private:
  TempDir dir_;
  std::string store_;
  CommandResult run_;
};

// The elements of a JSON array of objects at `key` of `obj`, as objects.
inline std::string str(simdjson::dom::element e) {
  if (e.is_string()) return std::string(e.get_string().value());
  return simdjson::minify(e);
}

}  // namespace naap::testing
