// DEA as a service: the engines/dea models run on a technology or panel and their results as
// the JSON the CLI prints and the API returns (keys of the `xinzhi dea` contracts).
#pragma once
#include <nlohmann/json.hpp>

#include "engines/dea/malmquist.h"
#include "engines/dea/radial_efficiency.h"
#include "engines/dea/technology.h"
#include "ingest/province_statistics.h"

namespace xinzhi::productivity {

// {"model", "orientation", "units", "efficiency", "peers": [{"<row>": λ}, …] (1-based rows, λ > 0
// only), "slacks": [{"<column>": slack}, …], "scale": {"crs", "vrs", "scale", "returns_to_scale"}}.
nlohmann::json radial_efficiency(dea::Technology data, dea::RadialOptions options);

// {"orientation", "units", "periods", "rows": [{"unit", "from", "to", "effch", "techch", "pech",
// "sech", "tfpch"}], "period_means": […], "unit_means": […], "efficiency": [{"unit", "period",
// "crs", "vrs"}]}; values a program could not give are null.
nlohmann::json malmquist(dea::Panel panel, dea::Orientation orientation);

// {"rts", "units", "efficiency", "slacks": [{"<column>": slack}, …]}.
nlohmann::json slacks_based(dea::Technology data, dea::Returns returns);

// {"frontier", "units", "periods", "rows": [{"unit", "from", "to", "ml", "ec", "tc"}]}.
nlohmann::json malmquist_luenberger(dea::Panel panel, dea::LuenbergerFrontier frontier, dea::Returns returns);

// Perpetual-inventory capital stock of every province in the CHNCapitalStock series
// (CapitalStockInvest.csv: nominal investment and a 1952 = 1 price index), or of `province`
// alone (full name): {"method", "depreciation", "provinces": [{"province", "years", "capital",
// "real_investment"}]}, capital in 亿元 at 1952 prices.
nlohmann::json capital_stocks(const ingest::ProvinceStatistics& data, double depreciation,
                              const std::string& province = "");

// "crs" | "vrs" | "nirs" and "input" | "output", refused otherwise naming the option.
dea::Returns returns_from(const std::string& text, const char* option);
dea::Orientation orientation_from(const std::string& text);

}  // namespace xinzhi::productivity
