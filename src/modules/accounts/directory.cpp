#include "modules/accounts/directory.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/text.h"
#include "modules/accounts/account_store.h"

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
           "CREATE INDEX api_token_by_account ON api_token(account_id);"},
          // In the database rather than in each process: behind a load balancer every
          // server must count the same failures (login_limits.h).
          {"accounts", 2, "failed sign-ins per client address and per unknown name",
           "CREATE TABLE login_guard (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, since_epoch INTEGER NOT NULL,"
           " locked_until INTEGER NOT NULL DEFAULT 0);"
           "CREATE INDEX login_guard_by_since ON login_guard(since_epoch);"}};
}

std::string checked_text(const std::string& value, const std::string& field, size_t max_bytes, bool required) {
  if (!text::is_valid_utf8(value))
    fail_keyed(ErrorCode::InvalidInput, "field_not_utf8", {{"field", field}}, field + " is not valid UTF-8");
  if (value.size() > max_bytes)
    fail_keyed(ErrorCode::InvalidInput, "field_too_long", {{"field", field}, {"max", std::to_string(max_bytes)}},
               field + " is longer than " + std::to_string(max_bytes) + " bytes");
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7f)
      fail_keyed(ErrorCode::InvalidInput, "field_control_character", {{"field", field}}, field + " holds a control character");
  auto trimmed = text::trim(value);
  if (required && trimmed.empty()) fail_keyed(ErrorCode::InvalidInput, "field_empty", {{"field", field}}, field + " is empty");
  return std::string(trimmed);
}

namespace {

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


[[noreturn]] void org_not_found(int64_t id) {
  fail_keyed(ErrorCode::NotFound, "organisation_not_found", {{"organisation", std::to_string(id)}},
             "no organisation with id " + std::to_string(id));
}

std::string checked_username(const std::string& u) {
  if (u.size() < 3 || u.size() > 64)
    fail_keyed(ErrorCode::InvalidInput, "username_length", {}, "username must be 3 to 64 characters");
  for (char c : u)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '@'))
      fail_keyed(ErrorCode::InvalidInput, "username_characters", {{"username", u}},
                 "username '" + u + "' may hold only letters, digits and . _ - @");
  return u;
}

Organisation existing_org(AccountReads& store, int64_t id) {
  auto o = store.organisation(id);
  if (!o) org_not_found(id);
  return *o;
}

Account existing_account(AccountReads& store, const std::string& username) {
  auto a = store.account(username);
  if (!a) fail_keyed(ErrorCode::NotFound, "account_not_found", {{"username", username}}, "no account named '" + username + "'");
  return *a;
}

}  // namespace

AccountDirectory::AccountDirectory(store::Database& db, PasswordCost cost) : store_(sql_account_store(db)), cost_(cost) {}
AccountDirectory::~AccountDirectory() = default;

Organisation AccountDirectory::add_org(const OrganisationFields& f, const Principal& by) {
  require(by, Permission::AccountsManage);
  if (!f.name) fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", "name"}}, "field 'name' is missing");
  if (!f.kind) fail_keyed(ErrorCode::InvalidInput, "field_missing", {{"field", "kind"}}, "field 'kind' is missing");
  Organisation o;
  o.name = checked_text(*f.name, "name", 200, true);
  o.kind = org_kind_from(*f.kind);
  auto opt = [](const std::optional<std::string>& v, const char* field, size_t max) {
    return v ? checked_text(*v, field, max, false) : std::string();
  };
  store_->write([&](AccountWriter& w) {
    if (w.organisation_named(o.name))
      fail_keyed(ErrorCode::Conflict, "organisation_exists", {{"name", o.name}}, "an organisation named '" + o.name + "' exists");
    // Checked after the name, as before: a taken name is reported first.
    o.region = opt(f.region, "region", 200);
    o.credit_code = opt(f.credit_code, "credit_code", 18);
    o.contact = opt(f.contact, "contact", 200);
    o.description = opt(f.description, "description", 4000);
    o = existing_org(w, w.add_organisation(o));
    w.audit({"org.add", "organisation", std::to_string(o.id), "", org_text(o), nlohmann::json{{"name", o.name}}.dump()});
  });
  return o;
}

Organisation AccountDirectory::update_org(int64_t id, const OrganisationFields& f, const Principal& by) {
  require(by, Permission::OrgEdit);
  store_->write([&](AccountWriter& w) {
    if (!by.may_read_org(id)) org_not_found(id);
    if (!by.may_edit_org(id))
      fail_keyed(ErrorCode::Forbidden, "org_edit_own_only", {}, "you may edit only your own organisation's profile");
    auto before = existing_org(w, id);
    auto after = before;
    if (f.name) after.name = checked_text(*f.name, "name", 200, true);
    // The kind decides which roles its accounts hold: only an administrator changes it.
    if (f.kind && org_kind_from(*f.kind) != before.kind) {
      if (!by.reaches_all(Permission::OrgEdit))
        fail_keyed(ErrorCode::Forbidden, "org_kind_admin_only", {}, "only an administrator changes an organisation's kind");
      after.kind = org_kind_from(*f.kind);
    }
    if (f.region) after.region = checked_text(*f.region, "region", 200, false);
    if (f.credit_code) after.credit_code = checked_text(*f.credit_code, "credit_code", 18, false);
    if (f.contact) after.contact = checked_text(*f.contact, "contact", 200, false);
    if (f.description) after.description = checked_text(*f.description, "description", 4000, false);
    auto same_name = w.organisation_named(after.name);
    if (same_name && same_name->id != id)
      fail_keyed(ErrorCode::Conflict, "organisation_exists", {{"name", after.name}},
                 "an organisation named '" + after.name + "' exists");
    w.update_organisation(after);
    w.audit({"org.update", "organisation", std::to_string(id), org_text(before), org_text(after),
             nlohmann::json{{"name", after.name}}.dump()});
  });
  return existing_org(*store_, id);
}

