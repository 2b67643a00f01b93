#include "modules/netmetrics/network_metrics.h"

#include <algorithm>
#include <chrono>

#include "base/error.h"
#include "base/log.h"
#include "engines/graph/betweenness.h"
#include "engines/graph/components.h"
#include "engines/graph/cuts.h"
#include "engines/graph/dominators.h"

namespace xinzhi::netmetrics {

void write_metric(JsonWriter& w, const ingest::EdgeList& list, const MetricRequest& req) {
  auto start = std::chrono::steady_clock::now();
  // Logged for bench/graph_metrics.py, which compares this engine time with igraph's.
  auto log_time = [&] {
    spdlog::debug("graph metrics: {} computed in {:.6f} s", req.metric,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
  std::vector<graph::Edge> edges(list.edges.begin(), list.edges.end());
  const auto& names = list.names;
  graph::Digraph g(names.size(), edges, /*keep_parallel=*/true);
  w.begin_object()
      .field("metric", req.metric)
      .field("directed", req.directed)
      .field("nodes", uint64_t{names.size()})
      .field("edges", uint64_t{edges.size()});
  auto per_node = [&](const auto& values) {
    w.key("values").begin_array();
    for (size_t i = 0; i < names.size(); ++i) w.begin_object().field("id", names[i]).field("value", values[i]).end_object();
    w.end_array();
  };
  if (req.metric == "betweenness") {
    graph::Betweenness b(g, req.directed, list.weights, req.samples);
    b.run();
    log_time();
    w.field("weighted", !list.weights.empty()).field("samples", uint64_t{req.samples});
    per_node(b.scores());
  } else if (req.metric == "dominators") {
    if (!req.directed) invalid_input("dominators need a directed graph: add --directed");
    if (req.root.empty()) invalid_input("dominators need --root ID");
    auto it = std::find(names.begin(), names.end(), req.root);
    if (it == names.end()) invalid_input("root '" + req.root + "' is not a node of the graph");
    graph::DominatorTree d(g, static_cast<graph::NodeId>(it - names.begin()));
    d.run();
    log_time();
    w.field("root", req.root).key("values").begin_array();
    for (size_t i = 0; i < names.size(); ++i) {
      auto idom = d.idom()[i];
      w.begin_object().field("id", names[i]).field("reached", idom != graph::DominatorTree::kUnreachable).key("idom");
      idom >= 0 ? w.value(names[idom]) : w.null();
      w.end_object();
    }
    w.end_array();
  } else if (req.metric == "articulation" || req.metric == "bridges") {
    graph::CutStructure cuts(g);
    cuts.run();
    log_time();
    w.key("values").begin_array();
    if (req.metric == "articulation")
      for (auto u : cuts.articulation_points()) w.value(names[u]);
    else
      for (auto e : cuts.bridges())
        w.begin_array().value(names[edges[e].first]).value(names[edges[e].second]).end_array();
    w.end_array();
  } else if (req.metric == "kcore") {
    graph::CoreDecomposition cores(g);
    cores.run();
    log_time();
    per_node(cores.coreness());
  } else if (req.metric == "scc") {
    // Undirected: connected components, as the strongly connected ones of both directions.
    std::vector<graph::Edge> both = edges;
    if (!req.directed)
      for (auto [a, b] : edges) both.push_back({b, a});
    graph::Digraph h(names.size(), both);
    graph::StronglyConnectedComponents scc(h);
    scc.run();
    log_time();
    w.field("components", uint64_t{scc.count()});
    per_node(scc.component());
  } else {
    invalid_input("metric '" + req.metric + "' is not one of betweenness, dominators, articulation, bridges, kcore, scc");
  }
  w.end_object();
}

}  // namespace xinzhi::netmetrics
