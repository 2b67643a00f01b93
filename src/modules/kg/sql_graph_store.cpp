// The SQL implementation (SQLite and PostgreSQL, one text) of kg::GraphStore. Every statement is prepared with bound values.
#include "store/statement.h"

#include <nlohmann/json.hpp>

#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/error.h"
#include "store/audit_trail.h"
#include "store/bulk_insert.h"
#include "store/queries.h"
#include "base/text.h"
#include "modules/kg/graph_store.h"

namespace xinzhi::kg {

namespace {

std::vector<NamedCount> named_counts(store::Database& db, const char* sql) {
  std::vector<NamedCount> out;
  store::Statement q(db, sql);
  while (q.step()) out.push_back({q.text(0), q.int64(1)});
  return out;
}

int64_t scalar(store::Database& db, const char* sql) {
  store::Statement q(db, sql);
  q.step();
  return q.int64(0);
}

class SqlGraphStore final : public GraphStore {
 public:
  explicit SqlGraphStore(store::Database& db) : db_(db) {}

  BatchResult write_batch(const GraphBatch& batch, const std::function<void(size_t, size_t)>& progress) override {
    auto& db = db_;
    store::WriteTransaction tx(db_);
    BatchResult result;
    store::Statement src(db, "INSERT INTO kg_source(name, format, sample) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING");
    src.bind(1, batch.source);
    src.bind(2, batch.format);
    src.bind(3, batch.sample ? 1 : 0);
    src.exec();
    store::Statement src_id(db, "SELECT id, format FROM kg_source WHERE name = ?");
    src_id.bind(1, batch.source);
    if (!src_id.step()) fail(ErrorCode::Internal, "source row was not written");
    int64_t source_id = src_id.int64(0);
    if (src_id.text(1) != batch.format)
      fail(ErrorCode::Conflict, "source '" + batch.source + "' exists with format " + src_id.text(1));
    src_id.reset();

    size_t total = batch.entities.size() + batch.relations.size(), done = 0;
    // A source new in this transaction can meet no stored row: its rows, deduplicated here
    // as ON CONFLICT DO NOTHING would (the first one stays), are loaded without a conflict
    // check (on PostgreSQL straight by COPY). A source imported again goes through ON CONFLICT.
    auto load = [&](const char* table, std::vector<std::string> columns, const char* conflict) {
      store::Statement any(db, std::string("SELECT 1 FROM ") + table + " WHERE source_id = ? LIMIT 1");
      any.bind(1, source_id);
      return any.step() ? std::make_unique<store::BulkInsert>(db, table, std::move(columns), conflict)
                        : std::make_unique<store::BulkInsert>(db, table, std::move(columns), store::BulkInsert::Fresh{});
    };
    store::Statement had_entities(db, "SELECT 1 FROM kg_entity WHERE source_id = ? LIMIT 1");
    had_entities.bind(1, source_id);
    const bool imported_before = had_entities.step();
    had_entities.reset();
    auto ent = load("kg_entity", {"source_id", "ext_id", "name", "name_key", "kind", "province", "city", "district", "national",
                     "full_name", "stock_code", "country", "generic_actor"},
                    "ON CONFLICT (source_id, ext_id) DO NOTHING");
    std::unordered_set<std::string_view> seen;
    for (const auto& e : batch.entities) {
      if (seen.insert(e.ext_id).second)
        ent->add({source_id, e.ext_id, e.name, text::name_key(e.name), e.kind, e.province, e.city, e.district,
                  int64_t{e.national ? 1 : 0}, e.full_name, e.stock_code, e.country, int64_t{e.generic_actor ? 1 : 0}});
      if (progress && ++done % 8192 == 0) progress(done, total);
    }
    result.entities_added += ent->finish();
    if (imported_before) result.entities_updated = update_resolution(source_id, batch);
    // Relations refer to entities by the source's ids: map them to row ids once.
    std::unordered_map<std::string, int64_t> row_of;
    store::Statement ids(db, "SELECT ext_id, id FROM kg_entity WHERE source_id = ?");
    ids.bind(1, source_id);
    while (ids.step()) row_of.emplace(ids.text(0), ids.int64(1));
    auto rel = load("kg_relation", {"source_id", "head_id", "kind", "tail_id", "observed_on"}, "ON CONFLICT DO NOTHING");
    std::unordered_set<std::string> seen_relations;
    for (const auto& r : batch.relations) {
      auto h = row_of.find(r.head_ext_id), t = row_of.find(r.tail_ext_id);
      if (h == row_of.end() || t == row_of.end())
        invalid_input("relation " + r.head_ext_id + " " + r.kind + " " + r.tail_ext_id + " names an unknown entity");
      std::string key = std::to_string(h->second);
      key.append("\x1f").append(r.kind).append("\x1f").append(std::to_string(t->second)).append("\x1f").append(r.date);
      if (seen_relations.insert(std::move(key)).second) rel->add({source_id, h->second, r.kind, t->second, r.date});
      if (progress && ++done % 8192 == 0) progress(done, total);
    }
    result.relations_added += rel->finish();
    auto detail = nlohmann::json{{"source", batch.source}, {"format", batch.format}, {"sample", batch.sample},
                                 {"entities_added", result.entities_added}, {"relations_added", result.relations_added},
                                 {"entities_updated", result.entities_updated}}
                      .dump();
    tx.audit({"import.kg", "kg_source", batch.source, "", detail, detail});
    tx.commit();
    if (progress) progress(total, total);
    return result;
  }

