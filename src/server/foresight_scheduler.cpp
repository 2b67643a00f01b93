#include "server/foresight_scheduler.h"

#include <chrono>

#include "base/error.h"
#include "base/log.h"
#include "modules/foresight/snapshots.h"
#include "store/audit_trail.h"
#include "store/database.h"

namespace xinzhi::server {

void ForesightScheduler::start() {
  if (tick_ <= 0 || thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void ForesightScheduler::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void ForesightScheduler::loop() {
  using namespace std::chrono;
  store::ActingAs scheduler(store::Actor{0, "scheduler", 0, "", "scheduler"});
  auto next = steady_clock::now();
  while (!stopping_) {
    if (steady_clock::now() >= next) {
      next = steady_clock::now() + seconds(tick_);
      try {
        store::Database db(db_path_);
        int64_t now = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
        for (int64_t id : foresight::ForesightSnapshots(db).run_due(now)) {
          spdlog::info("foresight schedule: snapshot {} taken", id);
          ++stats_.snapshots;
        }
        ++stats_.runs_ok;
      } catch (const std::exception& e) {
        ++stats_.runs_failed;
        // A failing schedule (say, a query whose region was renamed) must not stop the server.
        spdlog::error("foresight schedule failed: {}", e.what());
      }
    }
    std::this_thread::sleep_for(milliseconds(100));
  }
}

}  // namespace xinzhi::server
