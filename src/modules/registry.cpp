#include "modules/registry.h"

#include "modules/accounts/directory.h"
#include "modules/chain/chain_service.h"
#include "modules/chain/chain_store.h"
#include "modules/engineers/engineer_store.h"
#include "modules/foresight/patent_store.h"
#include "modules/kg/knowledge_graph.h"
#include "modules/kg/graph_store.h"
#include "modules/linkage/linkage_store.h"
#include "modules/literature/literature_store.h"
#include "modules/scenario/scenario_partners.h"
#include "modules/services.h"
#include "modules/tasks/task_store.h"
#include "modules/transfer/transfer_store.h"
#include "store/audit_trail.h"

namespace xinzhi::modules {

Services::Services(store::Database& db)
    : settings_(std::make_unique<settings::RegionSettingsService>(db)),
      home_(settings_->region()),
      graph_store_(kg::sql_graph_store(db)),
      chain_store_(chain::sql_chain_store(db)),
      accounts_(std::make_unique<accounts::AccountDirectory>(db)),
      patent_store_(foresight::sql_patent_store(db)),
      graph_(std::make_unique<kg::KnowledgeGraph>(*graph_store_)),
      chains_(std::make_unique<chain::ChainService>(*chain_store_, *graph_store_, home_, accounts_.get())),
      literature_store_(literature::sql_literature_store(db)),
      literature_(std::make_unique<literature::LiteratureService>(*literature_store_)),
      linkage_store_(linkage::sql_linkage_store(db)),
      linkage_(std::make_unique<linkage::LinkageService>(*linkage_store_, *chains_)),
      engineer_store_(engineers::sql_engineer_store(db)),
      engineers_(std::make_unique<engineers::EngineerDesk>(*engineer_store_, chains_.get())),
      scenarios_(std::make_unique<scenario::ScenarioPartners>(db)),
      transfer_store_(transfer::sql_transfer_store(db)),
      transfer_(std::make_unique<transfer::TransferDesk>(*transfer_store_, scenarios_.get())),
      task_store_(tasks::sql_task_store(db)),
      tasks_(std::make_unique<tasks::TaskPool>(
          *task_store_, tasks::ProfileSources{patent_store_.get(), chains_.get(), scenarios_.get(), home_.focal})),
      statistics_store_(nqpf::sql_statistics_store(db)),
      nqpf_(std::make_unique<nqpf::NqpfService>(*statistics_store_, patent_store_.get(), chains_.get())) {}

Services::~Services() = default;

kg::GraphReader& Services::graph_reader() { return *graph_store_; }

std::vector<store::Migration> all_migrations() {
  std::vector<store::Migration> all = store::audit_migrations();
  for (auto& m : accounts::migrations()) all.push_back(m);
  for (auto& m : kg::migrations()) all.push_back(m);
  for (auto& m : chain::migrations()) all.push_back(m);
  for (auto& m : foresight::migrations()) all.push_back(m);
  for (auto& m : scenario::migrations()) all.push_back(m);
  for (auto& m : settings::migrations()) all.push_back(m);
  for (auto& m : literature::migrations()) all.push_back(m);
  for (auto& m : linkage::migrations()) all.push_back(m);
  for (auto& m : engineers::migrations()) all.push_back(m);
  for (auto& m : transfer::migrations()) all.push_back(m);
  for (auto& m : tasks::migrations()) all.push_back(m);
  for (auto& m : nqpf::migrations()) all.push_back(m);
  return all;
}

int migrate(store::Database& db) { return store::migrate(db, all_migrations()); }

bool seed_sample_region(store::Database& db) {
  migrate(db);
  Services services(db);
  if (!services.graph().seed_sample_if_empty()) return false;
  services.chains().seed_sample();
  return true;
}

}  // namespace xinzhi::modules

namespace xinzhi::modules {

int64_t remove_sample_region(store::Database& db) {
  migrate(db);
  Services services(db);
  // The sample engineers and requests name the sample chains' segments: they go first.
  int64_t removed = services.engineers().remove_sample();
  removed += services.transfer().remove_sample();
  for (const auto& c : services.chains().list())
    if (c.sample) services.chains().remove(c.name), ++removed;
  return removed + services.graph().remove_sample();
}

}  // namespace xinzhi::modules
