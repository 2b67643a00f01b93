// Physical capital stock by the perpetual inventory method: the capital input of a region's
// productivity panel, from its yearly investment and investment price index.
#pragma once
#include <optional>
#include <vector>

#include "base/run_guard.h"

namespace xinzhi::dea {

// Zhang Jun, Wu Guiying & Zhang Jipeng (2004), 中国省际物质资本存量估算：1952—2000, 经济研究
// 2004(10):35–44, as CHNCapitalStock (Chen & Wan 2021) computes it:
//   K_t = (1 − δ) K_{t−1} + I_t / P_t,  δ = 9.6%,
// I_t the nominal fixed capital formation (亿元), P_t the investment price index with 1952 = 1 (so
// K is in 1952 prices), and K in the first year = that year's investment ÷
// 10% unless an initial stock is given (a series that starts late, such as Chongqing's in 1996).
struct CapitalStockOptions {
  double depreciation = 0.096;
  double initial_rate = 0.10;
  std::optional<double> initial_stock;
};

class PerpetualInventory {
 public:
  // Consecutive years; InvalidInput naming the year for a gap, an investment that is negative
  // or not finite, or a price index that is not positive.
  PerpetualInventory(std::vector<int> years, std::vector<double> investment, std::vector<double> price_index,
                     CapitalStockOptions options = {});
  void run();
  const std::vector<int>& years() const { return years_; }
  const std::vector<double>& capital() const;
  const std::vector<double>& real_investment() const;

 private:
  std::vector<int> years_;
  std::vector<double> investment_, price_, capital_, real_;
  CapitalStockOptions options_;
  RunGuard guard_;
};

}  // namespace xinzhi::dea
