// The SQL implementation (SQLite and PostgreSQL, one text) of settings::SettingsStore and the settings migrations.
#include "store/statement.h"

#include "modules/settings/region_settings.h"
#include "modules/settings/settings_store.h"

namespace xinzhi::settings {

namespace {

class SqlSettingsStore final : public SettingsStore {
 public:
  explicit SqlSettingsStore(store::Database& db) : db_(db) {}

  std::optional<std::string> get(const std::string& key) override {
    store::Statement q(db_, "SELECT value FROM setting WHERE key = ?");
    q.bind(1, key);
    if (!q.step()) return std::nullopt;
    return q.text(0);
  }

  void put(const std::string& key, const std::string& value, const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    store::Statement q(db_, "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    q.bind(1, key);
    q.bind(2, value);
    q.exec();
    tx.audit(change);
    tx.commit();
  }

 private:
  store::Database& db_;
};

}  // namespace

std::unique_ptr<SettingsStore> sql_settings_store(store::Database& db) {
  return std::make_unique<SqlSettingsStore>(db);
}

std::vector<store::Migration> migrations() {
  return {{"settings", 1, "deployment settings, such as the home region (key → JSON value)",
           "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)"}};
}

}  // namespace xinzhi::settings
