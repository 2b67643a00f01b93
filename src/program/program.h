// The xinzhi program: the commands that need the HTTP door (serve, demo start, access) on
// top of the command-line door's. This folder is the only place where the two doors meet.
#pragma once
#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace xinzhi::program {

// serve, demo seed|remove|start; must come before the CLI's commands that add to `demo`.
void add_serve_commands(CLI::App& app, cli::GlobalOptions& g);
void add_access_command(CLI::App& app);

}  // namespace xinzhi::program
