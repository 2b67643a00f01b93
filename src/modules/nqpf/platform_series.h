// Series Xinzhi computes from its own data, by province and year, for indicator formulas beside
// the yearbook's ("platform/…" codes): the patents foresight holds and the chain atlas.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "ingest/province_statistics.h"
#include "modules/chain/chain_service.h"
#include "modules/foresight/patent_read.h"

namespace xinzhi::nqpf {

// Patents the platform holds by their first applicant's province and filing year:
// "platform/patents" (all) and one series per IPC section of the first code
// ("platform/patents_G", 物理). Years run from the first filing year to the last complete one:
// a year counts once 18 months have passed since its end by the latest filing date, since
// applications are published 18 months after filing, and a year still filling in is left out
// rather than read as a fall. In those years a province of
// `provinces` without a patent has 0, since an import covers the whole country. Patents
// without a province are counted in no province.
struct PatentSeries {
  ingest::ProvinceStatistics data;
  int64_t placed = 0, unplaced = 0;  // patents with and without a province
  int first_year = 0, last_year = 0;  // the years the series cover
  std::string last_filed;             // the latest filing date held (YYYY-MM-DD)
};
PatentSeries patent_series(foresight::PatentReader& patents, const std::vector<std::string>& provinces);

// The chains the atlas holds, each observed once, in the year of its last change (the atlas has
// no history by year, so these series join an index only over that year):
//   platform/chain_firms/<chain>         the province's firms in the chain (个);
//   platform/chain_coverage/<chain>      the share of the chain's segments where the province has
//                                        a firm (%);
//   platform/chokepoint_exposure/<chain> the chokepoint score of the segments the province's
//                                        firms are in, weighted by its firms in each (0–1; only
//                                        segments with a score; missing without such a firm).
// Spaces in a chain's name become _ in its codes. Provinces of `provinces` without a firm have 0
// firms and 0 coverage. `only`, when given, limits them to the chains of those codes.
ingest::ProvinceStatistics chain_series(chain::ChainService& chains, const std::vector<std::string>& provinces,
                                        const std::set<std::string>* only = nullptr);

// True for a code patent_series() or chain_series() provides; is_chain_series for the latter.
bool is_platform_series(const std::string& code);
bool is_chain_series(const std::string& code);

}  // namespace xinzhi::nqpf
