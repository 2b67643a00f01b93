#include <iostream>

#include "base/text.h"
#include "cli/commands.h"
#include "store/audit_trail.h"

namespace xinzhi::cli {

accounts::Principal console() { return accounts::Principal::console(store::current_actor().name); }

void print_json_or(const GlobalOptions& g, const nlohmann::json& j, const std::function<void()>& text) {
  if (g.json) std::cout << j.dump(2) << "\n";
  else text();
}

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  for (auto part : text::split(text, ','))
    if (auto t = text::trim(part); !t.empty()) out.emplace_back(t);
  return out;
}

}  // namespace xinzhi::cli
