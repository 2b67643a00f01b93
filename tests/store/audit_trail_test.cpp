// The audit trail: commit refuses unaudited writes, the hash chain verifies, and an edited,
// deleted or truncated entry is found and named.
#include "store/audit_trail.h"

#include "store/statement.h"
#include <gtest/gtest.h>

#include "store/database.h"
#include "support/test_support.h"

namespace xinzhi::store {
namespace {

class AuditTrail : public ::testing::Test {
 protected:
  void SetUp() override {
    migrate(db, audit_migrations());
    db.exec("CREATE TABLE t(x INTEGER)");
  }
  void write(int x, const std::string& actor = "alice") {
    ActingAs as(Actor{7, actor, 3, "天津市科学技术局", "api"});
    WriteTransaction tx(db);
    store::Statement ins(db, "INSERT INTO t VALUES (?)");
    ins.bind(1, x);
    ins.exec();
    tx.audit({"t.add", "t", std::to_string(x), "", std::to_string(x), "{\"x\":" + std::to_string(x) + "}"});
    tx.commit();
  }
  testing::ScratchDir dir;
  Database db{dir.database("a.db")};
};

TEST_F(AuditTrail, CommitRefusesAWriteWithoutAnAuditEntry) {
  {
    WriteTransaction tx(db);
    db.exec("INSERT INTO t VALUES (1)");
    testing::expect_error(ErrorCode::Internal, [&] { tx.commit(); }, "without an audit entry");
  }
  EXPECT_EQ(db.query_int("SELECT count(*) FROM t"), 0);
  // Bookkeeping says why it is not audited, and commits.
  WriteTransaction tx(db, {"test bookkeeping"});
  db.exec("INSERT INTO t VALUES (1)");
  tx.commit();
  EXPECT_EQ(db.query_int("SELECT count(*) FROM t"), 1);
}

TEST_F(AuditTrail, RecordsTheActorAndDigests) {
  write(5);
  auto entries = list_audit(db, {});
  ASSERT_EQ(entries.size(), 1u);
  const auto& e = entries[0];
  EXPECT_EQ(e.seq, 1);
  EXPECT_EQ(e.actor, "alice");
  EXPECT_EQ(e.account_id, 7);
  EXPECT_EQ(e.org, "天津市科学技术局");
  EXPECT_EQ(e.action, "t.add");
  EXPECT_EQ(e.target_id, "5");
  EXPECT_EQ(e.before_digest, "");
  // SHA-256("5"), as `printf 5 | sha256sum` prints it.
  EXPECT_EQ(e.after_digest, "ef2d127de37b942baad06145e54b0c619a1f22327b2ebbcfbec78f5564afe39d");
  EXPECT_EQ(e.prev_hash, std::string(64, '0'));
  EXPECT_EQ(e.at.size(), 24u);  // 2026-11-27T04:30:00.123Z
}

TEST_F(AuditTrail, VerifiesAnIntactChain) {
  for (int i = 0; i < 20; ++i) write(i, i % 2 ? "alice" : "bob");
  auto v = verify_audit(db);
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 20);
  EXPECT_EQ(v.head_hash, list_audit(db, {}).front().hash);
  AuditFilter f;
  f.actor = "bob";
  EXPECT_EQ(list_audit(db, f).size(), 10u);
  f.action = "t.";
  EXPECT_EQ(list_audit(db, f).size(), 10u);
  // Issue 14: the family without its dot ("t" for "t.…") found nothing; "t.x" is no family of "t".
  f.action = "t";
  EXPECT_EQ(list_audit(db, f).size(), 10u);
  f.action = "t.x";
  EXPECT_EQ(list_audit(db, f).size(), 0u);
  f.since = "2999-01-01";
  EXPECT_EQ(list_audit(db, f).size(), 0u);
}

// Issue 13: `delete from audit_entry; delete from audit_head` left a trail that verified as
// "intact: 0 entries"; a checkpoint written down earlier catches that, and a rebuilt trail.
TEST_F(AuditTrail, ACheckpointCatchesAWipedOrRebuiltTrail) {
  for (int i = 0; i < 5; ++i) write(i);
  auto checkpoint = audit_checkpoint(db);
  EXPECT_EQ(checkpoint.substr(0, 2), "5:");
  write(5);
  EXPECT_TRUE(verify_audit(db, checkpoint).ok);  // later entries extend the anchored chain
  db.exec("DELETE FROM audit_entry; DELETE FROM audit_head");
  EXPECT_TRUE(verify_audit(db).ok);  // consistent with itself …
  auto wiped = verify_audit(db, checkpoint);
  EXPECT_FALSE(wiped.ok);  // … but not the trail written down
  EXPECT_NE(wiped.problem.find("deleted"), std::string::npos) << wiped.problem;
  for (int i = 0; i < 6; ++i) write(100 + i);  // rebuilt to the same length, other content
  auto rebuilt = verify_audit(db, checkpoint);
  EXPECT_FALSE(rebuilt.ok);
  EXPECT_EQ(rebuilt.first_bad_seq, 5);
  EXPECT_NE(rebuilt.problem.find("rebuilt"), std::string::npos) << rebuilt.problem;
  testing::expect_error(ErrorCode::InvalidInput, [&] { verify_audit(db, "five:abc"); }, "expected SEQ:HASH");
  // A broken trail gives no checkpoint to write down: it would anchor the damage.
  db.exec("UPDATE audit_entry SET detail = 'forged' WHERE seq = 2");
  testing::expect_error(ErrorCode::Conflict, [&] { audit_checkpoint(db); }, "broken at entry 2");
}

TEST_F(AuditTrail, AnEmptyTrailsCheckpointVerifies) {
  auto empty = audit_checkpoint(db);
  EXPECT_EQ(empty, "0:");
  write(1);
  EXPECT_TRUE(verify_audit(db, empty).ok);
}

TEST_F(AuditTrail, NamesTheFirstEditedEntry) {
  for (int i = 0; i < 10; ++i) write(i);
  db.exec("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 4");
  auto v = verify_audit(db);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 4);
  EXPECT_NE(v.problem.find("entry 4 was changed"), std::string::npos) << v.problem;
  // The dashboard says it in the user's language from a key and its params.
  EXPECT_EQ(v.problem_key, "audit_entry_changed");
  ASSERT_FALSE(v.problem_params.empty());
  EXPECT_EQ(v.problem_params[0], (std::pair<std::string, std::string>{"entry", "4"}));
  bool names_the_actor = false;
  for (const auto& [name, value] : v.problem_params) names_the_actor |= name == "actor" && value == "mallory";
  EXPECT_TRUE(names_the_actor);
}

