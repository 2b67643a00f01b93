// What /metrics reports, in the Prometheus text format (version 0.0.4): requests by method,
// route pattern and status, latency histograms per route, connections, the worker queue,
// scheduled foresight runs and the process's memory.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "server/http_listener.h"

namespace xinzhi::server {

struct SchedulerStats;
class WorkerPool;

class ServerMetrics {
 public:
  ServerMetrics();
  // Route is the matched pattern ("/api/chains/([^/]+)/atlas"), "static", "unmatched" or
  // "refused": a bounded set, whatever paths clients send.
  void record(const std::string& method, const std::string& route, int status, double seconds);
  // The page; the listener, pool and scheduler are read at the moment of the scrape.
  std::string render(const ConnectionStats& connections, const WorkerPool& pool, const SchedulerStats& scheduler) const;

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    5};

 private:
  struct Latency {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Latency> latency_;
  int64_t started_unix_ = 0;
};

// A label value with \, " and newline escaped as the text format requires.
std::string prometheus_label(const std::string& value);

}  // namespace xinzhi::server
