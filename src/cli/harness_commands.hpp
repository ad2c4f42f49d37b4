// The validation-harness subcommands (query, check, trace, fixtures export).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "store/connection.hpp"

namespace naap::cli {

// Adds query, check, trace to `app` and export to the `fixtures` subcommand.
void register_harness_commands(CLI::App& app, CLI::App* fixtures);
// The exit code of the harness subcommand that was parsed, nullopt if none was.
std::optional<int> run_harness_selected();

// schema apply against a server: --clickhouse/--user/--password.
void add_schema_connection_options(CLI::App* apply);
bool schema_target_is_server();
std::unique_ptr<store::Connection> open_schema_server();

}  // namespace naap::cli
