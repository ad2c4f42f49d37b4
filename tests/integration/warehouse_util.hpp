// Shared by the warehouse_*_test.cpp files: build a store with the real naap
// binary, copy it, read query results as rows, run one assertion of a bundled
// suite with `naap check`, and derive corrupted serving views from the
// migrations' own view text.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "harness.hpp"

namespace naap::testing::warehouse {

namespace fs = std::filesystem;

// The window every suite runs with: it holds all the bundled fixtures (22-25 Feb 2026)
// and every synthetic row the tests add.
inline const std::string kFrom = "2026-02-20 00:00:00";
inline const std::string kTo = "2026-02-27 00:00:00";

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Replays every bundled fixture into a new store at `store` (naap fixtures events | naap run).
inline CommandResult replay_fixtures(const std::string& store, const std::string& run_args = "") {
  return run_command(naap() + " fixtures events " + shell_quote(NAAP_FIXTURES_DIR) + " | " +
                     naap() + " run --quiet --input - --store " + shell_quote(store) + " " +
                     run_args);
}

inline void copy_store(const std::string& from, const std::string& to) {
  fs::remove_all(to);
  // The engine links tables into its data directory with relative symlinks: copy them as links.
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  fs::remove(fs::path(to) / "status");  // the engine's lock file of the source store
}

// One result cell: NULL is distinct from every string (TSV `\N`).
struct Cell {
  bool null = false;
  std::string v;
  bool operator==(const Cell&) const = default;
  auto operator<=>(const Cell&) const = default;
  double num() const { return null ? std::nan("") : std::stod(v); }
  uint64_t u64() const { return null ? 0 : std::stoull(v); }
  std::string str() const { return null ? std::string() : v; }  // ifNull(x, '')
};
using Row = std::vector<Cell>;

inline std::string unescape_tsv(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    const char c = s[++i];
    switch (c) {
      case 't':
        out.push_back('\t');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case '0':
        out.push_back('\0');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

inline std::vector<Row> rows(store::Chdb& db, const std::string& sql) {
  std::vector<Row> out;
  std::istringstream in(db.query(sql, "TSV").data);
  std::string line;
  while (std::getline(in, line)) {
    Row r;
    size_t start = 0;
    while (true) {
      const size_t tab = line.find('\t', start);
      const std::string field =
          line.substr(start, tab == std::string::npos ? std::string::npos : tab - start);
      r.push_back(field == "\\N" ? Cell{true, ""} : Cell{false, unescape_tsv(field)});
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    out.push_back(std::move(r));
  }
  return out;
}

inline std::string scalar(store::Chdb& db, const std::string& sql) {
  auto r = rows(db, sql);
  return r.empty() || r[0].empty() ? std::string() : r[0][0].v;
}

// -- TEST: blocks of a bundled suite (sql/checks/<file>), by name, each with its marker line.
inline std::vector<std::pair<std::string, std::string>> suite_blocks(const std::string& file) {
  const std::string text = slurp(fs::path(NAAP_SOURCE_DIR) / "sql" / "checks" / file);
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("-- TEST:", 0) == 0) {
      std::string name = line.substr(8);
      name.erase(0, name.find_first_not_of(" \t"));
      name.erase(name.find_last_not_of(" \t\r") + 1);
      out.emplace_back(name, line + "\n");
    } else if (!out.empty()) {
      out.back().second += line + "\n";
    }
  }
  return out;
}

inline std::vector<std::string> suite_files() {
  return {"assertions_pipeline.sql", "assertions_raw_typed.sql",
          "assertions_scenario_candidates.sql", "assertions_api_readiness.sql"};
}

// Verdicts printed by `naap check`: test name -> true for PASS, false for FAIL.
inline std::map<std::string, bool> verdicts(const std::string& out) {
  std::map<std::string, bool> v;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    for (const auto& [tag, pass] : {std::pair{"[PASS] ", true}, std::pair{"[FAIL] ", false}}) {
      if (line.rfind(tag, 0) != 0) continue;
      std::string name = line.substr(7);
      name = name.substr(0, name.find(' '));
      v[name] = pass;
    }
  }
  return v;
}

// The tests `naap check` reported with an `error:` line (the query itself failed).
inline std::set<std::string> errored(const std::string& out) {
  std::set<std::string> e;
  std::istringstream in(out);
  std::string line, current;
  while (std::getline(in, line)) {
    if (line.rfind("[PASS] ", 0) == 0 || line.rfind("[FAIL] ", 0) == 0) {
      current = line.substr(7);
      current = current.substr(0, current.find(' '));
    } else if (line.rfind("  error:", 0) == 0 && !current.empty()) {
      e.insert(current);
    } else if (line.empty()) {
      current.clear();
    }
  }
  return e;
}

// Runs `naap check` over `sql_file` on `store` with the suites' window.
inline CommandResult naap_check(const std::string& store, const std::string& sql_file) {
  return run_command(naap() + " check --store " + shell_quote(store) + " --from-ts " +
                     shell_quote(kFrom) + " --to-ts " + shell_quote(kTo) + " " +
                     shell_quote(sql_file));
}

// The statements of a migration file (same splitting rule as the runner: a
// statement ends on a non-comment line ending with ';').
inline std::vector<std::string> migration_statements(const std::string& file) {
  const std::string text = slurp(fs::path(NAAP_SOURCE_DIR) / "sql" / "migrations" / file);
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    cur += line + "\n";
    std::string t = line;
    t.erase(t.find_last_not_of(" \t\r") + 1);
    if (t.rfind("--", 0) != 0 && !t.empty() && t.back() == ';') {
      out.push_back(cur);
      cur.clear();
    }
  }
  return out;
}

