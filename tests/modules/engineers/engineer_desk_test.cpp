// The shared-engineer desk: scores by hand, a dispatch round on the sample region, answers and
// their feedback, who sees which requests, and bad input.
#include "modules/engineers/engineer_desk.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "base/error.h"
#include "modules/engineers/sample_engineers.h"
#include "modules/registry.h"
#include "modules/services.h"
#include "support/test_support.h"

namespace xinzhi::engineers {
namespace {

using testing::ScratchDir;
constexpr const char* kChain = "新能源汽车（示例）";

accounts::Principal person(accounts::Role role, const std::string& org) {
  accounts::Principal p;
  p.username = "u";
  p.role = role;
  p.org_name = org;
  return p;
}

struct Fixture {
  ScratchDir dir;
  store::Database db{dir.database("x.db")};
  std::unique_ptr<modules::Services> services;
  Fixture(bool sample = true) {
    modules::migrate(db);
    modules::seed_sample_region(db);
    services = std::make_unique<modules::Services>(db);
    if (sample) seed_sample(desk(), services->chains(), "2026-12");
  }
  EngineerDesk& desk() { return services->engineers(); }
  std::string key_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const Error& e) {
      return e.key();
    }
    return "accepted";
  }
};

Engineer engineer(const std::string& region, std::vector<std::string> skills, std::vector<SegmentRef> segments) {
  Engineer e;
  e.id = 7;
  e.name = "E";
  e.region = region;
  e.skills = std::move(skills);
  e.segments = std::move(segments);
  return e;
}

EngineerRequest request(const std::string& region) {
  EngineerRequest r;
  r.id = 1;
  r.firm = "F";
  r.region = region;
  r.chain = "C";
  r.segment = "充电设施";
  r.skills = {"快充", "充电协议", "热管理"};
  r.problem = "ok";  // no keyword: two letters are no English term, and nothing Chinese
  return r;
}

