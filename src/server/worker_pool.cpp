#include "server/worker_pool.h"

namespace xinzhi::server {

WorkerPool::WorkerPool(size_t threads, size_t max_queued) : max_queued_(max_queued) {
  for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

bool WorkerPool::try_submit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (closing_ || jobs_.size() >= max_queued_) return false;
    jobs_.push_back(std::move(job));
    queued_ = jobs_.size();
  }
  ready_.notify_one();
  return true;
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (closing_ && threads_.empty()) return;
    closing_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void WorkerPool::work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return !jobs_.empty() || closing_; });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      queued_ = jobs_.size();
    }
    ++busy_;
    job();
    --busy_;
  }
}

}  // namespace xinzhi::server
