// transfer::TransferDesk: the international technology-transfer butler's rules (国际技术转移管家)
// — overseas listings imported from offices' exports, local demands, matching both ways across
// English and Chinese (BilingualTerms + BM25) to demands and to the published scenarios of the
// scenario module, and a case per chosen match with its one-stop checklist (legal adaptation,
// standards mutual recognition, scenario docking, IP due diligence), signed or declined with a
// reason.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ingest/technology_listings.h"
#include "modules/accounts/principal.h"
#include "modules/transfer/transfer_types.h"

namespace xinzhi::scenario {
class ScenarioPartners;
}

namespace xinzhi::transfer {

class TransferStore;

struct ListingPage {
  size_t total = 0;  // listings that answer the query (all of them for an empty query)
  std::vector<Listing> listings;
};

class TransferDesk {
 public:
  // `scenarios` supplies the published scenarios matched against (null: demands only, for tests).
  TransferDesk(TransferStore& store, scenario::ScenarioPartners* scenarios);

  // The file's listings under `source` ("nasa", "csv"), all or nothing; a second import of the
  // same file changes nothing but the import time.
  ListingImport import_listings(const std::string& path, ingest::ListingFormat format, const accounts::Principal& who);
  // Listings by id, or the best BM25 answers to `query` in either language; `offset`/`limit` page them.
  ListingPage listings(const std::string& query, size_t offset, size_t limit);
  Listing listing(int64_t id);

  // Posted by `who` for its organisation; a firm or lab posts as itself whatever org it names.
  int64_t add_demand(Demand d, const accounts::Principal& who);
  // Several at once, all or none (the sample demands).
  std::vector<int64_t> add_demands(std::vector<Demand> list, const accounts::Principal& who);
  std::vector<Demand> demands(const accounts::Principal& who);  // all, or its own organisation's

  // The listings that best answer a demand or a published scenario (`kind`: demand, scenario),
  // best first, with the shared terms and any case on the pair.
  std::vector<TransferMatch> matches_for(const std::string& kind, int64_t id, size_t top, const accounts::Principal& who);
  // The demands and published scenarios a listing answers best.
  std::vector<TransferMatch> targets_for(int64_t listing_id, size_t top, const accounts::Principal& who);

  TransferCase open_case(int64_t listing_id, const std::string& kind, int64_t target_id, const accounts::Principal& who);
  std::vector<TransferCase> cases(const accounts::Principal& who);  // all, or its own organisation's
  TransferCase find_case(int64_t id, const accounts::Principal& who);
  // One checklist item's state (todo, done, not_applicable) and note; the case is then docking.
  TransferCase set_check(int64_t case_id, const std::string& item, const std::string& state, const std::string& note,
                         const accounts::Principal& who);
  // Signed once every item is done or not applicable (IP due diligence always done).
  TransferCase sign(int64_t case_id, const std::string& note, const accounts::Principal& who);
  // Declined with one of kDeclineReasons ("other" needs a note).
  TransferCase decline(int64_t case_id, const std::string& reason, const std::string& note, const accounts::Principal& who);

  int64_t remove_sample();
  // The day patents' expiry is judged against (YYYY-MM-DD); today in UTC unless set (tests).
  void set_today(std::string day) { today_ = std::move(day); }

 private:
  MatchTarget target(const std::string& kind, int64_t id, const accounts::Principal& who);
  std::vector<MatchTarget> targets(const accounts::Principal& who);
  std::string today() const;

  TransferStore& store_;
  scenario::ScenarioPartners* scenarios_;
  std::string today_;
};

nlohmann::json to_json(const Listing& l, const std::string& today);
nlohmann::json to_json(const Demand& d);
nlohmann::json to_json(const TransferMatch& m);
nlohmann::json to_json(const TransferCase& c);

}  // namespace xinzhi::transfer
