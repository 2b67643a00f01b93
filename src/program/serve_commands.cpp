// xinzhi serve, xinzhi demo seed|remove|start: the HTTP door started from the command line.
#include <csignal>
#include <fstream>
#include <iostream>

#include "base/error.h"
#include "base/log.h"
#include "program/program.h"
#include "modules/kg/knowledge_graph.h"
#include "modules/registry.h"
#include "server/api_server.h"
#include "store/audit_trail.h"

namespace xinzhi::program {

using cli::GlobalOptions;

namespace {
server::ServerOptions serve_options;
server::ApiServer* running = nullptr;
std::string metrics_token_file;

void on_signal(int) {
  if (running) running->stop();
}

void add_server_options(CLI::App* cmd) {
  cmd->add_option("--listen", serve_options.host, "address to listen on (default 127.0.0.1: this machine only)");
  cmd->add_option("--port", serve_options.port, "port (default 8080; 0 picks a free one)")->check(CLI::Range(0, 65535));
  cmd->add_option("--web-root", serve_options.web_root, "built dashboard folder (default web/dist)");
  cmd->add_option("--threads", serve_options.threads, "threads that run API handlers (default 4)")->check(CLI::Range(1, 256));
  cmd->add_option("--io-threads", serve_options.io_threads, "threads that accept, read and write (default 2)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--max-connections", serve_options.max_connections, "open client connections at most (default 10000)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--max-body", serve_options.max_body_bytes, "largest request body in bytes (default 1 MiB)");
  cmd->add_option("--metrics-token-file", metrics_token_file,
                  "a file holding a token (16+ characters) that may read /metrics as 'Authorization: Bearer …' "
                  "(for Prometheus); without it only admins may");
  cmd->add_option("--trusted-proxy", serve_options.trusted_proxies,
                  "address of a reverse proxy whose X-Forwarded-For names the client (127.0.0.1 for nginx on this "
                  "machine); repeatable");
  cmd->add_option("--scheduler-tick", serve_options.scheduler_tick_seconds,
                  "seconds between checks for scheduled heat maps (default 60, 0 turns them off)")
      ->check(CLI::Range(0, 86400));
  cmd->add_option("--public-origin", serve_options.auth.public_origins,
                  "an origin browsers reach the server at (https://xinzhi.example.cn); repeatable. Default: this "
                  "machine's loopback addresses on the serving port");
  cmd->add_flag("--behind-tls", serve_options.auth.secure_cookies,
                "a TLS proxy serves the public address: session cookies get Secure, origins are https");
  cmd->add_option("--session-idle", serve_options.auth.policy.idle_seconds,
                  "seconds an unused session lasts (default 7200)")->check(CLI::Range(60, 86400 * 30));
  cmd->add_option("--session-max", serve_options.auth.policy.absolute_seconds,
                  "seconds any session lasts after sign-in (default 43200)")->check(CLI::Range(60, 86400 * 90));
}

// Read from a file, not the command line, where `ps` would show it.
std::string read_metrics_token(const std::string& file) {
  std::ifstream in(file);
  if (!in) fail(ErrorCode::InvalidInput, "cannot read the metrics token file " + file);
  std::string token;
  std::getline(in, token);
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (token.size() < 16) fail(ErrorCode::InvalidInput, file + ":1: the metrics token must be at least 16 characters");
  return token;
}

void serve(GlobalOptions& g) {
  serve_options.db_path = g.db;
  if (!metrics_token_file.empty()) serve_options.auth.metrics_token = read_metrics_token(metrics_token_file);
  store::Database database(g.db);
  modules::migrate(database);
  // From here on every write is made by a signed-in account or the scheduler, never in the
  // name of the operator who started the server.
  store::set_process_actor(std::nullopt);
  server::ApiServer api(serve_options);
  int port = api.bind();
  running = &api;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::string host = serve_options.host.find(':') != std::string::npos ? "[" + serve_options.host + "]" : serve_options.host;
  std::cout << "Xinzhi 新质 is serving http://" << host << ":" << port << "/  (database " << store::redact_address(g.db) << ")"
            << std::endl;
  api.run();
  running = nullptr;
}

bool seed(const std::string& db_path) {
  store::Database database(db_path);
  return modules::seed_sample_region(database);
}
}  // namespace

void add_serve_commands(CLI::App& app, GlobalOptions& g) {
  auto* srv = app.add_subcommand("serve", "serve the API and the web dashboard");
  add_server_options(srv);
  srv->callback([&g] {
    log::configure(g.log_level);
    serve(g);
  });

  auto* demo = app.add_subcommand("demo", "the labelled sample region (示例数据)");
  demo->require_subcommand(1);
  auto* seed_cmd = demo->add_subcommand("seed", "write the sample region if the database is empty");
  seed_cmd->add_flag("--json", g.json, "print JSON");
  seed_cmd->callback([&g] {
    bool seeded = seed(g.db);
    if (g.json)
      std::cout << nlohmann::json{{"database", store::redact_address(g.db)}, {"seeded", seeded}}.dump(2) << "\n";
    else
      std::cout << (seeded ? "seeded the sample region (示例数据) into " : "left non-empty database alone: ") << store::redact_address(g.db)
                << "\n";
  });
  auto* remove = demo->add_subcommand("remove", "delete the sample region, keeping imported data");
  remove->add_flag("--json", g.json, "print JSON");
  remove->callback([&g] {
    store::Database database(g.db);
    auto removed = modules::remove_sample_region(database);
    if (g.json)
      std::cout << nlohmann::json{{"database", store::redact_address(g.db)}, {"removed", removed}}.dump(2) << "\n";
    else
      std::cout << "removed the sample region (" << removed << " entities and chains) from " << store::redact_address(g.db) << "\n";
  });
  auto* start = demo->add_subcommand("start", "migrate, seed the sample if empty, and serve");
  add_server_options(start);
  start->callback([&g] {
    log::configure(g.log_level);
    if (seed(g.db)) std::cout << "seeded the sample region (示例数据)" << std::endl;
    serve(g);
  });
}

}  // namespace xinzhi::program
