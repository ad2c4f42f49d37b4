#include "cli/commands.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>

#include "core/time.hpp"
#include "fixtures/fixture_events.hpp"
#include "harness/sql_blocks.hpp"
#include "runtime/pipeline.hpp"
#include "sinks/chdb_sink.hpp"
#include "store/store_dir.hpp"
#include "store/warehouse.hpp"

namespace naap::cli {
namespace {

struct Options {
  // run
  std::vector<std::string> inputs;
  std::string store;
  std::string retention;
  uint64_t batch_rows = 0, batch_bytes = 0, batch_ms = 0;
  uint64_t max_line_bytes = 0;
  bool quiet = false;
  // query / check
  std::vector<std::string> sql_files;
  std::string from_ts, to_ts;
  double lookback_hours = 24;
  size_t max_rows = 50;
  std::vector<std::string> params;  // name=value
  // fixtures
  std::vector<std::string> fixture_dirs;
};

Options opts;
CLI::App* cmd_run = nullptr;
CLI::App* cmd_schema_apply = nullptr;
CLI::App* cmd_query = nullptr;
CLI::App* cmd_check = nullptr;
CLI::App* cmd_fixtures_events = nullptr;

store::Retention parse_retention(const std::string& text) {
  auto r = store::Retention::parse(text);
  if (!r) throw std::runtime_error("--retention must be 'spec', 'none' or a number of days, not '" + text + "'");
  return *r;
}

store::SqlExecutor executor(store::Chdb& db) {
  return [&db](std::string_view sql) { return db.query(sql, "TSV").data; };
}

int do_schema_apply() {
  auto db = store::open_store(opts.store);
  const auto retention = parse_retention(opts.retention.empty() ? "none" : opts.retention);
  const auto report = store::apply_schema(executor(*db), retention);
  fmt::print("schema: {} migration(s) applied ({} statements), {} already applied; retention {}\n",
             report.applied.size(), report.statements, report.already_applied,
             retention.describe());
  for (const auto& m : report.applied) fmt::print("  applied {}\n", m);
  return 0;
}

int do_run() {
  const auto retention = parse_retention(opts.retention.empty() ? "none" : opts.retention);
  runtime::PipelineConfig config;
  if (opts.batch_rows) config.batch.max_rows = opts.batch_rows;
  if (opts.batch_bytes) config.batch.max_bytes = opts.batch_bytes;
  if (opts.batch_ms) config.batch.max_age = std::chrono::milliseconds(opts.batch_ms);
  if (opts.max_line_bytes) config.max_line_bytes = opts.max_line_bytes;
  config.retention = retention;
  auto inputs = runtime::open_inputs(opts.inputs, config);
  auto db = store::open_store(opts.store);
  store::apply_schema(executor(*db), retention);
  sinks::ChdbSink sink(*db);
  runtime::RunSummary summary = runtime::run_inputs(std::move(inputs), config, sink);
  summary.retention = retention.describe();
  if (!opts.quiet) summary.print(std::cout);
  return 0;
}

// Window of the harness (warehouse spec §2.2): [from, to), UTC.
std::pair<std::string, std::string> window() {
  auto parse = [](const std::string& text, int64_t& ms) {
    return fixtures::parse_iso_timestamp_ms(text, ms);
  };
  int64_t to_ms, from_ms;
  if (opts.to_ts.empty()) {
    to_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
  } else if (!parse(opts.to_ts, to_ms)) {
    throw std::runtime_error("--to-ts '" + opts.to_ts + "' is not a UTC timestamp (YYYY-MM-DD HH:MM:SS[.mmm])");
  }
  if (opts.from_ts.empty()) {
    from_ms = to_ms - static_cast<int64_t>(opts.lookback_hours * 3600 * 1000);
  } else if (!parse(opts.from_ts, from_ms)) {
    throw std::runtime_error("--from-ts '" + opts.from_ts + "' is not a UTC timestamp (YYYY-MM-DD HH:MM:SS[.mmm])");
  }
  if (from_ms >= to_ms) throw std::runtime_error("--from-ts must be before --to-ts");
  return {format_utc_ms(from_ms), format_utc_ms(to_ms)};
}

// Binds the window and every --param NAME=VALUE a block uses. Defaults: the
// harness's limit_per_scenario of 5 (warehouse spec §2.2).
store::QueryParams params_for(const std::string& sql, const std::pair<std::string, std::string>& w) {
  std::vector<std::pair<std::string, std::string>> all = {{"from_ts", w.first},
                                                          {"to_ts", w.second},
                                                          {"limit_per_scenario", "5"}};
  for (const auto& kv : opts.params) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw std::runtime_error("--param '" + kv + "' is not NAME=VALUE");
    }
    const std::string name = kv.substr(0, eq);
    std::erase_if(all, [&](const auto& p) { return p.first == name; });
    all.emplace_back(name, kv.substr(eq + 1));
  }
  store::QueryParams p;
  for (auto& [name, value] : all) {
    if (sql.find("{" + name + ":") != std::string::npos) p.emplace_back(name, value);
  }
  return p;
}

