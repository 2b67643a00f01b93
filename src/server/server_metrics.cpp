#include "server/server_metrics.h"
#include "base/clock.h"

#include <unistd.h>

#include <chrono>
#include <fstream>

#include "server/foresight_scheduler.h"
#include "server/worker_pool.h"

namespace xinzhi::server {

namespace {
int64_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

void family(std::string& out, const char* name, const char* type, const char* help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n# TYPE ").append(name).append(" ").append(type).append("\n");
}
void sample(std::string& out, const std::string& name, const std::string& labels, double value) {
  char number[64];
  snprintf(number, sizeof number, "%.17g", value);
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(number).append("\n");
}
}  // namespace

std::string prometheus_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

ServerMetrics::ServerMetrics() : started_unix_(unix_seconds_now()) {}

void ServerMetrics::record(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  auto& l = latency_[{method, route}];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++l.buckets[i];
  ++l.count;
  l.sum += seconds;
}

std::string ServerMetrics::render(const ConnectionStats& c, const WorkerPool& pool, const SchedulerStats& s) const {
  std::string out;
  {
    std::lock_guard lock(mutex_);
    family(out, "xinzhi_http_requests_total", "counter", "HTTP requests answered, by method, route pattern and status.");
    for (const auto& [key, n] : requests_) {
      const auto& [method, route, status] = key;
      std::string labels = "method=\"" + prometheus_label(method) + "\",route=\"" + prometheus_label(route) +
                           "\",status=\"" + std::to_string(status) + "\"";
      sample(out, "xinzhi_http_requests_total", labels, static_cast<double>(n));
    }
    family(out, "xinzhi_http_request_duration_seconds", "histogram",
           "Time from the end of the request header to the response being ready, by method and route.");
    for (const auto& [key, l] : latency_) {
      std::string labels = "method=\"" + prometheus_label(key.first) + "\",route=\"" + prometheus_label(key.second) + "\"";
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        char le[32];
        snprintf(le, sizeof le, "%g", kBuckets[i]);
        sample(out, "xinzhi_http_request_duration_seconds_bucket", labels + ",le=\"" + le + "\"", static_cast<double>(l.buckets[i]));
      }
      sample(out, "xinzhi_http_request_duration_seconds_bucket", labels + ",le=\"+Inf\"", static_cast<double>(l.count));
      sample(out, "xinzhi_http_request_duration_seconds_sum", labels, l.sum);
      sample(out, "xinzhi_http_request_duration_seconds_count", labels, static_cast<double>(l.count));
    }
  }
  family(out, "xinzhi_http_open_connections", "gauge", "Client connections open now.");
  sample(out, "xinzhi_http_open_connections", "", static_cast<double>(c.open.load()));
  family(out, "xinzhi_http_connections_total", "counter", "Client connections accepted.");
  sample(out, "xinzhi_http_connections_total", "", static_cast<double>(c.accepted.load()));
  family(out, "xinzhi_http_connections_refused_total", "counter", "Connections closed on accept: the connection limit was reached.");
  sample(out, "xinzhi_http_connections_refused_total", "", static_cast<double>(c.refused.load()));
  family(out, "xinzhi_http_timeouts_total", "counter", "Connections closed by a deadline, by what was awaited.");
  sample(out, "xinzhi_http_timeouts_total", "phase=\"idle\"", static_cast<double>(c.idle_timeouts.load()));
  sample(out, "xinzhi_http_timeouts_total", "phase=\"header\"", static_cast<double>(c.header_timeouts.load()));
  sample(out, "xinzhi_http_timeouts_total", "phase=\"body\"", static_cast<double>(c.body_timeouts.load()));
  sample(out, "xinzhi_http_timeouts_total", "phase=\"write\"", static_cast<double>(c.write_timeouts.load()));
  family(out, "xinzhi_worker_queue_length", "gauge", "API requests waiting for a worker thread.");
  sample(out, "xinzhi_worker_queue_length", "", static_cast<double>(pool.queued()));
  family(out, "xinzhi_worker_busy", "gauge", "Worker threads running a handler now.");
  sample(out, "xinzhi_worker_busy", "", static_cast<double>(pool.busy()));
  family(out, "xinzhi_scheduler_runs_total", "counter", "Checks for due foresight schedules, by outcome.");
  sample(out, "xinzhi_scheduler_runs_total", "outcome=\"ok\"", static_cast<double>(s.runs_ok.load()));
  sample(out, "xinzhi_scheduler_runs_total", "outcome=\"failed\"", static_cast<double>(s.runs_failed.load()));
  family(out, "xinzhi_scheduler_snapshots_total", "counter", "Heat-map snapshots taken by schedules.");
  sample(out, "xinzhi_scheduler_snapshots_total", "", static_cast<double>(s.snapshots.load()));
  family(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
  sample(out, "process_resident_memory_bytes", "", static_cast<double>(resident_bytes()));
  family(out, "process_start_time_seconds", "gauge", "Start time of the server since the Unix epoch in seconds.");
  sample(out, "process_start_time_seconds", "", static_cast<double>(started_unix_));
  return out;
}

}  // namespace xinzhi::server
