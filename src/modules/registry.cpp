#include "modules/registry.h"

#include "modules/accounts/directory.h"
#include "modules/chain/chain_service.h"
#include "modules/chain/chain_store.h"
#include "modules/foresight/patent_store.h"
#include "modules/kg/knowledge_graph.h"
#include "modules/kg/graph_store.h"
#include "modules/scenario/scenario_partners.h"
#include "store/audit_trail.h"

namespace xinzhi::modules {

std::vector<store::Migration> all_migrations() {
  std::vector<store::Migration> all = store::audit_migrations();
  for (auto& m : accounts::migrations()) all.push_back(m);
  for (auto& m : kg::migrations()) all.push_back(m);
  for (auto& m : chain::migrations()) all.push_back(m);
  for (auto& m : foresight::migrations()) all.push_back(m);
  for (auto& m : scenario::migrations()) all.push_back(m);
  return all;
}

int migrate(store::Database& db) { return store::migrate(db, all_migrations()); }

bool seed_sample_region(store::Database& db) {
  migrate(db);
  auto graph = kg::sqlite_graph_store(db);
  if (!kg::KnowledgeGraph(*graph).seed_sample_if_empty()) return false;
  auto chains = chain::sqlite_chain_store(db);
  chain::ChainService(*chains, *graph).seed_sample();
  return true;
}

}  // namespace xinzhi::modules

namespace xinzhi::modules {

int64_t remove_sample_region(store::Database& db) {
  migrate(db);
  auto chains = chain::sqlite_chain_store(db);
  int64_t removed = 0;
  for (const auto& c : chains->list())
    if (c.sample) chains->remove(c.name), ++removed;
  auto graph = kg::sqlite_graph_store(db);
  return removed + kg::KnowledgeGraph(*graph).remove_sample();
}

}  // namespace xinzhi::modules
