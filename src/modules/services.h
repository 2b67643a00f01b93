// modules::Services: every module's service over one database connection, wired in one
// place. The doors take their services from here and never build a store themselves, so a
// second database backend changes this file and the stores, not the doors.
#pragma once
#include <memory>

#include "modules/chain/chain_service.h"
#include "modules/foresight/patent_import.h"
#include "modules/kg/knowledge_graph.h"
#include "modules/engineers/engineer_desk.h"
#include "modules/linkage/linkage_service.h"
#include "modules/nqpf/nqpf_service.h"
#include "modules/literature/literature_service.h"
#include "modules/settings/region_settings.h"
#include "modules/tasks/task_pool.h"
#include "modules/transfer/transfer_desk.h"
#include "store/database.h"

namespace xinzhi::accounts {
class AccountDirectory;
}
namespace xinzhi::scenario {
class ScenarioPartners;
}

namespace xinzhi::modules {

class Services {
 public:
  explicit Services(store::Database& db);
  ~Services();
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  kg::KnowledgeGraph& graph() { return *graph_; }
  chain::ChainService& chains() { return *chains_; }
  // Patent imports (foresight::import_patents, import_graph_patents) write through this.
  foresight::PatentStore& patents() { return *patent_store_; }
  kg::GraphReader& graph_reader();
  settings::RegionSettingsService& settings() { return *settings_; }
  literature::LiteratureService& literature() { return *literature_; }
  linkage::LinkageService& linkage() { return *linkage_; }
  engineers::EngineerDesk& engineers() { return *engineers_; }
  transfer::TransferDesk& transfer() { return *transfer_; }
  tasks::TaskPool& tasks() { return *tasks_; }
  nqpf::NqpfService& nqpf() { return *nqpf_; }
  // The home region as it was when these services were built (focal province, partner group).
  const settings::RegionSettings& home() const { return home_; }

 private:
  std::unique_ptr<settings::RegionSettingsService> settings_;
  settings::RegionSettings home_;
  std::unique_ptr<kg::GraphStore> graph_store_;
  std::unique_ptr<chain::ChainStore> chain_store_;
  std::unique_ptr<accounts::AccountDirectory> accounts_;  // names the authors of chain edits
  std::unique_ptr<foresight::PatentStore> patent_store_;
  std::unique_ptr<kg::KnowledgeGraph> graph_;
  std::unique_ptr<chain::ChainService> chains_;
  std::unique_ptr<literature::LiteratureStore> literature_store_;
  std::unique_ptr<literature::LiteratureService> literature_;
  std::unique_ptr<linkage::LinkageStore> linkage_store_;
  std::unique_ptr<linkage::LinkageService> linkage_;
  std::unique_ptr<engineers::EngineerStore> engineer_store_;
  std::unique_ptr<engineers::EngineerDesk> engineers_;
  std::unique_ptr<scenario::ScenarioPartners> scenarios_;  // the published scenarios transfer matches
  std::unique_ptr<transfer::TransferStore> transfer_store_;
  std::unique_ptr<transfer::TransferDesk> transfer_;
  std::unique_ptr<tasks::TaskStore> task_store_;
  std::unique_ptr<tasks::TaskPool> tasks_;
  std::unique_ptr<nqpf::StatisticsStore> statistics_store_;
  std::unique_ptr<nqpf::NqpfService> nqpf_;
};

}  // namespace xinzhi::modules
