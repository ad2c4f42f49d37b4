#pragma once

#include <CLI/CLI.hpp>

namespace naap::cli {

void register_commands(CLI::App& app);
// Runs whichever subcommand was parsed; returns the exit code.
int run_selected(CLI::App& app);

}  // namespace naap::cli
