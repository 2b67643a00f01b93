#include "modules/transfer/transfer_desk.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/clock.h"
#include "base/error.h"
#include "base/required_text.h"
#include "base/text.h"
#include "modules/accounts/access.h"
#include "modules/scenario/scenario_partners.h"
#include "modules/transfer/bilingual_terms.h"
#include "modules/transfer/transfer_store.h"

namespace xinzhi::transfer {

namespace {

using accounts::Permission;

[[noreturn]] void refuse(const std::string& key, ErrorParams params, const std::string& message) {
  fail_keyed(ErrorCode::InvalidInput, key, std::move(params), message);
}

// A note on a check, a signature or a decline: optional, at most 1000 characters.
std::string note_text(const std::string& note) {
  std::string t(text::trim(note));
  if (text::codepoints(t) > 1000) refuse("field_too_long", {{"field", "note"}, {"max", "1000"}}, "note is longer than 1000 characters");
  return t;
}

std::string listing_text(const Listing& l) { return l.title + "\n" + l.title_zh + "\n" + l.summary; }

bool expired(const Listing& l, const std::string& today) { return !l.expires.empty() && l.expires < today; }

template <size_t N>
bool one_of(const std::array<const char*, N>& list, const std::string& value) {
  return std::any_of(list.begin(), list.end(), [&](const char* x) { return value == x; });
}

template <size_t N>
std::string joined(const std::array<const char*, N>& list) {
  std::string s;
  for (const char* x : list) s += (s.empty() ? "" : ", ") + std::string(x);
  return s;
}

// A signed or declined case is final: Conflict (case_closed) for any change.
void refuse_if_closed(const TransferCase& c) {
  if (c.status == "signed" || c.status == "declined")
    fail_keyed(ErrorCode::Conflict, "case_closed", {{"id", std::to_string(c.id)}, {"status", c.status}},
               "case " + std::to_string(c.id) + " is " + c.status + " already");
}

void check_kind(const std::string& kind) {
  if (kind != kTargetDemand && kind != kTargetScenario)
    refuse("target_kind_invalid", {{"value", kind}}, "kind '" + kind + "' is not demand or scenario");
}

TransferMatch matched(const Listing& l, const MatchTarget& t, const text::Bm25Hit& hit, const TermIndex& index,
                      const std::vector<std::string>& query, const std::string& day) {
  TransferMatch m;
  m.listing_id = l.id;
  m.listing_ref = l.ref;
  m.listing_title = l.title;
  m.owner = l.owner;
  m.ip_status = l.ip_status;
  m.expires = l.expires;
  m.expired = expired(l, day);
  m.target_kind = t.kind;
  m.target_id = t.id;
  m.target_title = t.title;
  m.target_org = t.org;
  m.score = hit.score;
  std::tie(m.terms, m.coverage) = index.shared(query, hit.document);
  return m;
}

void annotate_cases(std::vector<TransferMatch>& out, const std::vector<TransferCase>& cases) {
  for (auto& m : out)
    for (const auto& c : cases)
      if (c.listing_id == m.listing_id && c.target_kind == m.target_kind && c.target_id == m.target_id) {
        m.case_id = c.id;
        m.case_status = c.status;
        m.decline_reason = c.decline_reason;
      }
}

}  // namespace

TransferDesk::TransferDesk(TransferStore& store, scenario::ScenarioPartners* scenarios)
    : store_(store), scenarios_(scenarios) {}

std::string TransferDesk::today() const { return today_.empty() ? utc_today() : today_; }

ListingImport TransferDesk::import_listings(const std::string& path, ingest::ListingFormat format,
                                            const accounts::Principal& who) {
  accounts::require(who, Permission::TransferManage);
  auto records = ingest::read_technology_listings(path, format);
  std::vector<Listing> listings;
  for (auto& r : records) {
    Listing l;
    l.ref = r.ref;
    l.owner = r.owner;
    l.country = r.country;
    l.title = r.title;
    l.title_zh = r.title_zh;
    l.summary = r.summary;
    l.patent_status = r.patent_status;
    l.ip_status = r.ip_status;
    l.application = r.application;
    l.expires = r.expires;
    l.licence = r.licence;
    l.trl = r.trl;
    listings.push_back(std::move(l));
  }
  const std::string source = format == ingest::ListingFormat::Nasa ? "nasa" : "csv";
  return store_.put_listings(source, listings,
                             {"import.listings", "transfer_listing", source, "", std::to_string(listings.size()) + " listings", path});
}

ListingPage TransferDesk::listings(const std::string& query, size_t offset, size_t limit) {
  auto all = store_.listings();
  ListingPage page;
  std::vector<Listing> picked;
  if (text::trim(query).empty()) {
    picked = std::move(all);
  } else {
    const auto& terms = BilingualTerms::builtin();
    auto q = terms.terms(query);
    if (q.empty()) refuse("query_no_terms", {{"query", query}}, "the query '" + query + "' has no word to search for");
    std::vector<std::vector<std::string>> docs;
    for (const auto& l : all) docs.push_back(terms.terms(listing_text(l)));
    TermIndex index(std::move(docs));
    for (const auto& hit : index.search(q, all.size())) picked.push_back(all[hit.document]);
  }
  page.total = picked.size();
  for (size_t i = offset; i < picked.size() && page.listings.size() < limit; ++i) page.listings.push_back(picked[i]);
  return page;
}

Listing TransferDesk::listing(int64_t id) {
  auto l = store_.listing(id);
  if (!l) fail_keyed(ErrorCode::NotFound, "listing_not_found", {{"id", std::to_string(id)}}, "no listing " + std::to_string(id));
  return *l;
}

int64_t TransferDesk::add_demand(Demand d, const accounts::Principal& who) { return add_demands({std::move(d)}, who).at(0); }

std::vector<int64_t> TransferDesk::add_demands(std::vector<Demand> list, const accounts::Principal& who) {
  accounts::require(who, Permission::TransferRequest);
  for (auto& d : list) {
    d.created_by = who.username;
    if (!who.reaches_all(Permission::TransferRequest)) d.org = who.org_name;
    d.org = required_text(d.org, "org", 200);
    d.title = required_text(d.title, "title", 200);
    d.text = required_text(d.text, "text", 4000);
    d.region = std::string(text::trim(d.region));
    if (BilingualTerms::builtin().terms(d.title + "\n" + d.text).empty())
      refuse("demand_no_terms", {}, "the demand has no word to match technologies on");
  }
  std::string detail = list.size() == 1 ? list[0].org + " " + list[0].title : std::to_string(list.size()) + " demands";
  return store_.add_demands(list, {"transfer.demand", "transfer_demand", "", "", detail, ""});
}

std::vector<Demand> TransferDesk::demands(const accounts::Principal& who) {
  accounts::require(who, Permission::TransferRequest);
  auto all = store_.demands();
  if (who.reaches_all(Permission::TransferRequest)) return all;
  std::vector<Demand> own;
  for (auto& d : all)
    if (!who.org_name.empty() && d.org == who.org_name) own.push_back(std::move(d));
  return own;
}

MatchTarget TransferDesk::target(const std::string& kind, int64_t id, const accounts::Principal& who) {
  check_kind(kind);
  if (kind == kTargetDemand) {
    auto d = store_.demand(id);
    if (!d || (!who.reaches_all(Permission::TransferRequest) && (who.org_name.empty() || d->org != who.org_name)))
      fail_keyed(ErrorCode::NotFound, "demand_not_found", {{"id", std::to_string(id)}}, "no demand " + std::to_string(id));
    return {kTargetDemand, d->id, d->title, d->org, d->title + "\n" + d->text};
  }
  if (scenarios_ == nullptr)
    fail_keyed(ErrorCode::NotFound, "scenario_not_found", {{"scenario", std::to_string(id)}}, "no scenario " + std::to_string(id));
  auto s = scenarios_->scenario(id, who);  // NotFound when `who` may not see it
  if (s.list_status != "published" || s.stage == "终止")
    fail_keyed(ErrorCode::InvalidInput, "scenario_not_published", {{"id", std::to_string(id)}, {"status", s.list_status}},
               "scenario " + std::to_string(id) + " is not open: its list is not published or it was terminated");
  return {kTargetScenario, s.id, s.title, s.owner_org, s.title + "\n" + s.field + "\n" + s.needs};
}

std::vector<MatchTarget> TransferDesk::targets(const accounts::Principal& who) {
  std::vector<MatchTarget> out;
  for (const auto& d : demands(who))
    if (d.status == "open") out.push_back({kTargetDemand, d.id, d.title, d.org, d.title + "\n" + d.text});
  if (scenarios_ != nullptr)
    for (const auto& s : scenarios_->scenarios(0, who))
      if (s.list_status == "published" && s.stage != "终止")
        out.push_back({kTargetScenario, s.id, s.title, s.owner_org, s.title + "\n" + s.field + "\n" + s.needs});
  return out;
}

std::vector<TransferMatch> TransferDesk::matches_for(const std::string& kind, int64_t id, size_t top,
                                                     const accounts::Principal& who) {
  accounts::require(who, Permission::TransferRequest);
  auto t = target(kind, id, who);
  const auto& terms = BilingualTerms::builtin();
  auto all = store_.listings();
  std::vector<std::vector<std::string>> docs;
  for (const auto& l : all) docs.push_back(terms.terms(listing_text(l)));
  TermIndex index(std::move(docs));
  auto query = terms.terms(t.text);
  const std::string day = today();
  std::vector<TransferMatch> out;
  for (const auto& hit : index.search(query, top)) {
    out.push_back(matched(all[hit.document], t, hit, index, query, day));
  }
  annotate_cases(out, cases(who));
  return out;
}

std::vector<TransferMatch> TransferDesk::targets_for(int64_t listing_id, size_t top, const accounts::Principal& who) {
  accounts::require(who, Permission::TransferRequest);
  auto l = listing(listing_id);
  const auto& terms = BilingualTerms::builtin();
  auto all = targets(who);
  std::vector<std::vector<std::string>> docs;
  for (const auto& t : all) docs.push_back(terms.terms(t.text));
  TermIndex index(std::move(docs));
  auto query = terms.terms(listing_text(l));
  const std::string day = today();
  std::vector<TransferMatch> out;
  for (const auto& hit : index.search(query, top)) {
    out.push_back(matched(l, all[hit.document], hit, index, query, day));
  }
  annotate_cases(out, cases(who));
  return out;
}

TransferCase TransferDesk::open_case(int64_t listing_id, const std::string& kind, int64_t target_id,
                                     const accounts::Principal& who) {
  accounts::require(who, Permission::TransferManage);
  auto l = listing(listing_id);
  auto t = target(kind, target_id, who);
  // The case keeps the match as it was proposed: its score and shared terms.
  TransferCase c;
  c.listing_id = l.id;
  c.target_kind = t.kind;
  c.target_id = t.id;
  c.target_title = t.title;
  c.org = t.org;
  c.opened_by = who.username;
  nlohmann::json shared = nlohmann::json::array();
  for (const auto& m : matches_for(kind, target_id, store_.listings().size(), who))
    if (m.listing_id == l.id) {
      c.score = m.score;
      for (const auto& s : m.terms) shared.push_back({{"key", s.key}, {"en", s.en}, {"zh", s.zh}});
    }
  c.terms = shared.dump();
  int64_t id = store_.open_case(c, {"transfer.case", "transfer_case", "", "", l.ref + " → " + t.kind + " " + std::to_string(t.id), ""});
  return find_case(id, who);
}

std::vector<TransferCase> TransferDesk::cases(const accounts::Principal& who) {
  accounts::require(who, Permission::TransferRequest);
  auto all = store_.cases();
  if (who.reaches_all(Permission::TransferRequest)) return all;
  std::vector<TransferCase> own;
  for (auto& c : all)
    if (!who.org_name.empty() && c.org == who.org_name) own.push_back(std::move(c));
  return own;
}

TransferCase TransferDesk::find_case(int64_t id, const accounts::Principal& who) {
  accounts::require(who, Permission::TransferRequest);
  auto c = store_.find_case(id);
  if (!c || (!who.reaches_all(Permission::TransferRequest) && (who.org_name.empty() || c->org != who.org_name)))
    fail_keyed(ErrorCode::NotFound, "case_not_found", {{"id", std::to_string(id)}}, "no transfer case " + std::to_string(id));
  return *c;
}

TransferCase TransferDesk::set_check(int64_t case_id, const std::string& item, const std::string& state,
                                     const std::string& note, const accounts::Principal& who) {
  accounts::require(who, Permission::TransferManage);
  auto c = find_case(case_id, who);
  if (!one_of(kCheckItems, item))
    refuse("check_item_invalid", {{"value", item}, {"accepted", joined(kCheckItems)}},
           "checklist item '" + item + "' is not one of " + joined(kCheckItems));
  if (!one_of(kCheckStates, state))
    refuse("check_state_invalid", {{"value", state}, {"accepted", joined(kCheckStates)}},
           "state '" + state + "' is not one of " + joined(kCheckStates));
  // Title, validity and freedom to operate are checked on every transfer, expired patents too.
  if (item == "ip_due_diligence" && state == "not_applicable")
    refuse("ip_check_required", {}, "IP due diligence applies to every transfer: mark it done with what was found");
  refuse_if_closed(c);
  CaseCheck check{item, state, note_text(note), who.username, ""};
  store_.set_check(case_id, check, c.status, "docking",
                   {"transfer.check", "transfer_case", std::to_string(case_id), "", item + " " + state, check.note});
  return find_case(case_id, who);
}

TransferCase TransferDesk::sign(int64_t case_id, const std::string& note, const accounts::Principal& who) {
  accounts::require(who, Permission::TransferManage);
  auto c = find_case(case_id, who);
  refuse_if_closed(c);
  std::string open_items, first;
  int open_count = 0;
  for (const auto& k : c.checks)
    if (k.state == "todo") {
      open_items += (open_items.empty() ? "" : ", ") + k.item;
      if (open_count++ == 0) first = k.item;
    }
  if (open_count > 0)
    refuse("checklist_incomplete", {{"n", std::to_string(open_count)}, {"item", first}},
           "the checklist is not finished: " + open_items);
  store_.close_case(case_id, c.status, "signed", "", note_text(note),
                    {"transfer.sign", "transfer_case", std::to_string(case_id), c.status, "signed", ""});
  return find_case(case_id, who);
}

TransferCase TransferDesk::decline(int64_t case_id, const std::string& reason, const std::string& note,
                                   const accounts::Principal& who) {
  accounts::require(who, Permission::TransferManage);
  auto c = find_case(case_id, who);
  if (!one_of(kDeclineReasons, reason))
    refuse("decline_reason_invalid", {{"value", reason}, {"accepted", joined(kDeclineReasons)}},
           "reason '" + reason + "' is not one of " + joined(kDeclineReasons));
  std::string why = note_text(note);
  if (reason == "other" && why.empty()) refuse("field_missing", {{"field", "note"}}, "note is empty: say why");
  refuse_if_closed(c);
  store_.close_case(case_id, c.status, "declined", reason, why,
                    {"transfer.decline", "transfer_case", std::to_string(case_id), c.status, "declined " + reason, why});
  return find_case(case_id, who);
}

int64_t TransferDesk::remove_sample() {
  return store_.remove_sample({"transfer.remove_sample", "transfer_demand", "", "", "sample demands removed", ""});
}

nlohmann::json to_json(const Listing& l, const std::string& today) {
  return {{"id", l.id},           {"source", l.source},
          {"ref", l.ref},         {"owner", l.owner},
          {"country", l.country}, {"title", l.title},
          {"title_zh", l.title_zh}, {"summary", l.summary},
          {"patent_status", l.patent_status}, {"ip_status", l.ip_status},
          {"application", l.application}, {"expires", l.expires},
          {"expired", expired(l, today)}, {"licence", l.licence},
          {"trl", l.trl == 0 ? nlohmann::json(nullptr) : nlohmann::json(l.trl)}, {"imported_at", l.imported_at}};
}

nlohmann::json to_json(const Demand& d) {
  return {{"id", d.id},       {"org", d.org},         {"title", d.title},         {"text", d.text},
          {"region", d.region}, {"status", d.status}, {"created_by", d.created_by}, {"created_at", d.created_at},
          {"sample", d.sample}};
}

nlohmann::json to_json(const TransferMatch& m) {
  nlohmann::json terms = nlohmann::json::array();
  for (const auto& t : m.terms) terms.push_back({{"key", t.key}, {"en", t.en}, {"zh", t.zh}, {"idf", t.idf}});
  return {{"listing_id", m.listing_id},   {"listing_ref", m.listing_ref},   {"listing_title", m.listing_title},
          {"owner", m.owner},             {"ip_status", m.ip_status},       {"expires", m.expires},
          {"expired", m.expired},         {"target_kind", m.target_kind},   {"target_id", m.target_id},
          {"target_title", m.target_title}, {"target_org", m.target_org},   {"score", m.score},
          {"coverage", m.coverage},       {"terms", terms},                 {"case_id", m.case_id},
          {"case_status", m.case_status}, {"decline_reason", m.decline_reason}};
}

nlohmann::json to_json(const TransferCase& c) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& k : c.checks)
    checks.push_back({{"item", k.item}, {"state", k.state}, {"note", k.note}, {"updated_by", k.updated_by},
                      {"updated_at", k.updated_at}});
  return {{"id", c.id},
          {"listing_id", c.listing_id},
          {"listing_ref", c.listing_ref},
          {"listing_title", c.listing_title},
          {"owner", c.owner},
          {"target_kind", c.target_kind},
          {"target_id", c.target_id},
          {"target_title", c.target_title},
          {"org", c.org},
          {"score", c.score},
          {"terms", nlohmann::json::parse(c.terms.empty() ? "[]" : c.terms)},
          {"status", c.status},
          {"decline_reason", c.decline_reason},
          {"note", c.note},
          {"opened_by", c.opened_by},
          {"opened_at", c.opened_at},
          {"updated_at", c.updated_at},
          {"checks", checks}};
}

}  // namespace xinzhi::transfer
