// The shapes every store's SQL takes, over store::Statement: run a write, insert and get
// the new row's id, read the first row or all rows. The same text runs on both engines.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/database.h"
#include "store/statement.h"

namespace xinzhi::store {

// Now in UTC as the tables store it, "2026-12-01T18:10:02Z": bound from here rather than
// computed in SQL, because the engines name the function differently.
std::string utc_now();

// A search term as stores match it, with `LIKE ? ESCAPE '\'` for the patterns: the term itself,
// and patterns for the names starting with it and containing it (%, _ and \ in the term are
// literal). Stores rank exact over prefix over contains, the same text on both engines. Free
// text is compared through replace(replace(lower(col), '（', '('), '）', ')'): the term is folded
// (text::search_text), names keep the parentheses they were imported with.
struct TermPatterns {
  std::string exact, prefix, contains;
};
TermPatterns term_patterns(std::string_view term);

// Text with a NUL byte: PostgreSQL cannot store it and SQLite would, so both refuse it (400).
[[noreturn]] void refuse_nul();

// Runs one write; the number of rows it changed.
inline int64_t run(Database& db, std::string_view sql, std::initializer_list<Value> values = {}) {
  return Statement(db, sql).bind_all(values).exec();
}

// Runs an INSERT … RETURNING id; the new row's id, or 0 when ON CONFLICT DO NOTHING skipped it.
inline int64_t insert_id(Database& db, std::string_view sql, std::initializer_list<Value> values = {}) {
  Statement q(db, sql);
  q.bind_all(values);
  int64_t id = q.step() ? q.int64(0) : 0;
  q.exec();  // to the end, so that the insert is complete on every engine
  return id;
}

template <class Row>
auto all_rows(Database& db, std::string_view sql, std::initializer_list<Value> values, Row row) {
  Statement q(db, sql);
  q.bind_all(values);
  std::vector<decltype(row(q))> out;
  while (q.step()) out.push_back(row(q));
  return out;
}

template <class Row>
auto first_row(Database& db, std::string_view sql, std::initializer_list<Value> values, Row row) {
  Statement q(db, sql);
  q.bind_all(values);
  std::optional<decltype(row(q))> out;
  if (q.step()) out = row(q);
  return out;
}

// One store write: a `StoreWriter` (built from the database and the transaction) handed to
// `work` inside one write transaction, committed when `work` returns. A bookkeeping write
// (no audit entry required) says why.
template <class StoreWriter, class Work>
void unit_of_work(Database& db, const Work& work, const char* bookkeeping_why = nullptr) {
  std::optional<WriteTransaction> tx;
  if (bookkeeping_why)
    tx.emplace(db, WriteTransaction::Bookkeeping{bookkeeping_why});
  else
    tx.emplace(db);
  StoreWriter writer(db, *tx);
  work(writer);
  tx->commit();
}

}  // namespace xinzhi::store
