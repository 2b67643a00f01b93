// xinzhi org | user | token | audit: organisations and accounts, API tokens and the audit
// trail. Passwords are read from standard input
// (prompted without echo on a terminal), never from the command line.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "base/error.h"
#include "base/log.h"
#include "cli/commands.h"
#include "modules/accounts/demo_accounts.h"
#include "modules/accounts/directory.h"
#include "modules/accounts/sessions.h"
#include "modules/registry.h"
#include "store/audit_trail.h"

namespace xinzhi::cli {

namespace {

accounts::OrganisationFields org_in;
accounts::NewAccount account_in;
std::string username, token_name, token_role, audit_since, audit_action, org_filter;
int64_t token_days = 90, token_id = 0;
size_t audit_limit = 100;

// The filter `audit list` and `audit export` read from their shared options.
store::AuditFilter audit_filter() {
  store::AuditFilter f;
  f.actor = username;
  f.since = audit_since;
  f.action = audit_action;
  return f;
}

std::string read_line(const char* prompt, bool echo) {
  bool tty = isatty(STDIN_FILENO);
  termios saved{};
  if (tty) {
    std::cerr << prompt << std::flush;
    if (!echo && tcgetattr(STDIN_FILENO, &saved) == 0) {
      termios quiet = saved;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty && !echo) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!got) invalid_input("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string read_new_password() {
  auto pw = read_line("new password: ", false);
  if (isatty(STDIN_FILENO) && read_line("again: ", false) != pw) invalid_input("the two passwords differ");
  return pw;
}

template <class T>
void print_json_list(const std::vector<T>& items) {
  JsonWriter w;
  w.begin_array();
  for (const auto& x : items) accounts::write_json(w, x);
  std::cout << w.end_array().take() << "\n";
}

void print_entry(const store::AuditEntry& e) {
  std::cout << e.seq << "  " << e.at << "  " << e.actor << (e.org.empty() ? "" : " (" + e.org + ")") << "  " << e.action
            << "  " << e.target_kind << ":" << e.target_id << (e.detail.empty() || e.detail == "{}" ? "" : "  " + e.detail)
            << "\n";
}

}  // namespace

void add_account_commands(CLI::App& app, GlobalOptions& g) {
  auto* org = app.add_subcommand("org", "organisations: bureaus, parks, enterprises, labs, insurers, audit offices");
  org->require_subcommand(1);
  auto* org_add = org->add_subcommand("add", "add an organisation");
  org_add->add_option("--name", org_in.name, "its name (Chinese)")->required();
  org_add->add_option("--kind", org_in.kind, "bureau, park, enterprise, lab, insurer or audit_office")->required();
  org_add->add_option("--region", org_in.region, "province, city, district");
  org_add->add_option("--credit-code", org_in.credit_code, "统一社会信用代码");
  org_add->add_option("--contact", org_in.contact, "contact person or address");
  org_add->add_option("--description", org_in.description, "what it does");
  org_add->add_flag("--json", g.json, "print JSON");
  org_add->callback([&g] {
    auto db = open_database(g);
    auto o = accounts::AccountDirectory(*db).add_org(org_in, console());
    if (g.json) {
      JsonWriter w;
      accounts::write_json(w, o);
      std::cout << w.take() << "\n";
    } else {
      std::cout << "added organisation " << o.id << " " << o.name << " (" << accounts::org_kind_name(o.kind) << ")\n";
    }
  });
  auto* org_list = org->add_subcommand("list", "list organisations");
  org_list->add_flag("--json", g.json, "print JSON");
  org_list->callback([&g] {
    auto db = open_database(g);
    auto orgs = accounts::AccountDirectory(*db).orgs(console());
    if (g.json) return print_json_list(orgs);
    for (const auto& o : orgs)
      std::cout << o.id << "  " << o.name << "  " << accounts::org_kind_name(o.kind) << "  " << o.region << "  "
                << o.members << " accounts\n";
  });

  auto* user = app.add_subcommand("user", "accounts: who signs in, with which role, for which organisation");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "add an account; the password is read from standard input");
  user_add->add_option("username", account_in.username, "sign-in name (letters, digits, . _ - @)")->required();
  user_add->add_option("--org", account_in.org, "organisation id or name")->required();
  user_add->add_option("--role", account_in.role,
                       "admin, analyst, park_operator, enterprise, lab, insurer, auditor or viewer")->required();
  user_add->add_option("--display-name", account_in.display_name, "name shown in pages (default: the username)");
  user_add->add_flag("--json", g.json, "print JSON");
  user_add->callback([&g] {
    account_in.password = read_new_password();
    auto db = open_database(g);
    auto a = accounts::AccountDirectory(*db).add_account(account_in, console());
    if (g.json) {
      JsonWriter w;
      accounts::write_json(w, a);
      std::cout << w.take() << "\n";
    } else {
      std::cout << "added account " << a.username << " (" << accounts::role_name(a.role) << ", " << a.org_name << ")\n";
    }
  });
  auto* user_list = user->add_subcommand("list", "list accounts");
  user_list->add_flag("--json", g.json, "print JSON");
  user_list->callback([&g] {
    auto db = open_database(g);
    auto list = accounts::AccountDirectory(*db).accounts(console());
    if (g.json) return print_json_list(list);
    for (const auto& a : list)
      std::cout << a.username << "  " << accounts::role_name(a.role) << "  " << a.org_name << "  " << a.display_name
                << (a.disabled ? "  [disabled]" : "") << "\n";
  });
  for (bool disable : {true, false}) {
    auto* cmd = user->add_subcommand(disable ? "disable" : "enable",
                                     disable ? "disable an account and end its sessions" : "enable an account again");
    cmd->add_option("username", username, "the account")->required();
    cmd->callback([&g, disable] {
      auto db = open_database(g);
      accounts::AccountDirectory(*db).set_disabled(username, disable, console());
      std::cout << (disable ? "disabled " : "enabled ") << username << "\n";
    });
  }
  auto* passwd = user->add_subcommand("passwd", "set an account's password (from standard input); lifts a lockout");
  passwd->add_option("username", username, "the account")->required();
  passwd->callback([&g] {
    auto pw = read_new_password();
    auto db = open_database(g);
    accounts::AccountDirectory(*db).set_password(username, pw, console());
    std::cout << "set the password of " << username << " and ended its sessions\n";
  });

