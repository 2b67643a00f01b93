#include "engines/dea/capital_stock.h"

#include <cmath>
#include <string>

#include "base/error.h"
#include "base/text.h"

namespace xinzhi::dea {

PerpetualInventory::PerpetualInventory(std::vector<int> years, std::vector<double> investment,
                                       std::vector<double> price_index, CapitalStockOptions options)
    : years_(std::move(years)), investment_(std::move(investment)), price_(std::move(price_index)), options_(options) {
  if (years_.empty() || investment_.size() != years_.size() || price_.size() != years_.size())
    fail_keyed(ErrorCode::InvalidInput, "capital_no_series", {}, "capital stock: no investment series");
  if (!(options_.depreciation >= 0 && options_.depreciation < 1))
    fail_keyed(ErrorCode::InvalidInput, "capital_bad_rate", {{"field", "depreciation"}},
               "capital stock: the depreciation rate must be in [0, 1)");
  if (!(options_.initial_rate > 0))
    fail_keyed(ErrorCode::InvalidInput, "capital_bad_rate", {{"field", "initial_rate"}},
               "capital stock: the initial growth-plus-depreciation rate must be positive");
  for (size_t t = 0; t < years_.size(); ++t) {
    const std::string year = std::to_string(years_[t]);
    if (t > 0 && years_[t] != years_[t - 1] + 1)
      fail_keyed(ErrorCode::InvalidInput, "capital_year_gap", {{"year", std::to_string(years_[t - 1] + 1)}},
                 "capital stock: no investment for " + std::to_string(years_[t - 1] + 1) + " (the years must be consecutive)");
    if (!std::isfinite(investment_[t]) || investment_[t] < 0)
      fail_keyed(ErrorCode::InvalidInput, "capital_bad_value", {{"year", year}, {"field", "investment"}},
                 "capital stock: the investment of " + year + " is " + text::number(investment_[t]));
    if (!std::isfinite(price_[t]) || price_[t] <= 0)
      fail_keyed(ErrorCode::InvalidInput, "capital_bad_value", {{"year", year}, {"field", "price_index"}},
                 "capital stock: the price index of " + year + " is " + text::number(price_[t]));
  }
}

void PerpetualInventory::run() {
  const size_t n = years_.size();
  real_.resize(n);
  capital_.resize(n);
  for (size_t t = 0; t < n; ++t) real_[t] = investment_[t] / price_[t];
  capital_[0] = options_.initial_stock ? *options_.initial_stock : real_[0] / options_.initial_rate;
  for (size_t t = 1; t < n; ++t) capital_[t] = (1 - options_.depreciation) * capital_[t - 1] + real_[t];
  guard_.mark_finished();
}

const std::vector<double>& PerpetualInventory::capital() const {
  guard_.assure_finished("PerpetualInventory");
  return capital_;
}
const std::vector<double>& PerpetualInventory::real_investment() const {
  guard_.assure_finished("PerpetualInventory");
  return real_;
}

}  // namespace xinzhi::dea
