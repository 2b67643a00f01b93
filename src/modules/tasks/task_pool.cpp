#include "modules/tasks/task_pool.h"

#include <algorithm>

#include "base/error.h"
#include "base/required_text.h"
#include "base/text.h"
#include "ingest/national_tasks.h"
#include "modules/accounts/access.h"
#include "modules/chain/chain_service.h"
#include "modules/foresight/ipc_labels.h"
#include "modules/foresight/patent_read.h"
#include "modules/scenario/scenario_partners.h"
#include "modules/tasks/task_store.h"
#include "modules/transfer/bilingual_terms.h"

namespace xinzhi::tasks {

namespace {

using accounts::Permission;

[[noreturn]] void refuse(const std::string& key, ErrorParams params, const std::string& message) {
  fail_keyed(ErrorCode::InvalidInput, key, std::move(params), message);
}

// A body's capability as text for matching: its patent titles, the Chinese and English names of
// its subclasses, its chain segments and its scenario projects.
std::string profile_text(const CapabilityProfile& p) {
  std::string s;
  for (const auto& t : p.titles) s += t + "\n";
  for (const auto& [code, n] : p.subclasses) {
    auto label = foresight::label_of(code);
    s += label.zh + " " + label.en + "\n";
  }
  for (const auto& seg : p.segments) s += seg + "\n";
  for (const auto& pr : p.projects) s += pr + "\n";
  return s;
}

std::string task_text(const NationalTask& t) { return t.title + "\n" + t.field + "\n" + t.text; }

const Gate* gate_into(const std::string& stage) {
  for (const auto& g : kGates)
    if (stage == g.stage) return &g;
  return nullptr;
}

// The stage after `stage` in kStages, "" after the last.
std::string next_stage(const std::string& stage) {
  for (size_t i = 0; i + 1 < kStages.size(); ++i)
    if (stage == kStages[i]) return kStages[i + 1];
  return "";
}

}  // namespace

TaskPool::TaskPool(TaskStore& store, ProfileSources sources) : store_(store), sources_(std::move(sources)) {}

TaskImport TaskPool::import_tasks(const std::string& path, int year, const accounts::Principal& who) {
  accounts::require(who, Permission::TasksManage);
  if (year < 2000 || year > 2100)
    refuse("task_year_invalid", {{"value", std::to_string(year)}}, "year " + std::to_string(year) + " is not 2000 to 2100");
  std::vector<NationalTask> list;
  for (auto& d : ingest::read_national_demands(path)) {
    NationalTask t;
    t.year = year;
    t.ref = d.ref;
    t.title = d.title;
    t.field = d.field;
    t.text = d.text;
    t.department = d.department;
    t.deadline = d.deadline;
    list.push_back(std::move(t));
  }
  std::string file = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  return store_.put_tasks(year, file, list,
                          {"import.tasks", "national_task", std::to_string(year), "", std::to_string(list.size()) + " demands", path});
}

std::vector<NationalTask> TaskPool::tasks(int year, const accounts::Principal& who) {
  accounts::require(who, Permission::TasksRead);
  return store_.tasks(year);
}

NationalTask TaskPool::task(int64_t id, const accounts::Principal& who) {
  accounts::require(who, Permission::TasksRead);
  auto t = store_.task(id);
  if (!t) fail_keyed(ErrorCode::NotFound, "task_not_found", {{"id", std::to_string(id)}}, "no national demand " + std::to_string(id));
  return *t;
}

std::vector<CapabilityProfile> TaskPool::profiles(const accounts::Principal& who) {
  accounts::require(who, Permission::TasksRead);
  std::vector<CapabilityProfile> out;
  std::map<std::string, size_t> at;  // text::name_key of the body's name → its profile
  auto profile_of = [&](const std::string& name, const std::string& kind) -> CapabilityProfile& {
    auto key = text::name_key(name);
    auto it = at.find(key);
    if (it != at.end()) return out[it->second];
    at.emplace(key, out.size());
    out.push_back({});
    out.back().org = name;
    out.back().kind = kind;
    return out.back();
  };
  if (sources_.patents != nullptr)
    for (auto& a : sources_.patents->applicants_in(sources_.province, 2, 8)) {
      auto& p = profile_of(a.applicant, a.kind == "company" ? "firm" : "lab");
      p.patents = a.patents;
      p.first_filed = a.first_filed;
      p.last_filed = a.last_filed;
      p.titles = std::move(a.titles);
      p.subclasses = std::move(a.subclasses);
    }
  if (sources_.chains != nullptr)
    for (const auto& c : sources_.chains->list())
      for (const auto& s : sources_.chains->segments(c.name))
        for (const auto& f : sources_.chains->segment_firms(c.name, s.name, sources_.province))
          if (f.zone == "local") profile_of(f.name, "firm").segments.push_back(c.name + " · " + s.name);
  // Projects: scenarios whose first trial a body won (the decision is public, so every viewer's
  // profiles, and so every viewer's scores, are the same; applications themselves are not).
  if (sources_.scenarios != nullptr) {
    const auto reader = accounts::Principal::console("tasks");
    for (const auto& s : sources_.scenarios->scenarios(0, reader)) {
      if (s.list_status != "published" || s.decided_application == 0) continue;
      for (const auto& a : sources_.scenarios->applications(s.id, reader))
        if (a.id == s.decided_application) {
          auto key = text::name_key(a.org);
          if (at.count(key)) out[at[key]].projects.push_back(s.title + "（首试首用）");
        }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.patents != b.patents) return a.patents > b.patents;
    if (a.segments.size() != b.segments.size()) return a.segments.size() > b.segments.size();
    return a.org < b.org;
  });
  return out;
}

