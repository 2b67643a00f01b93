// SQLite's placeholders (`?`, `?N`, `:name`) rewritten as PostgreSQL's `$N`, so that one SQL
// text serves both engines.
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace xinzhi::store {

struct TranslatedSql {
  std::string text;                   // with $1, $2 …
  int parameters = 0;                 // the highest $N
  std::map<std::string, int> names;   // ":name" → N
};

// Numbers parameters the way SQLite does: `?` takes one more than the largest number so
// far, `?N` takes N, each distinct `:name` takes the next number at its first use. Quoted
// strings, quoted identifiers, comments and PostgreSQL's `::type` casts are left alone.
TranslatedSql translate_placeholders(std::string_view sql);

}  // namespace xinzhi::store