int do_query() {
  auto db = store::open_store(opts.store);
  const auto w = window();
  fmt::print("Window UTC: {} -> {}\n", w.first, w.second);
  for (const auto& file : opts.sql_files) {
    fmt::print("SQL file: {}\n\n", file);
    for (const auto& block : harness::load_blocks(file, "QUERY")) {
      fmt::print("=== {} ===\n", block.name);
      const auto result = db->query(block.sql, params_for(block.sql, w), "TSVWithNames");
      size_t pos = 0, row = 0;
      const std::string& data = result.data;
      while (pos < data.size()) {
        size_t eol = data.find('\n', pos);
        if (eol == std::string::npos) eol = data.size();
        std::string line = data.substr(pos, eol - pos);
        pos = eol + 1;
        for (size_t i = 0; (i = line.find('\t', i)) != std::string::npos;) {
          line.replace(i, 1, row == 0 ? ", " : " | ");
        }
        if (row == 0) {
          fmt::print("Columns: {}\n", line);
        } else if (row <= opts.max_rows) {
          fmt::print("{}\n", line);
        }
        ++row;
      }
      if (row > opts.max_rows + 1) fmt::print("... ({} more rows)\n", row - 1 - opts.max_rows);
      fmt::print("\n");
    }
  }
  return 0;
}

