// engineers::EngineerDesk: the shared-engineer platform's rules (产业链共享工程师平台) — who may
// be registered and requested, how an engineer scores for a request (skills, chain segment,
// distance, and what earlier answers taught), a dispatch round as one optimal assignment under
// every engineer's capacity that month (engines/assign), answers and their feedback, hours and
// outcomes, and each engineer's load over time.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "modules/accounts/principal.h"
#include "modules/engineers/engineer_types.h"

namespace xinzhi::chain {
class ChainService;
}

namespace xinzhi::engineers {

class EngineerStore;

// A pair scoring less is not worth proposing: the place stays open for a later round.
inline constexpr double kWorthProposing = 0.25;

// "2026-12": a year and a month 01–12.
bool is_month(const std::string& text);

// How an engineer scores for a request, each part in [0, 1]; score = 0.5 skills + 0.3 segment
// + 0.2 location.
struct ScoreParts {
  double skills = 0, segment = 0, location = 0, score = 0;
  std::vector<std::string> matched;   // the request's terms the engineer has
  // What earlier answers changed: ("skills_halved", declines as a skills mismatch in this
  // segment) and ("distance_doubled", declines as too far).
  std::vector<std::pair<std::string, int>> feedback;
};

struct RoundAnswer {
  DispatchRound round;
  std::vector<Dispatch> proposals;
};

class EngineerDesk {
 public:
  // `chains` checks the chain and segment a request names (null: not checked, for tests).
  EngineerDesk(EngineerStore& store, chain::ChainService* chains);

  int64_t register_engineer(Engineer e, const std::vector<MonthCapacity>& months);
  std::vector<Engineer> engineers();
  // Opened by `who` for its organisation; a firm or lab (engineers.request for its own
  // organisation only) asks as itself, whatever firm the form names.
  int64_t open_request(EngineerRequest r, const accounts::Principal& who);
  // The requests `who` may see: all, or its own organisation's; status "" = every status.
  std::vector<EngineerRequest> requests(const std::string& status, const accounts::Principal& who);

  // One round for the open requests of `month`, run by `who`: every available engineer ×
  // request pair that may be proposed and scores at least kWorthProposing, assigned by
  // min-cost flow (capacities as maximum loads, engineers needed as demands; as many places
  // filled as the pairs allow, then the best total); `fair` raises the weakest proposal first.
  RoundAnswer dispatch(const std::string& month, bool fair, const accounts::Principal& who);
  std::vector<DispatchRound> rounds();
  // Proposals of a round (0: every round) that `who` may see.
  std::vector<Dispatch> dispatches(int64_t round_id, const accounts::Principal& who);

  // The engineer's answer: accepted, or declined with one of kDeclineReasons.
  Dispatch respond(int64_t dispatch_id, bool accept, const std::string& reason);
  // Hours and outcome of an accepted engagement; it is then done.
  Dispatch report(int64_t dispatch_id, double hours, const std::string& outcome);
  // Every engineer × month from `from` to `to` ("YYYY-MM", inclusive) with a capacity or work.
  std::vector<EngineerLoad> load(const std::string& from, const std::string& to);
  // Removes the sample engineers and requests (with the sample region); how many went.
  int64_t remove_sample();

  // The score of one engineer for one request with what earlier answers changed (`history`:
  // every dispatch so far); public for the tests and the explanations.
  static ScoreParts score(const Engineer& e, const EngineerRequest& r, const std::vector<Dispatch>& history,
                          const std::vector<EngineerRequest>& requests);

 private:
  EngineerStore& store_;
  chain::ChainService* chains_;
};

nlohmann::json to_json(const Engineer& e);
nlohmann::json to_json(const EngineerRequest& r);
nlohmann::json to_json(const Dispatch& d);
nlohmann::json to_json(const DispatchRound& r);
nlohmann::json to_json(const EngineerLoad& l);

}  // namespace xinzhi::engineers
