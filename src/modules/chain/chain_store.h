// chain::ChainStore: the SQL behind industry chains (segments, links, firms, memberships,
// firm ties, merges and the edit log). Services use this interface; SQLite implements it.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ingest/chain_template.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/queries.h"

namespace xinzhi::chain {

struct ChainSummary {
  std::string name, origin, description, home_region, created_at;
  bool sample;
  int64_t segments, links, firms;
};

struct StoredSegment {
  int64_t id;
  std::string name, stage;
  int64_t parent_id;       // 0 when none
  int64_t merged_into_id;  // 0 when not merged
};

struct StoredFirm {
  int64_t id;
  std::string name, province, city, district, listing, domain;
  int64_t patents;
};

struct StoredChain {
  ChainSummary summary;
  std::vector<StoredSegment> segments;
  std::vector<std::pair<int64_t, int64_t>> links;  // segment ids, upstream → downstream
  std::vector<StoredFirm> firms;
  struct Member {
    int64_t segment_id, firm_id;
  };
  std::vector<Member> members;
  struct Tie {
    int64_t from_firm, to_firm;
    std::string kind;
  };
  std::vector<Tie> ties;
};

// One edit an analyst makes to a chain. Which fields count depends on the action:
// add_segment (segment, stage, parent), remove_segment (segment), add_link (segment →
// target), remove_link (segment → target), add_firm (segment, firm, role, region fields),
// remove_firm (segment, firm).
struct ChainEdit {
  std::string action, segment, target, firm, stage, parent, role;
  std::string region;                    // add_firm: as typed (天津, 北京市 …), or "" to infer
  std::string province, city, district;  // add_firm: resolved by the service
};

struct EditRecord {
  int64_t id;
  std::string at, action, detail;  // detail: the edit as JSON
  // Who made it: the account (0 for the console, the scheduler, and edits recorded before
  // authors were: migration chain 2) and the actor's name as the audit trail has it.
  int64_t account_id = 0;
  std::string actor;
  // Filled by ChainService from the accounts directory: the username and display name.
  std::string by, display_name;
};

// What the site search finds in chains (ChainStore::find_segments / find_firms).
struct SegmentMatch {
  std::string chain, segment, stage;
  int64_t firms = 0;
};
struct FirmMatch {
  std::string chain, firm, province, city, district;
  std::string segment;  // the first segment it belongs to, "" when none
};

struct CreateResult {
  std::vector<std::string> created, skipped;  // skipped: a chain of that name exists
};

// The writes one change of a chain may make (ids are the chain's own segment and firm ids).
// The rules deciding which to make live in ChainService; a store only carries them out.
class ChainWriter {
 public:
  virtual ~ChainWriter() = default;
  virtual int64_t add_segment(const std::string& name, const std::string& stage, int64_t parent) = 0;  // parent 0: none
  // With its memberships and links; firms left in no segment leave the chain.
  virtual void remove_segment(int64_t segment) = 0;
  virtual bool add_link(int64_t from, int64_t to) = 0;  // false: the link exists
  virtual bool remove_link(int64_t from, int64_t to) = 0;  // false: there is none
  // The firm's id, adding it (with its region) if the chain does not hold that name yet.
  virtual int64_t add_firm(const std::string& name, const std::string& province, const std::string& city,
                           const std::string& district) = 0;
  virtual bool add_member(int64_t segment, int64_t firm, const std::string& role) = 0;  // false: already a member
  virtual bool remove_member(int64_t segment, int64_t firm) = 0;                         // false: was not
  virtual void set_merged_into(int64_t segment, int64_t into) = 0;                        // into 0: unmerge
};

class ChainStore {
 public:
  virtual ~ChainStore() = default;
  // All chains in one write transaction; chains whose name exists are skipped, so the same
  // import twice adds nothing. Firms must already carry their region.
  virtual CreateResult create(const std::vector<ingest::ChainTemplate>& chains, bool sample) = 0;
  virtual std::vector<ChainSummary> list() = 0;
  virtual StoredChain load(const std::string& name) = 0;  // NotFound if absent
  virtual void remove(const std::string& name) = 0;
  // One change of a chain in one write transaction: `rules` sees the chain as stored (loaded
  // inside the transaction) and makes its writes through the writer; the change is recorded
  // in the chain's edit log as `action` with `detail` (JSON) and the thread's acting account
  // (store::current_actor, set by each door from its Principal), and in the audit trail. Returns
  // the edit record's id. NotFound if the chain is absent.
  virtual int64_t change(const std::string& chain, const std::string& action, const std::string& detail,
                         const std::function<void(const StoredChain&, ChainWriter&)>& rules) = 0;
  virtual std::vector<EditRecord> edits(const std::string& chain) = 0;
  // Segments (merged ones are aliases and left out) whose lower-cased name matches `term`
  // (text::search_text of what was typed),
  // and firms whose name key matches `key` (text::name_key of the term): exact, then prefix,
  // then contains; shorter names first.
  virtual std::vector<SegmentMatch> find_segments(const store::TermPatterns& term, size_t limit) = 0;
  virtual std::vector<FirmMatch> find_firms(const store::TermPatterns& key, size_t limit) = 0;
};

std::unique_ptr<ChainStore> sql_chain_store(store::Database& db);
std::vector<store::Migration> migrations();

}  // namespace xinzhi::chain
