#include "store/migrations.h"

#include <SQLiteCpp/Statement.h>

#include <map>
#include <utility>

#include "base/error.h"

namespace xinzhi::store {

namespace {
// FNV-1a: a stable checksum of a migration's SQL (std::hash is not stable across builds).
std::string checksum(const std::string& s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  char buf[17];
  snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

void ensure_version_table(Database& db) {
  db.sql().exec(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,"
      " checksum TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
      " PRIMARY KEY (module, version))");
}

struct Recorded {
  std::string checksum;
  std::string applied_at;
};

std::map<std::pair<std::string, int>, Recorded> recorded(Database& db) {
  std::map<std::pair<std::string, int>, Recorded> out;
  SQLite::Statement q(db.sql(), "SELECT module, version, checksum, applied_at FROM schema_version");
  while (q.executeStep())
    out[{q.getColumn(0).getString(), q.getColumn(1).getInt()}] = {q.getColumn(2).getString(),
                                                                  q.getColumn(3).getString()};
  return out;
}

void check_known(const std::map<std::pair<std::string, int>, Recorded>& done, const std::vector<Migration>& list) {
  std::map<std::pair<std::string, int>, const Migration*> known;
  for (auto& m : list) known[{m.module, m.version}] = &m;
  for (auto& [key, rec] : done) {
    auto it = known.find(key);
    if (it == known.end())
      fail(ErrorCode::Conflict, "database has migration " + key.first + "/" + std::to_string(key.second) +
                                    " that this build does not know: it was written by a newer Xinzhi");
    if (rec.checksum != checksum(it->second->sql))
      fail(ErrorCode::Conflict, "migration " + key.first + "/" + std::to_string(key.second) +
                                    " changed after it was applied; add a new migration instead");
  }
}
}  // namespace

int migrate(Database& db, const std::vector<Migration>& migrations) {
  {
    WriteTransaction tx(db, {"schema"});
    ensure_version_table(db);
    tx.commit();
  }
  int applied = 0;
  for (const auto& m : migrations) {
    WriteTransaction tx(db, {"schema"});
    // Re-read inside the lock: another process may have migrated meanwhile.
    auto done = recorded(db);
    check_known(done, migrations);
    if (done.count({m.module, m.version})) continue;
    db.sql().exec(m.sql);
    SQLite::Statement ins(db.sql(), "INSERT INTO schema_version(module, version, name, checksum) VALUES (?,?,?,?)");
    ins.bind(1, m.module);
    ins.bind(2, m.version);
    ins.bind(3, m.name);
    ins.bind(4, checksum(m.sql));
    ins.exec();
    tx.commit();
    ++applied;
  }
  return applied;
}

std::vector<AppliedMigration> migration_status(Database& db, const std::vector<Migration>& migrations) {
  std::map<std::pair<std::string, int>, Recorded> done;
  if (db.sql().tableExists("schema_version")) done = recorded(db);
  std::vector<AppliedMigration> out;
  for (const auto& m : migrations) {
    auto it = done.find({m.module, m.version});
    out.push_back({m.module, m.version, m.name, it == done.end() ? "" : it->second.applied_at, it == done.end()});
  }
  return out;
}

}  // namespace xinzhi::store
