// naap: the command-line entry point. Each subcommand parses its options and
// hands off to the library; every failure is one line on stderr and a non-zero exit
// (2 bad usage, 3 the warehouse cannot be reached, 1 anything else).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "sources/line_reader.hpp"
#include "store/connection.hpp"

int main(int argc, char** argv) {
  naap::sources::detach_stdin();
  CLI::App app{
      "naap: Livepeer AI network analytics pipeline (Kafka/JSONL -> ClickHouse warehouse)"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "all subcommands' options");
  naap::cli::register_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::fprintf(stderr, "naap: %s (see naap --help)\n", e.what());
    return 2;
  }
  try {
    return naap::cli::run_selected(app);
  } catch (const naap::store::ConnectionError& e) {
    // The warehouse cannot be reached or used: exit 3, as the harness commands.
    std::fprintf(stderr, "naap: %s\n", e.what());
    return 3;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "naap: %s\n", e.what());
    return 1;
  }
}
