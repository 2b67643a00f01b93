// Tables owned by the foresight module: patents with their codes and industries, heat-map
// schedules and snapshots. Never edit a migration that has shipped; add the next one.
#include <regex>

#include "modules/foresight/patent_store.h"

namespace xinzhi::foresight {

namespace {
// PostgreSQL has strpos, not instr, and wants a boolean where SQLite takes a number.
std::string instr_as_strpos(const std::string& sql) {
  return std::regex_replace(sql, std::regex(R"(instr\(applicant, ('[^']*')\))"), "(strpos(applicant, $1) > 0)");
}
}  // namespace

std::vector<store::Migration> migrations() {
  std::vector<store::Migration> list = {{"foresight", 1, "patents and their classification codes", R"sql(
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
  auto& kinds = list[1];
  kinds.postgres_sql = instr_as_strpos(store::postgres_ddl(kinds.sql));
  return list;
}

}  // namespace xinzhi::foresight
