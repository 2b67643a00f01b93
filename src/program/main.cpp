// xinzhi: the command-line door. Exit codes: 0 success, 2 bad input (usage, files, ids),
// 1 anything else; messages on stderr.
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "base/error.h"
#include "base/log.h"
#include "program/program.h"
#include "store/audit_trail.h"

namespace {
// The command line writes as the operating-system user running it: whoever can run xinzhi
// against a database file can write it directly, so the trail records who did.
xinzhi::store::Actor command_line_actor() {
  std::string user = "unknown";
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) user = pw->pw_name;
  return {0, "cli:" + user, 0, "", "cli"};
}
}  // namespace

int main(int argc, char** argv) {
  using namespace xinzhi;
  store::set_process_actor(command_line_actor());
  CLI::App app{"新质 Xinzhi: a platform for new quality productive forces"};
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand
  cli::GlobalOptions g;
  if (const char* env = std::getenv("XINZHI_DB"); env && *env) g.db = env;
  app.add_option("--db", g.db, "database: a SQLite file (default ./var/xinzhi.db) or postgresql://USER@HOST/DB (env XINZHI_DB)");
  app.add_option("--log-level", g.log_level, "debug, info, warn, error or off")
      ->check(CLI::IsMember({"debug", "info", "warn", "error", "off"}));
  program::add_serve_commands(app, g);
  cli::add_db_commands(app, g);
  cli::add_import_commands(app, g);
  cli::add_info_commands(app, g);
  cli::add_chain_commands(app, g);
  cli::add_graph_commands(app, g);
  cli::add_series_commands(app, g);
  cli::add_foresight_commands(app, g);
  cli::add_account_commands(app, g);
  program::add_access_command(app);
  cli::add_mcda_commands(app, g);
  cli::add_io_commands(app, g);
  cli::add_demo_linkage_command(app, g);
  cli::add_literature_commands(app, g);
  cli::add_search_commands(app, g);
  cli::add_text_commands(app, g);
  cli::add_match_commands(app, g);
  cli::add_dea_commands(app, g);
  cli::add_nqpf_commands(app, g);
  cli::add_engineer_commands(app, g);
  cli::add_transfer_commands(app, g);
  cli::add_task_commands(app, g);
  cli::add_scenario_commands(app, g);
  cli::add_settings_commands(app, g);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const Error& e) {
    std::cerr << "xinzhi: " << e.what() << "\n";
    return exit_code(e.code());
  } catch (const std::exception& e) {
    std::cerr << "xinzhi: unexpected error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
