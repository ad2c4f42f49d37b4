#include "cli/commands.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/harness_commands.hpp"
#include "core/time.hpp"
#include "fixtures/fixture_events.hpp"
#include "runtime/pipeline.hpp"
#include "sinks/async_sink.hpp"
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
  unsigned insert_connections = 2;
  uint64_t max_line_bytes = 0;
  bool quiet = false;
  // fixtures
  std::vector<std::string> fixture_dirs;
};

Options opts;
CLI::App* cmd_run = nullptr;
CLI::App* cmd_schema_apply = nullptr;
CLI::App* cmd_fixtures_events = nullptr;

store::Retention parse_retention(const std::string& text) {
  auto r = store::Retention::parse(text);
  if (!r)
    throw std::runtime_error("--retention must be 'spec', 'none' or a number of days, not '" +
                             text + "'");
  return *r;
}

store::SqlExecutor executor(store::Chdb& db) {
  return [&db](std::string_view sql) { return db.query(sql, "TSV").data; };
}

int do_schema_apply() {
  const bool server = schema_target_is_server();
  if (!server && opts.store.empty()) {
    throw std::runtime_error("schema apply needs --store DIR or --clickhouse URL");
  }
  // A server keeps the spec's retention by default; the embedded store none.
  const auto retention =
      parse_retention(opts.retention.empty() ? (server ? "spec" : "none") : opts.retention);
  std::unique_ptr<store::Chdb> db;
  std::unique_ptr<store::Connection> conn;
  store::SqlExecutor exec;
  if (server) {
    conn = open_schema_server();
    exec = [&conn](std::string_view sql) { return conn->query(sql, "TSV").data; };
  } else {
    db = store::open_store(opts.store);
    exec = executor(*db);
  }
  const auto report = store::apply_schema(exec, retention);
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
  // Idle session state spills to disk inside the store (removed at the end of
  // the run) so memory stays bounded however many sessions the input holds.
  config.spill_dir = opts.store + "/naap/lifecycle-spill";
  auto inputs = runtime::open_inputs(opts.inputs, config);
  auto db = store::open_store(opts.store);
  store::apply_schema(executor(*db), retention);
  // --insert-connections (default 2) connections to the store, each inserting
  // on its own thread: the
  // engine runs one insert per connection at a time, and its inserts are most
  // of a run's time. Batches of one table stay in order (sinks::AsyncSink).
  std::vector<std::unique_ptr<store::Chdb>> extra;
  std::vector<std::unique_ptr<sinks::ChdbSink>> writers;
  writers.push_back(std::make_unique<sinks::ChdbSink>(*db));
  while (writers.size() < opts.insert_connections) {
    extra.push_back(store::open_store(opts.store));
    writers.push_back(std::make_unique<sinks::ChdbSink>(*extra.back()));
  }
  std::vector<sinks::Sink*> writer_ptrs;
  for (auto& w : writers) writer_ptrs.push_back(w.get());
  sinks::AsyncSink sink(writer_ptrs);
  runtime::RunSummary summary = runtime::run_inputs(std::move(inputs), config, sink);
  summary.retention = retention.describe();
  if (!opts.quiet) summary.print(std::cout);
  return 0;
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

}  // namespace

void register_commands(CLI::App& app) {
  cmd_run = app.add_subcommand("run", "process JSONL event envelopes into the warehouse");
  cmd_run
      ->add_option("--input", opts.inputs,
                   "JSONL file of event envelopes, '-' for stdin (repeatable)")
      ->required();
  cmd_run
      ->add_option("--store", opts.store, "embedded store directory (the engine's data directory)")
      ->required();
  cmd_run->add_option("--retention", opts.retention, "spec | none | DAYS (embedded default: none)");
  cmd_run->add_option("--batch-rows", opts.batch_rows, "max rows per insert batch");
  cmd_run
      ->add_option("--insert-connections", opts.insert_connections,
                   "store connections inserting at once, each on its own thread (default 2)")
      ->check(CLI::Range(1u, 16u));
  cmd_run->add_option("--batch-bytes", opts.batch_bytes, "max bytes per insert batch");
  cmd_run->add_option("--batch-ms", opts.batch_ms, "max age of a batch in milliseconds");
  cmd_run->add_option("--max-line-bytes", opts.max_line_bytes,
                      "longest input line kept whole; longer lines go to the DLQ truncated");
  cmd_run->add_flag("--quiet", opts.quiet, "do not print the run summary");

  auto* schema = app.add_subcommand("schema", "manage the warehouse schema");
  schema->require_subcommand(1);
  cmd_schema_apply = schema->add_subcommand("apply", "apply sql/ migrations (idempotent)");
  cmd_schema_apply->add_option("--store", opts.store, "embedded store directory");
  cmd_schema_apply->add_option("--retention", opts.retention,
                               "spec | none | DAYS (default: none embedded, spec on a server)");
  add_schema_connection_options(cmd_schema_apply);

  auto* fixtures = app.add_subcommand("fixtures", "scenario fixtures");
  fixtures->require_subcommand(1);
  cmd_fixtures_events = fixtures->add_subcommand(
      "events", "print the original events of fixture folders as JSONL, in event-time order");
  cmd_fixtures_events->add_option("dirs", opts.fixture_dirs, "fixture folders or files")
      ->required();

  register_harness_commands(app, fixtures);
}

int run_selected(CLI::App&) {
  if (cmd_run->parsed()) return do_run();
  if (cmd_schema_apply->parsed()) return do_schema_apply();
  if (auto rc = run_harness_selected()) return *rc;
  if (cmd_fixtures_events->parsed()) return do_fixtures_events();
  throw std::runtime_error("no subcommand");
}

}  // namespace naap::cli
