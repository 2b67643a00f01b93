// settings::SettingsStore: the SQL behind the settings table (key → value), private to the
// module; SQLite implements it.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "store/audit_trail.h"
#include "store/database.h"

namespace xinzhi::settings {

class SettingsStore {
 public:
  virtual ~SettingsStore() = default;
  virtual std::optional<std::string> get(const std::string& key) = 0;
  // Writes the value and the audit entry in one write transaction.
  virtual void put(const std::string& key, const std::string& value, const store::AuditChange& change) = 0;
};

std::unique_ptr<SettingsStore> sql_settings_store(store::Database& db);

}  // namespace xinzhi::settings
