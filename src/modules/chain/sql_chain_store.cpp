// The SQL implementation (SQLite and PostgreSQL, one text) of chain::ChainStore. Every statement is prepared with bound values.
#include "store/queries.h"

#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/text.h"
#include "modules/chain/chain_store.h"
#include "store/audit_trail.h"

namespace xinzhi::chain {

namespace {

[[noreturn]] void no_chain(const std::string& name) {
  fail_keyed(ErrorCode::NotFound, "chain_not_found", {{"chain", name}}, "no chain named '" + name + "'");
}

class SqlChainStore final : public ChainStore {
 public:
  explicit SqlChainStore(store::Database& db) : db_(db) {}

  CreateResult create(const std::vector<ingest::ChainTemplate>& chains, bool sample) override {
    store::WriteTransaction tx(db_);
    CreateResult result;
    for (const auto& c : chains) {
      if (chain_id(c.name) != 0) {
        result.skipped.push_back(c.name);
        continue;
      }
      insert_chain(c, sample);
      result.created.push_back(c.name);
      tx.audit({"chain.create", "chain", c.name, "", state_text(chain_id(c.name)),
                nlohmann::json{{"origin", c.origin}, {"sample", sample}}.dump()});
    }
    tx.commit();
    return result;
  }

  std::vector<SegmentMatch> find_segments(const store::TermPatterns& term, size_t limit) override {
    store::Statement q(db_, R"sql(
SELECT c.name, s.name, s.stage,
  (SELECT count(DISTINCT m.firm_id) FROM chain_member m WHERE m.segment_id = s.id)
FROM chain_segment s JOIN chain c ON c.id = s.chain_id
WHERE s.merged_into_id IS NULL AND replace(replace(lower(s.name COLLATE "C"), '（', '('), '）', ')') LIKE ?1 ESCAPE '\'
ORDER BY CASE WHEN replace(replace(lower(s.name COLLATE "C"), '（', '('), '）', ')') = ?2 THEN 0 WHEN replace(replace(lower(s.name COLLATE "C"), '（', '('), '）', ')') LIKE ?3 ESCAPE '\' THEN 1 ELSE 2 END,
  length(s.name), s.name, c.id
LIMIT ?4)sql");
    q.bind(1, term.contains).bind(2, term.exact).bind(3, term.prefix).bind(4, static_cast<int64_t>(limit));
    std::vector<SegmentMatch> out;
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.int64(3)});
    return out;
  }

