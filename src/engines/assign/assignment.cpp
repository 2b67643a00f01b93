#include "engines/assign/assignment.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "base/error.h"
#include "engines/assign/flow_network.h"

namespace xinzhi::assign {

std::string_view unmet_reason_name(UnmetReason reason) {
  switch (reason) {
    case UnmetReason::NoCandidates: return "no_candidates";
    case UnmetReason::TooFewCandidates: return "too_few_candidates";
    case UnmetReason::CandidatesFull: return "candidates_full";
    case UnmetReason::BelowPenalty: return "below_penalty";
  }
  return "unknown";
}

namespace {

std::string pair_text(uint32_t supplier, uint32_t request) {
  return "(supplier " + std::to_string(supplier) + ", request " + std::to_string(request) + ")";
}

[[noreturn]] void refuse(std::string key, ErrorParams params, const std::string& message) {
  fail_keyed(ErrorCode::InvalidInput, std::move(key), std::move(params), "assignment: " + message);
}

void check_counts(const std::vector<int32_t>& values, size_t expected, const char* what, const char* owner) {
  if (values.size() != expected)
    refuse("assign_size", {{"what", what}, {"given", std::to_string(values.size())}, {"expected", std::to_string(expected)}},
           std::string(what) + " has " + std::to_string(values.size()) + " values for " + std::to_string(expected) + " " + owner);
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i] < 0)
      refuse("assign_negative", {{"what", what}, {"index", std::to_string(i)}, {"value", std::to_string(values[i])}},
             std::string(what) + " of " + owner + " " + std::to_string(i) + " is " + std::to_string(values[i]) +
                 "; loads and demands are 0 or more");
}

// The power of ten that makes every score an integer (≤ 9 decimals), else a binary scale that
// maps the largest magnitude to 2^40; either way no integer cost passes 2^44 (LEMON's network
// simplex adds costs along tree paths in 64 bits, beside its artificial cost of 2^62).
double integer_scale(const std::vector<double>& magnitudes) {
  double largest = 0;
  for (double m : magnitudes) largest = std::max(largest, std::fabs(m));
  if (largest == 0) return 1;
  double scale = 1;
  for (int d = 0; d <= 9; ++d, scale *= 10) {
    if (largest * scale > 0x1p44) break;
    bool integral = std::all_of(magnitudes.begin(), magnitudes.end(), [&](double m) {
      double x = m * scale;
      return std::fabs(x - std::nearbyint(x)) <= 1e-9 * std::max(1.0, std::fabs(x));
    });
    if (integral) return scale;
  }
  return std::exp2(40 - std::ceil(std::log2(largest)));
}

// Called when no flow meets the minimum loads (forced pairs alone always fit, checked before).
[[noreturn]] void explain_infeasible(const AssignmentProblem& p, const std::vector<int32_t>& candidates_of_supplier) {
  if (p.min_load.empty()) fail(ErrorCode::Internal, "assignment: infeasible without minimum loads");
  int64_t total_min = std::accumulate(p.min_load.begin(), p.min_load.end(), int64_t{0});
  int64_t total_demand = std::accumulate(p.demand.begin(), p.demand.end(), int64_t{0});
  if (total_min > total_demand)
    refuse("assign_min_above_demand", {{"min", std::to_string(total_min)}, {"demand", std::to_string(total_demand)}},
           "the minimum loads add up to " + std::to_string(total_min) + " but the requests need only " +
               std::to_string(total_demand));
  for (uint32_t s = 0; s < p.suppliers; ++s)
    if (candidates_of_supplier[s] < p.min_load[s])
      refuse("assign_min_unreachable",
             {{"supplier", std::to_string(s)}, {"min", std::to_string(p.min_load[s])}, {"candidates", std::to_string(candidates_of_supplier[s])}},
             "supplier " + std::to_string(s) + " needs at least " + std::to_string(p.min_load[s]) + " requests but has " +
                 std::to_string(candidates_of_supplier[s]) + " candidates");
  refuse("assign_min_infeasible", {},
         "the minimum loads cannot all be met together: the suppliers with minimums compete for too few requests");
}

}  // namespace

