// SQLite implementation of foresight::PatentStore, and the module's tables.
#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>

#include "modules/foresight/patent_store.h"
#include "store/audit_trail.h"

namespace xinzhi::foresight {

std::vector<store::Migration> migrations() {
  return {{"foresight", 1, "patents and their classification codes", R"sql(
CREATE TABLE patent (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  filed_on TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  applicant TEXT NOT NULL DEFAULT '',
  province TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT ''
);
CREATE INDEX patent_filed_on ON patent(filed_on);
CREATE TABLE patent_code (
  patent_id INTEGER NOT NULL REFERENCES patent(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  subclass TEXT NOT NULL,
  grp TEXT NOT NULL,
  PRIMARY KEY (patent_id, position)
) WITHOUT ROWID;
CREATE INDEX patent_code_subclass ON patent_code(subclass);
)sql"},
          {"foresight", 2, "applicant kind on patents", R"sql(
ALTER TABLE patent ADD COLUMN applicant_kind TEXT NOT NULL DEFAULT '';
-- The rules of ingest::applicant_kind, for patents imported before this column existed.
UPDATE patent SET applicant_kind = CASE
  WHEN applicant = '' THEN ''
  WHEN applicant LIKE '%大学%' OR instr(applicant, 'University') OR instr(applicant, 'UNIVERSITY') THEN 'university'
  WHEN applicant LIKE '%研究院%' OR applicant LIKE '%研究所%' OR applicant LIKE '%研究中心%' OR applicant LIKE '%科学院%'
    OR applicant LIKE '%实验室%' OR instr(applicant, 'Institute') OR instr(applicant, 'INSTITUTE')
    OR instr(applicant, 'Laboratory') OR instr(applicant, 'LABORATORY') THEN 'institute'
  WHEN applicant LIKE '%学院%' OR instr(applicant, 'College') OR instr(applicant, 'COLLEGE') THEN 'university'
  WHEN applicant LIKE '%公司%' OR applicant LIKE '%集团%' OR applicant LIKE '%厂%' OR applicant LIKE '%企业%'
    OR instr(applicant, 'Inc') OR instr(applicant, 'INC') OR instr(applicant, 'Corp') OR instr(applicant, 'CORP')
    OR instr(applicant, 'Ltd') OR instr(applicant, 'LTD') OR instr(applicant, 'LLC') OR instr(applicant, 'GmbH')
    OR instr(applicant, ' AG') OR instr(applicant, 'Co.') OR instr(applicant, 'CO.') OR instr(applicant, 'Company')
    OR instr(applicant, 'COMPANY') OR instr(applicant, 'S.A.') OR instr(applicant, 'B.V.') THEN 'company'
  ELSE 'individual' END;
)sql"},
          {"foresight", 3, "heat map schedules and snapshots", R"sql(
CREATE TABLE foresight_schedule (
  name TEXT PRIMARY KEY,
  every TEXT NOT NULL,
  query TEXT NOT NULL,
  last_run TEXT NOT NULL DEFAULT '',
  last_run_epoch INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE foresight_snapshot (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  taken_at TEXT NOT NULL,
  trigger TEXT NOT NULL,
  query TEXT NOT NULL,
  records INTEGER NOT NULL,
  periods TEXT NOT NULL,
  fields TEXT NOT NULL
);
CREATE INDEX foresight_snapshot_name ON foresight_snapshot(name, id);
)sql"},
          {"foresight", 4, "drop patent indexes no query uses", R"sql(
-- Heat maps read every patent through the in-memory PatentCube, never by date or subclass;
-- keeping these two indexes up to date took half of a 1-million-record import.
DROP INDEX patent_code_subclass;
DROP INDEX patent_filed_on;
)sql"},
          {"foresight", 5, "industries of patents held by companies in the knowledge graph", R"sql(
CREATE TABLE patent_industry (
  patent_id INTEGER NOT NULL REFERENCES patent(id) ON DELETE CASCADE,
  industry TEXT NOT NULL,
  PRIMARY KEY (patent_id, industry)
) WITHOUT ROWID;
)sql"}};
}

namespace {
class SqlitePatentStore final : public PatentStore {
 public:
  explicit SqlitePatentStore(store::Database& db) : db_(db) {}

  size_t add(const std::vector<StoredPatent>& patents, const std::string& source) override {
    return insert(patents, source, nullptr);
  }

  size_t insert(const std::vector<StoredPatent>& patents, const std::string& source,
                const std::vector<std::vector<std::string>>* industries) {
    auto& db = db_.sql();
    // Every code row is written right after its patent, so the per-row foreign-key lookup
    // only costs time (a third of a 10-million-record import); it is back on afterwards.
    db.exec("PRAGMA foreign_keys=OFF");
    struct KeysBackOn {
      SQLite::Database& db;
      ~KeysBackOn() {
        try {
          db.exec("PRAGMA foreign_keys=ON");
        } catch (...) {  // a destructor must not throw; the connection is then left as it is
        }
      }
    } keys_back_on{db};
    store::WriteTransaction tx(db_);
    SQLite::Statement p(db, "INSERT INTO patent(number, source, filed_on, title, applicant, province, city, applicant_kind) "
                            "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(number) DO NOTHING");
    SQLite::Statement c(db, "INSERT INTO patent_code(patent_id, position, subclass, grp) VALUES (?,?,?,?)");
    SQLite::Statement ind(db, "INSERT OR IGNORE INTO patent_industry(patent_id, industry) VALUES (?,?)");
    size_t added = 0;
    for (size_t n = 0; n < patents.size(); ++n) {
      const auto& x = patents[n];
      const auto& r = x.record;
      p.bind(1, r.number);
      p.bind(2, source);
      p.bind(3, r.date);
      p.bind(4, r.title);
      p.bind(5, r.applicants.empty() ? std::string() : r.applicants.front());
      p.bind(6, x.province);
      p.bind(7, x.city);
      p.bind(8, ingest::applicant_kind(r.applicants.empty() ? std::string() : r.applicants.front()));
      int inserted = p.exec();
      p.reset();
      if (!inserted) continue;
      ++added;
      int64_t id = db.getLastInsertRowid();
      for (size_t i = 0; i < r.codes.size(); ++i) {
        c.bind(1, id);
        c.bind(2, static_cast<int64_t>(i));
        c.bind(3, r.codes[i].subclass);
        c.bind(4, r.codes[i].group);
        c.exec();
        c.reset();
      }
      if (industries)
        for (const auto& name : (*industries)[n]) {
          ind.bind(1, id);
          ind.bind(2, name);
          ind.exec();
          ind.reset();
        }
    }
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
    SQLite::Statement q(db_.sql(), "SELECT substr(filed_on, 1, 4), count(*) FROM patent GROUP BY 1");
    while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getInt64();
    return out;
  }

  int64_t count() override { return db_.sql().execAndGet("SELECT count(*) FROM patent").getInt64(); }

 private:
  store::Database& db_;
};
}  // namespace

std::unique_ptr<PatentStore> sqlite_patent_store(store::Database& db) { return std::make_unique<SqlitePatentStore>(db); }

}  // namespace xinzhi::foresight
