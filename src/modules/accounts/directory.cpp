#include "modules/accounts/directory.h"

#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/text.h"
#include "modules/accounts/sessions.h"
#include "store/audit_trail.h"

namespace xinzhi::accounts {

std::vector<store::Migration> migrations() {
  return {{"accounts", 1, "organisations, accounts, sessions and API tokens",
           "CREATE TABLE organisation ("
           " id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
           " kind TEXT NOT NULL CHECK (kind IN ('bureau','park','enterprise','lab','insurer','audit_office')),"
           " region TEXT NOT NULL DEFAULT '', credit_code TEXT NOT NULL DEFAULT '', contact TEXT NOT NULL DEFAULT '',"
           " description TEXT NOT NULL DEFAULT '',"
           " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
           "CREATE TABLE account ("
           " id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE, display_name TEXT NOT NULL,"
           " org_id INTEGER NOT NULL REFERENCES organisation(id),"
           " role TEXT NOT NULL CHECK (role IN ('admin','analyst','park_operator','enterprise','lab','insurer',"
           "'auditor','viewer')),"
           " password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,"
           " failed_logins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0,"
           " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
           " password_changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
           "CREATE INDEX account_by_org ON account(org_id);"
           // Only digests of session and API tokens are stored: a copy of the database
           // does not let anyone sign in.
           "CREATE TABLE session ("
           " id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,"
           " account_id INTEGER NOT NULL REFERENCES account(id), csrf_token TEXT NOT NULL,"
           " created_epoch INTEGER NOT NULL, last_seen_epoch INTEGER NOT NULL, ended INTEGER NOT NULL DEFAULT 0,"
           " ip TEXT NOT NULL DEFAULT '');"
           "CREATE INDEX session_by_account ON session(account_id);"
           "CREATE TABLE api_token ("
           " id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,"
           " account_id INTEGER NOT NULL REFERENCES account(id), role TEXT NOT NULL, name TEXT NOT NULL,"
           " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
           " expires_epoch INTEGER NOT NULL DEFAULT 0, revoked INTEGER NOT NULL DEFAULT 0,"
           " last_used_epoch INTEGER NOT NULL DEFAULT 0);"
           "CREATE INDEX api_token_by_account ON api_token(account_id);"}};
}

std::string checked_text(const std::string& value, const std::string& field, size_t max_bytes, bool required) {
  if (!text::is_valid_utf8(value)) invalid_input(field + " is not valid UTF-8");
  if (value.size() > max_bytes) invalid_input(field + " is longer than " + std::to_string(max_bytes) + " bytes");
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7f) invalid_input(field + " holds a control character");
  auto trimmed = text::trim(value);
  if (required && trimmed.empty()) invalid_input(field + " is empty");
  return std::string(trimmed);
}

namespace {

constexpr const char* kOrgSelect =
    "SELECT o.id, o.name, o.kind, o.region, o.credit_code, o.contact, o.description, o.created_at,"
    " (SELECT count(*) FROM account a WHERE a.org_id = o.id) FROM organisation o";
constexpr const char* kAccountSelect =
    "SELECT a.id, a.username, a.display_name, a.role, a.org_id, o.name, a.disabled, a.locked_until, a.created_at,"
    " a.password_changed_at FROM account a JOIN organisation o ON o.id = a.org_id";

Organisation org_row(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(),  q.getColumn(1).getString(), org_kind_from(q.getColumn(2).getString()),
          q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
          q.getColumn(6).getString(), q.getColumn(7).getString(), q.getColumn(8).getInt64()};
}

Account account_row(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(),    q.getColumn(1).getString(), q.getColumn(2).getString(),
          role_from(q.getColumn(3).getString()), q.getColumn(4).getInt64(), q.getColumn(5).getString(),
          q.getColumn(6).getInt() != 0, q.getColumn(7).getInt64(), q.getColumn(8).getString(),
          q.getColumn(9).getString()};
}

std::string org_text(const Organisation& o) {
  return nlohmann::json{{"name", o.name},       {"kind", org_kind_name(o.kind)}, {"region", o.region},
                        {"credit_code", o.credit_code}, {"contact", o.contact},  {"description", o.description}}
      .dump();
}

std::string account_text(const Account& a) {
  return nlohmann::json{{"username", a.username}, {"display_name", a.display_name}, {"role", role_name(a.role)},
                        {"org_id", a.org_id},      {"disabled", a.disabled},          {"password_changed_at", a.password_changed_at}}
      .dump();
}

