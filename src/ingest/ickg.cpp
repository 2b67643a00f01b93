#include "ingest/ickg.h"

#include <array>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "base/error.h"
#include "base/text.h"
#include "ingest/table_reader.h"

namespace xinzhi::ingest {

namespace {
namespace fs = std::filesystem;

bool valid_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const std::array<int, 12> days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

// "name<TAB>id" where the name may itself hold spaces: split at the last tab.
template <class Out>
void read_name_ids(LineReader& in, Out& out, std::unordered_map<int64_t, size_t>& index, const char* what) {
  std::string line;
  while (in.next(line)) {
    if (text::trim(line).empty()) continue;
    auto tab = line.rfind('\t');
    if (tab == std::string::npos) in.fail_here(std::string("expected ") + what + "<TAB>id");
    std::string name(text::trim(std::string_view(line).substr(0, tab)));
    std::string id_text(text::trim(std::string_view(line).substr(tab + 1)));
    int64_t id;
    if (!parse_index(id_text, id)) in.fail_here("id '" + id_text + "' is not a non-negative integer");
    if (name.empty()) in.fail_here(std::string(what) + " is empty");
    if (!index.emplace(id, out.size()).second) in.fail_here("id " + id_text + " appears twice");
    out.push_back({id, std::move(name)});
  }
}

struct Votes {
  std::array<int, 4> v{};  // indexed by EntityKind
};
}  // namespace

IckgDataset read_ickg(const std::string& dir, const Progress& progress) {
  if (!fs::is_directory(dir)) invalid_input(dir + ": not a folder");
  for (auto f : {"entity2id.txt", "relation2id.txt", "time2id.txt", "train.txt"})
    if (!fs::exists(fs::path(dir) / f)) invalid_input(dir + ": missing " + f + " (not an ICKG folder?)");

  std::vector<std::string> quad_files;
  uint64_t total = 0;
  for (auto f : {"entity2id.txt", "relation2id.txt", "time2id.txt", "train.txt", "valid.txt", "test.txt"}) {
    auto p = fs::path(dir) / f;
    if (!fs::exists(p)) continue;
    total += fs::file_size(p);
    if (!text::ends_with(f, "2id.txt")) quad_files.push_back(p.string());
  }
  uint64_t done = 0;
  auto report = [&](uint64_t bytes) {
    if (progress) progress(done + bytes, total);
  };

  IckgDataset data;
  std::unordered_map<int64_t, size_t> entity_index, relation_index, time_index;
  {
    LineReader in((fs::path(dir) / "entity2id.txt").string());
    read_name_ids(in, data.entities, entity_index, "entity name");
    done += in.total_bytes();
  }
  {
    LineReader in((fs::path(dir) / "relation2id.txt").string());
    std::vector<IckgEntity> rel;
    read_name_ids(in, rel, relation_index, "relation name");
    for (auto& r : rel) data.relations.emplace_back(r.id, r.name);
    done += in.total_bytes();
  }
  {
    TableReader in((fs::path(dir) / "time2id.txt").string(), TableFormat::Csv);
    std::vector<std::string> f;
    while (in.next(f)) {
      if (f.size() != 2) in.fail_here("expected id,YYYY-MM-DD (2 columns), found " + std::to_string(f.size()));
      int64_t id;
      if (!parse_index(f[0], id)) in.fail_here("time id '" + f[0] + "' is not a non-negative integer");
      if (!valid_date(f[1])) in.fail_here("date '" + f[1] + "' is not a calendar date YYYY-MM-DD");
      if (!time_index.emplace(id, data.dates.size()).second) in.fail_here("time id " + f[0] + " appears twice");
      data.dates.emplace_back(id, f[1]);
    }
    done += in.lines().total_bytes();
  }
  report(0);
  static const char* columns[] = {"head", "relation", "tail", "time"};
  for (const auto& file : quad_files) {
    TableReader in(file, TableFormat::Whitespace);
    std::vector<std::string> f;
    size_t count = 0;
    while (in.next(f)) {
      if (f.size() != 4)
        in.fail_here("expected 4 columns (head relation tail time), found " + std::to_string(f.size()));
      int64_t v[4];
      for (int k = 0; k < 4; ++k)
        if (!parse_index(f[k], v[k]))
          in.fail_here(std::string("column ") + columns[k] + " is '" + f[k] + "', expected a numeric id");
      if (!entity_index.count(v[0])) in.fail_here("unknown head entity id " + f[0]);
      if (!relation_index.count(v[1])) in.fail_here("unknown relation id " + f[1]);
      if (!entity_index.count(v[2])) in.fail_here("unknown tail entity id " + f[2]);
      if (!time_index.count(v[3])) in.fail_here("unknown time id " + f[3]);
      data.quads.push_back({v[0], v[1], v[2], v[3]});
      if (++count % 4096 == 0) report(in.lines().bytes_read());
    }
    done += in.lines().total_bytes();
    report(0);
    data.splits.emplace_back(fs::path(file).filename().string(), count);
  }
  return data;
}

std::string_view kind_name(EntityKind kind) {
  switch (kind) {
    case EntityKind::Industry: return "industry";
    case EntityKind::Company: return "company";
    case EntityKind::Patent: return "patent";
    case EntityKind::Other: return "other";
  }
  return "other";
}

std::vector<EntityKind> infer_ickg_kinds(const IckgDataset& data) {
  constexpr int I = 0, C = 1, P = 2, O = 3;
  // Votes a relation gives its head and its tail, by relation name.
  struct Rule {
    int head_kind, head_votes, tail_kind, tail_votes;
  };
  static const std::map<std::string, Rule> rules = {
      {"持有专利", {C, 2, P, 3}},     {"涉足行业", {C, 1, I, 2}}, {"归属于行业", {C, 1, I, 2}},
      {"包含", {I, 1, I, 1}},         {"上游于", {I, 1, I, 1}},   {"基于专利生产", {C, 1, O, 1}},
      {"合作", {C, 1, C, 1}},         {"投资", {C, 1, C, 1}},     {"母公司/控股", {C, 1, C, 1}},
      {"并购", {C, 1, C, 1}},         {"合资", {C, 1, C, 1}},     {"竞争", {C, 1, C, 1}},
      {"供给", {C, 1, C, 0}},
  };
  std::unordered_map<int64_t, size_t> index;
  for (size_t i = 0; i < data.entities.size(); ++i) index[data.entities[i].id] = i;
  std::unordered_map<int64_t, const Rule*> rel_rule;
  for (auto& [id, name] : data.relations) {
    auto it = rules.find(name);
    if (it != rules.end()) rel_rule[id] = &it->second;
  }
  std::vector<Votes> votes(data.entities.size());
  for (const auto& q : data.quads) {
    auto it = rel_rule.find(q.relation);
    if (it == rel_rule.end()) continue;
    votes[index[q.head]].v[it->second->head_kind] += it->second->head_votes;
    votes[index[q.tail]].v[it->second->tail_kind] += it->second->tail_votes;
  }
  static const char* company_suffixes[] = {"有限公司", "有限责任公司", "股份公司", "集团", "公司", "研究院",
                                           "研究所", "银行", "大学"};
  static const char* industry_suffixes[] = {"行业", "产业"};
  std::vector<EntityKind> kinds(data.entities.size());
  for (size_t i = 0; i < data.entities.size(); ++i) {
    auto& v = votes[i].v;
    const auto& name = data.entities[i].name;
    for (auto s : company_suffixes)
      if (text::ends_with(name, s)) v[C] += 3;
    for (auto s : industry_suffixes)
      if (text::ends_with(name, s)) v[I] += 3;
    // Ties go to the more specific kind: patent, then industry, then company.
    int best = O;
    int best_votes = 0;
    for (int k : {P, I, C, O})
      if (v[k] > best_votes) best = k, best_votes = v[k];
    kinds[i] = static_cast<EntityKind>(best);
  }
  return kinds;
}

}  // namespace xinzhi::ingest
