// The SQL implementation (SQLite and PostgreSQL, one text) of foresight::PatentStore: the imports' inserts, and the reads the
// heat map loads every patent through (each_patent).
#include "store/statement.h"

#include <nlohmann/json.hpp>

#include "modules/foresight/patent_store.h"
#include "store/audit_trail.h"
#include "store/bulk_insert.h"
#include "store/queries.h"

#include <unordered_map>

namespace xinzhi::foresight {

namespace {
class SqlPatentStore final : public PatentStore {
 public:
  explicit SqlPatentStore(store::Database& db) : db_(db) {}

  size_t add(const std::vector<StoredPatent>& patents, const std::string& source) override {
    return insert(patents, source, nullptr);
  }

  size_t insert(const std::vector<StoredPatent>& patents, const std::string& source,
                const std::vector<std::vector<std::string>>* industries) {
    auto& db = db_;
    // SQLite: every code row is written after its patent, so the per-row foreign-key lookup
    // only costs time (a third of a 10-million-record import); it is back on afterwards.
    store::SqliteForeignKeysOff keys_off(db);
    store::WriteTransaction tx(db_);
    // Patents first (a number already stored is skipped), then the codes and industries of
    // the ones added, found by number.
    std::unordered_map<std::string, int64_t> added_ids;
    store::BulkInsert p(db, "patent",
                        {"number", "source", "filed_on", "title", "applicant", "province", "city", "applicant_kind"},
                        "ON CONFLICT (number) DO NOTHING", {"id", "number"},
                        [&](const store::Statement& row) { added_ids.emplace(row.text(1), row.int64(0)); });
    for (const auto& x : patents) {
      const auto& r = x.record;
      std::string applicant = r.applicants.empty() ? std::string() : r.applicants.front();
      p.add({r.number, source, r.date, r.title, applicant, x.province, x.city, ingest::applicant_kind(applicant)});
    }
    size_t added = static_cast<size_t>(p.finish());
    // Codes belong to patents added just now: none can be stored yet.
    store::BulkInsert c(db, "patent_code", {"patent_id", "position", "subclass", "grp"}, store::BulkInsert::Fresh{});
    std::unique_ptr<store::BulkInsert> ind;
    if (industries)
      ind = std::make_unique<store::BulkInsert>(db, "patent_industry", std::vector<std::string>{"patent_id", "industry"},
                                                "ON CONFLICT DO NOTHING");
    for (size_t n = 0; n < patents.size(); ++n) {
      const auto& r = patents[n].record;
      auto it = added_ids.find(r.number);
      if (it == added_ids.end() || it->second == 0) continue;
      int64_t id = it->second;
      it->second = 0;  // a number twice in one batch: its first record was the one stored
      for (size_t i = 0; i < r.codes.size(); ++i)
        c.add({id, static_cast<int64_t>(i), r.codes[i].subclass, r.codes[i].group});
      if (industries)
        for (const auto& name : (*industries)[n]) ind->add({id, name});
    }
    c.finish();
    if (ind) ind->finish();
    if (added) {
      auto detail = nlohmann::json{{"source", source}, {"read", patents.size()}, {"added", added}}.dump();
      tx.audit({"import.patents", "patent_source", source, "", detail, detail});
    }
    tx.commit();
    return added;
  }

  size_t add_with_industries(const std::vector<StoredPatent>& patents,
                             const std::vector<std::vector<std::string>>& industries, const std::string& source) override {
    return insert(patents, source, &industries);
  }

  std::map<std::string, int64_t> count_by_year() override {
    std::map<std::string, int64_t> out;
    store::Statement q(db_, "SELECT substr(filed_on, 1, 4), count(*) FROM patent GROUP BY 1");
    while (q.step()) out[q.text(0)] = q.int64(1);
    return out;
  }

