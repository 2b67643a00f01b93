// The threads that run API handlers (database work, analyses), apart from the I/O threads so
// that a slow analysis never stalls reading, writing or /api/health. Bounded: when the queue
// is full a request is answered 503 at once instead of waiting without limit.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace xinzhi::server {

class WorkerPool {
 public:
  WorkerPool(size_t threads, size_t max_queued);
  ~WorkerPool() { shutdown(); }
  // False when the queue is full or the pool is shutting down (the job is not run).
  bool try_submit(std::function<void()> job);
  // Runs what is queued, then joins the threads. Idempotent.
  void shutdown();
  size_t queued() const { return queued_.load(); }
  size_t busy() const { return busy_.load(); }

 private:
  void work();
  size_t max_queued_;
  std::vector<std::thread> threads_;
  std::deque<std::function<void()>> jobs_;
  std::mutex mutex_;
  std::condition_variable ready_;
  bool closing_ = false;
  std::atomic<size_t> queued_{0}, busy_{0};
};

}  // namespace xinzhi::server