  // A source imported again: its companies take the resolution this import computed (a newer
  // rule, another listed-company table), so that an existing database gains it without a new
  // import; names, kinds and relations stay as first stored. Only rows that differ are written.
  size_t update_resolution(int64_t source_id, const GraphBatch& batch) {
    store::Statement update(db_, "UPDATE kg_entity SET province = ?1, city = ?2, district = ?3, national = ?4, "
                                 "full_name = ?5, stock_code = ?6, country = ?7, generic_actor = ?8 "
                                 "WHERE source_id = ?9 AND ext_id = ?10 AND kind = 'company' AND (province <> ?1 OR "
                                 "city <> ?2 OR district <> ?3 OR national <> ?4 OR full_name <> ?5 OR stock_code <> ?6 "
                                 "OR country <> ?7 OR generic_actor <> ?8)");
    size_t updated = 0;
    std::unordered_set<std::string_view> seen;
    for (const auto& e : batch.entities) {
      if (e.kind != "company" || !seen.insert(e.ext_id).second) continue;
      update.bind(1, e.province);
      update.bind(2, e.city);
      update.bind(3, e.district);
      update.bind(4, int64_t{e.national ? 1 : 0});
      update.bind(5, e.full_name);
      update.bind(6, e.stock_code);
      update.bind(7, e.country);
      update.bind(8, int64_t{e.generic_actor ? 1 : 0});
      update.bind(9, source_id);
      update.bind(10, e.ext_id);
      updated += static_cast<size_t>(update.exec());
      update.reset();
    }
    return updated;
  }

  int64_t remove_sample_sources() override {
    auto& db = db_;
    store::WriteTransaction tx(db_);
    store::Statement rel(db, "DELETE FROM kg_relation WHERE source_id IN (SELECT id FROM kg_source WHERE sample = 1)");
    rel.exec();
    store::Statement ent(db, "DELETE FROM kg_entity WHERE source_id IN (SELECT id FROM kg_source WHERE sample = 1)");
    int64_t removed = ent.exec();
    store::Statement src(db, "DELETE FROM kg_source WHERE sample = 1");
    src.exec();
    if (removed) tx.audit({"kg.remove_sample", "kg_source", "sample", "", "", nlohmann::json{{"entities", removed}}.dump()});
    tx.commit();
    return removed;
  }

  GraphCounts counts(const std::string& focal_province) override {
    auto& db = db_;
    GraphCounts c;
    c.entities = scalar(db, "SELECT count(*) FROM kg_entity");
    c.relations = scalar(db, "SELECT count(*) FROM kg_relation");
    c.distinct_names = scalar(db, "SELECT count(DISTINCT name_key) FROM kg_entity");
    c.entities_by_kind = named_counts(db, "SELECT kind, count(*) n FROM kg_entity GROUP BY kind ORDER BY n DESC, kind");
    c.relations_by_kind =
        named_counts(db, "SELECT kind, count(*) n FROM kg_relation GROUP BY kind ORDER BY n DESC, kind");
    c.companies_by_province = named_counts(
        db, "SELECT province, count(*) n FROM kg_entity WHERE kind = 'company' AND national = 0 "
            "AND generic_actor = 0 GROUP BY province ORDER BY n DESC, province");
    c.national_companies = scalar(db, "SELECT count(*) FROM kg_entity WHERE kind = 'company' AND national = 1");
    c.focal_province = focal_province;
    store::Statement districts(db, "SELECT district, count(*) n FROM kg_entity WHERE kind = 'company' AND province = ? "
                                "GROUP BY district ORDER BY n DESC, district");
    districts.bind(1, focal_province);
    while (districts.step())
      c.focal_companies_by_district.push_back({districts.text(0), districts.int64(1)});
    store::Statement s(db, "SELECT s.name, s.format, s.imported_at, s.sample, "
                        "(SELECT count(*) FROM kg_entity e WHERE e.source_id = s.id), "
                        "(SELECT count(*) FROM kg_relation r WHERE r.source_id = s.id) FROM kg_source s ORDER BY s.id");
    while (s.step())
      c.sources.push_back({s.text(0), s.text(1), s.text(2),
                           s.flag(3), s.int64(4), s.int64(5)});
    return c;
  }

