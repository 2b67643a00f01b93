// store::Statement: one prepared SQL statement whose text runs unchanged on SQLite and on
// PostgreSQL: `?`, `?N` and `:name` placeholders, typed binds, rows read by column index.
#pragma once
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace xinzhi::store {

class Database;

// A value to bind when the type is only known at run time (a list of mixed parameters).
using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;

// What each backend implements for one statement (store/sqlite_connection.cpp,
// store/postgres_connection.cpp). Columns and parameters count from the ends the user sees:
// parameters from 1 as in SQL, columns from 0.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void bind_null(int index) = 0;
  virtual void bind_int(int index, int64_t value) = 0;
  virtual void bind_real(int index, double value) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  virtual int index_of(std::string_view name) = 0;  // of ":name"; 0 when absent
  virtual bool step() = 0;                          // runs on the first call; true while a row is ready
  virtual int64_t changes() = 0;                    // rows the last run inserted, updated or deleted
  virtual void reset() = 0;                         // ready to run again; binds are kept
  virtual int columns() const = 0;
  virtual bool is_null(int column) const = 0;
  virtual int64_t int64(int column) const = 0;
  virtual double real(int column) const = 0;
  virtual std::string_view text(int column) const = 0;  // valid until the next step or reset
  virtual std::string column_name(int column) const = 0;
  virtual Value value(int column) const = 0;  // typed as the engine holds it
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;

  template <class T>
    requires std::integral<T>
  Statement& bind(int index, T value) {
    impl_->bind_int(index, static_cast<int64_t>(value));
    return *this;
  }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, const char* value);
  Statement& bind(int index, std::nullptr_t);
  Statement& bind(int index, const Value& value);
  // Named parameters (":actor"): every occurrence of the name takes the value.
  template <class T>
  Statement& bind(std::string_view name, const T& value) {
    return bind(named(name), value);
  }
  // Binds values to parameters 1, 2, 3 … in order.
  Statement& bind_all(std::initializer_list<Value> values);

  bool step();       // the next row; false when there is none
  int64_t exec();    // runs to the end; the number of rows changed
  void reset();      // ready to run again with new binds

  int columns() const { return impl_->columns(); }
  bool is_null(int column) const { return impl_->is_null(column); }
  int64_t int64(int column) const { return impl_->int64(column); }
  int int32(int column) const { return static_cast<int>(impl_->int64(column)); }
  double real(int column) const { return impl_->real(column); }
  std::string text(int column) const { return std::string(impl_->text(column)); }
  std::string_view text_view(int column) const { return impl_->text(column); }
  bool flag(int column) const { return impl_->int64(column) != 0; }
  std::string column_name(int column) const { return impl_->column_name(column); }
  Value value(int column) const { return impl_->value(column); }

 private:
  int named(std::string_view name);
  std::unique_ptr<StatementBackend> impl_;
  std::string sql_;  // for error messages
};

}  // namespace xinzhi::store
