// The validation-harness commands: query, check, trace, fixtures export (and
// the connection options of schema apply). Every one talks to the warehouse
// through store::Connection: --store DIR (embedded) or --clickhouse URL with
// --user/--password/--database (HTTP).
//
// Exit codes: 0 success; 1 a test FAILed / a query failed / unknown session;
// 2 bad usage or input (options, window, a SQL file missing or without blocks);
// 3 the warehouse cannot be reached or used.
#include "cli/harness_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include "harness/check_runner.hpp"
#include "harness/fixture_export.hpp"
#include "harness/params.hpp"
#include "harness/result_table.hpp"
#include "harness/sql_blocks.hpp"
#include "harness/trace.hpp"
#include "harness/window.hpp"
#include "store/connection.hpp"

namespace naap::cli {
namespace {

namespace fs = std::filesystem;

struct HarnessOptions {
  store::ConnectionOptions conn;
  std::string from, to;
  double lookback_hours = 0;
  std::vector<CLI::Option*> lookback_opts;  // one per subcommand
  std::vector<std::string> params;
  std::string format = "table";
  size_t max_rows = 50;
  std::vector<std::string> files;
  bool verbose = false;
  std::string session_id;
  std::string trace_pack = "sql/packs/session_trace.sql";
  // export
  harness::ExportOptions export_opts;
  std::string scenario_sql = "sql/packs/scenario_candidates.sql";
  std::string export_sql = "sql/packs/fixture_export.sql";
  bool allow_nonempty_out = false;
};

HarnessOptions h;
CLI::App* cmd_query = nullptr;
CLI::App* cmd_check = nullptr;
CLI::App* cmd_trace = nullptr;
CLI::App* cmd_export = nullptr;

// A bad option or input file: exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void add_connection_options(CLI::App* c) {
  auto* store = c->add_option("--store", h.conn.store, "embedded store directory");
  auto* ch =
      c->add_option("--clickhouse", h.conn.clickhouse,
                    "ClickHouse server HTTP URL instead of a store, e.g. http://localhost:8123");
  store->excludes(ch);
  c->add_option("--user", h.conn.user, "ClickHouse user (default: the server's default user)")
      ->envname("CH_USER");
  c->add_option("--password", h.conn.password, "ClickHouse password (or env CH_PASSWORD)")
      ->envname("CH_PASSWORD");
  c->add_option("--database", h.conn.database,
                "ClickHouse session database (the bundled SQL names livepeer_analytics itself)")
      ->envname("CH_DATABASE")
      ->capture_default_str();
}

void add_window_options(CLI::App* c) {
  auto* from = c->add_option("--from,--from-ts", h.from,
                             "window start, UTC (default: the earliest data in the warehouse)");
  c->add_option("--to,--to-ts", h.to,
                "window end, exclusive, UTC (default: the latest data + 1 ms; now with "
                "--lookback-hours)");
  auto* lookback = c->add_option("--lookback-hours", h.lookback_hours,
                                 "window = the N hours before --to (or now)");
  lookback->excludes(from);
  h.lookback_opts.push_back(lookback);
}

void add_format_option(CLI::App* c) {
  c->add_option("--format", h.format, "output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
}

std::unique_ptr<store::Connection> open() { return store::connect(h.conn); }

harness::Window window(store::Connection& conn) {
  harness::WindowOptions w;
  w.from = h.from;
  w.to = h.to;
  for (const auto* o : h.lookback_opts) {
    if (o->count()) w.lookback_hours = h.lookback_hours;
  }
  try {
    return harness::resolve_window(w, conn);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

harness::ParamSet window_params(const harness::Window& w) {
  harness::ParamSet p;
  p.set("from_ts", w.from_text());
  p.set("to_ts", w.to_text());
  p.set("limit_per_scenario", "5");
  try {
    p.set_options(h.params);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  return p;
}

// The blocks of a pack or suite file; UsageError when unreadable or empty.
std::pair<std::string, std::vector<harness::SqlBlock>> blocks_of(const std::string& path,
                                                                 std::string_view marker) {
  harness::SqlSource src;
  try {
    src = harness::read_source(path);
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
  auto blocks = harness::parse_blocks(src.text, marker, src.label);
  if (blocks.empty()) {
    const std::string other = marker == "QUERY" ? "TEST" : "QUERY";
    const size_t n = harness::count_markers(src.text, other);
    throw UsageError(fmt::format("'{}' has no -- {}: blocks{}", src.label, marker,
                                 n ? fmt::format(" (it has {} -- {}: blocks; run it with naap {})",
                                                 n, other, marker == "QUERY" ? "check" : "query")
                                   : ""));
  }
  return {src.label, std::move(blocks)};
}

int do_query() {
  // Read every file first: a missing or empty one is a usage error before any work.
  std::vector<std::pair<std::string, std::vector<harness::SqlBlock>>> files;
  for (const auto& f : h.files) files.push_back(blocks_of(f, "QUERY"));
  auto conn = open();
  const auto w = window(*conn);
  const auto params = window_params(w);
  const bool json = h.format == "json";
  bool failed = false;
  std::string js;
  if (json) {
    js = "{\n  \"from_ts\": " + harness::json_quote(w.iso_from()) +
         ",\n  \"to_ts\": " + harness::json_quote(w.iso_to()) +
         ",\n  \"window_source\": " + harness::json_quote(w.source) +
         ",\n  \"warehouse\": " + harness::json_quote(conn->describe()) + ",\n  \"files\": [";
  } else {
    fmt::print("Window UTC: {} -> {} ({})\nWarehouse: {}\n", w.iso_from(), w.iso_to(), w.source,
               conn->describe());
  }
  harness::RenderOptions ro;
  ro.max_rows = h.max_rows;
  for (size_t fi = 0; fi < files.size(); ++fi) {
    const auto& [label, blocks] = files[fi];
    if (json) {
      js += std::string(fi ? "," : "") + "\n    {\"file\": " + harness::json_quote(label) +
            ", \"blocks\": [";
    } else {
      fmt::print("SQL file: {}\n", label);
    }
    for (size_t bi = 0; bi < blocks.size(); ++bi) {
      const auto& b = blocks[bi];
      std::string error;
      harness::ResultTable t;
      try {
        t = harness::run_table(*conn, b.sql, params.for_sql(b.sql));
      } catch (const store::ConnectionError&) {
        throw;
      } catch (const std::exception& e) {
        error = e.what();
        failed = true;
      }
      if (json) {
        js += fmt::format("{}\n      {{\"name\": {}, \"line\": {}, \"error\": {}, \"result\": {}}}",
                          bi ? "," : "", harness::json_quote(b.name), b.line,
                          error.empty() ? "null" : harness::json_quote(error),
                          error.empty() ? harness::table_json(t, h.max_rows) : "null");
      } else {
        fmt::print("\n=== {} ===\n", b.name);
        if (!error.empty()) {
          fmt::print("error: {}\n", error);
        } else {
          fmt::print("{}", harness::render_table(t, ro));
        }
      }
    }
    if (json) js += "]}";
    if (!json) fmt::print("\n");
  }
  if (json) fmt::print("{}\n  ]\n}}\n", js);
  std::fflush(stdout);
  if (failed) std::fprintf(stderr, "naap query: one or more blocks failed (see error: lines)\n");
  return failed ? 1 : 0;
}

int do_check() {
  std::vector<harness::SuiteInput> suites;
  if (h.files.empty()) {
    for (auto& s : harness::bundled_sources("checks")) suites.push_back({s.label, s.text, {}});
  } else {
    // A directory stands for its *.sql files, in name order.
    std::vector<std::string> files;
    for (const auto& f : h.files) {
      std::error_code ec;
      if (!fs::is_directory(f, ec)) {
        files.push_back(f);
        continue;
      }
      std::vector<std::string> in_dir;
      for (const auto& e : fs::directory_iterator(f, ec)) {
        if (e.is_regular_file() && e.path().extension() == ".sql")
          in_dir.push_back(e.path().string());
      }
      std::sort(in_dir.begin(), in_dir.end());
      if (in_dir.empty()) suites.push_back({f, {}, "a directory without *.sql files"});
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    }
    for (const auto& f : files) {
      try {
        auto src = harness::read_source(f);
        suites.push_back({src.label, src.text, {}});
      } catch (const std::exception& e) {
        suites.push_back({f, {}, e.what()});
      }
    }
  }
  const auto plan = harness::plan_checks(suites);
  for (const auto& s : plan.suites) {
    if (!s.problem.empty())
      std::fprintf(stderr, "naap check: %s: %s\n", s.source_file.c_str(), s.problem.c_str());
  }
  auto conn = open();
  const auto w = window(*conn);
  const auto params = window_params(w);
  const bool json = h.format == "json";
  if (!json) harness::print_check_header(std::cout, w, conn->describe(), plan);
  const auto report =
      harness::run_checks(*conn, plan, w, params, [&](const harness::TestResult& r) {
        if (!json) harness::print_test_result(std::cout, r, h.verbose);
      });
  if (json) {
    std::cout << harness::check_report_json(report);
  } else {
    harness::print_check_summary(std::cout, report);
  }
  std::cout.flush();
  return report.exit_code();
}

int do_trace() {
  auto [label, blocks] = blocks_of(h.trace_pack, "QUERY");
  auto conn = open();
  harness::ParamSet extra;
  try {
    extra.set_options(h.params);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  const auto report = harness::run_trace(*conn, blocks, label, h.session_id, extra);
  if (!report.found) {
    if (!report.sections.empty() && !report.sections[0].error.empty()) {
      std::fprintf(stderr, "naap trace: %s\n", report.sections[0].error.c_str());
    } else {
      std::fprintf(stderr,
                   "naap trace: no session '%s' in %s (fact_workflow_sessions has no row with that "
                   "workflow_session_id; ids look like '<stream_id>|<request_id>', list some with: "
                   "naap query sql/packs/scenario_candidates.sql)\n",
                   h.session_id.c_str(), conn->describe().c_str());
    }
    return 1;
  }
  if (h.format == "json") {
    std::cout << harness::trace_json(report);
  } else {
    harness::print_trace(std::cout, report, h.max_rows);
  }
  std::cout.flush();
  if (report.any_error()) {
    std::fprintf(stderr, "naap trace: one or more sections failed (see error: lines)\n");
    return 1;
  }
  return 0;
}

int do_export() {
  auto& o = h.export_opts;
  if (o.out_dir.empty()) throw UsageError("--out DIR is required");
  std::error_code ec;
  if (fs::exists(o.out_dir, ec) &&
      (!fs::is_directory(o.out_dir, ec) || !fs::is_empty(o.out_dir, ec)) && !h.allow_nonempty_out) {
    throw UsageError("--out '" + o.out_dir + "' exists and is not an empty directory");
  }
  auto scen = blocks_of(h.scenario_sql, "QUERY");
  auto exp = blocks_of(h.export_sql, "QUERY");
  o.scenario_sql_label = scen.first;
  o.scenario_blocks = std::move(scen.second);
  o.export_blocks = std::move(exp.second);
  auto conn = open();
  const auto w = window(*conn);
  std::fprintf(stderr, "Window UTC: %s -> %s (%s)\nWarehouse: %s\n", w.iso_from().c_str(),
               w.iso_to().c_str(), w.source.c_str(), conn->describe().c_str());
  const auto report = harness::export_fixtures(*conn, w, o, std::cerr);
  if (report.aborted) {
    std::fprintf(stderr,
                 "naap fixtures export: aborting: scenarios without candidates (drop "
                 "--require-all-scenarios to export the others)\n");
    return 1;
  }
  for (const auto& s : report.skipped) std::fprintf(stderr, "skipped %s\n", s.c_str());
  fmt::print("Wrote fixture snapshot: {}\nManifest: {}\n", o.out_dir, report.manifest_path);
  for (const auto& [name, n] : report.scenarios) fmt::print("{}: {} sessions\n", name, n);
  std::fflush(stdout);
  return 0;
}

}  // namespace

void register_harness_commands(CLI::App& app, CLI::App* fixtures) {
  cmd_query = app.add_subcommand("query", "run -- QUERY: packs in order and print each result");
  add_connection_options(cmd_query);
  cmd_query
      ->add_option("files", h.files, "query pack files (or bundled names, e.g. packs/demo.sql)")
      ->required();
  cmd_query->add_option("--max-rows", h.max_rows, "rows shown per block")->capture_default_str();
  add_window_options(cmd_query);
  cmd_query->add_option("--param", h.params,
                        "bind {NAME:Type} in the SQL: NAME=VALUE (repeatable)");
  add_format_option(cmd_query);

  cmd_check = app.add_subcommand("check",
                                 "run -- TEST: assertion suites (all bundled suites when no file "
                                 "is given); exit 1 on any FAIL");
  add_connection_options(cmd_check);
  cmd_check->add_option(
      "files", h.files,
      "assertion suite files or folders of them (default: every bundled sql/checks/*.sql)");
  add_window_options(cmd_check);
  cmd_check->add_option("--param", h.params,
                        "bind {NAME:Type} in the SQL: NAME=VALUE (repeatable)");
  add_format_option(cmd_check);
  cmd_check->add_flag("--verbose", h.verbose, "also print the diagnostics of passing tests");

  cmd_trace = app.add_subcommand(
      "trace", "one session through raw events, typed rows, facts, versions, rollups and views");
  cmd_trace
      ->add_option("workflow_session_id", h.session_id, "the session, '<stream_id>|<request_id>'")
      ->required();
  add_connection_options(cmd_trace);
  add_format_option(cmd_trace);
  cmd_trace->add_option("--max-rows", h.max_rows, "rows shown per section")->capture_default_str();
  cmd_trace->add_option("--pack", h.trace_pack, "the trace's QUERY pack")->capture_default_str();
  cmd_trace->add_option("--param", h.params, "bind further {NAME:Type}: NAME=VALUE (repeatable)");

  cmd_export = fixtures->add_subcommand(
      "export",
      "write scenario candidate sessions and their capability context as a fixture folder");
  add_connection_options(cmd_export);
  add_window_options(cmd_export);
  auto& o = h.export_opts;
  cmd_export->add_option("--out", o.out_dir, "output folder (created; must be empty)")->required();
  cmd_export->add_option("--limit-per-scenario", o.limit_per_scenario, "sessions per scenario")
      ->capture_default_str();
  cmd_export
      ->add_option("--session-padding-minutes", o.session_padding_minutes,
                   "padding around a session for its raw events")
      ->capture_default_str();
  cmd_export
      ->add_option("--open-session-duration-minutes", o.open_session_duration_minutes,
                   "assumed duration of a session without an end")
      ->capture_default_str();
  cmd_export
      ->add_option("--capability-window-minutes", o.capability_window_minutes,
                   "extra padding for the capability broadcasts")
      ->capture_default_str();
  cmd_export
      ->add_option("--capability-max-rows-per-context", o.capability_max_rows_per_context,
                   "capability broadcasts kept per (wallet, GPU) context")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd_export
      ->add_option("--manifest-window-padding-minutes", o.manifest_window_padding_minutes,
                   "padding of the manifest window")
      ->capture_default_str();
  cmd_export->add_flag("--require-all-scenarios", o.require_all_scenarios,
                       "abort when a scenario has no candidate (default: export the others)");
  cmd_export->add_option("--scenario-sql", h.scenario_sql, "scenario candidates QUERY pack")
      ->capture_default_str();
  cmd_export->add_option("--export-sql", h.export_sql, "per-session raw row QUERY pack")
      ->capture_default_str();
}

void add_schema_connection_options(CLI::App* apply) {
  // schema apply keeps its own --store (it may create the store); a server is
  // reached with --clickhouse and the same credentials options.
  auto* ch = apply->add_option("--clickhouse", h.conn.clickhouse,
                               "apply to a ClickHouse server (HTTP URL) instead of a store");
  apply->get_option("--store")->excludes(ch);
  apply->add_option("--user", h.conn.user, "ClickHouse user")->envname("CH_USER");
  apply->add_option("--password", h.conn.password, "ClickHouse password")->envname("CH_PASSWORD");
}

bool schema_target_is_server() { return !h.conn.clickhouse.empty(); }

std::unique_ptr<store::Connection> open_schema_server() {
  store::ConnectionOptions o = h.conn;
  o.allow_empty_store = true;  // the database may not exist yet
  o.database.clear();          // so the session must not start in it
  return store::connect(o);
}

std::optional<int> run_harness_selected() {
  try {
    if (cmd_query->parsed()) return do_query();
    if (cmd_check->parsed()) return do_check();
    if (cmd_trace->parsed()) return do_trace();
    if (cmd_export->parsed()) return do_export();
  } catch (const UsageError& e) {
    std::fprintf(stderr, "naap: %s\n", e.what());
    return 2;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "naap: %s\n", e.what());
    return 2;
  } catch (const store::ConnectionError& e) {
    std::fprintf(stderr, "naap: %s\n", e.what());
    return 3;
  }
  return std::nullopt;
}

}  // namespace naap::cli
