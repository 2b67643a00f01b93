// xinzhi access: the role × permission matrix and every HTTP route's permission, the tables
// docs/access.md holds. It reads the HTTP door's route table, so it lives here, where both
// doors meet, and not in the command-line door.
#include <iostream>

#include "modules/accounts/access.h"
#include "program/program.h"
#include "server/route_table.h"

namespace xinzhi::program {

namespace {

std::string access_markdown() {
  std::string out = "| permission | meaning |";
  for (auto r : accounts::kRoles) out += " " + std::string(accounts::role_name(r)) + " |";
  out += "\n| --- | --- |";
  for (size_t i = 0; i < accounts::kRoles.size(); ++i) out += " :-: |";
  out += "\n";
  for (auto p : accounts::kPermissions) {
    out += "| `" + std::string(accounts::permission_name(p)) + "` | " + std::string(accounts::permission_meaning(p)) + " |";
    for (auto r : accounts::kRoles)
      out += std::string(!accounts::role_has(r, p) ? " — |" : accounts::reaches_all_orgs(r, p) ? " ✓ |" : " own |");
    out += "\n";
  }
  out += "\n| method | route | permission | what |\n| --- | --- | --- | --- |\n";
  for (const auto& r : server::route_table()) {
    std::string pattern = r.pattern;
    for (size_t at = 0; (at = pattern.find('|', at)) != std::string::npos; at += 2) pattern.replace(at, 1, "\\|");
    out += "| " + std::string(r.method) + " | `" + pattern + "` | `" + std::string(accounts::permission_name(r.permission)) +
           "` | " + r.summary + " |\n";
  }
  return out;
}

}  // namespace

void add_access_command(CLI::App& app) {
  static bool markdown = false;
  auto* access = app.add_subcommand("access", "the role × permission matrix and every API route's permission");
  access->add_flag("--markdown", markdown, "print the tables docs/access.md holds");
  access->callback([] { std::cout << access_markdown(); });
}

}  // namespace xinzhi::program