// Skills: 2 of the 3 requested (weight 1 each) = 2/3; the same segment: 1; the same district:
// 1. Score 0.5 × 2/3 + 0.3 × 1 + 0.2 × 1 = 0.8333.
TEST(EngineerScore, PartsByHand) {
  auto e = engineer("天津市津南区", {"快充", "充电协议"}, {{"C", "充电设施"}});
  auto p = EngineerDesk::score(e, request("天津市津南区"), {}, {});
  EXPECT_NEAR(p.skills, 2.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(p.segment, 1.0);
  EXPECT_DOUBLE_EQ(p.location, 1.0);
  EXPECT_NEAR(p.score, 0.5 * 2 / 3 + 0.5, 1e-12);
  EXPECT_EQ(p.matched, (std::vector<std::string>{"快充", "充电协议"}));
  // Same province, another district: 0.6; another province: 0.2; the chain but not the
  // segment: 0.5; "电池" meets "动力电池" (one holds the other).
  EXPECT_DOUBLE_EQ(EngineerDesk::score(e, request("天津市南开区"), {}, {}).location, 0.6);
  EXPECT_DOUBLE_EQ(EngineerDesk::score(e, request("北京市海淀区"), {}, {}).location, 0.2);
  auto other = engineer("", {"动力电池"}, {{"C", "动力电池"}});
  auto r = request("天津市");
  r.skills = {"电池"};
  auto q = EngineerDesk::score(other, r, {}, {});
  EXPECT_DOUBLE_EQ(q.segment, 0.5);
  EXPECT_DOUBLE_EQ(q.skills, 1.0);
}

TEST(EngineerScore, ProvincesEnglishTermsAndUnnamedSegments) {
  auto e = engineer("广西壮族自治区南宁市", {"maintenance"}, {});
  auto r = request("广西壮族自治区柳州市");
  r.segment = "";
  r.chain = "";
  r.skills = {"ai"};
  auto p = EngineerDesk::score(e, r, {}, {});
  EXPECT_DOUBLE_EQ(p.location, 0.6);  // the same autonomous region
  EXPECT_DOUBLE_EQ(p.skills, 0.0);    // "ai" is no part of "maintenance"
  // A skills-mismatch decline on a request without a segment teaches nothing about another.
  Dispatch d;
  d.engineer_id = 7;
  d.request_id = 1;
  d.status = "declined";
  d.reason = "skills_mismatch";
  EXPECT_TRUE(EngineerDesk::score(e, r, {d}, {r}).feedback.empty());
}

TEST(EngineerScore, EarlierDeclinesChangeLaterScores) {
  auto e = engineer("天津市南开区", {"快充", "充电协议"}, {{"C", "充电设施"}});
  auto r = request("天津市津南区");
  std::vector<EngineerRequest> requests = {r};
  Dispatch mismatch;
  mismatch.engineer_id = 7;
  mismatch.request_id = 1;
  mismatch.status = "declined";
  mismatch.reason = "skills_mismatch";
  auto p = EngineerDesk::score(e, r, {mismatch}, requests);
  EXPECT_NEAR(p.skills, 1.0 / 3, 1e-12);
  ASSERT_EQ(p.feedback.size(), 1u);
  EXPECT_EQ(p.feedback[0].first, "skills_halved");
  Dispatch far = mismatch;
  far.reason = "too_far";
  EXPECT_DOUBLE_EQ(EngineerDesk::score(e, r, {far}, requests).location, 0.3);
  // Another engineer's declines change nothing.
  far.engineer_id = 8;
  EXPECT_DOUBLE_EQ(EngineerDesk::score(e, r, {far}, requests).location, 0.6);
}

TEST(EngineerDesk, ARoundProposesWithinCapacitiesAndExplainsEachProposal) {
  Fixture f;
  auto analyst = person(accounts::Role::Analyst, "局");
  auto answer = f.desk().dispatch("2026-12", false, analyst);
  EXPECT_EQ(answer.round.requests, 6);
  EXPECT_EQ(answer.round.engineers, 12);
  EXPECT_EQ(answer.round.missing, 0);
  EXPECT_EQ(answer.proposals.size(), 7u);  // six requests, one of them for two engineers
  std::map<int64_t, int> per_engineer, per_request;
  double total = 0;
  auto engineers = f.desk().engineers();
  auto requests = f.desk().requests("", analyst);
  for (const auto& d : answer.proposals) {
    ++per_engineer[d.engineer_id];
    ++per_request[d.request_id];
    total += d.score;
    auto explanation = nlohmann::json::parse(d.explanation);
    const Engineer* e = nullptr;
    const EngineerRequest* r = nullptr;
    for (const auto& x : engineers)
      if (x.id == d.engineer_id) e = &x;
    for (const auto& x : requests)
      if (x.id == d.request_id) r = &x;
    ASSERT_TRUE(e && r);
    auto parts = EngineerDesk::score(*e, *r, {}, requests);
    EXPECT_NEAR(d.score, parts.score, 1e-12);
    EXPECT_NEAR(explanation["skills"].get<double>(), parts.skills, 1e-12);
    EXPECT_FALSE(explanation["matched"].empty()) << d.engineer << " for " << d.firm;
    EXPECT_EQ(r->status, "proposed");
  }
  EXPECT_NEAR(total, answer.round.total, 1e-9);
  for (const auto& [id, n] : per_engineer) EXPECT_LE(n, 2) << "engineer " << id;
  for (const auto& r : requests) EXPECT_EQ(per_request[r.id], r.engineers) << r.firm;
  // The charging request (two engineers) goes to the charging engineers.
  for (const auto& d : answer.proposals) {
    if (d.firm.find("充电") != std::string::npos) {
      EXPECT_TRUE(d.engineer == "吴昊（示例）" || d.engineer == "何琪（示例）") << d.engineer;
    }
  }
  // Nothing left open: a second round proposes nothing.
  EXPECT_EQ(f.desk().dispatch("2026-12", false, analyst).proposals.size(), 0u);
}

TEST(EngineerDesk, AnswersFeedBackIntoTheNextRound) {
  Fixture f;
  auto analyst = person(accounts::Role::Analyst, "局");
  auto first = f.desk().dispatch("2026-12", false, analyst).proposals;
  const auto& declined = first.front();
  auto d = f.desk().respond(declined.id, false, "no_time");
  EXPECT_EQ(d.status, "declined");
  int64_t capacity_after = -1;
  for (const auto& c : f.desk().load("2026-12", "2026-12"))
    if (c.engineer_id == declined.engineer_id) capacity_after = c.capacity;
  // No more time that month: the capacity becomes the engineer's other work then.
  int64_t others = 0;
  for (const auto& x : first)
    if (x.engineer_id == declined.engineer_id && x.id != declined.id) ++others;
  EXPECT_EQ(capacity_after, others);
  auto second = f.desk().dispatch("2026-12", false, analyst).proposals;
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].request_id, declined.request_id);
  EXPECT_NE(second[0].engineer_id, declined.engineer_id);  // never the same pair twice

  EXPECT_EQ(f.desk().respond(second[0].id, true, "").status, "accepted");
  EXPECT_EQ(f.key_of([&] { f.desk().respond(second[0].id, true, ""); }), "dispatch_answered");
  EXPECT_EQ(f.key_of([&] { f.desk().report(first[1].id, 8, "x"); }), "dispatch_not_accepted");
  EXPECT_EQ(f.key_of([&] { f.desk().report(second[0].id, -1, "x"); }), "hours_invalid");
  auto done = f.desk().report(second[0].id, 12.5, "完成测试方案");
  EXPECT_EQ(done.status, "done");
  EXPECT_EQ(f.key_of([&] { f.desk().respond(first[1].id, false, "busy"); }), "decline_reason");
  EXPECT_EQ(f.key_of([&] { f.desk().respond(99999, true, ""); }), "dispatch_not_found");
  double hours = 0;
  for (const auto& c : f.desk().load("2026-12", "2027-02")) hours += c.hours;
  EXPECT_DOUBLE_EQ(hours, 12.5);
  // The request that needed one engineer and got it is matched.
  for (const auto& r : f.desk().requests("", analyst)) {
    if (r.id == declined.request_id && r.engineers == 1) {
      EXPECT_EQ(r.status, "matched");
    }
  }
}