std::vector<TaskMatch> TaskPool::match(int64_t task_id, size_t top, const accounts::Principal& who) {
  auto t = task(task_id, who);
  auto all = profiles(who);
  const auto& terms = transfer::BilingualTerms::builtin();
  std::vector<std::vector<std::string>> docs;
  for (const auto& p : all) docs.push_back(terms.terms(profile_text(p)));
  transfer::TermIndex index(std::move(docs));
  auto query = terms.terms(task_text(t));
  auto pool = candidates(who);
  std::vector<TaskMatch> out;
  for (const auto& hit : index.search(query, top)) {
    const auto& p = all[hit.document];
    TaskMatch m;
    m.task_id = t.id;
    m.org = p.org;
    m.kind = p.kind;
    m.score = hit.score;
    std::tie(m.terms, m.coverage) = index.shared(query, hit.document);
    m.patents = p.patents;
    m.segments = p.segments;
    for (const auto& c : pool)
      if (c.task_id == t.id && c.org == p.org) {
        m.candidate_id = c.id;
        m.stage = c.stage;
      }
    out.push_back(std::move(m));
  }
  return out;
}

Candidate TaskPool::add_candidate(int64_t task_id, const std::string& org, const accounts::Principal& who) {
  accounts::require(who, Permission::TasksManage);
  auto name = required_text(org, "org", 200);
  auto t = task(task_id, who);
  auto all = profiles(who);
  auto matches = match(task_id, all.size(), who);
  auto found = std::find_if(all.begin(), all.end(), [&](const auto& p) { return p.org == name; });
  if (found == all.end())
    fail_keyed(ErrorCode::NotFound, "profile_not_found", {{"org", name}},
               "no lab or firm named '" + name + "' is profiled (no patents in the home province, no chain segment)");
  Candidate c;
  c.task_id = t.id;
  c.org = found->org;
  c.kind = found->kind;
  c.created_by = who.username;
  nlohmann::json terms = nlohmann::json::array();
  for (const auto& m : matches)
    if (m.org == c.org) {
      c.score = m.score;
      for (const auto& s : m.terms) terms.push_back({{"key", s.key}, {"en", s.en}, {"zh", s.zh}});
    }
  c.explanation = nlohmann::json{{"terms", terms}, {"patents", found->patents}, {"segments", found->segments}}.dump();
  int64_t id = store_.add_candidate(c, {"tasks.candidate", "task_candidate", "", "", t.ref + " " + c.org, ""});
  return *store_.candidate(id);
}

std::vector<Candidate> TaskPool::candidates(const accounts::Principal& who) {
  accounts::require(who, Permission::TasksRead);
  auto all = store_.candidates();
  if (who.reaches_all(Permission::TasksRead)) return all;
  std::vector<Candidate> own;
  for (auto& c : all)
    if (!who.org_name.empty() && text::name_key(c.org) == text::name_key(who.org_name)) own.push_back(std::move(c));
  return own;
}

