// The new-quality-productive-forces index as a service: imports the provincial statistics into
// the database and computes the index, its explanations and gaps from them for the doors.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "modules/accounts/principal.h"
#include "modules/chain/chain_service.h"
#include "modules/foresight/patent_read.h"
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
  // `patents` and `chains`, when given, supply the platform's own series (platform_series.h)
  // to formulas.
  explicit NqpfService(StatisticsStore& store, foresight::PatentReader* patents = nullptr,
                       chain::ChainService* chains = nullptr)
      : store_(store), patents_(patents), chains_(chains) {}

  // A folder (or one CSV) of provincial statistics replaces what the database holds;
  // analytics.write (the analysts who keep the platform's data).
  StatisticsImport import_statistics(const std::string& path, const accounts::Principal& who);
  // A statistics-bureau Excel export (the workbook's bytes and its file name) added to the
  // imported statistics: its series (nbs/…) replaced whole, the rest kept; analytics.write,
  // after a first import. InvalidInput nqpf_workbook_type for anything but an .xlsx.
  StatisticsImport import_workbook(const std::string& bytes, const std::string& name, const accounts::Principal& who);
  // The shipped templates ("template": true) and the systems analysts saved (with saved_at,
  // saved_by); analytics.read.
  nlohmann::json systems(const accounts::Principal& who);
  // Every series an indicator may read: code, label, unit, source, first and last year, how
  // many provinces; {"available": false, "series": []} before any import. analytics.read.
  nlohmann::json series(const accounts::Principal& who);
  // A system from its JSON, saved under its id once an index can be computed from it (every
  // series there, formulas sound, years in common); a template's id is refused. Audited;
  // analytics.write. Returns it as systems() lists it.
  nlohmann::json save_system(const nlohmann::json& body, const accounts::Principal& who);
  // A saved system removed; NotFound for an id nobody saved, refused for a template. Audited;
  // analytics.write.
  void delete_system(const std::string& id, const accounts::Principal& who);
  // to_json of the index with "available": true and "source" (the import: file, time, who,
  // corrections) added; {"available": false} before any import. analytics.read.
  nlohmann::json index(const IndexQuery& q, const accounts::Principal& who);
  // movement() for a province (full or short name); analytics.read.
  nlohmann::json explain(const IndexQuery& q, const std::string& region, int from, int to, const accounts::Principal& who);
  // innovation_productivity() over the imported statistics with "available" and "source" as
  // index(); {"available": false} before any import. analytics.read.
  nlohmann::json productivity(int from, int to, const accounts::Principal& who);

 private:
  IndexResult computed(const IndexQuery& q, nlohmann::json* platform = nullptr);
  // The imported statistics, with the platform's series added when `system` reads one (all
  // of them when it is null); `platform` receives what they were computed from.
  ingest::ProvinceStatistics statistics(const IndicatorSystem* system, nlohmann::json* platform = nullptr);
  // A saved system, else a template; NotFound nqpf_no_system.
  IndicatorSystem find_system(const std::string& id);
  StatisticsStore& store_;
  foresight::PatentReader* patents_;
  chain::ChainService* chains_;
};

}  // namespace xinzhi::nqpf
