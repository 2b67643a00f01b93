// netmetrics: graph metrics for an analyst's own network (xinzhi graph metrics): the graph
// engine's betweenness, dominators, articulation points, bridges, k-core and components on
// an edge list, written as JSON with the node names.
#pragma once
#include <string>

#include "base/json_writer.h"
#include "ingest/edge_list.h"

namespace xinzhi::netmetrics {

struct MetricRequest {
  std::string metric;  // betweenness | dominators | articulation | bridges | kcore | scc
  bool directed = false;
  std::string root;     // dominators: the root's name
  size_t samples = 0;   // betweenness: 0 = exact, else sampled from this many sources
};

// Computes the metric and writes {"metric","directed","nodes","edges","values":[…]}.
void write_metric(JsonWriter& w, const ingest::EdgeList& graph, const MetricRequest& request);

}  // namespace xinzhi::netmetrics
