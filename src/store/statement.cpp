#include "store/statement.h"

#include "base/error.h"
#include "store/database.h"
#include "store/queries.h"

#include <chrono>
#include <ctime>

namespace xinzhi::store {

Statement::Statement(Database& db, std::string_view sql) : impl_(db.connection().prepare(sql)), sql_(sql) {}
Statement::~Statement() = default;
Statement::Statement(Statement&&) noexcept = default;
Statement& Statement::operator=(Statement&&) noexcept = default;

Statement& Statement::bind(int index, double value) {
  impl_->bind_real(index, value);
  return *this;
}
void refuse_nul() {
  fail_keyed(ErrorCode::InvalidInput, "text_nul", {}, "text contains a NUL character (\\u0000)");
}

Statement& Statement::bind(int index, std::string_view value) {
  // PostgreSQL's text cannot hold NUL and SQLite's would keep it: refused on both, alike.
  if (value.find('\0') != std::string_view::npos) refuse_nul();
  impl_->bind_text(index, value);
  return *this;
}
Statement& Statement::bind(int index, std::nullptr_t) {
  impl_->bind_null(index);
  return *this;
}
Statement& Statement::bind(int index, const Value& value) {
  std::visit([&](const auto& v) { bind(index, v); }, value);
  return *this;
}
Statement& Statement::bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
Statement& Statement::bind(int index, const char* value) { return bind(index, std::string_view(value)); }

Statement& Statement::bind_all(std::initializer_list<Value> values) {
  int i = 1;
  for (const auto& v : values) bind(i++, v);
  return *this;
}

int Statement::named(std::string_view name) {
  int i = impl_->index_of(name);
  if (i == 0) fail(ErrorCode::Internal, "no parameter " + std::string(name) + " in " + sql_.substr(0, 80));
  return i;
}

bool Statement::step() { return impl_->step(); }

int64_t Statement::exec() {
  while (impl_->step()) {
  }
  return impl_->changes();
}

void Statement::reset() { impl_->reset(); }

TermPatterns term_patterns(std::string_view term) {
  std::string escaped;
  for (char c : term) {
    if (c == '%' || c == '_' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  TermPatterns t{std::string(term), escaped, "%"};
  t.prefix.push_back('%');
  t.contains.append(escaped).push_back('%');
  return t;
}

std::string utc_now() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace xinzhi::store
