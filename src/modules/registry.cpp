#include "modules/registry.h"

#include "modules/kg/graph_store.h"

namespace xinzhi::modules {

std::vector<store::Migration> all_migrations() {
  std::vector<store::Migration> all;
  for (auto& m : kg::migrations()) all.push_back(m);
  return all;
}

int migrate(store::Database& db) { return store::migrate(db, all_migrations()); }

}  // namespace xinzhi::modules
