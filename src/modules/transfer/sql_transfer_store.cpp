// The SQL implementation (SQLite and PostgreSQL, one text) of transfer::TransferStore and the
// transfer migrations.
#include "base/error.h"
#include "modules/transfer/transfer_store.h"
#include "store/queries.h"

namespace xinzhi::transfer {

namespace {

constexpr const char* kListingSelect =
    "SELECT id, source, ref, owner, country, title, title_zh, summary, patent_status, ip_status, application, expires, "
    "licence, trl, imported_at FROM transfer_listing";
constexpr const char* kDemandSelect =
    "SELECT id, org, title, body, region, status, created_by, created_at, sample FROM transfer_demand";
constexpr const char* kCaseSelect =
    "SELECT c.id, c.listing_id, c.target_kind, c.target_id, c.target_title, c.org, l.ref, l.title, l.owner, c.score, "
    "c.terms, c.status, c.decline_reason, c.note, c.opened_by, c.opened_at, c.updated_at "
    "FROM transfer_case c JOIN transfer_listing l ON l.id = c.listing_id";

Listing listing_row(store::Statement& q) {
  Listing l;
  l.id = q.int64(0);
  l.source = q.text(1);
  l.ref = q.text(2);
  l.owner = q.text(3);
  l.country = q.text(4);
  l.title = q.text(5);
  l.title_zh = q.text(6);
  l.summary = q.text(7);
  l.patent_status = q.text(8);
  l.ip_status = q.text(9);
  l.application = q.text(10);
  l.expires = q.text(11);
  l.licence = q.text(12);
  l.trl = static_cast<int>(q.int64(13));
  l.imported_at = q.text(14);
  return l;
}

Demand demand_row(store::Statement& q) {
  Demand d;
  d.id = q.int64(0);
  d.org = q.text(1);
  d.title = q.text(2);
  d.text = q.text(3);
  d.region = q.text(4);
  d.status = q.text(5);
  d.created_by = q.text(6);
  d.created_at = q.text(7);
  d.sample = q.int64(8) != 0;
  return d;
}

TransferCase case_row(store::Statement& q) {
  TransferCase c;
  c.id = q.int64(0);
  c.listing_id = q.int64(1);
  c.target_kind = q.text(2);
  c.target_id = q.int64(3);
  c.target_title = q.text(4);
  c.org = q.text(5);
  c.listing_ref = q.text(6);
  c.listing_title = q.text(7);
  c.owner = q.text(8);
  c.score = q.real(9);
  c.terms = q.text(10);
  c.status = q.text(11);
  c.decline_reason = q.text(12);
  c.note = q.text(13);
  c.opened_by = q.text(14);
  c.opened_at = q.text(15);
  c.updated_at = q.text(16);
  return c;
}

class SqlTransferStore final : public TransferStore {
 public:
  explicit SqlTransferStore(store::Database& db) : db_(db) {}

  ListingImport put_listings(const std::string& source, const std::vector<Listing>& listings,
                             const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    ListingImport out;
    const std::string now = store::utc_now();
    store::Statement add(db_,
                         "INSERT INTO transfer_listing(source, ref, owner, country, title, title_zh, summary, patent_status, "
                         "ip_status, application, expires, licence, trl, imported_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, ref) DO NOTHING RETURNING id");
    store::Statement update(db_,
                            "UPDATE transfer_listing SET owner = ?, country = ?, title = ?, title_zh = ?, summary = ?, "
                            "patent_status = ?, ip_status = ?, application = ?, expires = ?, licence = ?, trl = ?, "
                            "imported_at = ? WHERE source = ? AND ref = ?");
    for (const auto& l : listings) {
      add.reset();
      add.bind_all({source, l.ref, l.owner, l.country, l.title, l.title_zh, l.summary, l.patent_status, l.ip_status,
                    l.application, l.expires, l.licence, int64_t{l.trl}, now});
      bool fresh = add.step();
      add.exec();
      if (fresh) {
        ++out.added;
        continue;
      }
      update.reset();
      update.bind_all({l.owner, l.country, l.title, l.title_zh, l.summary, l.patent_status, l.ip_status, l.application,
                       l.expires, l.licence, int64_t{l.trl}, now, source, l.ref});
      update.exec();
      ++out.updated;
    }
    tx.audit(change);
    tx.commit();
    return out;
  }

  std::vector<Listing> listings() override {
    std::string sql(kListingSelect);
    return store::all_rows(db_, sql.append(" ORDER BY id"), {}, listing_row);
  }