void require(const Principal& by, Permission p) {
  if (!by.has(p)) fail(ErrorCode::Forbidden, "role " + std::string(role_name(by.role)) + " may not " + std::string(permission_meaning(p)));
}

std::string checked_username(const std::string& u) {
  if (u.size() < 3 || u.size() > 64) invalid_input("username must be 3 to 64 characters");
  for (char c : u)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '@'))
      invalid_input("username '" + u + "' may hold only letters, digits and . _ - @");
  return u;
}

Organisation load_org(store::Database& db, int64_t id) {
  SQLite::Statement q(db.sql(), std::string(kOrgSelect) + " WHERE o.id = ?");
  q.bind(1, id);
  if (!q.executeStep()) not_found("no organisation with id " + std::to_string(id));
  return org_row(q);
}

}  // namespace

Organisation AccountDirectory::add_org(const OrganisationFields& f, const Principal& by) {
  require(by, Permission::AccountsManage);
  if (!f.name) invalid_input("field 'name' is missing");
  if (!f.kind) invalid_input("field 'kind' is missing");
  auto name = checked_text(*f.name, "name", 200, true);
  auto kind = org_kind_from(*f.kind);
  auto opt = [](const std::optional<std::string>& v, const char* field, size_t max) {
    return v ? checked_text(*v, field, max, false) : std::string();
  };
  store::WriteTransaction tx(db_);
  SQLite::Statement dup(db_.sql(), "SELECT 1 FROM organisation WHERE name = ?");
  dup.bind(1, name);
  if (dup.executeStep()) fail(ErrorCode::Conflict, "an organisation named '" + name + "' exists");
  SQLite::Statement ins(db_.sql(),
                        "INSERT INTO organisation(name, kind, region, credit_code, contact, description) VALUES (?,?,?,?,?,?)");
  ins.bind(1, name);
  ins.bind(2, std::string(org_kind_name(kind)));
  ins.bind(3, opt(f.region, "region", 200));
  ins.bind(4, opt(f.credit_code, "credit_code", 18));
  ins.bind(5, opt(f.contact, "contact", 200));
  ins.bind(6, opt(f.description, "description", 4000));
  ins.exec();
  auto o = load_org(db_, db_.sql().getLastInsertRowid());
  tx.audit({"org.add", "organisation", std::to_string(o.id), "", org_text(o), nlohmann::json{{"name", o.name}}.dump()});
  tx.commit();
  return o;
}

Organisation AccountDirectory::update_org(int64_t id, const OrganisationFields& f, const Principal& by) {
  require(by, Permission::OrgEdit);
  store::WriteTransaction tx(db_);
  if (!by.may_read_org(id)) not_found("no organisation with id " + std::to_string(id));
  if (!by.may_edit_org(id)) fail(ErrorCode::Forbidden, "you may edit only your own organisation's profile");
  auto before = load_org(db_, id);
  auto after = before;
  if (f.name) after.name = checked_text(*f.name, "name", 200, true);
  // The kind decides which roles its accounts hold: only an administrator changes it.
  if (f.kind && org_kind_from(*f.kind) != before.kind) {
    if (!by.reaches_all(Permission::OrgEdit)) fail(ErrorCode::Forbidden, "only an administrator changes an organisation's kind");
    after.kind = org_kind_from(*f.kind);
  }
  if (f.region) after.region = checked_text(*f.region, "region", 200, false);
  if (f.credit_code) after.credit_code = checked_text(*f.credit_code, "credit_code", 18, false);
  if (f.contact) after.contact = checked_text(*f.contact, "contact", 200, false);
  if (f.description) after.description = checked_text(*f.description, "description", 4000, false);
  SQLite::Statement dup(db_.sql(), "SELECT 1 FROM organisation WHERE name = ? AND id <> ?");
  dup.bind(1, after.name);
  dup.bind(2, id);
  if (dup.executeStep()) fail(ErrorCode::Conflict, "an organisation named '" + after.name + "' exists");
  SQLite::Statement up(db_.sql(),
                       "UPDATE organisation SET name = ?, kind = ?, region = ?, credit_code = ?, contact = ?, "
                       "description = ? WHERE id = ?");
  up.bind(1, after.name);
  up.bind(2, std::string(org_kind_name(after.kind)));
  up.bind(3, after.region);
  up.bind(4, after.credit_code);
  up.bind(5, after.contact);
  up.bind(6, after.description);
  up.bind(7, id);
  up.exec();
  tx.audit({"org.update", "organisation", std::to_string(id), org_text(before), org_text(after),
            nlohmann::json{{"name", after.name}}.dump()});
  tx.commit();
  return load_org(db_, id);
}

