#include "ingest/edge_list.h"

#include <cmath>
#include <unordered_map>

#include "base/error.h"
#include "base/text.h"
#include "ingest/table_reader.h"

namespace xinzhi::ingest {

EdgeList read_edge_list(const std::string& path) {
  TableReader in(path, TableFormat::Csv);
  EdgeList list;
  std::unordered_map<std::string, uint32_t> index;
  auto node = [&](const std::string& name) {
    auto [it, fresh] = index.emplace(name, static_cast<uint32_t>(list.names.size()));
    if (fresh) list.names.push_back(name);
    return it->second;
  };
  std::vector<std::string> f;
  bool first = true, weighted = false, self_loops_only = true;
  while (in.next(f)) {
    for (auto& x : f) x = std::string(text::trim(x));
    if (first) {
      first = false;
      std::string a = f.size() > 0 ? f[0] : "", b = f.size() > 1 ? f[1] : "";
      if (text::name_key(a) == "source" && text::name_key(b) == "target") {
        weighted = f.size() > 2 && text::name_key(f[2]) == "weight";
        continue;
      }
      weighted = f.size() > 2 && !f[2].empty();
    }
    if (f.size() < 2) in.fail_here("expected source,target[,weight], found " + std::to_string(f.size()) + " column");
    if (f[0].empty()) in.fail_here("source is empty");
    if (f[1].empty()) in.fail_here("target is empty");
    bool has_weight = f.size() > 2 && !f[2].empty();
    if (has_weight != weighted)
      in.fail_here(weighted ? "weight is missing (earlier rows have one)" : "a weight here, but not on earlier rows");
    if (weighted) {
      char* end = nullptr;
      double w = std::strtod(f[2].c_str(), &end);
      if (*end != '\0') in.fail_here("weight '" + f[2] + "' is not a number");
      if (!(w > 0) || !std::isfinite(w)) in.fail_here("weight " + f[2] + " must be a positive number");
      list.weights.push_back(w);
    }
    uint32_t a = node(f[0]), b = node(f[1]);
    list.edges.push_back({a, b});
    self_loops_only &= a == b;
  }
  if (list.edges.empty()) invalid_input(path + ": no edges (expected rows source,target[,weight])");
  if (self_loops_only) invalid_input(path + ": every edge is a self-loop: there is no network to measure");
  return list;
}

}  // namespace xinzhi::ingest