  auto* token = app.add_subcommand("token", "API tokens for scripts (Authorization: Bearer …)");
  token->require_subcommand(1);
  auto* token_add = token->add_subcommand("add", "issue a token; the secret is printed once");
  token_add->add_option("--user", username, "the account the token acts for")->required();
  token_add->add_option("--name", token_name, "what it is for")->required();
  token_add->add_option("--role", token_role, "a role no wider than the account's (default: the account's)");
  token_add->add_option("--days", token_days, "days until it expires (1 to 365, default 90)")->check(CLI::Range(1, 365));
  token_add->add_flag("--json", g.json, "print JSON");
  token_add->callback([&g] {
    auto db = open_database(g);
    auto [t, secret] = accounts::ApiTokens(*db).issue(username, token_role, token_name, token_days, console());
    if (g.json) {
      JsonWriter w;
      w.begin_object().key("token");
      accounts::write_json(w, t);
      std::cout << w.field("secret", secret).end_object().take() << "\n";
    } else {
      std::cout << "token " << t.id << " for " << t.username << " (" << accounts::role_name(t.role) << "):\n" << secret << "\n";
    }
  });
  auto* token_list = token->add_subcommand("list", "list tokens (never their secrets)");
  token_list->add_flag("--json", g.json, "print JSON");
  token_list->callback([&g] {
    auto db = open_database(g);
    auto list = accounts::ApiTokens(*db).list(console());
    if (g.json) return print_json_list(list);
    for (const auto& t : list)
      std::cout << t.id << "  " << t.username << "  " << accounts::role_name(t.role) << "  " << t.name
                << (t.revoked ? "  [revoked]" : "") << "\n";
  });
  auto* token_revoke = token->add_subcommand("revoke", "revoke a token");
  token_revoke->add_option("id", token_id, "token id")->required();
  token_revoke->callback([&g] {
    auto db = open_database(g);
    accounts::ApiTokens(*db).revoke(token_id, console());
    std::cout << "revoked token " << token_id << "\n";
  });