// The SELECT that defines serving view `view` in migration 0009 (no trailing ';').
inline std::string view_body(const std::string& view) {
  const std::string head = "VIEW livepeer_analytics." + view + " AS";
  for (const auto& st : migration_statements("0009_api_views.sql")) {
    const size_t at = st.find(head);
    if (at == std::string::npos) continue;
    std::string body = st.substr(at + head.size());
    body.erase(body.find_last_not_of(" \t\r\n") + 1);
    if (!body.empty() && body.back() == ';') body.pop_back();
    return body;
  }
  ADD_FAILURE() << "no view " << view << " in 0009_api_views.sql";
  return "SELECT 1";
}

inline std::string create_view(const std::string& view, const std::string& select) {
  return "CREATE OR REPLACE VIEW livepeer_analytics." + view + " AS " + select;
}
// The view, with some columns recomputed by `replace` ("expr AS col, ...").
inline std::string view_replacing(const std::string& view, const std::string& replace) {
  return create_view(view, "SELECT * REPLACE (" + replace + ") FROM (" + view_body(view) + ")");
}
// The view without the rows failing `where`.
inline std::string view_where(const std::string& view, const std::string& where) {
  return create_view(view, "SELECT * FROM (" + view_body(view) + ") WHERE " + where);
}
inline std::string view_without_column(const std::string& view, const std::string& column) {
  return create_view(view, "SELECT * EXCEPT (" + column + ") FROM (" + view_body(view) + ")");
}
// The view with one of its rows emitted twice.
inline std::string view_duplicating_a_row(const std::string& view) {
  const std::string body = view_body(view);
  return create_view(view, "SELECT * FROM (" + body + ") UNION ALL SELECT * FROM (SELECT * FROM (" +
                               body + ") LIMIT 1)");
}
// The view with one of its rows lost.
inline std::string view_losing_a_row(const std::string& view) {
  return create_view(view, "SELECT * FROM (" + view_body(view) + ") LIMIT 1, 1000000000");
}
// The view's own definition with every `from` replaced by `to` (`from` must occur).
inline std::string view_edited(const std::string& view, const std::string& from,
                               const std::string& to) {
  std::string body = view_body(view);
  size_t n = 0;
  for (size_t at = body.find(from); at != std::string::npos; at = body.find(from, at + to.size())) {
    body.replace(at, from.size(), to);
    ++n;
  }
  EXPECT_GT(n, 0u) << "'" << from << "' is not in the definition of " << view;
  return create_view(view, body);
}

}  // namespace naap::testing::warehouse