  void each_patent_text(int64_t up_to,
                        const std::function<void(int64_t, std::string_view, std::string_view)>& visit) override {
    // In pages of ids: libpq holds a statement's whole result in memory, which for millions of
    // titles is the size of the index being built.
    constexpr int64_t kPage = 50000;
    store::Statement q(db_, "SELECT id, title, applicant FROM patent WHERE id > ? AND id <= ? ORDER BY id LIMIT ?");
    for (int64_t after = 0, rows = kPage; rows == kPage;) {
      q.reset();
      q.bind(1, after).bind(2, up_to).bind(3, kPage);
      for (rows = 0; q.step(); ++rows) {
        after = q.int64(0);
        visit(after, q.text_view(1), q.text_view(2));
      }
    }
  }

  std::vector<PatentMatch> patents_by_id(const std::vector<int64_t>& ids) override {
    store::Statement q(db_, R"sql(
SELECT p.number, p.title, p.applicant, p.filed_on, p.source,
  coalesce((SELECT c.subclass FROM patent_code c WHERE c.patent_id = p.id ORDER BY c.position LIMIT 1), '')
FROM patent p WHERE p.id = ?)sql");
    std::vector<PatentMatch> out;
    for (int64_t id : ids) {
      q.reset();
      q.bind(1, id);
      if (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)});
    }
    return out;
  }

