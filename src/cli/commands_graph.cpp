// xinzhi graph metrics and xinzhi series burst: engines on data an analyst brings.
#include <iostream>

#include "base/log.h"
#include "cli/commands.h"
#include "modules/foresight/burst_report.h"
#include "modules/netmetrics/network_metrics.h"

namespace xinzhi::cli {

void add_graph_commands(CLI::App& app, GlobalOptions& g) {
  auto* graph = app.add_subcommand("graph", "graph metrics on your own network (CSV edge list)");
  graph->require_subcommand(1);
  static std::string edges;
  static netmetrics::MetricRequest req;
  auto* metrics = graph->add_subcommand("metrics", "betweenness, dominators, articulation, bridges, kcore or scc");
  metrics->add_option("--edges", edges, "CSV with columns source,target[,weight]")->required();
  metrics->add_option("--metric", req.metric, "the metric")
      ->required()
      ->check(CLI::IsMember({"betweenness", "dominators", "articulation", "bridges", "kcore", "scc"}));
  metrics->add_flag("--directed", req.directed, "read edges as directed (default: undirected)");
  metrics->add_option("--root", req.root, "dominators: the root node");
  metrics->add_option("--samples", req.samples, "betweenness: sample this many sources (default: exact)");
  metrics->add_flag("--json", g.json, "print JSON (the only output form)");
  metrics->callback([&g] {
    log::configure(g.log_level);
    auto list = ingest::read_edge_list(edges);
    JsonWriter w;
    netmetrics::write_metric(w, list, req);
    std::cout << w.str() << "\n";
  });
}

void add_series_commands(CLI::App& app, GlobalOptions& g) {
  auto* series = app.add_subcommand("series", "time-series tools (technology foresight)");
  series->require_subcommand(1);
  static std::string counts;
  static foresight::BurstParameters p;
  auto* burst = series->add_subcommand("burst", "Kleinberg burst detection on counts per period (CiteSpace style)");
  burst->add_option("--counts", counts, "CSV with columns period,r,d in time order")->required();
  burst->add_option("--s", p.s, "burst rate as a multiple of the base rate (default 2)");
  burst->add_option("--gamma", p.gamma, "cost of going up, times ln n (default 1)");
  burst->add_option("--min-duration", p.min_duration, "shortest burst reported, in periods (default 1)");
  burst->add_flag("--json", g.json, "print JSON (the only output form)");
  burst->callback([] {
    JsonWriter w;
    foresight::write_burst_report(w, ingest::read_period_counts(counts), p);
    std::cout << w.str() << "\n";
  });
}

}  // namespace xinzhi::cli
