// Runs the scheduled foresight heat maps (定期绘制) while the server serves: every tick it
// takes the snapshots that are due, on its own database connection.
#pragma once
#include <atomic>
#include <string>
#include <thread>

namespace xinzhi::server {

// Read by /metrics.
struct SchedulerStats {
  std::atomic<int64_t> runs_ok{0}, runs_failed{0}, snapshots{0};
};

class ForesightScheduler {
 public:
  // tick_seconds 0 turns the scheduler off.
  ForesightScheduler(std::string db_path, int tick_seconds) : db_path_(std::move(db_path)), tick_(tick_seconds) {}
  ~ForesightScheduler() { stop(); }
  void start();
  // Safe to call from a signal handler's thread: it only raises a flag; the loop notices it
  // within 100 ms and stop() joins it.
  void request_stop() { stopping_ = true; }
  void stop();
  const SchedulerStats& stats() const { return stats_; }

 private:
  void loop();
  std::string db_path_;
  int tick_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  SchedulerStats stats_;
};

}  // namespace xinzhi::server
