#include "ingest/period_counts.h"

#include <set>

#include "base/error.h"
#include "base/text.h"
#include "ingest/table_reader.h"

namespace xinzhi::ingest {

std::vector<PeriodCount> read_period_counts(const std::string& path) {
  TableReader in(path, TableFormat::Csv);
  std::vector<PeriodCount> out;
  std::set<std::string> seen;
  std::vector<std::string> f;
  bool first = true;
  while (in.next(f)) {
    for (auto& x : f) x = std::string(text::trim(x));
    if (first) {
      first = false;
      if (f.size() >= 3 && text::name_key(f[0]) == "period" && text::name_key(f[1]) == "r") continue;
    }
    if (f.size() < 3) in.fail_here("expected period,r,d, found " + std::to_string(f.size()) + " column(s)");
    int64_t r, d;
    if (!parse_index(f[1], r)) in.fail_here("r is '" + f[1] + "', expected a whole number");
    if (!parse_index(f[2], d)) in.fail_here("d is '" + f[2] + "', expected a whole number");
    if (r > d) in.fail_here("r (" + f[1] + ") is larger than d (" + f[2] + ")");
    if (!seen.insert(f[0]).second) in.fail_here("period '" + f[0] + "' appears twice");
    out.push_back({f[0], static_cast<uint64_t>(r), static_cast<uint64_t>(d)});
  }
  if (out.empty()) invalid_input(path + ": no periods (expected rows period,r,d)");
  return out;
}

}  // namespace xinzhi::ingest