Organisation AccountDirectory::org(int64_t id, const Principal& by) {
  if (!by.may_read_org(id)) org_not_found(id);
  return existing_org(*store_, id);
}

std::vector<Organisation> AccountDirectory::orgs(const Principal& by) {
  if (by.reaches_all(Permission::OrgRead)) return store_->organisations();
  std::vector<Organisation> out;
  if (auto own = store_->organisation(by.org_id)) out.push_back(*own);
  return out;
}

Organisation AccountDirectory::find_org(const std::string& id_or_name) {
  auto o = store_->organisation_by_id_or_name(id_or_name);
  if (!o)
    fail_keyed(ErrorCode::NotFound, "organisation_not_found", {{"organisation", id_or_name}},
               "no organisation with id or name '" + id_or_name + "'");
  return *o;
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
    fail_keyed(ErrorCode::InvalidInput, "role_not_for_org_kind",
               {{"kind", std::string(org_kind_name(o.kind))}, {"org", o.name}, {"role", std::string(role_name(role))}},
               "an account of " + std::string(org_kind_label_zh(o.kind)) + " '" + o.name + "' may be " + names + ", not " +
                   std::string(role_name(role)));
  }
  auto hash = hash_password(a.password, cost_);  // slow: outside the write lock
  Account created;
  store_->write([&](AccountWriter& w) {
    if (w.account(username))
      fail_keyed(ErrorCode::Conflict, "account_exists", {{"username", username}}, "an account named '" + username + "' exists");
    w.add_account(username, display, o.id, role, hash);
    created = existing_account(w, username);
    w.audit({"account.add", "account", username, "", account_text(created),
             nlohmann::json{{"role", role_name(role)}, {"org", o.name}}.dump()});
  });
  return created;
}

std::vector<Account> AccountDirectory::accounts(const Principal& by) {
  require(by, Permission::AccountsRead);
  return store_->accounts();
}

std::vector<Account> AccountDirectory::members(int64_t org_id, const Principal& by) {
  org(org_id, by);  // NotFound when the caller may not see it
  return store_->members(org_id);
}

Account AccountDirectory::account(const std::string& username) { return existing_account(*store_, username); }

std::map<int64_t, std::string> AccountDirectory::organisation_names() { return store_->organisation_names(); }

std::map<int64_t, std::string> AccountDirectory::usernames() { return store_->usernames(); }

std::map<int64_t, std::string> AccountDirectory::display_names() { return store_->display_names(); }

Principal AccountDirectory::principal(const std::string& username) {
  auto a = account(username);
  Principal p;
  p.account_id = a.id;
  p.username = a.username;
  p.display_name = a.display_name;
  p.role = a.role;
  p.org_id = a.org_id;
  p.org_name = a.org_name;
  p.org_kind = existing_org(*store_, a.org_id).kind;
  return p;
}

void AccountDirectory::set_disabled(const std::string& username, bool disabled, const Principal& by) {
  require(by, Permission::AccountsManage);
  store_->write([&](AccountWriter& w) {
    auto before = existing_account(w, username);
    if (before.id == by.account_id && disabled)
      fail_keyed(ErrorCode::InvalidInput, "disable_own_account", {}, "you cannot disable your own account");
    w.set_disabled(before.id, disabled);
    // A disabled account's sessions end and its API tokens are revoked for good: enabling
    // it again must not bring back a credential that may have leaked.
    if (disabled) w.end_sessions(before.id, 0), w.revoke_tokens_of(before.id);
    w.audit({disabled ? "account.disable" : "account.enable", "account", before.username, account_text(before),
             account_text(existing_account(w, username)), "{}"});
  });
}

void AccountDirectory::set_password(const std::string& username, const std::string& password, const Principal& by) {
  require(by, Permission::AccountsManage);
  check_new_password(password);
  replace_password(username, hash_password(password, cost_), 0, "account.password_reset");
}

void AccountDirectory::change_own_password(const Principal& me, const std::string& old_password, const std::string& password) {
  check_new_password(password);
  auto hash = store_->password_hash(me.account_id);
  if (!hash || !verify_password(*hash, old_password))
    fail_keyed(ErrorCode::Forbidden, "current_password_wrong", {}, "the current password is wrong");
  // Other sessions end; the one that changed the password stays signed in.
  replace_password(me.username, hash_password(password, cost_), me.session_id, "account.password_change");
}

void AccountDirectory::replace_password(const std::string& username, const std::string& hash, int64_t keep_session,
                                        const char* action) {
  // The hash was computed before: argon2id is slow, the write lock is not held for it.
  store_->write([&](AccountWriter& w) {
    auto before = existing_account(w, username);
    w.set_password_hash(before.id, hash);
    w.set_failed_logins(before.id, 0);
    w.set_locked_until(before.id, 0);
    w.end_sessions(before.id, keep_session);
    // An administrator's reset means the old password is not to be trusted: the tokens it
    // could have minted go too. Changing one's own password keeps one's tokens.
    if (std::string_view(action) == "account.password_reset") w.revoke_tokens_of(before.id);
    w.audit({action, "account", before.username, account_text(before), account_text(existing_account(w, username)), "{}"});
  });
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