TEST(EngineerDesk, AFirmSeesAndOpensOnlyItsOwnRequests) {
  Fixture f;
  auto analyst = person(accounts::Role::Analyst, "局");
  auto firm = person(accounts::Role::Enterprise, "天津示例企业");
  EXPECT_TRUE(f.desk().requests("", firm).empty());
  EngineerRequest r;
  r.firm = "someone else";
  r.problem = "电池热失控防护";
  r.month = "2026-12";
  auto id = f.desk().open_request(r, firm);
  auto own = f.desk().requests("", firm);
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].id, id);
  EXPECT_EQ(own[0].firm, "天津示例企业");  // a firm asks as itself
  EXPECT_EQ(f.desk().requests("", analyst).size(), 7u);
  // A dispatcher asking on a firm's behalf makes the request the firm's to see.
  EngineerRequest on_behalf = r;
  on_behalf.firm = "天津示例企业";
  auto second = f.desk().open_request(on_behalf, analyst);
  EXPECT_EQ(f.desk().requests("", firm).back().id, second);
  f.desk().dispatch("2026-12", false, analyst);
  for (const auto& d : f.desk().dispatches(0, firm)) EXPECT_TRUE(d.request_id == id || d.request_id == second);
}

TEST(EngineerDesk, BadInputIsRefusedWithAReason) {
  Fixture f(false);
  auto analyst = person(accounts::Role::Analyst, "局");
  EngineerRequest ok;
  ok.firm = "F";
  ok.problem = "P";
  ok.month = "2026-12";
  EXPECT_EQ(f.key_of([&] { f.desk().open_request(ok, analyst); }), "accepted");
  auto r = ok;
  r.month = "2026-13";
  EXPECT_EQ(f.key_of([&] { f.desk().open_request(r, analyst); }), "month_invalid");
  r = ok;
  r.problem = "  ";
  EXPECT_EQ(f.key_of([&] { f.desk().open_request(r, analyst); }), "field_missing");
  r = ok;
  r.engineers = 0;
  EXPECT_EQ(f.key_of([&] { f.desk().open_request(r, analyst); }), "engineers_needed");
  r = ok;
  r.origin = "chokepoint";
  EXPECT_EQ(f.key_of([&] { f.desk().open_request(r, analyst); }), "origin_needs_segment");
  r.chain = kChain;
  r.segment = "火星环节";
  EXPECT_EQ(f.key_of([&] { f.desk().open_request(r, analyst); }), "segment_not_found");
  r.segment = "车规级芯片";
  EXPECT_EQ(f.key_of([&] { f.desk().open_request(r, analyst); }), "accepted");
  Engineer e;
  e.name = "E";
  e.skills = {"a、b"};
  EXPECT_EQ(f.key_of([&] { f.desk().register_engineer(e, {}); }), "skill_separator");
  e.skills = {"电池"};
  EXPECT_EQ(f.key_of([&] { f.desk().register_engineer(e, {{0, "2026-12", -1}}); }), "capacity_invalid");
  EXPECT_EQ(f.key_of([&] { f.desk().register_engineer(e, {{0, "2026-12", 1}, {0, "2026-12", 2}}); }), "month_twice");
  EXPECT_EQ(f.key_of([&] { f.desk().register_engineer(e, {{0, "2026-12", 1}}); }), "accepted");
  EXPECT_EQ(f.key_of([&] { f.desk().register_engineer(e, {}); }), "engineer_exists");
  // A month nobody is available: the requests are unmet with their reason, nothing proposed.
  auto round = f.desk().dispatch("2026-12", false, analyst);
  EXPECT_EQ(round.round.requests, 2);
  auto unmet = nlohmann::json::parse(round.round.unmet);
  ASSERT_FALSE(unmet.empty());
  EXPECT_EQ(f.key_of([&] { f.desk().dispatch("12-2026", false, analyst); }), "month_invalid");
}

}  // namespace
}  // namespace xinzhi::engineers