  std::optional<Listing> listing(int64_t id) override {
    std::string sql(kListingSelect);
    return store::first_row(db_, sql.append(" WHERE id = ?"), {id}, listing_row);
  }

  std::vector<int64_t> add_demands(const std::vector<Demand>& list, const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    std::vector<int64_t> ids;
    for (const auto& d : list)
      ids.push_back(store::insert_id(db_,
                                     "INSERT INTO transfer_demand(org, title, body, region, status, created_by, created_at, sample) "
                                     "VALUES (?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id",
                                     {d.org, d.title, d.text, d.region, d.created_by, store::utc_now(), int64_t{d.sample ? 1 : 0}}));
    auto audited = change;
    if (ids.size() == 1) audited.target_id = std::to_string(ids[0]);
    tx.audit(audited);
    tx.commit();
    return ids;
  }

  std::vector<Demand> demands() override {
    std::string sql(kDemandSelect);
    return store::all_rows(db_, sql.append(" ORDER BY id"), {}, demand_row);
  }

  std::optional<Demand> demand(int64_t id) override {
    std::string sql(kDemandSelect);
    return store::first_row(db_, sql.append(" WHERE id = ?"), {id}, demand_row);
  }

  int64_t open_case(const TransferCase& c, const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    const std::string now = store::utc_now();
    int64_t id = store::insert_id(db_,
                                  "INSERT INTO transfer_case(listing_id, target_kind, target_id, target_title, org, score, terms, "
                                  "status, opened_by, opened_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) "
                                  "ON CONFLICT(listing_id, target_kind, target_id) DO NOTHING RETURNING id",
                                  {c.listing_id, c.target_kind, c.target_id, c.target_title, c.org, c.score, c.terms,
                                   c.opened_by, now, now});
    if (id == 0)
      fail_keyed(ErrorCode::Conflict, "case_exists",
                 {{"listing", std::to_string(c.listing_id)}, {"target", c.target_kind + " " + std::to_string(c.target_id)}},
                 "listing " + std::to_string(c.listing_id) + " has a case for this " + c.target_kind + " already");
    store::Statement add(db_, "INSERT INTO transfer_check(case_id, item, state, note, updated_by, updated_at) "
                              "VALUES (?, ?, 'todo', '', '', '')");
    for (const char* item : kCheckItems) {
      add.reset();
      add.bind_all({id, std::string(item)});
      add.exec();
    }
    auto audited = change;
    audited.target_id = std::to_string(id);
    tx.audit(audited);
    tx.commit();
    return id;
  }

  std::vector<TransferCase> cases() override {
    std::string sql(kCaseSelect);
    auto out = store::all_rows(db_, sql.append(" ORDER BY c.id DESC"), {}, case_row);
    for (auto& c : out) c.checks = checks(c.id);
    return out;
  }

  std::optional<TransferCase> find_case(int64_t id) override {
    std::string sql(kCaseSelect);
    auto c = store::first_row(db_, sql.append(" WHERE c.id = ?"), {id}, case_row);
    if (c) c->checks = checks(id);
    return c;
  }

  void set_check(int64_t case_id, const CaseCheck& check, const std::string& from_status, const std::string& to_status,
                 const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    move_case(case_id, from_status, to_status, "", "");
    store::run(db_, "UPDATE transfer_check SET state = ?, note = ?, updated_by = ?, updated_at = ? WHERE case_id = ? AND item = ?",
               {check.state, check.note, check.updated_by, store::utc_now(), case_id, check.item});
    tx.audit(change);
    tx.commit();
  }

  void close_case(int64_t case_id, const std::string& from_status, const std::string& to_status, const std::string& reason,
                  const std::string& note, const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    move_case(case_id, from_status, to_status, reason, note);
    // Checked again inside the transaction that signs: an item set back to "todo" since the
    // desk read the checklist must stop the signature.
    if (to_status == "signed" &&
        store::first_row(db_, "SELECT COUNT(*) FROM transfer_check WHERE case_id = ? AND state = 'todo'", {case_id},
                         [](store::Statement& q) { return q.int64(0); })
                .value_or(0) > 0)
      fail_keyed(ErrorCode::Conflict, "case_changed", {{"id", std::to_string(case_id)}},
                 "case " + std::to_string(case_id) + " was changed meanwhile; reload it");
    tx.audit(change);
    tx.commit();
  }

