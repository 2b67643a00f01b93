// The SQL implementation (SQLite and PostgreSQL, one text) of literature::LiteratureStore and
// the literature migrations.
#include <map>

#include "modules/literature/literature_store.h"
#include "store/queries.h"

namespace xinzhi::literature {

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) {
    if (!s.empty()) s += "; ";
    s += n;
  }
  return s;
}

class SqlLiteratureStore final : public LiteratureStore {
 public:
  explicit SqlLiteratureStore(store::Database& db) : db_(db) {}

  AddedPapers add(const std::string& source, ingest::LiteratureFormat format,
                  const std::vector<ingest::PaperRecord>& papers, const store::AuditChange& change) override {
    AddedPapers added;
    store::WriteTransaction tx(db_);
    bool new_source =
        store::run(db_, "INSERT INTO literature_source(name, format, imported_at) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING",
                   {source, ingest::literature_format_name(format), store::utc_now()}) > 0;
    auto source_id = store::first_row(db_, "SELECT id FROM literature_source WHERE name = ?", {source},
                                      [](store::Statement& q) { return q.int64(0); });
    store::Statement paper(db_,
                           "INSERT INTO paper(source_id, paper_key, title, year, venue, doi, authors) VALUES (?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT(source_id, paper_key) DO NOTHING RETURNING id");
    store::Statement term(db_,
                          "INSERT INTO paper_term(paper_id, kind, term_key, term) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT(paper_id, kind, term_key) DO NOTHING");
    for (const auto& p : papers) {
      paper.reset();
      paper.bind_all({*source_id, p.key, p.title, static_cast<int64_t>(p.year), p.source, p.doi, joined(p.authors)});
      int64_t id = paper.step() ? paper.int64(0) : 0;
      paper.exec();
      if (id == 0) {
        ++added.papers_known;
        continue;
      }
      ++added.papers_added;
      auto add_terms = [&](const char* kind, const std::vector<std::string>& terms) {
        for (const auto& t : terms) {
          auto key = ingest::keyword_key(t);
          if (key.empty()) continue;
          term.reset();
          added.terms_added += term.bind_all({id, std::string(kind), key, t}).exec();
        }
      };
      add_terms("keyword", p.keywords);
      add_terms("index_keyword", p.index_keywords);
      add_terms("category", p.categories);
    }
    if (new_source || added.papers_added > 0) tx.audit(change);
    tx.commit();
    return added;
  }

  std::vector<PaperTerms> papers_with_terms(const std::string& kind) override {
    std::vector<PaperTerms> out;
    std::map<int64_t, size_t> at;
    store::Statement papers(db_,
                            "SELECT p.id, p.year, s.name FROM paper p JOIN literature_source s ON s.id = p.source_id ORDER BY p.id");
    while (papers.step()) {
      at[papers.int64(0)] = out.size();
      out.push_back({papers.int64(0), papers.int32(1), papers.text(2), {}});
    }
    store::Statement terms(db_, "SELECT paper_id, term_key, term FROM paper_term WHERE kind = ? ORDER BY paper_id, term_key");
    terms.bind(1, kind);
    while (terms.step())
      if (auto it = at.find(terms.int64(0)); it != at.end()) out[it->second].terms.emplace_back(terms.text(1), terms.text(2));
    return out;
  }

  std::vector<SourceInfo> sources() override {
    return store::all_rows(db_,
                           "SELECT s.name, s.format, s.imported_at, (SELECT COUNT(*) FROM paper p WHERE p.source_id = s.id) "
                           "FROM literature_source s ORDER BY s.id",
                           {}, [](store::Statement& q) {
                             return SourceInfo{q.text(0), q.text(1), q.text(2), q.int64(3)};
                           });
  }

 private:
  store::Database& db_;
};

}  // namespace

std::unique_ptr<LiteratureStore> sql_literature_store(store::Database& db) {
  return std::make_unique<SqlLiteratureStore>(db);
}

std::vector<store::Migration> migrations() {
  return {{"literature", 1, "papers from WoS, Scopus and CNKI exports with their keywords and categories",
           R"sql(
CREATE TABLE literature_source (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE TABLE paper (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES literature_source(id),
  paper_key TEXT NOT NULL,
  title TEXT NOT NULL,
  year INTEGER NOT NULL,
  venue TEXT NOT NULL DEFAULT '',
  doi TEXT NOT NULL DEFAULT '',
  authors TEXT NOT NULL DEFAULT '',
  UNIQUE (source_id, paper_key)
);
CREATE TABLE paper_term (
  paper_id INTEGER NOT NULL REFERENCES paper(id),
  kind TEXT NOT NULL CHECK (kind IN ('keyword', 'index_keyword', 'category')),
  term_key TEXT NOT NULL,
  term TEXT NOT NULL,
  PRIMARY KEY (paper_id, kind, term_key)
) WITHOUT ROWID;
CREATE INDEX paper_term_kind ON paper_term(kind, term_key);
)sql"}};
}

}  // namespace xinzhi::literature
