#include "store/placeholders.h"

#include <cctype>

namespace xinzhi::store {

namespace {
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
}  // namespace

TranslatedSql translate_placeholders(std::string_view sql) {
  TranslatedSql out;
  out.text.reserve(sql.size() + 8);
  auto number = [&](int n) {
    if (n > out.parameters) out.parameters = n;
    out.text.push_back('$');
    out.text.append(std::to_string(n));
  };
  for (size_t i = 0; i < sql.size();) {
    char c = sql[i];
    if (c == '\'' || c == '"') {  // a quoted string or identifier; a doubled quote stays inside
      size_t j = i + 1;
      while (j < sql.size()) {
        if (sql[j] != c) ++j;
        else if (j + 1 < sql.size() && sql[j + 1] == c) j += 2;
        else break;
      }
      out.text.append(sql.substr(i, j + 1 - i));  // substr clips an unclosed quote at the end
      i = j + 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t j = sql.find('\n', i);
      if (j == std::string_view::npos) j = sql.size();
      out.text.append(sql.substr(i, j - i));
      i = j;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t j = sql.find("*/", i + 2);
      j = j == std::string_view::npos ? sql.size() : j + 2;
      out.text.append(sql.substr(i, j - i));
      i = j;
    } else if (c == '?') {
      size_t j = i + 1;
      while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      number(j > i + 1 ? std::stoi(std::string(sql.substr(i + 1, j - i - 1))) : out.parameters + 1);
      i = j;
    } else if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {
      out.text.append("::");
      i += 2;
    } else if (c == ':' && i + 1 < sql.size() && (std::isalpha(static_cast<unsigned char>(sql[i + 1])) || sql[i + 1] == '_')) {
      size_t j = i + 1;
      while (j < sql.size() && name_char(sql[j])) ++j;
      std::string name(sql.substr(i, j - i));
      auto [it, added] = out.names.emplace(name, out.parameters + 1);
      number(it->second);
      i = j;
    } else {
      out.text.push_back(c);
      ++i;
    }
  }
  return out;
}

}  // namespace xinzhi::store
