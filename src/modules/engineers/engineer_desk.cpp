#include "modules/engineers/engineer_desk.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "base/error.h"
#include "base/required_text.h"
#include "base/text.h"
#include "engines/assign/assignment.h"
#include "modules/chain/chain_service.h"
#include "modules/engineers/engineer_store.h"
#include "store/queries.h"

namespace xinzhi::engineers {

namespace {

[[noreturn]] void refuse(const std::string& key, ErrorParams params, const std::string& message) {
  fail_keyed(ErrorCode::InvalidInput, key, std::move(params), message);
}

}  // namespace

bool is_month(const std::string& m) {
  if (m.size() != 7 || m[4] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
    if (m[i] < '0' || m[i] > '9') return false;
  int month = (m[5] - '0') * 10 + (m[6] - '0');
  return month >= 1 && month <= 12;
}

namespace {

void check_month(const std::string& m, const char* field) {
  if (!is_month(m)) refuse("month_invalid", {{"field", field}, {"value", m}}, std::string(field) + " '" + m + "' is not a month like 2026-12");
}

std::vector<std::string> clean_skills(const std::vector<std::string>& skills) {
  std::vector<std::string> out;
  for (const auto& s : skills) {
    auto t = std::string(text::trim(s));
    if (t.empty()) continue;
    if (t.find("、") != std::string::npos)
      refuse("skill_separator", {{"skill", t}}, "a skill may not contain 、 (it separates skills): '" + t + "'");
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  if (out.size() > 40) refuse("skills_too_many", {{"max", "40"}}, "at most 40 skills");
  return out;
}

bool counts_against_capacity(const std::string& status) { return status == "proposed" || status == "accepted" || status == "done"; }

// The request's status from its dispatches: matched when enough engineers accepted, proposed
// when the rest are proposed, open otherwise.
std::string request_status(const EngineerRequest& r, const std::vector<Dispatch>& dispatches) {
  int64_t accepted = 0, pending = 0;
  for (const auto& d : dispatches) {
    if (d.request_id != r.id) continue;
    if (d.status == "accepted" || d.status == "done") ++accepted;
    if (d.status == "proposed") ++pending;
  }
  if (accepted >= r.engineers) return "matched";
  if (accepted + pending >= r.engineers) return "proposed";
  return "open";
}

}  // namespace

EngineerDesk::EngineerDesk(EngineerStore& store, chain::ChainService* chains) : store_(store), chains_(chains) {}

std::vector<Engineer> EngineerDesk::engineers() { return store_.engineers(); }
std::vector<DispatchRound> EngineerDesk::rounds() { return store_.rounds(); }

int64_t EngineerDesk::register_engineer(Engineer e, const std::vector<MonthCapacity>& months) {
  e.name = required_text(e.name, "name", 100);
  e.org = std::string(text::trim(e.org));
  e.skills = clean_skills(e.skills);
  if (e.skills.empty()) refuse("field_missing", {{"field", "skills"}}, "skills is empty: list what the engineer can do");
  std::set<std::string> seen;
  for (const auto& m : months) {
    check_month(m.month, "month");
    if (m.capacity < 0 || m.capacity > 50)
      refuse("capacity_invalid", {{"month", m.month}, {"value", std::to_string(m.capacity)}},
             "capacity " + std::to_string(m.capacity) + " in " + m.month + " is not 0 to 50");
    if (!seen.insert(m.month).second) refuse("month_twice", {{"month", m.month}}, "month " + m.month + " is given twice");
  }
  if (chains_ != nullptr)
    for (const auto& s : e.segments) {
      auto segments = chains_->segments(s.chain);  // NotFound for an unknown chain
      if (std::none_of(segments.begin(), segments.end(), [&](const auto& x) { return x.name == s.segment; }))
        fail_keyed(ErrorCode::NotFound, "segment_not_found", {{"chain", s.chain}, {"segment", s.segment}},
                   "chain '" + s.chain + "' has no segment '" + s.segment + "'");
    }
  return store_.add_engineer(e, months, {"engineers.register", "engineer", "", "", e.name, e.org});
}

int64_t EngineerDesk::open_request(EngineerRequest r, const accounts::Principal& who) {
  r.created_by = who.username;
  if (!who.reaches_all(accounts::Permission::EngineersRequest)) r.firm = who.org_name;
  r.firm = required_text(r.firm, "firm", 200);
  // Visible to the firm itself: its own organisation when it asks, the named firm when a
  // dispatcher asks on its behalf.
  r.org = who.reaches_all(accounts::Permission::EngineersRequest) ? r.firm : who.org_name;
  r.problem = required_text(r.problem, "problem", 2000);
  r.skills = clean_skills(r.skills);
  check_month(r.month, "month");
  if (r.engineers < 1 || r.engineers > 20)
    refuse("engineers_needed", {{"value", std::to_string(r.engineers)}}, "engineers needed must be 1 to 20");
  if (!(std::isfinite(r.budget) && r.budget >= 0))
    refuse("budget_invalid", {{"value", std::to_string(r.budget)}}, "the budget must be a number of 0 or more");
  if (std::find(std::begin(kOrigins), std::end(kOrigins), r.origin) == std::end(kOrigins))
    refuse("origin_invalid", {{"value", r.origin}}, "origin '" + r.origin + "' is not manual, chain_gap or chokepoint");
  if (r.origin != "manual" && (r.chain.empty() || r.segment.empty()))
    refuse("origin_needs_segment", {{"origin", r.origin}}, "a request from " + r.origin + " names its chain and segment");
  if (!r.segment.empty() && r.chain.empty()) refuse("field_missing", {{"field", "chain"}}, "a segment needs its chain");
  if (chains_ != nullptr && !r.chain.empty()) {
    auto segments = chains_->segments(r.chain);
    if (!r.segment.empty() && std::none_of(segments.begin(), segments.end(), [&](const auto& x) { return x.name == r.segment; }))
      fail_keyed(ErrorCode::NotFound, "segment_not_found", {{"chain", r.chain}, {"segment", r.segment}},
                 "chain '" + r.chain + "' has no segment '" + r.segment + "'");
  }
  return store_.add_request(r, {"engineers.request", "engineer_request", "", "", r.firm + " " + r.month, r.origin});
}

std::vector<EngineerRequest> EngineerDesk::requests(const std::string& status, const accounts::Principal& who) {
  if (!status.empty() && status != "open" && status != "proposed" && status != "matched" && status != "closed")
    refuse("status_invalid", {{"value", status}}, "status '" + status + "' is not open, proposed, matched or closed");
  auto all = store_.requests(status);
  if (who.reaches_all(accounts::Permission::EngineersRequest)) return all;
  std::vector<EngineerRequest> own;
  for (auto& r : all)
    if (r.org == who.org_name && !who.org_name.empty()) own.push_back(std::move(r));
  return own;
}

std::vector<Dispatch> EngineerDesk::dispatches(int64_t round_id, const accounts::Principal& who) {
  auto all = store_.dispatches(round_id);
  if (who.reaches_all(accounts::Permission::EngineersRequest)) return all;
  std::set<int64_t> own;
  for (const auto& r : requests("", who)) own.insert(r.id);
  std::vector<Dispatch> out;
  for (auto& d : all)
    if (own.count(d.request_id)) out.push_back(std::move(d));
  return out;
}

RoundAnswer EngineerDesk::dispatch(const std::string& month, bool fair, const accounts::Principal& who) {
  check_month(month, "month");
  auto all_requests = store_.requests("");
  auto history = store_.dispatches(0);
  auto engineers = store_.engineers();
  std::map<int64_t, int64_t> capacity;
  for (const auto& m : store_.months(month, month)) capacity[m.engineer_id] = m.capacity;

  // Places still open: per request the engineers needed less those proposed or engaged; per
  // engineer the month's capacity less the month's proposals and engagements.
  std::map<int64_t, int64_t> used;
  std::set<std::pair<int64_t, int64_t>> tried;           // (engineer, request): never proposed twice
  std::set<std::pair<int64_t, std::string>> barred_firm;  // (engineer, firm): conflicts, firm refusals
  std::map<int64_t, const EngineerRequest*> by_id;
  for (const auto& r : all_requests) by_id[r.id] = &r;
  for (const auto& d : history) {
    tried.insert({d.engineer_id, d.request_id});
    if (d.month == month && counts_against_capacity(d.status)) ++used[d.engineer_id];
    if (d.status == "declined" && (d.reason == "conflict" || d.reason == "firm_declined")) barred_firm.insert({d.engineer_id, d.firm});
  }
  std::vector<const EngineerRequest*> open;
  std::vector<int32_t> demand;
  for (const auto& r : all_requests) {
    if (r.month != month || r.status != "open") continue;
    int64_t taken = 0;
    for (const auto& d : history)
      if (d.request_id == r.id && counts_against_capacity(d.status)) ++taken;
    if (r.engineers - taken <= 0) continue;
    open.push_back(&r);
    demand.push_back(int32_t(r.engineers - taken));
  }
  std::vector<const Engineer*> available;
  std::vector<int32_t> max_load;
  for (const auto& e : engineers) {
    int64_t room = capacity[e.id] - used[e.id];
    if (room <= 0) continue;
    available.push_back(&e);
    max_load.push_back(int32_t(room));
  }

  assign::AssignmentProblem problem;
  problem.suppliers = uint32_t(available.size());
  problem.requests = uint32_t(open.size());
  problem.demand = demand;
  problem.max_load = max_load;
  problem.raise_floor = fair;
  std::map<std::pair<uint32_t, uint32_t>, ScoreParts> parts;
  for (uint32_t s = 0; s < available.size(); ++s)
    for (uint32_t q = 0; q < open.size(); ++q) {
      const auto& e = *available[s];
      const auto& r = *open[q];
      if (tried.count({e.id, r.id}) || barred_firm.count({e.id, r.firm})) continue;
      auto p = score(e, r, history, all_requests);
      if (p.score < kWorthProposing) continue;
      problem.candidates.push_back({s, q, p.score});
      parts.emplace(std::make_pair(s, q), std::move(p));
    }
  assign::Assignment solver(problem);
  solver.run();

  RoundAnswer answer;
  auto& round = answer.round;
  round.month = month;
  round.created_by = who.username;
  round.solver = "network_simplex";
  round.requests = int64_t(open.size());
  round.engineers = int64_t(available.size());
  round.pairs = int64_t(solver.pairs().size());
  round.missing = solver.missing();
  round.total = solver.total();
  nlohmann::json unmet = nlohmann::json::array();
  for (const auto& u : solver.unmet())
    unmet.push_back({{"request", open[u.request]->id}, {"firm", open[u.request]->firm}, {"missing", u.missing},
                     {"reason", assign::unmet_reason_name(u.reason)}, {"candidates", u.candidates}});
  round.unmet = unmet.dump();
  for (const auto& c : solver.pairs()) {
    const auto& p = parts.at({c.supplier, c.request});
    nlohmann::json alternates = nlohmann::json::array();
    for (const auto& a : solver.alternates(c.request, 3))
      alternates.push_back({{"engineer_id", available[a.supplier]->id}, {"engineer", available[a.supplier]->name},
                            {"score", a.score}, {"loss", a.loss}});
    nlohmann::json feedback = nlohmann::json::array();
    for (const auto& [code, count] : p.feedback) feedback.push_back({{"code", code}, {"count", count}});
    Dispatch d;
    d.request_id = open[c.request]->id;
    d.engineer_id = available[c.supplier]->id;
    d.engineer = available[c.supplier]->name;
    d.firm = open[c.request]->firm;
    d.month = month;
    d.score = c.score;
    d.explanation = nlohmann::json{{"skills", p.skills}, {"segment", p.segment}, {"location", p.location},
                                   {"weights", {{"skills", 0.5}, {"segment", 0.3}, {"location", 0.2}}},
                                   {"matched", p.matched}, {"feedback", feedback}, {"alternates", alternates}}
                        .dump();
    answer.proposals.push_back(std::move(d));
  }
  // Requests whose every open place got a proposal wait for answers.
  std::vector<std::pair<int64_t, std::string>> status;
  for (uint32_t q = 0; q < open.size(); ++q) {
    bool short_of = std::any_of(solver.unmet().begin(), solver.unmet().end(), [&](const auto& u) { return u.request == q; });
    if (!short_of) status.emplace_back(open[q]->id, "proposed");
  }
  round.id = store_.add_round(round, answer.proposals, status,
                              {"engineers.dispatch", "engineer_round", "", "", month,
                               std::to_string(round.pairs) + " proposals, " + std::to_string(round.missing) + " places unmet"});
  // As stored: the time and the proposals' ids.
  for (const auto& stored : store_.rounds())
    if (stored.id == round.id) round = stored;
  answer.proposals = store_.dispatches(round.id);
  return answer;
}

Dispatch EngineerDesk::respond(int64_t dispatch_id, bool accept, const std::string& reason) {
  auto d = store_.dispatch(dispatch_id);
  if (!d) fail_keyed(ErrorCode::NotFound, "dispatch_not_found", {{"id", std::to_string(dispatch_id)}},
                     "no dispatch " + std::to_string(dispatch_id));
  if (d->status != "proposed")
    fail_keyed(ErrorCode::Conflict, "dispatch_answered", {{"id", std::to_string(dispatch_id)}, {"status", d->status}},
               "dispatch " + std::to_string(dispatch_id) + " is " + d->status + ", not awaiting an answer");
  if (!accept && std::find(std::begin(kDeclineReasons), std::end(kDeclineReasons), reason) == std::end(kDeclineReasons))
    refuse("decline_reason", {{"value", reason}},
           "a decline needs a reason: no_time, skills_mismatch, too_far, conflict or firm_declined");
  d->status = accept ? "accepted" : "declined";
  d->reason = accept ? "" : reason;
  d->responded_at = store::utc_now();
  auto request = store_.request(d->request_id);
  auto dispatches = store_.dispatches(0);
  for (auto& x : dispatches)
    if (x.id == d->id) x = *d;
  std::string status = request ? request_status(*request, dispatches) : "open";
  std::optional<MonthCapacity> capacity;
  if (!accept && reason == "no_time") {
    // No more time that month: the capacity becomes the work the engineer already has then,
    // so no later round of the month proposes the engineer again.
    int64_t busy = 0;
    for (const auto& x : dispatches)
      if (x.engineer_id == d->engineer_id && x.month == d->month && counts_against_capacity(x.status)) ++busy;
    capacity = MonthCapacity{d->engineer_id, d->month, busy};
  }
  store_.update_dispatch(*d, "proposed", status, capacity,
                         {accept ? "engineers.accept" : "engineers.decline", "engineer_dispatch", std::to_string(d->id), "proposed",
                          d->status, d->reason});
  return *d;
}

Dispatch EngineerDesk::report(int64_t dispatch_id, double hours, const std::string& outcome) {
  auto d = store_.dispatch(dispatch_id);
  if (!d) fail_keyed(ErrorCode::NotFound, "dispatch_not_found", {{"id", std::to_string(dispatch_id)}},
                     "no dispatch " + std::to_string(dispatch_id));
  if (d->status != "accepted")
    fail_keyed(ErrorCode::Conflict, "dispatch_not_accepted", {{"id", std::to_string(dispatch_id)}, {"status", d->status}},
               "dispatch " + std::to_string(dispatch_id) + " is " + d->status + "; hours are reported for accepted work");
  if (!(std::isfinite(hours) && hours > 0 && hours <= 2000))
    refuse("hours_invalid", {{"value", std::to_string(hours)}}, "hours must be more than 0 and at most 2000");
  d->hours = hours;
  d->outcome = required_text(outcome, "outcome", 2000);
  d->status = "done";
  auto request = store_.request(d->request_id);
  auto dispatches = store_.dispatches(0);
  for (auto& x : dispatches)
    if (x.id == d->id) x = *d;
  store_.update_dispatch(*d, "accepted", request ? request_status(*request, dispatches) : "matched", std::nullopt,
                         {"engineers.report", "engineer_dispatch", std::to_string(d->id), "accepted", "done", d->outcome});
  return *d;
}

std::vector<EngineerLoad> EngineerDesk::load(const std::string& from, const std::string& to) {
  check_month(from, "from");
  check_month(to, "to");
  std::map<std::pair<int64_t, std::string>, EngineerLoad> cells;
  std::map<int64_t, std::string> names;
  for (const auto& e : store_.engineers()) names[e.id] = e.name;
  auto cell = [&](int64_t engineer, const std::string& month) -> EngineerLoad& {
    auto& c = cells[{engineer, month}];
    c.engineer_id = engineer;
    c.engineer = names[engineer];
    c.month = month;
    return c;
  };
  for (const auto& m : store_.months(from, to)) cell(m.engineer_id, m.month).capacity = m.capacity;
  for (const auto& d : store_.dispatches(0)) {
    if (d.month < from || d.month > to) continue;
    auto& c = cell(d.engineer_id, d.month);
    if (d.status == "proposed") ++c.proposed;
    if (d.status == "accepted") ++c.accepted;
    if (d.status == "done") {
      ++c.done;
      c.hours += d.hours;
    }
  }
  std::vector<EngineerLoad> out;
  for (auto& [key, c] : cells) out.push_back(std::move(c));
  return out;
}

int64_t EngineerDesk::remove_sample() {
  return store_.remove_sample({"engineers.remove_sample", "engineer", "", "", "", "sample engineers and requests"});
}

nlohmann::json to_json(const Engineer& e) {
  nlohmann::json segments = nlohmann::json::array();
  for (const auto& s : e.segments) segments.push_back({{"chain", s.chain}, {"segment", s.segment}});
  return {{"id", e.id}, {"name", e.name}, {"org", e.org}, {"region", e.region}, {"certification", e.certification},
          {"profile", e.profile}, {"skills", e.skills}, {"segments", segments}, {"sample", e.sample}};
}

nlohmann::json to_json(const EngineerRequest& r) {
  return {{"id", r.id}, {"firm", r.firm}, {"region", r.region}, {"chain", r.chain}, {"segment", r.segment},
          {"origin", r.origin}, {"problem", r.problem}, {"skills", r.skills}, {"month", r.month}, {"engineers", r.engineers},
          {"budget", r.budget}, {"status", r.status}, {"created_by", r.created_by}, {"created_at", r.created_at},
          {"org", r.org}, {"sample", r.sample}};
}

nlohmann::json to_json(const Dispatch& d) {
  return {{"id", d.id}, {"round", d.round_id}, {"request", d.request_id}, {"engineer_id", d.engineer_id},
          {"engineer", d.engineer}, {"firm", d.firm}, {"month", d.month}, {"status", d.status}, {"reason", d.reason},
          {"responded_at", d.responded_at}, {"score", d.score}, {"hours", d.hours}, {"outcome", d.outcome},
          {"explanation", nlohmann::json::parse(d.explanation.empty() ? "{}" : d.explanation)}};
}

nlohmann::json to_json(const DispatchRound& r) {
  return {{"id", r.id}, {"month", r.month}, {"created_at", r.created_at}, {"created_by", r.created_by},
          {"solver", r.solver}, {"requests", r.requests}, {"engineers", r.engineers}, {"pairs", r.pairs},
          {"missing", r.missing}, {"total", r.total}, {"unmet", nlohmann::json::parse(r.unmet.empty() ? "[]" : r.unmet)}};
}

nlohmann::json to_json(const EngineerLoad& l) {
  return {{"engineer_id", l.engineer_id}, {"engineer", l.engineer}, {"month", l.month}, {"capacity", l.capacity},
          {"proposed", l.proposed}, {"accepted", l.accepted}, {"done", l.done}, {"hours", l.hours}};
}

}  // namespace xinzhi::engineers
