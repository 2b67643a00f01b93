// How productively each province turns R&D into results, and how that changes year on year
// (科技创新全要素生产率): a DEA-Malmquist index over the provincial statistics, the productivity
// half of the front page beside the index.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ingest/province_statistics.h"

namespace xinzhi::nqpf {

// One input or output of the production frontier: which statistic it reads.
struct FrontierSeries {
  std::string series, name, unit;
};

// The inputs and outputs the index uses, as the provincial innovation-efficiency literature
// does (e.g. 白俊红、蒋伏心 2015 经济研究; 余泳泽 2009): R&D personnel full-time equivalent and
// R&D expenditure in; invention patents granted and technology-market turnover out.
const std::vector<FrontierSeries>& innovation_inputs();
const std::vector<FrontierSeries>& innovation_outputs();

// The Malmquist index (Färe et al. 1994, output oriented, CRS for effch/techch, VRS for pech)
// of every province over consecutive years from..to (0: the longest run of consecutive years
// every series covers). A province missing a value in any year, with an input at zero or every
// output at zero in one, is left out of the panel and listed with its reason: a frontier is only
// as fair as its units are complete. JSON: method, years, inputs, outputs, provinces (how many
// are on the frontier), rows (province, from, to, effch, techch, pech, sech, tfpch),
// year_means (with count), province_means (with count and rank by tfpch), cumulative (per
// province, the chained tfpch from 1 in the first year; "全国均值" chains the year means),
// efficiency (CRS score per province and year), left_out (province, reason). InvalidInput
// nqpf_bad_years for a window the data cannot fill, nqpf_no_common_years when no two
// consecutive years hold every series, nqpf_too_few_provinces when fewer than 2 are complete.
nlohmann::json innovation_productivity(const ingest::ProvinceStatistics& data, int from, int to);

}  // namespace xinzhi::nqpf