  int64_t remove_sample(const store::AuditChange& change) override {
    store::WriteTransaction tx(db_);
    const char* sample_cases = "SELECT id FROM transfer_case WHERE target_kind = 'demand' AND target_id IN "
                               "(SELECT id FROM transfer_demand WHERE sample = 1)";
    store::run(db_, std::string("DELETE FROM transfer_check WHERE case_id IN (") + sample_cases + ")");
    store::run(db_, "DELETE FROM transfer_case WHERE target_kind = 'demand' AND target_id IN "
                    "(SELECT id FROM transfer_demand WHERE sample = 1)");
    int64_t removed = store::run(db_, "DELETE FROM transfer_demand WHERE sample = 1");
    if (removed > 0) tx.audit(change);
    tx.commit();
    return removed;
  }

 private:
  std::vector<CaseCheck> checks(int64_t case_id) {
    // In the checklist's own order (kCheckItems), not the items' alphabetical one.
    auto rows = store::all_rows(db_, "SELECT item, state, note, updated_by, updated_at FROM transfer_check WHERE case_id = ?",
                                {case_id}, [](store::Statement& q) {
                                  return CaseCheck{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4)};
                                });
    std::vector<CaseCheck> out;
    for (const char* item : kCheckItems)
      for (auto& r : rows)
        if (r.item == item) out.push_back(r);
    return out;
  }

  void move_case(int64_t case_id, const std::string& from_status, const std::string& to_status, const std::string& reason,
                 const std::string& note) {
    int64_t changed = store::run(db_,
                                 "UPDATE transfer_case SET status = ?, decline_reason = CASE WHEN ? = '' THEN decline_reason "
                                 "ELSE ? END, note = CASE WHEN ? = '' THEN note ELSE ? END, updated_at = ? "
                                 "WHERE id = ? AND status = ?",
                                 {to_status, reason, reason, note, note, store::utc_now(), case_id, from_status});
    if (changed == 0)
      fail_keyed(ErrorCode::Conflict, "case_changed", {{"id", std::to_string(case_id)}},
                 "case " + std::to_string(case_id) + " was changed meanwhile; reload it");
  }

  store::Database& db_;
};

}  // namespace

std::unique_ptr<TransferStore> sql_transfer_store(store::Database& db) { return std::make_unique<SqlTransferStore>(db); }

std::vector<store::Migration> migrations() {
  return {{"transfer", 1, "technology transfer: overseas listings, local demands, cases with their checklist",
           "CREATE TABLE transfer_listing ("
           " id INTEGER PRIMARY KEY, source TEXT NOT NULL, ref TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '',"
           " country TEXT NOT NULL DEFAULT '', title TEXT NOT NULL, title_zh TEXT NOT NULL DEFAULT '',"
           " summary TEXT NOT NULL DEFAULT '', patent_status TEXT NOT NULL DEFAULT '',"
           " ip_status TEXT NOT NULL CHECK (ip_status IN ('granted','pending','unknown')),"
           " application TEXT NOT NULL DEFAULT '', expires TEXT NOT NULL DEFAULT '', licence TEXT NOT NULL DEFAULT '',"
           " trl INTEGER NOT NULL DEFAULT 0 CHECK (trl BETWEEN 0 AND 9), imported_at TEXT NOT NULL,"
           " UNIQUE (source, ref));"
           "CREATE TABLE transfer_demand ("
           " id INTEGER PRIMARY KEY, org TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,"
           " region TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),"
           " created_by TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, sample INTEGER NOT NULL DEFAULT 0);"
           "CREATE TABLE transfer_case ("
           " id INTEGER PRIMARY KEY, listing_id INTEGER NOT NULL REFERENCES transfer_listing(id),"
           " target_kind TEXT NOT NULL CHECK (target_kind IN ('demand','scenario')), target_id INTEGER NOT NULL,"
           " target_title TEXT NOT NULL DEFAULT '', org TEXT NOT NULL DEFAULT '', score REAL NOT NULL DEFAULT 0,"
           " terms TEXT NOT NULL DEFAULT '[]',"
           " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','docking','signed','declined')),"
           " decline_reason TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', opened_by TEXT NOT NULL DEFAULT '',"
           " opened_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (listing_id, target_kind, target_id));"
           "CREATE TABLE transfer_check ("
           " case_id INTEGER NOT NULL REFERENCES transfer_case(id), item TEXT NOT NULL,"
           " state TEXT NOT NULL DEFAULT 'todo' CHECK (state IN ('todo','done','not_applicable')),"
           " note TEXT NOT NULL DEFAULT '', updated_by TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL DEFAULT '',"
           " PRIMARY KEY (case_id, item));"}};
}

}  // namespace xinzhi::transfer