Candidate TaskPool::move(int64_t candidate_id, const std::string& to, const std::map<std::string, bool>& criteria,
                         const std::string& note, const accounts::Principal& who) {
  accounts::require(who, Permission::TasksManage);
  auto c = store_.candidate(candidate_id);
  if (!c)
    fail_keyed(ErrorCode::NotFound, "candidate_not_found", {{"id", std::to_string(candidate_id)}},
               "no pool candidate " + std::to_string(candidate_id));
  std::string why(text::trim(note));
  if (text::codepoints(why) > 1000) refuse("field_too_long", {{"field", "note"}, {"max", "1000"}}, "note is longer than 1000 characters");
  if (c->stage == kWithdrawn)
    fail_keyed(ErrorCode::Conflict, "candidate_withdrawn", {{"id", std::to_string(candidate_id)}},
               "candidate " + std::to_string(candidate_id) + " has left the pool");
  nlohmann::json met = nlohmann::json::object();
  if (to == kWithdrawn) {
    if (why.empty()) refuse("field_missing", {{"field", "note"}}, "note is empty: say why the candidate leaves the pool");
    if (!criteria.empty())
      refuse("gate_criteria_unknown", {{"stage", to}, {"criterion", criteria.begin()->first}}, "leaving the pool has no gate criteria");
  } else {
    const Gate* gate = gate_into(to);
    if (gate == nullptr || next_stage(c->stage) != to)
      refuse("stage_move_invalid", {{"from", c->stage}, {"to", to}},
             "a candidate in " + c->stage + " moves to " + (next_stage(c->stage).empty() ? "退出 only" : next_stage(c->stage) + " or 退出") +
                 ", not to " + to);
    for (const auto& [k, v] : criteria)
      if (std::find(gate->criteria.begin(), gate->criteria.end(), k) == gate->criteria.end())
        refuse("gate_criteria_unknown", {{"stage", to}, {"criterion", k}}, "'" + k + "' is not a criterion of the gate into " + to);
    std::string missing, first;
    int count = 0;
    for (const char* k : gate->criteria) {
      auto it = criteria.find(k);
      bool ok = it != criteria.end() && it->second;
      met[k] = ok;
      if (ok) continue;
      missing += (missing.empty() ? "" : ", ") + std::string(k);
      if (count++ == 0) first = k;
    }
    if (count > 0)
      refuse("gate_not_met", {{"stage", to}, {"n", std::to_string(count)}, {"criterion", first}},
             "the gate into " + to + " is not met: " + missing);
  }
  PoolMove m;
  m.from = c->stage;
  m.to = to;
  m.criteria = met.dump();
  m.note = why;
  m.moved_by = who.username;
  store_.move(candidate_id, m, {"tasks.move", "task_candidate", std::to_string(candidate_id), m.from, m.to, why});
  return *store_.candidate(candidate_id);
}

nlohmann::json to_json(const NationalTask& t) {
  return {{"id", t.id},     {"year", t.year},           {"ref", t.ref},           {"title", t.title},
          {"field", t.field}, {"text", t.text},         {"department", t.department}, {"deadline", t.deadline},
          {"source", t.source}, {"imported_at", t.imported_at}};
}

nlohmann::json to_json(const CapabilityProfile& p) {
  nlohmann::json subclasses = nlohmann::json::array();
  for (const auto& [code, n] : p.subclasses) {
    auto label = foresight::label_of(code);
    subclasses.push_back({{"code", code}, {"patents", n}, {"zh", label.zh}, {"en", label.en}});
  }
  return {{"org", p.org},         {"kind", p.kind},         {"patents", p.patents},   {"first_filed", p.first_filed},
          {"last_filed", p.last_filed}, {"subclasses", subclasses}, {"titles", p.titles}, {"segments", p.segments},
          {"projects", p.projects}};
}

nlohmann::json to_json(const TaskMatch& m) {
  nlohmann::json terms = nlohmann::json::array();
  for (const auto& t : m.terms) terms.push_back({{"key", t.key}, {"en", t.en}, {"zh", t.zh}, {"idf", t.idf}});
  return {{"task_id", m.task_id},   {"org", m.org},       {"kind", m.kind},         {"score", m.score},
          {"coverage", m.coverage}, {"terms", terms},     {"patents", m.patents},   {"segments", m.segments},
          {"candidate_id", m.candidate_id}, {"stage", m.stage}};
}

nlohmann::json to_json(const Candidate& c) {
  nlohmann::json moves = nlohmann::json::array();
  for (const auto& m : c.moves)
    moves.push_back({{"from", m.from}, {"to", m.to}, {"criteria", nlohmann::json::parse(m.criteria.empty() ? "{}" : m.criteria)},
                     {"note", m.note}, {"moved_by", m.moved_by}, {"moved_at", m.moved_at}});
  return {{"id", c.id},
          {"task_id", c.task_id},
          {"task_title", c.task_title},
          {"org", c.org},
          {"kind", c.kind},
          {"stage", c.stage},
          {"score", c.score},
          {"explanation", nlohmann::json::parse(c.explanation.empty() ? "{}" : c.explanation)},
          {"created_by", c.created_by},
          {"created_at", c.created_at},
          {"moves", moves}};
}

}  // namespace xinzhi::tasks
