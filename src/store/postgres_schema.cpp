#include "store/postgres_schema.h"

#include "store/statement.h"

namespace xinzhi::store {

namespace {
// Runs `drop` for each (name, definition) the catalogue query lists; returns what recreates them.
template <class Drop, class Recreate>
std::vector<std::string> drop_listed(Database& db, const char* query, const std::string& table, Drop drop,
                                     Recreate recreate) {
  std::vector<std::pair<std::string, std::string>> listed;
  Statement q(db, query);
  q.bind(1, table);
  while (q.step()) listed.emplace_back(q.text(0), q.text(1));
  std::vector<std::string> out;
  for (const auto& [name, definition] : listed) {
    db.exec(drop(name));
    out.push_back(recreate(name, definition));
  }
  return out;
}
}  // namespace

std::vector<std::string> drop_foreign_keys(Database& db, const std::string& table) {
  // Names and definitions come from the catalogue, not from a user.
  return drop_listed(
      db, "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ?::regclass AND contype = 'f' "
          "ORDER BY conname",
      table, [&](const std::string& name) { return "ALTER TABLE " + table + " DROP CONSTRAINT " + name; },
      [&](const std::string& name, const std::string& definition) {
        return "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + definition;
      });
}

std::vector<std::string> drop_secondary_indexes(Database& db, const std::string& table) {
  return drop_listed(
      db, "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = ?::regclass "
          "AND NOT indisunique AND NOT indisprimary ORDER BY 1",
      table, [](const std::string& name) { return "DROP INDEX " + name; },
      [](const std::string&, const std::string& definition) { return definition; });
}

}  // namespace xinzhi::store
