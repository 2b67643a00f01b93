#include "engines/dea/radial_efficiency.h"

#include <cmath>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "engines/dea/envelopment.h"

namespace xinzhi::dea {

namespace {
// Scores within this of each other are equal when naming the returns to scale.
constexpr double kSame = 1e-6;

}  // namespace

RadialEfficiency::RadialEfficiency(Technology data, RadialOptions options)
    : data_(std::move(data)), options_(options) {
  check_technology(data_);
}

void RadialEfficiency::run() {
  const size_t n = data_.size(), m = data_.inputs(), s = data_.outputs();
  efficiency_.assign(n, 0.0);
  lambda_.assign(n * n, 0.0);
  input_slack_.assign(n * m, 0.0);
  output_slack_.assign(n * s, 0.0);
  crs_.assign(n, 0.0);
  vrs_.assign(n, 0.0);
  scale_.assign(n, 0.0);
  rts_.assign(n, "");
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 8), [&](const tbb::blocked_range<size_t>& range) {
    Envelopment frontier({&data_});  // one per task: it holds the simplex's tableau
    for (size_t u = range.begin(); u < range.end(); ++u) {
      const auto x = row_of(data_.x, u, m), y = row_of(data_.y, u, s);
      RadialDetail detail;
      efficiency_[u] = frontier.radial(x, y, options_.returns, options_.orientation, &detail);
      std::copy(detail.lambda.begin(), detail.lambda.end(), lambda_.begin() + static_cast<std::ptrdiff_t>(u * n));
      std::copy(detail.input_slack.begin(), detail.input_slack.end(), input_slack_.begin() + static_cast<std::ptrdiff_t>(u * m));
      std::copy(detail.output_slack.begin(), detail.output_slack.end(), output_slack_.begin() + static_cast<std::ptrdiff_t>(u * s));
      crs_[u] = options_.returns == Returns::Constant ? efficiency_[u]
                                                      : frontier.radial(x, y, Returns::Constant, options_.orientation);
      vrs_[u] = options_.returns == Returns::Variable ? efficiency_[u]
                                                      : frontier.radial(x, y, Returns::Variable, options_.orientation);
      scale_[u] = crs_[u] / vrs_[u];
      if (std::fabs(crs_[u] - vrs_[u]) <= kSame) {
        rts_[u] = "crs";
      } else {
        const double nirs = frontier.radial(x, y, Returns::NonIncreasing, options_.orientation);
        rts_[u] = std::fabs(nirs - vrs_[u]) <= kSame ? "drs" : "irs";
      }
    }
  });
  guard_.mark_finished();
}

#define XINZHI_RADIAL_GETTER(type, name, member)   \
  const type& RadialEfficiency::name() const {      \
    guard_.assure_finished("RadialEfficiency");     \
    return member;                                  \
  }
XINZHI_RADIAL_GETTER(std::vector<double>, efficiency, efficiency_)
XINZHI_RADIAL_GETTER(std::vector<double>, lambda, lambda_)
XINZHI_RADIAL_GETTER(std::vector<double>, input_slack, input_slack_)
XINZHI_RADIAL_GETTER(std::vector<double>, output_slack, output_slack_)
XINZHI_RADIAL_GETTER(std::vector<double>, crs_efficiency, crs_)
XINZHI_RADIAL_GETTER(std::vector<double>, vrs_efficiency, vrs_)
XINZHI_RADIAL_GETTER(std::vector<double>, scale_efficiency, scale_)
XINZHI_RADIAL_GETTER(std::vector<std::string>, returns_to_scale, rts_)
#undef XINZHI_RADIAL_GETTER

}  // namespace xinzhi::dea
