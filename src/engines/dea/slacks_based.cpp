#include "engines/dea/slacks_based.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "engines/dea/envelopment.h"

namespace xinzhi::dea {

SlacksBasedEfficiency::SlacksBasedEfficiency(Technology data, Returns returns)
    : data_(std::move(data)), returns_(returns) {
  check_technology(data_);
}

void SlacksBasedEfficiency::run() {
  const size_t n = data_.size(), m = data_.inputs(), s = data_.outputs(), k = data_.undesirables();
  efficiency_.assign(n, 0.0);
  lambda_.assign(n * n, 0.0);
  input_slack_.assign(n * m, 0.0);
  output_slack_.assign(n * s, 0.0);
  undesirable_slack_.assign(n * k, 0.0);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 8), [&](const tbb::blocked_range<size_t>& range) {
    Envelopment frontier({&data_});
    for (size_t u = range.begin(); u < range.end(); ++u) {
      SbmDetail d;
      efficiency_[u] = frontier.sbm({data_.x.data() + u * m, m}, {data_.y.data() + u * s, s},
                                    {data_.b.data() + u * k, k}, returns_, &d);
      auto put = [u](const std::vector<double>& from, std::vector<double>& to, size_t width) {
        std::copy(from.begin(), from.end(), to.begin() + static_cast<std::ptrdiff_t>(u * width));
      };
      put(d.lambda, lambda_, n);
      put(d.input_slack, input_slack_, m);
      put(d.output_slack, output_slack_, s);
      put(d.undesirable_slack, undesirable_slack_, k);
    }
  });
  guard_.mark_finished();
}

#define XINZHI_SBM_GETTER(name, member)                     \
  const std::vector<double>& SlacksBasedEfficiency::name() const { \
    guard_.assure_finished("SlacksBasedEfficiency");        \
    return member;                                          \
  }
XINZHI_SBM_GETTER(efficiency, efficiency_)
XINZHI_SBM_GETTER(lambda, lambda_)
XINZHI_SBM_GETTER(input_slack, input_slack_)
XINZHI_SBM_GETTER(output_slack, output_slack_)
XINZHI_SBM_GETTER(undesirable_slack, undesirable_slack_)
#undef XINZHI_SBM_GETTER

}  // namespace xinzhi::dea
