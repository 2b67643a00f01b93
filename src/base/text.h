// UTF-8 text helpers for Chinese organisation names: validation, trimming and the
// normal form used to compare names (full-width ASCII folded, spaces dropped, lower case).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace xinzhi::text {

bool is_valid_utf8(std::string_view s);
std::string_view trim(std::string_view s);
// Full-width forms (ＡＢＣ１２３（）＋) folded to ASCII, ideographic space to ' '.
std::string fold_width(std::string_view s);
// Key under which two spellings of one name compare equal: fold_width, no
// whitespace, ASCII lower case. "Claude 4" and "Claude4" share a key.
std::string name_key(std::string_view s);
// A search term for free text (titles, applicants): fold_width, ASCII lower case, spaces kept
// but runs of them made one and the ends trimmed. "Lithium  BATTERY " → "lithium battery".
std::string search_text(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
std::vector<std::string_view> split(std::string_view s, char sep);
// Number of code points (not bytes); valid UTF-8 assumed.
size_t codepoints(std::string_view s);
// Safe to write into a log line or a terminal: control characters (newlines, ESC, DEL, C1)
// and bytes that are not UTF-8 become \n, \t, \xNN escapes, and a backslash becomes \\,
// so user text can neither forge a log line nor drive the terminal. Chinese stays as it is.
std::string printable(std::string_view s);
// The shortest text that reads back as the same double: 150, 0.25, 1e-07.
std::string number(double v);
// A CSV cell: quoted when it holds a separator, a quote or a line break; a text starting with
// = + - @ (or a tab or carriage return) gets a leading apostrophe, so that a name from imported
// data is never run as an Excel formula.
std::string csv_cell(std::string_view s);

}  // namespace xinzhi::text