Organisation AccountDirectory::org(int64_t id, const Principal& by) {
  if (!by.may_read_org(id)) not_found("no organisation with id " + std::to_string(id));
  return load_org(db_, id);
}

std::vector<Organisation> AccountDirectory::orgs(const Principal& by) {
  std::vector<Organisation> out;
  bool all = by.reaches_all(Permission::OrgRead);
  SQLite::Statement q(db_.sql(), std::string(kOrgSelect) + (all ? "" : " WHERE o.id = ?") + " ORDER BY o.id");
  if (!all) q.bind(1, by.org_id);
  while (q.executeStep()) out.push_back(org_row(q));
  return out;
}

Organisation AccountDirectory::find_org(const std::string& id_or_name) {
  SQLite::Statement q(db_.sql(), std::string(kOrgSelect) + " WHERE o.name = ? OR CAST(o.id AS TEXT) = ?");
  q.bind(1, id_or_name);
  q.bind(2, id_or_name);
  if (!q.executeStep()) not_found("no organisation with id or name '" + id_or_name + "'");
  return org_row(q);
}

Account AccountDirectory::add_account(const NewAccount& a, const Principal& by) {
  require(by, Permission::AccountsManage);
  auto username = checked_username(a.username);
  auto display = checked_text(a.display_name.empty() ? a.username : a.display_name, "display_name", 200, true);
  auto role = role_from(a.role);
  check_new_password(a.password);
  auto o = find_org(a.org);
  auto allowed = roles_for(o.kind);
  if (std::find(allowed.begin(), allowed.end(), role) == allowed.end()) {
    std::string names;
    for (auto r : allowed) names += (names.empty() ? "" : ", ") + std::string(role_name(r));
    invalid_input("an account of " + std::string(org_kind_label_zh(o.kind)) + " '" + o.name + "' may be " + names +
                  ", not " + std::string(role_name(role)));
  }
  auto hash = hash_password(a.password, cost_);  // slow: outside the write lock
  store::WriteTransaction tx(db_);
  SQLite::Statement dup(db_.sql(), "SELECT 1 FROM account WHERE username = ?");
  dup.bind(1, username);
  if (dup.executeStep()) fail(ErrorCode::Conflict, "an account named '" + username + "' exists");
  SQLite::Statement ins(db_.sql(), "INSERT INTO account(username, display_name, org_id, role, password_hash) VALUES (?,?,?,?,?)");
  ins.bind(1, username);
  ins.bind(2, display);
  ins.bind(3, o.id);
  ins.bind(4, std::string(role_name(role)));
  ins.bind(5, hash);
  ins.exec();
  auto created = account(username);
  tx.audit({"account.add", "account", username, "", account_text(created),
            nlohmann::json{{"role", role_name(role)}, {"org", o.name}}.dump()});
  tx.commit();
  return created;
}

std::vector<Account> AccountDirectory::accounts(const Principal& by) {
  require(by, Permission::AccountsRead);
  std::vector<Account> out;
  SQLite::Statement q(db_.sql(), std::string(kAccountSelect) + " ORDER BY a.org_id, a.id");
  while (q.executeStep()) out.push_back(account_row(q));
  return out;
}

std::vector<Account> AccountDirectory::members(int64_t org_id, const Principal& by) {
  org(org_id, by);  // NotFound when the caller may not see it
  std::vector<Account> out;
  SQLite::Statement q(db_.sql(), std::string(kAccountSelect) + " WHERE a.org_id = ? ORDER BY a.id");
  q.bind(1, org_id);
  while (q.executeStep()) out.push_back(account_row(q));
  return out;
}

Account AccountDirectory::account(const std::string& username) {
  SQLite::Statement q(db_.sql(), std::string(kAccountSelect) + " WHERE a.username = ?");
  q.bind(1, username);
  if (!q.executeStep()) not_found("no account named '" + username + "'");
  return account_row(q);
}

