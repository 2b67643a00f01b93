#include "server/streamed_body.h"

namespace xinzhi::server {

namespace {
// Rows are small; they are gathered into pieces this large before the lock is taken.
constexpr size_t kPiece = 16 * 1024;
}  // namespace

bool StreamedBody::write(std::string_view bytes) {
  pending_.append(bytes);
  if (pending_.size() < kPiece) {
    std::lock_guard lock(mutex_);
    return !cancelled_;
  }
  std::unique_lock lock(mutex_);
  flush(lock);
  return !cancelled_;
}

// Moves the pending bytes to the queue, waiting while the window is full; wakes the consumer.
void StreamedBody::flush(std::unique_lock<std::mutex>& lock) {
  room_.wait(lock, [&] { return cancelled_ || queued_ < window_; });
  if (cancelled_) {
    pending_.clear();
    return;
  }
  if (!pending_.empty()) {
    queued_ += pending_.size();
    queue_.push_back(std::move(pending_));
    pending_.clear();
  }
  auto ready = std::move(ready_);
  ready_ = nullptr;
  lock.unlock();
  if (ready) ready();
  lock.lock();
}

void StreamedBody::finish() {
  std::unique_lock lock(mutex_);
  // The last bytes go in first: marked finished while they wait for room, the body would
  // end for the reader without them.
  flush(lock);
  finished_ = true;
  auto ready = std::move(ready_);
  ready_ = nullptr;
  lock.unlock();
  if (ready) ready();
}

void StreamedBody::fail() {
  std::unique_lock lock(mutex_);
  failed_ = true;
  pending_.clear();
  auto ready = std::move(ready_);
  ready_ = nullptr;
  lock.unlock();
  if (ready) ready();
}

StreamedBody::Take StreamedBody::take(std::string& out, std::function<void()> ready) {
  std::lock_guard lock(mutex_);
  if (failed_ || cancelled_) return Take::Failed;
  if (!queue_.empty()) {
    out = std::move(queue_.front());
    queue_.pop_front();
    queued_ -= out.size();
    room_.notify_all();
    return Take::Data;
  }
  if (finished_) return Take::End;
  ready_ = std::move(ready);
  return Take::Wait;
}

void StreamedBody::cancel() {
  std::function<void()> ready;
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    queue_.clear();
    queued_ = 0;
    ready = std::move(ready_);  // dropped: it holds the connection
    ready_ = nullptr;
  }
  room_.notify_all();
}

}  // namespace xinzhi::server
