#include "modules/foresight/ipc_labels.h"

#include <string_view>
#include <unordered_map>

namespace xinzhi::foresight {

namespace ipc_data {
extern const std::string_view titles_tsv;
extern const std::string_view labels_zh_tsv;
}  // namespace ipc_data

namespace {
// code<TAB>text lines after a header line.
std::unordered_map<std::string, std::string> read_tsv(std::string_view text) {
  std::unordered_map<std::string, std::string> out;
  size_t pos = text.find('\n');
  while (pos != std::string_view::npos && pos + 1 < text.size()) {
    size_t end = text.find('\n', pos + 1);
    std::string_view line = text.substr(pos + 1, end == std::string_view::npos ? std::string_view::npos : end - pos - 1);
    if (size_t tab = line.find('\t'); tab != std::string_view::npos)
      out.emplace(std::string(line.substr(0, tab)), std::string(line.substr(tab + 1)));
    pos = end;
  }
  return out;
}
}  // namespace

CodeLabel label_of(const std::string& code) {
  static const auto titles = read_tsv(ipc_data::titles_tsv);
  static const auto zh = read_tsv(ipc_data::labels_zh_tsv);
  CodeLabel out;
  // Industry names (heat map level "industry") label themselves.
  auto digit = [&](size_t i) { return i < code.size() && code[i] >= '0' && code[i] <= '9'; };
  bool ipc = !code.empty() && ((code[0] >= 'A' && code[0] <= 'H') || code[0] == 'Y') &&
             (code.size() == 1 || (digit(1) && digit(2)));
  if (!ipc) return {code, ""};
  std::string key = code.size() > 4 ? code.substr(0, 4) : code;
  if (auto it = zh.find(key); it != zh.end()) out.zh = it->second;
  if (auto it = titles.find(key); it != titles.end()) out.en = it->second;
  return out;
}

}  // namespace xinzhi::foresight