  auto* audit = app.add_subcommand("audit", "the hash-chained audit trail of every write");
  audit->require_subcommand(1);
  static std::string expect_head;
  auto* verify = audit->add_subcommand("verify", "recompute the chain; exit 1 naming the first bad entry");
  verify->add_option("--expect-head", expect_head,
                     "a checkpoint SEQ:HASH written down earlier (xinzhi audit head): the trail must still hold it");
  verify->add_flag("--json", g.json, "print JSON");
  verify->callback([&g] {
    auto db = open_database(g);
    auto v = store::verify_audit(*db, expect_head);
    if (g.json)
      std::cout << nlohmann::json{{"ok", v.ok}, {"entries", v.entries}, {"first_bad_seq", v.first_bad_seq},
                                  {"problem", v.problem}, {"head_hash", v.head_hash}}
                       .dump(2)
                << "\n";
    else if (v.ok)
      std::cout << "audit trail intact: " << v.entries << " entries, head " << (v.entries ? v.head_hash : "(empty)") << "\n";
    if (!v.ok) fail(ErrorCode::Conflict, "audit trail broken at entry " + std::to_string(v.first_bad_seq) + ": " + v.problem);
  });
  auto* head = audit->add_subcommand("head", "the checkpoint SEQ:HASH to write down; audit verify --expect-head checks it");
  head->callback([&g] { std::cout << store::audit_checkpoint(*open_database(g)) << "\n"; });
  auto* list = audit->add_subcommand("list", "entries, newest first");
  list->add_option("--user", username, "only this actor (username, cli:<user> or scheduler)");
  list->add_option("--since", audit_since, "from this date or time (UTC, 2026-11-27 or 2026-11-27T08:00)");
  list->add_option("--action", audit_action, "only this action, or a prefix ending in '.' (chain.)");
  list->add_option("--limit", audit_limit, "at most this many (default 100)")->check(CLI::Range(1, 1000000));
  list->add_flag("--json", g.json, "print JSON");
  list->callback([&g] {
    auto db = open_database(g);
    auto f = audit_filter();
    f.limit = audit_limit;
    auto entries = store::list_audit(*db, f);
    if (!g.json) {
      for (const auto& e : entries) print_entry(e);
      return;
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : entries)
      out.push_back({{"seq", e.seq}, {"at", e.at}, {"account_id", e.account_id}, {"actor", e.actor}, {"org_id", e.org_id},
                     {"org", e.org}, {"via", e.via}, {"action", e.action}, {"target_kind", e.target_kind},
                     {"target_id", e.target_id}, {"before_digest", e.before_digest}, {"after_digest", e.after_digest},
                     {"detail", e.detail}, {"prev_hash", e.prev_hash}, {"hash", e.hash}});
    std::cout << out.dump(2) << "\n";
  });

  // The whole filtered trail as CSV, the same file GET /api/audit.csv streams, written row by
  // row as it is read (the trail may be longer than memory wants to hold).
  auto* export_csv = audit->add_subcommand("export", "every entry the filter selects as CSV (UTF-8 with a BOM), newest first");
  export_csv->add_option("--user", username, "only this actor");
  export_csv->add_option("--since", audit_since, "from this date or time (UTC)");
  export_csv->add_option("--action", audit_action, "only this action, or its family (import, chain.)");
  export_csv->callback([&g] {
    auto db = open_database(g);
    auto f = audit_filter();
    std::cout << "\xEF\xBB\xBF" << store::audit_csv_header();
    store::for_each_audit(*db, f, [](const store::AuditEntry& e) { return static_cast<bool>(std::cout << store::audit_csv_row(e)); });
    if (!std::cout.flush()) fail(ErrorCode::Unavailable, "the export could not be written whole (disk full or pipe closed?)");
  });

  auto* demo_accounts = app.get_subcommand("demo")->add_subcommand(
      "accounts", "create the demo organisations and one account per role (demo-only passwords)");
  demo_accounts->add_flag("--json", g.json, "print JSON");
  demo_accounts->callback([&g] {
    auto db = open_database(g);
    int added = accounts::seed_demo_accounts(*db);
    if (g.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& a : accounts::demo_accounts())
        out.push_back({{"username", a.username}, {"password", a.password}, {"role", a.role}, {"org", a.org}});
      std::cout << nlohmann::json{{"added", added}, {"accounts", out}}.dump(2) << "\n";
      return;
    }
    std::cout << "demo accounts (passwords are public: for trying Xinzhi out only):\n";
    for (const auto& a : accounts::demo_accounts())
      std::cout << "  " << a.username << " / " << a.password << "  " << a.role << "  " << a.org << "\n";
  });
}

}  // namespace xinzhi::cli
