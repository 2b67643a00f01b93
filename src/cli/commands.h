// The xinzhi subcommands. Each one parses its options with CLI11, calls a module service
// and prints text or, with --json, JSON on stdout.
#pragma once
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "modules/accounts/principal.h"
#include "store/database.h"

namespace xinzhi::cli {

struct GlobalOptions {
  std::string db = "var/xinzhi.db";
  bool json = false;
  std::string log_level = "info";
};

// The database at --db, logging configured and the schema brought up to date.
std::unique_ptr<store::Database> open_database(GlobalOptions& g);

// Shared by the subcommands (cli/console.cpp). Whoever runs xinzhi: every permission, audited
// under the actor's name.
accounts::Principal console();
// JSON (2-space indent) with --json, else what `text` prints.
void print_json_or(const GlobalOptions& g, const nlohmann::json& j, const std::function<void()>& text);
// "a, b,,c" → {"a", "b", "c"}: items trimmed, empty ones dropped.
std::vector<std::string> comma_list(const std::string& text);

void add_db_commands(CLI::App& app, GlobalOptions& g);
void add_import_commands(CLI::App& app, GlobalOptions& g);
void add_info_commands(CLI::App& app, GlobalOptions& g);
void add_chain_commands(CLI::App& app, GlobalOptions& g);
void add_graph_commands(CLI::App& app, GlobalOptions& g);
void add_series_commands(CLI::App& app, GlobalOptions& g);
void add_foresight_commands(CLI::App& app, GlobalOptions& g);
// After program::add_serve_commands: adds `demo accounts` to its demo command.
void add_account_commands(CLI::App& app, GlobalOptions& g);
void add_mcda_commands(CLI::App& app, GlobalOptions& g);
void add_io_commands(CLI::App& app, GlobalOptions& g);
// After program::add_serve_commands: adds `demo linkage`.
void add_demo_linkage_command(CLI::App& app, GlobalOptions& g);
// After add_import_commands: adds `import papers`.
void add_literature_commands(CLI::App& app, GlobalOptions& g);
void add_settings_commands(CLI::App& app, GlobalOptions& g);
void add_search_commands(CLI::App& app, GlobalOptions& g);
void add_text_commands(CLI::App& app, GlobalOptions& g);
void add_match_commands(CLI::App& app, GlobalOptions& g);
void add_dea_commands(CLI::App& app, GlobalOptions& g);
void add_nqpf_commands(CLI::App& app, GlobalOptions& g);
// After program::add_serve_commands: also adds `demo engineers`.
void add_engineer_commands(CLI::App& app, GlobalOptions& g);
// After program::add_serve_commands: also adds `demo transfer`.
void add_transfer_commands(CLI::App& app, GlobalOptions& g);
void add_task_commands(CLI::App& app, GlobalOptions& g);
// After program::add_serve_commands: adds `demo scenarios`.
void add_scenario_commands(CLI::App& app, GlobalOptions& g);

}  // namespace xinzhi::cli
