#include "store/audit_trail.h"
#include "store/database.h"

#include "store/statement.h"
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "store/migrations.h"
#include "support/test_support.h"

namespace xinzhi::store {

using testing::ScratchDir;

std::vector<Migration> two_migrations() {
  return {{"demo", 1, "a table", "CREATE TABLE a(x INTEGER)"},
          {"demo", 2, "an index", "CREATE INDEX a_x ON a(x)"}};
}

TEST(Database, OpensWithWalForeignKeysAndBusyTimeout) {
  if (testing::on_postgres()) GTEST_SKIP() << "SQLite's settings";
  ScratchDir dir;
  Database db(dir.file("sub/x.db"));  // creates the missing folder
  EXPECT_EQ(db.query_text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(db.query_int("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(db.query_int("PRAGMA busy_timeout"), 5000);
}

TEST(Migrations, ApplyOnceAndReportStatus) {
  ScratchDir dir;
  Database db(dir.database("x.db"));
  EXPECT_EQ(migration_status(db, two_migrations())[0].pending, true);
  EXPECT_EQ(migrate(db, two_migrations()), 2);
  EXPECT_EQ(migrate(db, two_migrations()), 0);
  auto status = migration_status(db, two_migrations());
  ASSERT_EQ(status.size(), 2u);
  EXPECT_FALSE(status[1].pending);
  EXPECT_FALSE(status[1].applied_at.empty());
}

TEST(Migrations, RefuseEditedOrUnknownMigrations) {
  ScratchDir dir;
  Database db(dir.database("x.db"));
  migrate(db, two_migrations());
  auto edited = two_migrations();
  edited[1].sql = "CREATE INDEX a_x2 ON a(x)";
  testing::expect_error(ErrorCode::Conflict, [&] { migrate(db, edited); }, "changed after it was applied");
  auto older = two_migrations();
  older.pop_back();
  testing::expect_error(ErrorCode::Conflict, [&] { migrate(db, older); }, "newer Xinzhi");
}

TEST(Migrations, AFailingMigrationLeavesNoTrace) {
  ScratchDir dir;
  Database db(dir.database("x.db"));
  std::vector<Migration> bad = {{"demo", 1, "broken", "CREATE TABLE b(x INTEGER); CREATE TABLE b(y INTEGER)"}};
  EXPECT_ANY_THROW(migrate(db, bad));
  EXPECT_FALSE(db.table_exists("b"));
  EXPECT_TRUE(migration_status(db, bad)[0].pending);
}

TEST(WriteTransaction, RollsBackUnlessCommitted) {
  ScratchDir dir;
  Database db(dir.database("x.db"));
  db.exec("CREATE TABLE t(x INTEGER)");
  migrate(db, audit_migrations());
  {
    WriteTransaction tx(db);
    db.exec("INSERT INTO t VALUES (1)");
  }
  EXPECT_EQ(db.query_int("SELECT count(*) FROM t"), 0);
  {
    WriteTransaction tx(db);
    db.exec("INSERT INTO t VALUES (1)");
    tx.audit({"t.add", "t", "1", "", "1", "{}"});
    tx.commit();
  }
  EXPECT_EQ(db.query_int("SELECT count(*) FROM t"), 1);
}

TEST(WriteTransaction, ConcurrentWritersFromTwoThreadsBothLand) {
  ScratchDir dir;
  Store store(dir.database("x.db"));
  store.connection().exec("CREATE TABLE t(x INTEGER)");
  migrate(store.connection(), audit_migrations());
  auto writer = [&store](int base) {
    ActingAs as(Actor{0, "writer" + std::to_string(base), 0, "", "test"});
    for (int i = 0; i < 50; ++i) {
      WriteTransaction tx(store.connection());
      Statement ins(store.connection(), "INSERT INTO t VALUES (?)");
      ins.bind(1, base + i);
      ins.exec();
      tx.audit({"t.add", "t", std::to_string(base + i), "", "", "{}"});
      tx.commit();
    }
  };
  std::thread a(writer, 0), b(writer, 1000);
  a.join();
  b.join();
  EXPECT_EQ(store.connection().query_int("SELECT count(*) FROM t"), 100);
  // Both threads appended to one chain without forking it.
  auto verdict = verify_audit(store.connection());
  EXPECT_TRUE(verdict.ok) << verdict.problem;
  EXPECT_EQ(verdict.entries, 100);
}

// Writers in one process queue on a gate before SQLite's lock; a write opened inside another
// on the same file (any spelling of its path) fails at once instead of waiting on itself.
TEST(WriteTransaction, ANestedWriteOnTheSameFileFailsAtOnce) {
  ScratchDir dir;
  Database outer_db(dir.database("x.db"));
  Database inner_db(testing::on_postgres() ? dir.database("x.db") : dir.file("sub/../x.db"));
  WriteTransaction outer(outer_db);
  auto start = std::chrono::steady_clock::now();
  testing::expect_error(ErrorCode::Internal, [&] { WriteTransaction inner(inner_db); }, "inside another");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

// A writer in another thread waits for the gate, then lands: no SQLITE_BUSY sleeps.
TEST(WriteTransaction, AWriterInAnotherThreadWaitsForTheGate) {
  ScratchDir dir;
  Store store(dir.database("x.db"));
  store.connection().exec("CREATE TABLE t(x INTEGER)");
  migrate(store.connection(), audit_migrations());
  std::optional<WriteTransaction> first(std::in_place, store.connection());
  std::atomic<bool> landed{false};
  std::thread second([&] {
    WriteTransaction tx(store.connection());
    store.connection().exec("INSERT INTO t VALUES (2)");
    tx.audit({"t.add", "t", "2", "", "", "{}"});
    tx.commit();
    landed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(landed);
  first.reset();  // rolls back and opens the gate
  second.join();
  EXPECT_TRUE(landed);
}

// SQLite connections hand a finished statement out again for the same text (a request's SQL
// is the same few texts every time). Reused, it must behave as if freshly prepared.
TEST(StatementReuse, ASecondUseStartsWithNoRowsReadAndNoValuesBound) {
  ScratchDir dir;
  Database db(dir.database("x.db"));
  db.exec("CREATE TABLE t(x INTEGER, y TEXT)");
  db.exec("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, NULL)");
  const char* sql = "SELECT count(*) FROM t WHERE x >= ? OR coalesce(y, '-') = coalesce(?, '-')";
  {
    Statement q(db, sql);
    q.bind(1, 2).bind(2, "a");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.int64(0), 3);
  }
  if (!testing::on_postgres()) {  // PostgreSQL wants every parameter bound
    Statement q(db, sql);  // nothing bound: both parameters are NULL, as in a fresh statement
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.int64(0), 1);  // only the row (3, NULL) matches NULL
  }
  {
    // Left half-read: the next user of the text still starts at the first row.
    Statement q(db, "SELECT x FROM t ORDER BY x");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.int64(0), 1);
  }
  Statement q(db, "SELECT x FROM t ORDER BY x");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.int64(0), 1);
}

TEST(StatementReuse, TwoStatementsOfOneTextAtOnceAreIndependent) {
  ScratchDir dir;
  Database db(dir.database("x.db"));
  db.exec("CREATE TABLE t(x INTEGER)");
  db.exec("INSERT INTO t VALUES (1), (2)");
  const char* sql = "SELECT x FROM t WHERE x >= ? ORDER BY x";
  std::vector<std::pair<int64_t, int64_t>> pairs;
  for (int round = 0; round < 2; ++round) {
    pairs.clear();
    Statement outer(db, sql);
    outer.bind(1, 1);
    while (outer.step()) {
      Statement inner(db, sql);
      inner.bind(1, outer.int64(0));
      while (inner.step()) pairs.emplace_back(outer.int64(0), inner.int64(0));
    }
    EXPECT_EQ(pairs, (std::vector<std::pair<int64_t, int64_t>>{{1, 1}, {1, 2}, {2, 2}})) << "round " << round;
  }
}

TEST(StatementReuse, AnIdleStatementNeitherBlocksNorOutlivesASchemaChange) {
  ScratchDir dir;
  Database db(dir.database("x.db"));
  db.exec("CREATE TABLE t(x INTEGER)");
  db.exec("INSERT INTO t VALUES (1)");
  {
    Statement q(db, "SELECT * FROM t");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.columns(), 1);
  }
  db.exec("ALTER TABLE t ADD COLUMN y TEXT DEFAULT 'z'");
  {
    Statement q(db, "SELECT * FROM t");
    ASSERT_TRUE(q.step());
    ASSERT_EQ(q.columns(), 2);
    EXPECT_EQ(q.text(1), "z");
  }
  db.exec("DROP TABLE t");  // the idle statement holds no lock on t
  EXPECT_FALSE(db.table_exists("t"));
  EXPECT_ANY_THROW(Statement(db, "SELECT * FROM t").step());
}

TEST(StatementReuse, ASecondUseOfATextIsTheKeptStatement) {
  if (testing::on_postgres()) GTEST_SKIP() << "SQLite keeps prepared statements";
  ScratchDir dir;
  Database db(dir.database("x.db"));
  auto idle = [&] { return db.connection().idle_statements(); };
  const size_t before = idle();
  const char* sql = "SELECT 1";
  { Statement q(db, sql); }
  EXPECT_EQ(idle(), before + 1);
  {
    Statement outer(db, sql);
    EXPECT_EQ(idle(), before) << "the kept statement is lent out again";
    {
      Statement inner(db, sql);  // the text is in use: a second statement is prepared
      EXPECT_EQ(idle(), before);
    }
    EXPECT_EQ(idle(), before + 1);
  }
  EXPECT_EQ(idle(), before + 1) << "one statement kept per text";
}

TEST(StatementReuse, TwoStatementsInOneTextAreRefused) {
  ScratchDir dir;
  Database db(dir.database("x.db"));
  EXPECT_ANY_THROW(Statement(db, "SELECT 1; SELECT 2").step());
  Statement q(db, "SELECT 1;\n");  // a closing semicolon is one statement
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.int64(0), 1);
}

TEST(StatementReuse, AStatementMayOutliveItsConnection) {
  ScratchDir dir;
  auto db = std::make_unique<Database>(dir.database("x.db"));
  std::optional<Statement> q(std::in_place, *db, "SELECT 1");
  ASSERT_TRUE(q->step());
  db.reset();
  q.reset();  // finalized on its own, not returned to a cache that is gone
}

TEST(Backup, CopiesTheLiveDatabaseAndRefusesToOverwrite) {
  if (testing::on_postgres()) GTEST_SKIP() << "SQLite's online backup";
  ScratchDir dir;
  Database db(dir.database("x.db"));
  db.exec("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (42)");
  db.backup_to(dir.database("copy.db"));
  Database copy(dir.database("copy.db"));
  EXPECT_EQ(copy.query_int("SELECT x FROM t"), 42);
  testing::expect_error(ErrorCode::Conflict, [&] { db.backup_to(dir.database("copy.db")); }, "exists");
}

TEST(Address, PasswordsNeverPrinted) {
  EXPECT_EQ(redact_address("postgresql://xz:s3cret@db.example.cn:5432/xinzhi"), "postgresql://xz:***@db.example.cn:5432/xinzhi");
  EXPECT_EQ(redact_address("postgresql://xz@db/x?sslpassword=a&password=secret&options=-c%20x%3Dy"),
            "postgresql://xz@db/x?sslpassword=***&password=***&options=-c%20x%3Dy");
  EXPECT_EQ(redact_address("postgres://db/x?password=p"), "postgres://db/x?password=***");
  EXPECT_EQ(redact_address("var/xinzhi.db"), "var/xinzhi.db");
  EXPECT_TRUE(is_postgres_address("postgresql://db/x"));
  EXPECT_FALSE(is_postgres_address("host=db password=x"));  // only URIs name a server
}

}  // namespace xinzhi::store