// The network as solved, kept for alternates(): node numbering and where each kind of arc sits.
struct Assignment::Network {
  FlowNetwork flow;
  double scale;
  uint32_t suppliers, requests;
  size_t pair_begin;                    // arcs [pair_begin, pair_begin + pairs.size()) are candidates
  std::vector<Candidate> pairs;         // the kept candidates, by supplier then request
  std::vector<uint32_t> candidates_of;  // per request: how many kept candidates
  int32_t source() const { return 0; }
  int32_t supplier_node(uint32_t s) const { return int32_t(1 + s); }
  int32_t request_node(uint32_t r) const { return int32_t(1 + suppliers + r); }
  int32_t unmet_node() const { return int32_t(1 + suppliers + requests); }
  int32_t sink() const { return unmet_node() + 1; }
  size_t unmet_arc() const { return suppliers; }  // source → unmet node
  size_t demand_arc(uint32_t r) const { return pair_begin + pairs.size() + r; }
  size_t unmet_request_arc(uint32_t r) const { return pair_begin + pairs.size() + requests + r; }
};

Assignment::Assignment(AssignmentProblem problem) : problem_(std::move(problem)) {
  const auto& p = problem_;
  check_counts(p.demand, p.requests, "demand", "request");
  check_counts(p.max_load, p.suppliers, "max_load", "supplier");
  if (!p.min_load.empty()) {
    check_counts(p.min_load, p.suppliers, "min_load", "supplier");
    for (uint32_t s = 0; s < p.suppliers; ++s)
      if (p.min_load[s] > p.max_load[s])
        refuse("assign_min_above_max",
               {{"supplier", std::to_string(s)}, {"min", std::to_string(p.min_load[s])}, {"max", std::to_string(p.max_load[s])}},
               "supplier " + std::to_string(s) + " has minimum load " + std::to_string(p.min_load[s]) + " above its maximum " +
                   std::to_string(p.max_load[s]));
  }
  if (p.unmet_penalty && !(std::isfinite(*p.unmet_penalty) && *p.unmet_penalty >= 0))
    refuse("assign_penalty", {{"value", std::to_string(*p.unmet_penalty)}},
           "the unmet penalty must be a finite number of 0 or more");
  for (const auto* list : {&p.forced, &p.forbidden})
    for (const auto& f : *list)
      if (f.supplier >= p.suppliers || f.request >= p.requests)
        refuse("assign_pair_range", {{"supplier", std::to_string(f.supplier)}, {"request", std::to_string(f.request)}},
               std::string(list == &p.forced ? "forced" : "forbidden") + " pair " + pair_text(f.supplier, f.request) +
                   " is out of range (" + std::to_string(p.suppliers) + " suppliers, " + std::to_string(p.requests) + " requests)");
  for (const auto& c : p.candidates) {
    if (c.supplier >= p.suppliers || c.request >= p.requests)
      refuse("assign_pair_range", {{"supplier", std::to_string(c.supplier)}, {"request", std::to_string(c.request)}},
             "candidate " + pair_text(c.supplier, c.request) + " is out of range (" + std::to_string(p.suppliers) +
                 " suppliers, " + std::to_string(p.requests) + " requests)");
    if (!std::isfinite(c.score))
      refuse("assign_score", {{"supplier", std::to_string(c.supplier)}, {"request", std::to_string(c.request)}},
             "candidate " + pair_text(c.supplier, c.request) + " has no finite score");
  }
}

Assignment::~Assignment() = default;
Assignment::Assignment(Assignment&&) noexcept = default;

