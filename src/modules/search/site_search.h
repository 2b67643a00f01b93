// search::SiteSearch: the dashboard's one search box — firms, segments and chains whose names
// contain the term, patents and scenarios also by BM25 over their words (search::WordIndex),
// best matches first, only what the caller may read.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "base/json_writer.h"
#include "modules/accounts/principal.h"
#include "modules/chain/chain_service.h"
#include "modules/foresight/patent_read.h"
#include "modules/kg/graph_read.h"
#include "modules/scenario/scenario_partners.h"

namespace xinzhi::search {

// How a name matched the term (text::name_key on both sides): the order hits are shown in.
enum class MatchRank { Exact = 0, Prefix = 1, Contains = 2, Other = 3 };  // Other: by applicant, registered name …
MatchRank match_rank(std::string_view key, std::string_view name);

// One group of hits of a kind, best match first. Firms in a chain come first in "firm", then
// knowledge-graph companies that no chain holds.
struct SearchResult {
  std::string term;
  std::vector<chain::FirmMatch> firms;
  std::vector<kg::CompanyMatch> companies;
  std::vector<chain::SegmentMatch> segments;
  std::vector<chain::ChainSummary> chains;
  std::vector<foresight::PatentMatch> patents;
  std::vector<scenario::Scenario> scenarios;
  // The kinds in the order the page shows them: the kind with the best match first, ties in
  // the order firm, segment, chain, patent, scenario. Empty kinds are left out.
  std::vector<std::string> order;
  // Kinds the caller's role may not read (searched for no one): the page says so.
  std::vector<std::string> not_permitted;
};

class SiteSearch {
 public:
  // Any source may be null (that kind is then not searched).
  struct Sources {
    chain::ChainService* chains = nullptr;
    kg::GraphReader* graph = nullptr;
    foresight::PatentReader* patents = nullptr;
    scenario::ScenarioPartners* scenarios = nullptr;
    // The database's path, under which the patents' word index is kept between searches ("" =
    // built for each search: the CLI's one search).
    std::string database;
  };
  explicit SiteSearch(Sources sources, size_t per_kind = 6) : sources_(sources), per_kind_(per_kind) {}
  // InvalidInput (keyed) for an empty term, one over 64 characters or not UTF-8.
  SearchResult run(std::string_view term, const accounts::Principal& who);

 private:
  std::vector<foresight::PatentMatch> find_patents(const std::string& key, const std::string& words);
  std::vector<scenario::Scenario> find_scenarios(const std::string& key, const std::string& words,
                                                 const accounts::Principal& who);

  Sources sources_;
  size_t per_kind_;
};

void write_json(JsonWriter& w, const SearchResult& r);

}  // namespace xinzhi::search
