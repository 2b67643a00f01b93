// The new-quality-productive-forces index as a service: imports the provincial statistics into
// the database and computes the index, its explanations and gaps from them for the doors.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "modules/accounts/principal.h"
#include "modules/nqpf/nqpf_index.h"
#include "modules/nqpf/statistics_store.h"

namespace xinzhi::nqpf {

struct IndexQuery {
  std::string system = "three-elements";
  std::string weights = "entropy";
  int from = 0, to = 0;
};

class NqpfService {
 public:
  explicit NqpfService(StatisticsStore& store) : store_(store) {}

  // A folder (or one CSV) of provincial statistics replaces what the database holds;
  // analytics.write (the analysts who keep the platform's data).
  StatisticsImport import_statistics(const std::string& path, const accounts::Principal& who);
  // The shipped systems; analytics.read.
  nlohmann::json systems(const accounts::Principal& who);
  // to_json of the index with "available": true and "source" (the import: file, time, who,
  // corrections) added; {"available": false} before any import. analytics.read.
  nlohmann::json index(const IndexQuery& q, const accounts::Principal& who);
  // movement() for a province (full or short name); analytics.read.
  nlohmann::json explain(const IndexQuery& q, const std::string& region, int from, int to, const accounts::Principal& who);
  // innovation_productivity() over the imported statistics with "available" and "source" as
  // index(); {"available": false} before any import. analytics.read.
  nlohmann::json productivity(int from, int to, const accounts::Principal& who);

 private:
  IndexResult computed(const IndexQuery& q);
  StatisticsStore& store_;
};

}  // namespace xinzhi::nqpf