void Assignment::run() {
  const auto& p = problem_;
  auto key = [&](uint32_t s, uint32_t r) { return uint64_t(s) * p.requests + r; };
  std::vector<uint64_t> forbidden, forced;
  for (auto f : p.forbidden) forbidden.push_back(key(f.supplier, f.request));
  for (auto f : p.forced) forced.push_back(key(f.supplier, f.request));
  std::sort(forbidden.begin(), forbidden.end());
  std::sort(forced.begin(), forced.end());
  if (auto d = std::adjacent_find(forced.begin(), forced.end()); d != forced.end())
    refuse("assign_forced_twice", {{"supplier", std::to_string(*d / p.requests)}, {"request", std::to_string(*d % p.requests)}},
           "the forced pair " + pair_text(uint32_t(*d / p.requests), uint32_t(*d % p.requests)) + " is listed twice");
  for (auto f : forced)
    if (std::binary_search(forbidden.begin(), forbidden.end(), f))
      refuse("assign_forced_conflict", {{"supplier", std::to_string(f / p.requests)}, {"request", std::to_string(f % p.requests)}},
             "the pair " + pair_text(uint32_t(f / p.requests), uint32_t(f % p.requests)) + " is both forced and a conflict");

  auto net = std::make_unique<Network>(Network{FlowNetwork(0, {}), 1, p.suppliers, p.requests, 0, {}, {}});
  for (const auto& c : p.candidates)
    if (!std::binary_search(forbidden.begin(), forbidden.end(), key(c.supplier, c.request))) net->pairs.push_back(c);
  std::sort(net->pairs.begin(), net->pairs.end(),
            [](const Candidate& a, const Candidate& b) { return std::tie(a.supplier, a.request) < std::tie(b.supplier, b.request); });
  for (size_t i = 1; i < net->pairs.size(); ++i)
    if (net->pairs[i].supplier == net->pairs[i - 1].supplier && net->pairs[i].request == net->pairs[i - 1].request)
      refuse("assign_pair_twice", {{"supplier", std::to_string(net->pairs[i].supplier)}, {"request", std::to_string(net->pairs[i].request)}},
             "the candidate " + pair_text(net->pairs[i].supplier, net->pairs[i].request) + " is listed twice");
  std::vector<char> is_forced(net->pairs.size(), 0);
  std::vector<int32_t> forced_of_supplier(p.suppliers, 0), forced_of_request(p.requests, 0);
  std::vector<int32_t> candidates_of_supplier(p.suppliers, 0);
  net->candidates_of.assign(p.requests, 0);
  for (size_t i = 0; i < net->pairs.size(); ++i) {
    const auto& c = net->pairs[i];
    ++net->candidates_of[c.request];
    ++candidates_of_supplier[c.supplier];
    if (std::binary_search(forced.begin(), forced.end(), key(c.supplier, c.request))) {
      is_forced[i] = 1;
      ++forced_of_supplier[c.supplier];
      ++forced_of_request[c.request];
    }
  }
  if (size_t(std::count(is_forced.begin(), is_forced.end(), 1)) != forced.size())
    for (auto f : forced)
      if (!std::any_of(net->pairs.begin(), net->pairs.end(), [&](const Candidate& c) { return key(c.supplier, c.request) == f; }))
        refuse("assign_forced_not_candidate", {{"supplier", std::to_string(f / p.requests)}, {"request", std::to_string(f % p.requests)}},
               "the forced pair " + pair_text(uint32_t(f / p.requests), uint32_t(f % p.requests)) + " is not a candidate");
  for (uint32_t s = 0; s < p.suppliers; ++s)
    if (forced_of_supplier[s] > p.max_load[s])
      refuse("assign_forced_over_load", {{"supplier", std::to_string(s)}, {"forced", std::to_string(forced_of_supplier[s])}, {"max", std::to_string(p.max_load[s])}},
             "supplier " + std::to_string(s) + " is forced onto " + std::to_string(forced_of_supplier[s]) + " requests but may take " +
                 std::to_string(p.max_load[s]));
  for (uint32_t r = 0; r < p.requests; ++r)
    if (forced_of_request[r] > p.demand[r])
      refuse("assign_forced_over_demand", {{"request", std::to_string(r)}, {"forced", std::to_string(forced_of_request[r])}, {"demand", std::to_string(p.demand[r])}},
             "request " + std::to_string(r) + " has " + std::to_string(forced_of_request[r]) + " forced suppliers but needs " +
                 std::to_string(p.demand[r]));

  int64_t total_demand = std::accumulate(p.demand.begin(), p.demand.end(), int64_t{0});
  if (total_demand > std::numeric_limits<int32_t>::max())
    refuse("assign_too_large", {{"demand", std::to_string(total_demand)}}, "the total demand passes 2^31");
  std::vector<double> magnitudes;
  magnitudes.reserve(net->pairs.size() + 1);
  for (const auto& c : net->pairs) magnitudes.push_back(c.score);
  if (p.unmet_penalty) magnitudes.push_back(*p.unmet_penalty);
  net->scale = integer_scale(magnitudes);
  auto cost_of = [&](double score) { return -int64_t(std::llround(score * net->scale)); };

  // Arcs sorted by tail: source → suppliers, source → unmet; supplier → request; request → sink;
  // unmet → request.
  std::vector<FlowArc> arcs;
  arcs.reserve(p.suppliers + 1 + net->pairs.size() + 2 * size_t(p.requests));
  for (uint32_t s = 0; s < p.suppliers; ++s)
    arcs.push_back({net->source(), net->supplier_node(s), p.min_load.empty() ? 0 : p.min_load[s], p.max_load[s], 0});
  arcs.push_back({net->source(), net->unmet_node(), 0, 0, 0});
  net->pair_begin = arcs.size();
  for (size_t i = 0; i < net->pairs.size(); ++i)
    arcs.push_back({net->supplier_node(net->pairs[i].supplier), net->request_node(net->pairs[i].request), is_forced[i], 1,
                    cost_of(net->pairs[i].score)});
  for (uint32_t r = 0; r < p.requests; ++r) arcs.push_back({net->request_node(r), net->sink(), p.demand[r], p.demand[r], 0});
  for (uint32_t r = 0; r < p.requests; ++r) arcs.push_back({net->unmet_node(), net->request_node(r), 0, p.demand[r], 0});
  net->flow = FlowNetwork(net->sink() + 1, std::move(arcs));
  auto& flow = net->flow;
  std::vector<int64_t> supply(size_t(net->sink()) + 1, 0);
  supply[size_t(net->source())] = total_demand;
  supply[size_t(net->sink())] = -total_demand;

  auto set_pair_costs = [&](bool by_score) {
    for (size_t i = 0; i < net->pairs.size(); ++i) flow.arcs()[net->pair_begin + i].cost = by_score ? cost_of(net->pairs[i].score) : 0;
  };
  auto set_unmet = [&](int64_t allowed, int64_t cost_per_unit) {
    flow.arcs()[net->unmet_arc()].upper = int32_t(allowed);
    for (uint32_t r = 0; r < p.requests; ++r) flow.arcs()[net->unmet_request_arc(r)].cost = cost_per_unit;
  };
  // The fewest missing units any assignment allows; refuses when the minimum loads cannot be met.
  auto fewest_missing = [&]() -> int64_t {
    set_pair_costs(false);
    set_unmet(total_demand, 1);
    if (!flow.solve(supply)) explain_infeasible(p, candidates_of_supplier);
    return flow.flow(net->unmet_arc());
  };
  auto best_total_missing_at_most = [&](int64_t allowed) {
    set_pair_costs(true);
    set_unmet(allowed, 0);
    if (!flow.solve(supply)) fail(ErrorCode::Internal, "assignment: the coverage found in the first solve was lost");
  };

  if (p.unmet_penalty) {
    set_unmet(total_demand, std::llround(*p.unmet_penalty * net->scale));
    if (!flow.solve(supply)) explain_infeasible(p, candidates_of_supplier);
  } else {
    // Most requests can be fully served: try that first, one solve.
    set_unmet(0, 0);
    if (!flow.solve(supply)) best_total_missing_at_most(fewest_missing());
  }
  int64_t missing = flow.flow(net->unmet_arc());
  auto chosen_scores = [&]() {
    std::vector<double> scores;
    for (size_t i = 0; i < net->pairs.size(); ++i)
      if (flow.flow(net->pair_begin + i) > 0) scores.push_back(net->pairs[i].score);
    return scores;
  };
  auto sum = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); };
  auto weakest = [](const std::vector<double>& v) { return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end()); };
  auto before = chosen_scores();
  total_before_floor_ = sum(before);
  floor_before_ = floor_after_ = weakest(before);

  if (p.raise_floor && !before.empty()) {
    // Bisection over the distinct scores above the current floor: the highest floor at which
    // the pairs scoring at least it (and the forced ones) still leave no more units missing.
    std::vector<double> levels;
    for (const auto& c : net->pairs)
      if (c.score > floor_before_) levels.push_back(c.score);
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    auto open_pairs_from = [&](double level) {
      for (size_t i = 0; i < net->pairs.size(); ++i)
        flow.arcs()[net->pair_begin + i].upper = (is_forced[i] || net->pairs[i].score >= level) ? 1 : 0;
    };
    auto keeps_coverage = [&](double level) {
      open_pairs_from(level);
      set_pair_costs(false);
      set_unmet(total_demand, 1);
      return flow.solve(supply) && flow.flow(net->unmet_arc()) <= missing;
    };
    double floor = floor_before_;
    size_t lo = 0, hi = levels.size();  // levels[0, lo) are reachable; find the first that is not
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (keeps_coverage(levels[mid])) {
        floor = levels[mid];
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    open_pairs_from(floor);
    best_total_missing_at_most(missing);
    floor_after_ = weakest(chosen_scores());
  }

  // Read the answer.
  pairs_.clear();
  loads_.assign(p.suppliers, 0);
  for (size_t i = 0; i < net->pairs.size(); ++i)
    if (flow.flow(net->pair_begin + i) > 0) {
      const auto& c = net->pairs[i];
      pairs_.push_back({c.supplier, c.request, c.score});
      ++loads_[c.supplier];
    }
  std::sort(pairs_.begin(), pairs_.end(),
            [](const ChosenPair& a, const ChosenPair& b) { return std::tie(a.request, a.supplier) < std::tie(b.request, b.supplier); });
  total_ = 0;
  for (const auto& c : pairs_) total_ += c.score;
  if (!p.raise_floor) total_before_floor_ = total_;
  missing_ = flow.flow(net->unmet_arc());
  unmet_.clear();
  // Which candidates of each request still have room: the reason an unmet request gives.
  std::vector<char> has_room(p.requests, 0);
  for (const auto& c : net->pairs)
    if (loads_[c.supplier] < p.max_load[c.supplier]) has_room[c.request] = 1;
  for (uint32_t r = 0; r < p.requests; ++r) {
    int32_t missing_here = flow.flow(net->unmet_request_arc(r));
    if (missing_here == 0) continue;
    uint32_t n = net->candidates_of[r];
    UnmetReason reason = n == 0                        ? UnmetReason::NoCandidates
                         : n < uint32_t(p.demand[r])   ? UnmetReason::TooFewCandidates
                         : !has_room[r]                ? UnmetReason::CandidatesFull
                                                       : UnmetReason::BelowPenalty;
    unmet_.push_back({r, missing_here, reason, n});
  }
  solved_ = std::move(net);
  guard_.mark_finished();
}