  std::vector<FirmMatch> find_firms(const store::TermPatterns& key, size_t limit) override {
    store::Statement q(db_, R"sql(
SELECT c.name, f.name, f.province, f.city, f.district,
  coalesce((SELECT s.name FROM chain_member m JOIN chain_segment s ON s.id = m.segment_id
            WHERE m.firm_id = f.id ORDER BY s.id LIMIT 1), '')
FROM chain_firm f JOIN chain c ON c.id = f.chain_id
WHERE f.name_key LIKE ?1 ESCAPE '\'
ORDER BY CASE WHEN f.name_key = ?2 THEN 0 WHEN f.name_key LIKE ?3 ESCAPE '\' THEN 1 ELSE 2 END,
  length(f.name), f.name, c.id
LIMIT ?4)sql");
    q.bind(1, key.contains).bind(2, key.exact).bind(3, key.prefix).bind(4, static_cast<int64_t>(limit));
    std::vector<FirmMatch> out;
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)});
    return out;
  }

  std::vector<ChainSummary> list() override {
    std::vector<ChainSummary> out;
    store::Statement q(db_, std::string(kSummarySelect) + " ORDER BY c.id");
    while (q.step()) out.push_back(summary_row(q));
    return out;
  }

  StoredChain load(const std::string& name) override {
    auto& db = db_;
    StoredChain c;
    store::Statement q(db, std::string(kSummarySelect) + " WHERE c.name = ?");
    q.bind(1, name);
    if (!q.step()) no_chain(name);
    c.summary = summary_row(q);
    int64_t id = chain_id(name);
    store::Statement seg(db, "SELECT id, name, stage, coalesce(parent_id, 0), coalesce(merged_into_id, 0) "
                          "FROM chain_segment WHERE chain_id = ? ORDER BY id");
    seg.bind(1, id);
    while (seg.step())
      c.segments.push_back({seg.int64(0), seg.text(1), seg.text(2),
                            seg.int64(3), seg.int64(4)});
    store::Statement lk(db, "SELECT from_id, to_id FROM chain_link WHERE chain_id = ? ORDER BY from_id, to_id");
    lk.bind(1, id);
    while (lk.step()) c.links.push_back({lk.int64(0), lk.int64(1)});
    store::Statement fm(db, "SELECT id, name, province, city, district, listing, domain, patents FROM chain_firm "
                         "WHERE chain_id = ? ORDER BY id");
    fm.bind(1, id);
    while (fm.step())
      c.firms.push_back({fm.int64(0), fm.text(1), fm.text(2),
                         fm.text(3), fm.text(4), fm.text(5),
                         fm.text(6), fm.int64(7)});
    // A firm may hold a segment under several roles; the atlas needs each pair once.
    store::Statement mb(db_, "SELECT DISTINCT segment_id, firm_id FROM chain_member WHERE chain_id = ?");
    mb.bind(1, id);
    while (mb.step()) c.members.push_back({mb.int64(0), mb.int64(1)});
    store::Statement te(db, "SELECT from_firm, to_firm, kind FROM chain_tie WHERE chain_id = ?");
    te.bind(1, id);
    while (te.step())
      c.ties.push_back({te.int64(0), te.int64(1), te.text(2)});
    return c;
  }

  void remove(const std::string& name) override {
    store::WriteTransaction tx(db_);
    int64_t id = existing_chain(name);
    tx.audit({"chain.remove", "chain", name, state_text(id), "", "{}"});
    // Children first: memberships and ties, then segments (parents after their children).
    for (auto sql : {"DELETE FROM chain_member WHERE chain_id = ?", "DELETE FROM chain_tie WHERE chain_id = ?",
                     "DELETE FROM chain_link WHERE chain_id = ?", "DELETE FROM chain_firm WHERE chain_id = ?",
                     "UPDATE chain_segment SET parent_id = NULL, merged_into_id = NULL WHERE chain_id = ?",
                     "DELETE FROM chain_segment WHERE chain_id = ?", "DELETE FROM chain_edit WHERE chain_id = ?",
                     "DELETE FROM chain WHERE id = ?"}) {
      store::Statement q(db_, sql);
      q.bind(1, id);
      q.exec();
    }
    tx.commit();
  }

  int64_t change(const std::string& chain, const std::string& action, const std::string& detail,
                 const std::function<void(const StoredChain&, ChainWriter&)>& rules) override {
    store::WriteTransaction tx(db_);
    int64_t id = existing_chain(chain);
    auto before = state_text(id);
    auto state = load(chain);  // inside the write transaction: the rules see what they change
    Writer writer(*this, id);
    rules(state, writer);
    int64_t record = record_edit(id, action, detail);
    tx.audit({"chain." + action, "chain", chain, before, state_text(id), detail});
    tx.commit();
    return record;
  }

  std::vector<EditRecord> edits(const std::string& chain) override {
    int64_t id = existing_chain(chain);
    store::Statement q(db_, "SELECT id, at, action, detail, coalesce(account_id, 0), actor FROM chain_edit "
                            "WHERE chain_id = ? ORDER BY id");
    q.bind(1, id);
    std::vector<EditRecord> out;
    while (q.step()) out.push_back({q.int64(0), q.text(1), q.text(2), q.text(3), q.int64(4), q.text(5), "", ""});
    return out;
  }

 private:
  // The primitives one change may use, each a plain statement inside change()'s transaction.
  class Writer final : public ChainWriter {
   public:
    Writer(SqlChainStore& s, int64_t chain) : s_(s), chain_(chain) {}
    int64_t add_segment(const std::string& name, const std::string& stage, int64_t parent) override {
      int64_t id = store::insert_id(s_.db_, "INSERT INTO chain_segment(chain_id, name, stage) VALUES (?, ?, ?) RETURNING id",
                                    {chain_, name, stage});
      if (parent) s_.run("UPDATE chain_segment SET parent_id = ? WHERE id = ?", {parent, id});
      return id;
    }
    void remove_segment(int64_t segment) override {
      s_.run("DELETE FROM chain_member WHERE chain_id = ? AND segment_id = ?", {chain_, segment});
      s_.run("DELETE FROM chain_link WHERE chain_id = ? AND (from_id = ? OR to_id = ?)", {chain_, segment, segment});
      s_.run("DELETE FROM chain_segment WHERE id = ?", {segment});
      s_.drop_firms_without_segment(chain_);
    }
    bool add_link(int64_t from, int64_t to) override {
      return s_.run("INSERT INTO chain_link(chain_id, from_id, to_id, kind) VALUES (?, ?, ?, 'link') ON CONFLICT DO NOTHING",
                    {chain_, from, to}) > 0;
    }
    bool remove_link(int64_t from, int64_t to) override {
      return s_.run("DELETE FROM chain_link WHERE chain_id = ? AND from_id = ? AND to_id = ?", {chain_, from, to}) > 0;
    }
    int64_t add_firm(const std::string& name, const std::string& province, const std::string& city,
                     const std::string& district) override {
      auto key = text::name_key(name);
      s_.run("INSERT INTO chain_firm(chain_id, name, name_key, province, city, district) VALUES (?,?,?,?,?,?) "
             "ON CONFLICT(chain_id, name_key) DO NOTHING",
             {chain_, name, key, province, city, district});
      return s_.firm_id(chain_, key);
    }
    bool add_member(int64_t segment, int64_t firm, const std::string& role) override {
      return s_.run("INSERT INTO chain_member(chain_id, segment_id, firm_id, role) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                    {chain_, segment, firm, role}) > 0;
    }
    bool remove_member(int64_t segment, int64_t firm) override {
      bool removed =
          s_.run("DELETE FROM chain_member WHERE chain_id = ? AND segment_id = ? AND firm_id = ?", {chain_, segment, firm}) > 0;
      s_.drop_firms_without_segment(chain_);
      return removed;
    }
    void set_merged_into(int64_t segment, int64_t into) override {
      if (into)
        s_.run("UPDATE chain_segment SET merged_into_id = ? WHERE id = ?", {into, segment});
      else
        s_.run("UPDATE chain_segment SET merged_into_id = NULL WHERE id = ?", {segment});
    }

   private:
    SqlChainStore& s_;
    int64_t chain_;
  };

  int64_t run(const char* sql, std::initializer_list<store::Value> values) { return store::run(db_, sql, values); }

  // A firm left in no segment leaves the chain, with its ties.
  void drop_firms_without_segment(int64_t chain) {
    for (auto sql : {"DELETE FROM chain_tie WHERE chain_id = ?1 AND (from_firm NOT IN (SELECT firm_id FROM chain_member "
                     "WHERE chain_id = ?1) OR to_firm NOT IN (SELECT firm_id FROM chain_member WHERE chain_id = ?1))",
                     "DELETE FROM chain_firm WHERE chain_id = ?1 AND id NOT IN "
                     "(SELECT firm_id FROM chain_member WHERE chain_id = ?1)"}) {
      store::Statement q(db_, sql);
      q.bind(1, chain);
      q.exec();
    }
  }


  int64_t firm_id(int64_t chain, const std::string& key) {
    store::Statement q(db_, "SELECT id FROM chain_firm WHERE chain_id = ? AND name_key = ?");
    q.bind(1, chain);
    q.bind(2, key);
    return q.step() ? q.int64(0) : 0;
  }

  static constexpr const char* kSummarySelect =
      "SELECT c.name, c.origin, c.description, c.home_region, c.created_at, c.sample, "
      "(SELECT count(*) FROM chain_segment s WHERE s.chain_id = c.id), "
      "(SELECT count(*) FROM chain_link l WHERE l.chain_id = c.id), "
      "(SELECT count(*) FROM chain_firm f WHERE f.chain_id = c.id) FROM chain c";

  static ChainSummary summary_row(store::Statement& q) {
    return {q.text(0), q.text(1), q.text(2),
            q.text(3), q.text(4), q.flag(5),
            q.int64(6),  q.int64(7),  q.int64(8)};
  }

  int64_t chain_id(const std::string& name) {
    store::Statement q(db_, "SELECT id FROM chain WHERE name = ?");
    q.bind(1, name);
    return q.step() ? q.int64(0) : 0;
  }
  int64_t existing_chain(const std::string& name) {
    int64_t id = chain_id(name);
    if (id == 0) no_chain(name);
    return id;
  }




  // The author is the actor the audit entry of the same change names, so the edit log and
  // the trail cannot disagree about who made an edit.
  int64_t record_edit(int64_t chain, const std::string& action, const std::string& detail) {
    const auto& who = store::current_actor();
    // Bound one by one: a Value variant copied into the list trips g++ 12's false
    // -Wmaybe-uninitialized at -O3.
    store::Statement q(db_, "INSERT INTO chain_edit(chain_id, action, detail, account_id, actor) VALUES (?, ?, ?, ?, ?) RETURNING id");
    q.bind(1, chain).bind(2, action).bind(3, detail).bind(5, who.name);
    if (who.account_id)
      q.bind(4, who.account_id);
    else
      q.bind(4, nullptr);  // NULL: no account (the command line)
    int64_t id = q.step() ? q.int64(0) : 0;
    q.exec();
    return id;
  }

  // The chain's whole content in a fixed order: the audit trail keeps its digest before and
  // after each change, so an auditor can tell which edits changed what a reader saw.
  std::string state_text(int64_t chain) {
    std::string out;
    for (auto sql : {"SELECT id || ':' || name || ':' || stage || ':' || coalesce(parent_id, 0) || ':' || "
                     "coalesce(merged_into_id, 0) FROM chain_segment WHERE chain_id = ? ORDER BY id",
                     "SELECT from_id || '>' || to_id FROM chain_link WHERE chain_id = ? ORDER BY from_id, to_id",
                     "SELECT id || ':' || name || ':' || province || ':' || city || ':' || district FROM chain_firm "
                     "WHERE chain_id = ? ORDER BY id",
                     "SELECT segment_id || ':' || firm_id || ':' || role FROM chain_member WHERE chain_id = ? "
                     "ORDER BY segment_id, firm_id, role",
                     "SELECT from_firm || '>' || to_firm || ':' || kind FROM chain_tie WHERE chain_id = ? "
                     "ORDER BY from_firm, to_firm, kind"}) {
      store::Statement q(db_, sql);
      q.bind(1, chain);
      while (q.step()) out.append(q.text(0)).push_back('\n');
      out.push_back('\x1e');
    }
    return out;
  }

  void insert_chain(const ingest::ChainTemplate& c, bool sample) {
    auto& db = db_;
    int64_t id = store::insert_id(
        db, "INSERT INTO chain(name, origin, description, home_region, sample) VALUES (?,?,?,?,?) RETURNING id",
        {c.name, c.origin, c.description, c.home_region, int64_t{sample ? 1 : 0}});
    std::map<std::string, int64_t> seg;
    store::Statement s(db, "INSERT INTO chain_segment(chain_id, name, stage) VALUES (?,?,?) RETURNING id");
    for (const auto& x : c.segments) {
      s.bind(1, id);
      s.bind(2, x.name);
      s.bind(3, x.stage);
      s.step();
      seg[x.name] = s.int64(0);
      s.reset();
    }
    store::Statement parent(db, "UPDATE chain_segment SET parent_id = ? WHERE id = ?");
    for (const auto& x : c.segments)
      if (!x.parent.empty()) {
        parent.bind(1, seg.at(x.parent));
        parent.bind(2, seg.at(x.name));
        parent.exec();
        parent.reset();
      }
    store::Statement l(db, "INSERT INTO chain_link(chain_id, from_id, to_id, kind) VALUES (?,?,?,?) ON CONFLICT DO NOTHING");
    for (const auto& x : c.links) {
      l.bind(1, id);
      l.bind(2, seg.at(x.from));
      l.bind(3, seg.at(x.to));
      l.bind(4, x.kind);
      l.exec();
      l.reset();
    }
    // One firm row per name key; the first mention decides its region and listing.
    std::map<std::string, int64_t> firm;
    store::Statement f(db, "INSERT INTO chain_firm(chain_id, name, name_key, province, city, district, listing, domain, "
                        "patents) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id");
    store::Statement m(db, "INSERT INTO chain_member(chain_id, segment_id, firm_id, role) VALUES (?,?,?,?) "
                            "ON CONFLICT DO NOTHING");
    for (const auto& x : c.firms) {
      auto key = text::name_key(x.name);
      auto it = firm.find(key);
      if (it == firm.end()) {
        f.bind(1, id);
        f.bind(2, x.name);
        f.bind(3, key);
        f.bind(4, x.province);
        f.bind(5, x.city);
        f.bind(6, x.district);
        f.bind(7, x.listing);
        f.bind(8, x.domain);
        f.bind(9, x.patents);
        f.step();
        it = firm.emplace(key, f.int64(0)).first;
        f.reset();
      }
      m.bind(1, id);
      m.bind(2, seg.at(x.segment));
      m.bind(3, it->second);
      m.bind(4, x.role);
      m.exec();
      m.reset();
    }
    store::Statement t(db, "INSERT INTO chain_tie(chain_id, from_firm, to_firm, kind) VALUES (?,?,?,?) "
                            "ON CONFLICT DO NOTHING");
    for (const auto& x : c.ties) {
      auto a = firm.find(text::name_key(x.from)), b = firm.find(text::name_key(x.to));
      if (a == firm.end() || b == firm.end()) continue;  // a tie to a firm outside the chain
      t.bind(1, id);
      t.bind(2, a->second);
      t.bind(3, b->second);
      t.bind(4, x.kind);
      t.exec();
      t.reset();
    }
    record_edit(id, "create", nlohmann::json{{"origin", c.origin}, {"segments", c.segments.size()}, {"firms", firm.size()}}.dump());
  }

  store::Database& db_;
};

}  // namespace

std::unique_ptr<ChainStore> sql_chain_store(store::Database& db) { return std::make_unique<SqlChainStore>(db); }

}  // namespace xinzhi::chain