int do_check() {
  auto db = store::open_store(opts.store);
  const auto w = window();
  std::vector<harness::SqlBlock> blocks;
  for (const auto& file : opts.sql_files) {
    auto b = harness::load_blocks(file, "TEST");
    blocks.insert(blocks.end(), b.begin(), b.end());
  }
  fmt::print("Window UTC: {} -> {}\nExecuted tests: {}\n\n", w.first, w.second, blocks.size());
  size_t passed = 0, failed = 0;
  simdjson::dom::parser parser;
  for (const auto& block : blocks) {
    std::string error, diagnostics;
    int64_t failed_rows = 1;
    try {
      const auto r = db->query(block.sql, params_for(block.sql, w), "JSONEachRow");
      const size_t eol = r.data.find('\n');
      const std::string first = r.data.substr(0, eol);
      simdjson::dom::element row;
      if (first.empty()) {
        error = "Query returned no rows";
      } else if (parser.parse(first).get(row) || !row.is_object()) {
        error = "unreadable result row";
      } else {
        auto v = row["failed_rows"];
        if (v.error()) {
          error = "Missing required column: failed_rows";
        } else if (v.is_int64()) {
          failed_rows = v.get_int64().value_unsafe();
        } else if (v.is_uint64()) {
          failed_rows = static_cast<int64_t>(v.get_uint64().value_unsafe());
        } else if (v.is_string()) {
          try {
            failed_rows = std::stoll(std::string(v.get_string().value_unsafe()));
          } catch (...) {
            error = "failed_rows is not numeric";
          }
        } else {
          error = "failed_rows is not numeric";
        }
        std::string diag = "{";
        for (auto [k, val] : row.get_object()) {
          if (k == "failed_rows") continue;
          if (diag.size() > 1) diag += ", ";
          diag += fmt::format("\"{}\": {}", k, simdjson::minify(val));
        }
        diag += "}";
        if (diag.size() > 2) diagnostics = diag;
      }
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (!error.empty()) failed_rows = std::max<int64_t>(failed_rows, 1);
    const bool ok = error.empty() && failed_rows == 0;
    ok ? ++passed : ++failed;
    fmt::print("[{}] {} ({})\n", ok ? "PASS" : "FAIL", block.name, block.source_file);
    if (!error.empty()) fmt::print("  error: {}\n", error);
    if (failed_rows != 0) fmt::print("  failed_rows: {}\n", failed_rows);
    if (!diagnostics.empty()) fmt::print("  diagnostics: {}\n", diagnostics);
  }
  fmt::print("\nSummary: {} passed, {} failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

int do_fixtures_events() {
  fixtures::FixtureReadReport report;
  const auto events = fixtures::read_fixture_events(opts.fixture_dirs, report);
  std::string out;
  for (const auto& ev : events) {
    out += ev.json;
    out += '\n';
    if (out.size() > (1u << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  for (const auto& p : report.problems) std::fprintf(stderr, "naap fixtures: %s\n", p.c_str());
  std::fprintf(stderr,
               "naap fixtures: %zu events from %llu files (%llu lines, %llu malformed, %llu "
               "duplicate ids)\n",
               events.size(), static_cast<unsigned long long>(report.files),
               static_cast<unsigned long long>(report.lines),
               static_cast<unsigned long long>(report.malformed_lines),
               static_cast<unsigned long long>(report.duplicates));
  return 0;
}

void add_window_options(CLI::App* c) {
  c->add_option("--from-ts", opts.from_ts, "window start, UTC (default: to-ts minus lookback)");
  c->add_option("--to-ts", opts.to_ts, "window end (exclusive), UTC (default: now)");
  c->add_option("--lookback-hours", opts.lookback_hours, "window length when --from-ts is absent")
      ->capture_default_str();
  c->add_option("--param", opts.params, "bind {NAME:Type} in the SQL: NAME=VALUE (repeatable)");
}

}  // namespace

void register_commands(CLI::App& app) {
  cmd_run = app.add_subcommand("run", "process JSONL event envelopes into the warehouse");
  cmd_run->add_option("--input", opts.inputs, "JSONL file of event envelopes, '-' for stdin (repeatable)")
      ->required();
  cmd_run->add_option("--store", opts.store, "embedded store directory (the engine's data directory)")
      ->required();
  cmd_run->add_option("--retention", opts.retention, "spec | none | DAYS (embedded default: none)");
  cmd_run->add_option("--batch-rows", opts.batch_rows, "max rows per insert batch");
  cmd_run->add_option("--batch-bytes", opts.batch_bytes, "max bytes per insert batch");
  cmd_run->add_option("--batch-ms", opts.batch_ms, "max age of a batch in milliseconds");
  cmd_run->add_option("--max-line-bytes", opts.max_line_bytes,
                      "longest input line kept whole; longer lines go to the DLQ truncated");
  cmd_run->add_flag("--quiet", opts.quiet, "do not print the run summary");

  auto* schema = app.add_subcommand("schema", "manage the warehouse schema");
  schema->require_subcommand(1);
  cmd_schema_apply = schema->add_subcommand("apply", "apply sql/ migrations (idempotent)");
  cmd_schema_apply->add_option("--store", opts.store, "embedded store directory")->required();
  cmd_schema_apply->add_option("--retention", opts.retention, "spec | none | DAYS (embedded default: none)");

  cmd_query = app.add_subcommand("query", "run a -- QUERY: pack and print each result");
  cmd_query->add_option("--store", opts.store, "embedded store directory")->required();
  cmd_query->add_option("files", opts.sql_files, "query pack files")->required();
  cmd_query->add_option("--max-rows", opts.max_rows, "rows printed per block")->capture_default_str();
  add_window_options(cmd_query);

  cmd_check = app.add_subcommand("check", "run -- TEST: assertion suites; non-zero exit on any FAIL");
  cmd_check->add_option("--store", opts.store, "embedded store directory")->required();
  cmd_check->add_option("files", opts.sql_files, "assertion suite files")->required();
  add_window_options(cmd_check);

  auto* fixtures = app.add_subcommand("fixtures", "scenario fixtures");
  fixtures->require_subcommand(1);
  cmd_fixtures_events = fixtures->add_subcommand(
      "events", "print the original events of fixture folders as JSONL, in event-time order");
  cmd_fixtures_events->add_option("dirs", opts.fixture_dirs, "fixture folders or files")->required();
}

int run_selected(CLI::App&) {
  if (cmd_run->parsed()) return do_run();
  if (cmd_schema_apply->parsed()) return do_schema_apply();
  if (cmd_query->parsed()) return do_query();
  if (cmd_check->parsed()) return do_check();
  if (cmd_fixtures_events->parsed()) return do_fixtures_events();
  throw std::runtime_error("no subcommand");
}

}  // namespace naap::cli