TEST_F(AuditTrail, AnEditWithARecomputedHashBreaksTheNextLink) {
  for (int i = 0; i < 10; ++i) write(i);
  db.exec("UPDATE audit_entry SET hash = 'f00d' WHERE seq = 6");
  auto v = verify_audit(db);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 6);
}

TEST_F(AuditTrail, FindsDeletedEntriesInTheMiddleAndAtTheEnd) {
  for (int i = 0; i < 10; ++i) write(i);
  db.exec("DELETE FROM audit_entry WHERE seq = 3");
  auto v = verify_audit(db);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_NE(v.problem.find("missing"), std::string::npos) << v.problem;
  EXPECT_EQ(v.problem_key, "audit_entry_missing");
  EXPECT_EQ(v.problem_params, (ErrorParams{{"entry", "3"}, {"next", "4"}}));

  testing::ScratchDir other;
  Database tail(other.database("b.db"));
  migrate(tail, audit_migrations());
  tail.exec("CREATE TABLE t(x INTEGER)");
  ActingAs as(Actor{1, "alice", 0, "", "api"});
  for (int i = 0; i < 5; ++i) {
    WriteTransaction tx(tail);
    tail.exec("INSERT INTO t VALUES (1)");
    tx.audit({"t.add", "t", "1", "", "", ""});
    tx.commit();
  }
  tail.exec("DELETE FROM audit_entry WHERE seq >= 4");
  auto w = verify_audit(tail);
  EXPECT_FALSE(w.ok);
  EXPECT_EQ(w.first_bad_seq, 4);
  EXPECT_NE(w.problem.find("deleted from the end"), std::string::npos) << w.problem;
  EXPECT_EQ(w.problem_key, "audit_tail_deleted");
  EXPECT_EQ(w.problem_params, (ErrorParams{{"from", "4"}, {"to", "5"}}));
}

TEST_F(AuditTrail, AWriteWithNoActorIsRefused) {
  std::optional<Actor> none;
  set_process_actor(none);
  WriteTransaction tx(db);
  db.exec("INSERT INTO t VALUES (1)");
  testing::expect_error(ErrorCode::Internal, [&] { tx.audit({"t.add", "t", "1", "", "", ""}); }, "no actor");
  set_process_actor(Actor{0, "test", 0, "", "test"});
}

}  // namespace
}  // namespace xinzhi::store
