// Deriving a chain from the knowledge graph: a focal segment plus k hops upstream and k hops
// downstream along supply-type relations, with the firms attached to those segments.
#pragma once
#include <string>

#include "ingest/chain_template.h"
#include "modules/kg/graph_read.h"

namespace xinzhi::chain {

// Relations the derivation reads from the knowledge graph.
std::vector<std::string> derive_relation_kinds();

// Segments are entities of kind industry or other, one per name key (ids whose names fold to
// the same key are one segment). Links upstream → downstream: A 上游于 B and A 供给 B give
// A → B; A 包含 B (B is part of A) gives B → A. Firms: company heads of 涉足行业, 归属于行业
// and 供给 into a selected segment; their patents are their distinct 持有专利 tails; ties
// are 供给, 合作, 投资, 母公司/控股, 并购 and 合资 between the chain's firms.
ingest::ChainTemplate derive_chain(const kg::GraphView& view, const std::string& focus, int hops,
                                   const std::string& name);

}  // namespace xinzhi::chain