  std::vector<PatentMatch> find_patents(const std::string& key, const std::string& text, size_t limit) override {
    auto number = store::term_patterns(key), words = store::term_patterns(text);
    store::Statement q(db_, R"sql(
SELECT p.number, p.title, p.applicant, p.filed_on, p.source,
  coalesce((SELECT c.subclass FROM patent_code c WHERE c.patent_id = p.id ORDER BY c.position LIMIT 1), '')
FROM patent p
WHERE lower(p.number COLLATE "C") LIKE ?3 ESCAPE '\' OR replace(replace(lower(p.title COLLATE "C"), '（', '('), '）', ')') LIKE ?1 ESCAPE '\' OR replace(replace(lower(p.applicant COLLATE "C"), '（', '('), '）', ')') LIKE ?1 ESCAPE '\'
ORDER BY CASE WHEN lower(p.number COLLATE "C") = ?2 THEN 0 WHEN lower(p.number COLLATE "C") LIKE ?3 ESCAPE '\' THEN 1
  WHEN replace(replace(lower(p.title COLLATE "C"), '（', '('), '）', ')') LIKE ?5 ESCAPE '\' THEN 2 ELSE 3 END, p.filed_on DESC, p.number
LIMIT ?4)sql");
    q.bind(1, words.contains).bind(2, number.exact).bind(3, number.prefix).bind(4, static_cast<int64_t>(limit));
    q.bind(5, words.prefix);
    std::vector<PatentMatch> out;
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)});
    return out;
  }

  std::vector<ApplicantPatents> applicants_in(const std::string& province, int64_t min_patents, size_t titles) override {
    auto out = store::all_rows(db_,
                               "SELECT applicant, max(applicant_kind), max(province), max(city), count(*), min(filed_on), "
                               "max(filed_on) FROM patent WHERE province = ? AND applicant <> '' "
                               "AND applicant_kind IN ('university', 'institute', 'company') "
                               "GROUP BY applicant HAVING count(*) >= ? ORDER BY count(*) DESC, applicant",
                               {province, min_patents}, [](store::Statement& q) {
                                 ApplicantPatents a;
                                 a.applicant = q.text(0);
                                 a.kind = q.text(1);
                                 a.province = q.text(2);
                                 a.city = q.text(3);
                                 a.patents = q.int64(4);
                                 a.first_filed = q.text(5);
                                 a.last_filed = q.text(6);
                                 return a;
                               });
    store::Statement title_q(db_, "SELECT title FROM patent WHERE applicant = ? AND province = ? AND title <> '' "
                                  "ORDER BY filed_on DESC, number LIMIT ?");
    store::Statement code_q(db_, "SELECT c.subclass, count(*) FROM patent_code c JOIN patent p ON p.id = c.patent_id "
                                 "WHERE p.applicant = ? AND p.province = ? GROUP BY c.subclass "
                                 "ORDER BY count(*) DESC, c.subclass LIMIT 5");
    for (auto& a : out) {
      title_q.reset();
      title_q.bind_all({a.applicant, a.province, static_cast<int64_t>(titles)});
      while (title_q.step()) a.titles.push_back(title_q.text(0));
      code_q.reset();
      code_q.bind_all({a.applicant, a.province});
      while (code_q.step()) a.subclasses.emplace_back(code_q.text(0), code_q.int64(1));
    }
    return out;
  }

  int64_t count() override { return db_.query_int("SELECT count(*) FROM patent"); }

  std::vector<PatentSource> sources() override {
    std::vector<PatentSource> out;
    store::Statement q(db_, "SELECT source, count(*), min(filed_on), max(filed_on) FROM patent GROUP BY source ORDER BY source");
    while (q.step()) out.push_back({q.text(0), q.int64(1), q.text(2), q.text(3), ""});
    // The import time is the audit entry that import wrote (the newest import that added
    // records): the trail is the one record of it, so no second copy is kept.
    store::AuditFilter filter;
    filter.action = "import.patents";
    filter.limit = 10000;
    for (const auto& e : store::list_audit(db_, filter))
      for (auto& s : out)
        if (s.imported_at.empty() && e.target_id == s.name) s.imported_at = e.at;
    return out;
  }

  int64_t last_id() override { return db_.query_int("SELECT coalesce(max(id), 0) FROM patent"); }

  void each_patent(int64_t up_to, const std::function<void(const PatentFacts&)>& visit) override {
    // One row per code, grouped into patents here; the industries, ordered by patent too, are
    // merged in alongside. Both statements stop at `up_to`, and patents up to it never change
    // (they are only ever added, with their codes and industries), so the two agree whether the
    // engine reads them in one snapshot (SQLite) or two (PostgreSQL). SQLite steps through the
    // rows; libpq holds each statement's rows in memory until it is done.
    store::Statement q(db_, "SELECT p.id, p.filed_on, p.province, p.city, p.applicant_kind, c.subclass, c.grp "
                        "FROM patent p LEFT JOIN patent_code c ON c.patent_id = p.id WHERE p.id <= ? "
                        "ORDER BY p.id, c.position");
    q.bind(1, up_to);
    store::Statement ind(db_, "SELECT patent_id, industry FROM patent_industry WHERE patent_id <= ? ORDER BY 1, 2");
    ind.bind(1, up_to);
    bool more_industries = ind.step();
    int64_t current = -1;
    // Copies, not views of the row: the patent is handed on only after the next row is read.
    std::string filed, province, city, kind;
    std::vector<ingest::PatentCode> codes;
    std::vector<std::string> industries;
    auto text = [&](int column, std::string& out) {
      auto v = q.text_view(column);
      out.assign(v.data(), v.size());
    };
    auto flush = [&] {
      if (current < 0) return;
      industries.clear();
      for (; more_industries && ind.int64(0) <= current; more_industries = ind.step())
        if (ind.int64(0) == current) industries.push_back(ind.text(1));
      visit(PatentFacts{current, filed, province, city, kind, codes, industries});
      codes.clear();
    };
    while (q.step()) {
      int64_t id = q.int64(0);
      if (id != current) {
        flush();
        current = id;
        text(1, filed);
        text(2, province);
        text(3, city);
        text(4, kind);
      }
      if (!q.is_null(5)) codes.push_back({q.text(5), q.text(6)});
    }
    flush();
  }

 private:
  store::Database& db_;
};
}  // namespace

std::unique_ptr<PatentStore> sql_patent_store(store::Database& db) { return std::make_unique<SqlPatentStore>(db); }

}  // namespace xinzhi::foresight