  GraphView load_view(const std::vector<std::string>& relation_kinds) override {
    auto& db = db_;
    GraphView view;
    store::Statement e(db, "SELECT id, name, name_key, kind, province, city, district, generic_actor FROM kg_entity "
                           "ORDER BY id");
    while (e.step())
      view.entities.push_back({e.int64(0), e.text(1), e.text(2), e.text(3), e.text(4), e.text(5), e.text(6), e.flag(7)});
    store::Statement r(db, "SELECT head_id, tail_id FROM kg_relation WHERE kind = ? ORDER BY id");
    for (const auto& kind : relation_kinds) {
      r.bind(1, kind);
      while (r.step()) view.relations.push_back({r.int64(0), kind, r.int64(1)});
      r.reset();
    }
    return view;
  }

  std::vector<CompanyMatch> find_companies(const std::string& key, const std::string& text, size_t limit) override {
    auto term = store::term_patterns(key), words = store::term_patterns(text);
    // min(id): the first source's row when several sources name the same company.
    store::Statement q(db_, R"sql(
SELECT e.name, e.full_name, e.stock_code, e.province, e.city, e.district, src.name
FROM kg_entity e JOIN kg_source src ON src.id = e.source_id
WHERE e.id IN (SELECT min(id) FROM kg_entity
               WHERE kind = 'company' AND generic_actor = 0
                 AND (name_key LIKE ?1 ESCAPE '\' OR replace(replace(lower(full_name COLLATE "C"), '（', '('), '）', ')') LIKE ?5 ESCAPE '\' OR stock_code = ?2)
               GROUP BY name_key)
ORDER BY CASE WHEN e.name_key = ?2 OR e.stock_code = ?2 THEN 0 WHEN e.name_key LIKE ?3 ESCAPE '\' THEN 1 ELSE 2 END,
  length(e.name), e.name
LIMIT ?4)sql");
    q.bind(1, term.contains).bind(2, term.exact).bind(3, term.prefix).bind(4, static_cast<int64_t>(limit));
    q.bind(5, words.contains);
    std::vector<CompanyMatch> out;
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6)});
    return out;
  }

  std::vector<PatentHolding> patent_holdings() override {
    std::vector<PatentHolding> out;
    store::Statement q(db_, "SELECT src.name, src.sample, t.ext_id, t.name, r.observed_on, h.id, h.name, h.province, h.city "
                        "FROM kg_relation r JOIN kg_entity h ON h.id = r.head_id JOIN kg_entity t ON t.id = r.tail_id "
                        "JOIN kg_source src ON src.id = r.source_id WHERE r.kind = '持有专利' "
                        "ORDER BY r.tail_id, r.observed_on = '', r.observed_on, h.id");
    while (q.step())
      out.push_back({q.text(0), q.flag(1), q.text(2),
                     q.text(3), q.text(4), q.int64(5),
                     q.text(6), q.text(7), q.text(8)});
    return out;
  }

  std::map<int64_t, std::vector<std::string>> industries_of_companies() override {
    // One pass over both kinds (kg_relation has no index by head alone).
    std::map<int64_t, std::vector<std::string>> out;
    store::Statement q(db_, "SELECT DISTINCT r.head_id, i.name FROM kg_relation r JOIN kg_entity i ON i.id = r.tail_id "
                        "WHERE r.kind IN ('涉足行业', '归属于行业') ORDER BY 1, 2");
    while (q.step()) out[q.int64(0)].push_back(q.text(1));
    return out;
  }

  bool empty() override { return scalar(db_, "SELECT count(*) FROM kg_source") == 0; }

 private:
  store::Database& db_;
};

}  // namespace

std::unique_ptr<GraphStore> sql_graph_store(store::Database& db) { return std::make_unique<SqlGraphStore>(db); }

}  // namespace xinzhi::kg