#define XINZHI_ASSIGNMENT_GETTER(type, name, field) \
  type Assignment::name() const {                   \
    guard_.assure_finished("Assignment");           \
    return field;                                   \
  }
XINZHI_ASSIGNMENT_GETTER(const std::vector<ChosenPair>&, pairs, pairs_)
XINZHI_ASSIGNMENT_GETTER(const std::vector<Unmet>&, unmet, unmet_)
XINZHI_ASSIGNMENT_GETTER(double, total, total_)
XINZHI_ASSIGNMENT_GETTER(int64_t, missing, missing_)
XINZHI_ASSIGNMENT_GETTER(std::vector<int32_t>, loads, loads_)
XINZHI_ASSIGNMENT_GETTER(double, floor_before, floor_before_)
XINZHI_ASSIGNMENT_GETTER(double, floor_after, floor_after_)
XINZHI_ASSIGNMENT_GETTER(double, total_before_floor, total_before_floor_)
#undef XINZHI_ASSIGNMENT_GETTER

std::vector<Alternate> Assignment::alternates(uint32_t request, size_t top) const {
  guard_.assure_finished("Assignment");
  if (request >= problem_.requests)
    refuse("assign_request_range", {{"request", std::to_string(request)}}, "request " + std::to_string(request) + " does not exist");
  const auto& net = *solved_;
  const auto& flow = net.flow;
  // Forcing supplier s onto the request adds the arc s → request to a cycle closed by the
  // cheapest residual path request → … → s; in reduced costs the cycle costs the arc's reduced
  // cost plus that path (the potentials cancel around a cycle).
  auto distance = flow.residual_distances(net.request_node(request));
  std::vector<Alternate> out;
  for (size_t i = 0; i < net.pairs.size(); ++i) {
    const auto& c = net.pairs[i];
    size_t arc = net.pair_begin + i;
    if (c.request != request || flow.flow(arc) > 0 || flow.arcs()[arc].upper == 0) continue;
    int64_t to_supplier = distance[size_t(net.supplier_node(c.supplier))];
    if (to_supplier == std::numeric_limits<int64_t>::max()) continue;
    const auto& a = flow.arcs()[arc];
    int64_t reduced = a.cost + flow.potential(a.from) - flow.potential(a.to);
    out.push_back({c.supplier, c.score, double(std::max<int64_t>(0, reduced) + to_supplier) / net.scale});
  }
  std::sort(out.begin(), out.end(), [](const Alternate& a, const Alternate& b) {
    return std::tie(a.loss, b.score, a.supplier) < std::tie(b.loss, a.score, b.supplier);
  });
  if (out.size() > top) out.resize(top);
  return out;
}

}  // namespace xinzhi::assign