namespace {
std::map<int64_t, std::string> names_by_id(store::Database& db, const char* sql) {
  std::map<int64_t, std::string> out;
  SQLite::Statement q(db.sql(), sql);
  while (q.executeStep()) out.emplace(q.getColumn(0).getInt64(), q.getColumn(1).getString());
  return out;
}
}  // namespace

std::map<int64_t, std::string> AccountDirectory::organisation_names() {
  return names_by_id(db_, "SELECT id, name FROM organisation");
}

std::map<int64_t, std::string> AccountDirectory::usernames() { return names_by_id(db_, "SELECT id, username FROM account"); }

Principal AccountDirectory::principal(const std::string& username) {
  auto a = account(username);
  Principal p;
  p.account_id = a.id;
  p.username = a.username;
  p.display_name = a.display_name;
  p.role = a.role;
  p.org_id = a.org_id;
  p.org_name = a.org_name;
  p.org_kind = load_org(db_, a.org_id).kind;
  return p;
}

void AccountDirectory::set_disabled(const std::string& username, bool disabled, const Principal& by) {
  require(by, Permission::AccountsManage);
  store::WriteTransaction tx(db_);
  auto before = account(username);
  if (before.id == by.account_id && disabled) invalid_input("you cannot disable your own account");
  SQLite::Statement up(db_.sql(), "UPDATE account SET disabled = ? WHERE id = ?");
  up.bind(1, disabled ? 1 : 0);
  up.bind(2, before.id);
  up.exec();
  if (disabled) end_sessions(db_, before.id);
  tx.audit({disabled ? "account.disable" : "account.enable", "account", before.username, account_text(before),
            account_text(account(username)), "{}"});
  tx.commit();
}

void AccountDirectory::set_password(const std::string& username, const std::string& password, const Principal& by) {
  require(by, Permission::AccountsManage);
  check_new_password(password);
  replace_password(username, hash_password(password, cost_), 0, "account.password_reset");
}

void AccountDirectory::change_own_password(const Principal& me, const std::string& old_password, const std::string& password) {
  check_new_password(password);
  SQLite::Statement q(db_.sql(), "SELECT password_hash FROM account WHERE id = ?");
  q.bind(1, me.account_id);
  if (!q.executeStep() || !verify_password(q.getColumn(0).getString(), old_password))
    fail(ErrorCode::Forbidden, "the current password is wrong");
  // Other sessions end; the one that changed the password stays signed in.
  replace_password(me.username, hash_password(password, cost_), me.session_id, "account.password_change");
}

void AccountDirectory::replace_password(const std::string& username, const std::string& hash, int64_t keep_session,
                                        const char* action) {
  store::WriteTransaction tx(db_);  // the hash was computed before: argon2id is slow, the lock is not held for it
  auto before = account(username);
  SQLite::Statement up(db_.sql(),
                       "UPDATE account SET password_hash = ?, failed_logins = 0, locked_until = 0,"
                       " password_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?");
  up.bind(1, hash);
  up.bind(2, before.id);
  up.exec();
  SQLite::Statement end(db_.sql(), "UPDATE session SET ended = 1 WHERE account_id = ? AND id <> ?");
  end.bind(1, before.id);
  end.bind(2, keep_session);
  end.exec();
  tx.audit({action, "account", before.username, account_text(before), account_text(account(username)), "{}"});
  tx.commit();
}

void write_json(JsonWriter& w, const Organisation& o) {
  w.begin_object().field("id", o.id).field("name", o.name).field("kind", std::string(org_kind_name(o.kind)));
  w.field("kind_zh", std::string(org_kind_label_zh(o.kind))).field("region", o.region).field("credit_code", o.credit_code);
  w.field("contact", o.contact).field("description", o.description).field("created_at", o.created_at);
  w.field("members", o.members).end_object();
}

void write_json(JsonWriter& w, const Account& a) {
  w.begin_object().field("id", a.id).field("username", a.username).field("display_name", a.display_name);
  w.field("role", std::string(role_name(a.role))).field("role_zh", std::string(role_label_zh(a.role)));
  w.field("org_id", a.org_id).field("org", a.org_name).field("disabled", a.disabled);
  w.field("locked_until", a.locked_until).field("created_at", a.created_at);
  w.field("password_changed_at", a.password_changed_at).end_object();
}

}  // namespace xinzhi::accounts
