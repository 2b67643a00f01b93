// A migrated database holding the sample region (示例数据) and its two derived chains, with the
// chain service over it: what the chain module's tests that read sample chains start from.
#pragma once
#include <memory>

#include "modules/chain/chain_service.h"
#include "modules/chain/chain_store.h"
#include "modules/kg/graph_store.h"
#include "modules/registry.h"
#include "support/test_support.h"

namespace xinzhi::chain {

struct SampleChains {
  testing::ScratchDir dir;
  store::Database db{dir.database("x.db")};
  std::unique_ptr<kg::GraphStore> graph;
  std::unique_ptr<ChainStore> chains;
  std::unique_ptr<ChainService> service;
  SampleChains() {
    modules::migrate(db);
    modules::seed_sample_region(db);
    graph = kg::sql_graph_store(db);
    chains = sql_chain_store(db);
    service = std::make_unique<ChainService>(*chains, *graph);
  }
};

}  // namespace xinzhi::chain
