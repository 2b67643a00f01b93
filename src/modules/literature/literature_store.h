// Where papers imported from WoS, Scopus and CNKI exports live (literature_source, paper,
// paper_term); SQL only in sql_literature_store.cpp.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ingest/literature.h"
#include "store/audit_trail.h"
#include "store/database.h"
#include "store/migrations.h"

namespace xinzhi::literature {

struct AddedPapers {
  int64_t papers_added = 0, papers_known = 0, terms_added = 0;
};

// One paper's year and its terms of one kind (keyword, index_keyword or category).
struct PaperTerms {
  int64_t paper_id = 0;
  int year = 0;
  std::string source;  // the literature source's name
  std::vector<std::pair<std::string, std::string>> terms;  // (key, spelling)
};

struct SourceInfo {
  std::string name, format, imported_at;
  int64_t papers = 0;
};

class LiteratureStore {
 public:
  virtual ~LiteratureStore() = default;
  // In one transaction with its audit entry; papers whose key the source already holds are
  // skipped (another source may hold the same paper: each corpus is complete on its own).
  virtual AddedPapers add(const std::string& source, ingest::LiteratureFormat format,
                          const std::vector<ingest::PaperRecord>& papers, const store::AuditChange& change) = 0;
  // Every paper (also those without terms of this kind), in id order.
  virtual std::vector<PaperTerms> papers_with_terms(const std::string& kind) = 0;
  virtual std::vector<SourceInfo> sources() = 0;
};

std::unique_ptr<LiteratureStore> sql_literature_store(store::Database& db);
std::vector<store::Migration> migrations();

}  // namespace xinzhi::literature
