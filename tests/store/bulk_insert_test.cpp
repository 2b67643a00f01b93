#include "store/bulk_insert.h"

#include <gtest/gtest.h>

#include "store/audit_trail.h"
#include "store/database_copy.h"
#include "store/migrations.h"
#include "store/queries.h"
#include "support/test_support.h"

namespace xinzhi::store {

using testing::ScratchDir;

namespace {
void make_table(Database& db) {
  migrate(db, audit_migrations());
  const std::string table = "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL UNIQUE, v TEXT, n REAL)";
  db.exec(db.is_postgres() ? postgres_ddl(table) : table);
}

const std::vector<std::string> kAwkward = {"tab\there", "line\nbreak", "cr\rreturn", "back\\slash", "\\N", "中文，全角",
                                           "'quote\"", ""};
}  // namespace

// The text COPY carries is escaped (tab, newline, CR, backslash; "\N" is text, not NULL),
// so every engine stores exactly what it was given, NULLs and doubles included.
TEST(BulkInsert, StoresAwkwardTextNullsAndDoublesExactly) {
  for (bool fresh : {false, true}) {
    ScratchDir dir;
    Database db(dir.database("x.db"));
    make_table(db);
    WriteTransaction tx(db);
    auto insert = fresh ? std::make_unique<BulkInsert>(db, "t", std::vector<std::string>{"k", "v", "n"}, BulkInsert::Fresh{})
                        : std::make_unique<BulkInsert>(db, "t", std::vector<std::string>{"k", "v", "n"});
    for (size_t i = 0; i < kAwkward.size(); ++i) {
      std::string key = "k";  // built by append: g++ 12 warns falsely (-Wrestrict) on "k" + …
      key.append(std::to_string(i));
      insert->add({key, kAwkward[i], 0.1 * static_cast<double>(i) + 1e-17});
    }
    insert->add({"null", nullptr, nullptr});
    EXPECT_EQ(insert->finish(), static_cast<int64_t>(kAwkward.size() + 1));
    tx.audit({"t.load", "t", "all", "", "", "{}"});
    tx.commit();
    Statement q(db, "SELECT k, v, n FROM t ORDER BY id");
    for (size_t i = 0; i < kAwkward.size(); ++i) {
      ASSERT_TRUE(q.step());
      EXPECT_EQ(q.text(1), kAwkward[i]) << (fresh ? "fresh " : "") << i;
      EXPECT_EQ(q.real(2), 0.1 * static_cast<double>(i) + 1e-17);
    }
    ASSERT_TRUE(q.step());
    EXPECT_TRUE(q.is_null(1));
    EXPECT_TRUE(q.is_null(2));
  }
}

// Of two rows with one key in a batch the first stays, and RETURNING lists rows in the order
// they were added, on both engines.
TEST(BulkInsert, FirstOfConflictingRowsStaysAndReturnsInOrder) {
  ScratchDir dir;
  Database db(dir.database("x.db"));
  make_table(db);
  WriteTransaction tx(db);
  std::vector<std::string> returned;
  BulkInsert insert(db, "t", {"k", "v"}, "ON CONFLICT (k) DO NOTHING", {"k", "v"},
                    [&](const Statement& row) { returned.push_back(row.text(0).append("=").append(row.text(1))); });
  int i = 0;
  for (const char* k : {"c", "a", "c", "b", "a"}) {
    std::string v = k;
    v.append(std::to_string(i++));
    insert.add({k, v});
  }
  EXPECT_EQ(insert.finish(), 3);
  tx.audit({"t.load", "t", "all", "", "", "{}"});
  tx.commit();
  EXPECT_EQ(returned, (std::vector<std::string>{"c=c0", "a=a1", "b=b3"}));
}

// Rows a bulk load wrote count as changed rows: without an audit entry the transaction is
// refused, as any other write is (the COPY path on PostgreSQL included).
TEST(BulkInsert, ALoadWithoutAnAuditEntryIsRefused) {
  ScratchDir dir;
  Database db(dir.database("x.db"));
  make_table(db);
  {
    WriteTransaction tx(db);
    BulkInsert insert(db, "t", {"k"}, BulkInsert::Fresh{});
    insert.add({"only"});
    insert.finish();
    testing::expect_error(ErrorCode::Internal, [&] { tx.commit(); }, "without an audit entry");
  }
  EXPECT_EQ(db.query_int("SELECT count(*) FROM t"), 0);
}

// A broken constraint reaches the user as a keyed 409 in our words, never the engine's text
// (which names tables and columns), on both engines.
TEST(BulkInsert, ABrokenConstraintIsAConflictInOurWords) {
  ScratchDir dir;
  Database db(dir.database("x.db"));
  make_table(db);
  WriteTransaction tx(db);
  run(db, "INSERT INTO t(k) VALUES ('same')");
  try {
    run(db, "INSERT INTO t(k) VALUES ('same')");
    ADD_FAILURE() << "a duplicate key was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Conflict);
    EXPECT_EQ(e.key(), "store_conflict");
    EXPECT_EQ(std::string(e.what()).find("t.k"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("unique"), std::string::npos) << e.what();
  }
}

// PostgreSQL's text cannot hold NUL and SQLite's would keep it: both refuse it alike.
TEST(BulkInsert, TextWithANulIsRefusedOnBothEngines) {
  ScratchDir dir;
  Database db(dir.database("x.db"));
  make_table(db);
  WriteTransaction tx(db);
  BulkInsert insert(db, "t", {"k"});
  testing::expect_error(ErrorCode::InvalidInput, [&] { insert.add({std::string("a\0b", 3)}); }, "NUL");
  testing::expect_error(ErrorCode::InvalidInput,
                        [&] { Statement(db, "SELECT ?").bind(1, std::string_view("a\0b", 3)); }, "NUL");
}

// A backup file names tables and columns; a name the target's schema does not have is refused
// before any SQL is built with it.
TEST(DatabaseCopy, NamesTheTargetDoesNotHaveAreRefused) {
  ScratchDir dir;
  Database from(dir.file("from.db"));
  make_table(from);
  from.exec("CREATE TABLE \"x; DROP TABLE t; --\" (a INTEGER)");
  Database to(dir.database("to.db"));
  make_table(to);
  WriteTransaction tx(to);
  testing::expect_error(ErrorCode::Conflict, [&] { copy_rows(from, to, tables_in_creation_order(from)); },
                        "does not have");
  from.exec("DROP TABLE \"x; DROP TABLE t; --\"; ALTER TABLE t ADD COLUMN \"v) SELECT 1; --\" TEXT");
  testing::expect_error(ErrorCode::Conflict, [&] { copy_rows(from, to, {"t"}); }, "has a column");
}

}  // namespace xinzhi::store
