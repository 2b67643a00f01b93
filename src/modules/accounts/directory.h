// Organisations and their accounts: who may sign in, under which role, for which
// organisation. Every read is limited to what the caller may see; every write is audited.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "modules/accounts/passwords.h"
#include "modules/accounts/principal.h"
#include "store/database.h"
#include "store/migrations.h"

namespace xinzhi::accounts {

std::vector<store::Migration> migrations();

struct Organisation {
  int64_t id = 0;
  std::string name;
  OrgKind kind = OrgKind::Bureau;
  std::string region, credit_code, contact, description, created_at;
  int64_t members = 0;
};

// Fields to set; absent ones are left as they are (on update) or empty (on add).
struct OrganisationFields {
  std::optional<std::string> name, kind, region, credit_code, contact, description;
};

struct Account {
  int64_t id = 0;
  std::string username, display_name;
  Role role = Role::Viewer;
  int64_t org_id = 0;
  std::string org_name;
  bool disabled = false;
  int64_t locked_until = 0;  // epoch seconds; 0 when not locked
  std::string created_at, password_changed_at;
};

struct NewAccount {
  std::string username, display_name;
  std::string org;  // organisation id or name
  std::string role;
  std::string password;
};

class AccountStore;

class AccountDirectory {
 public:
  explicit AccountDirectory(store::Database& db, PasswordCost cost = {});
  ~AccountDirectory();

  Organisation add_org(const OrganisationFields& f, const Principal& by);
  Organisation update_org(int64_t id, const OrganisationFields& f, const Principal& by);
  // NotFound for an organisation the caller may not see, exactly as for one that does not exist.
  Organisation org(int64_t id, const Principal& by);
  std::vector<Organisation> orgs(const Principal& by);
  // An organisation by id or exact name (console and admin use).
  Organisation find_org(const std::string& id_or_name);

  Account add_account(const NewAccount& a, const Principal& by);
  std::vector<Account> accounts(const Principal& by);
  std::vector<Account> members(int64_t org_id, const Principal& by);
  Account account(const std::string& username);
  // The read interface other modules use instead of the accounts tables: every
  // organisation's name and every account's username, by id (hundreds, not millions).
  std::map<int64_t, std::string> organisation_names();
  std::map<int64_t, std::string> usernames();
  // Every account's display name by id: other modules name people as they are known (an
  // expert, a chain edit's author) without reading the accounts tables.
  std::map<int64_t, std::string> display_names();
  // The account as a caller (no session or token): for seeding demo data and for tests.
  Principal principal(const std::string& username);
  void set_disabled(const std::string& username, bool disabled, const Principal& by);
  // Sets a new password, lifts a lockout and ends the account's sessions.
  void set_password(const std::string& username, const std::string& password, const Principal& by);
  void change_own_password(const Principal& me, const std::string& old_password, const std::string& password);

 private:
  // Stores a new hash, lifts a lockout and ends the account's sessions but `keep_session`.
  void replace_password(const std::string& username, const std::string& hash, int64_t keep_session, const char* action);
  std::unique_ptr<AccountStore> store_;  // the SQL behind the rules (account_store.h)
  PasswordCost cost_;
};

// Text checks shared by the account and organisation forms: valid UTF-8, no control
// characters, within the size; InvalidInput naming the field otherwise.
std::string checked_text(const std::string& value, const std::string& field, size_t max_bytes, bool required);
void write_json(JsonWriter& w, const Organisation& o);
void write_json(JsonWriter& w, const Account& a);

}  // namespace xinzhi::accounts
