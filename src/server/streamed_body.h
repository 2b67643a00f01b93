// StreamedBody: a response body handed, a window at a time, from the worker thread that
// writes it (a whole audit trail as CSV) to the I/O thread that sends it as HTTP chunks, so
// that a large answer never sits whole in memory and a slow client slows its writer down.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace xinzhi::server {

// What a handler writes a streamed body into (Response::produce).
class BodyWriter {
 public:
  virtual ~BodyWriter() = default;
  // False once the client is gone or too slow: the writer should stop.
  virtual bool write(std::string_view bytes) = 0;
};

class StreamedBody : public BodyWriter {
 public:
  // window: the most bytes waiting to be sent before write() blocks.
  explicit StreamedBody(size_t window = 256 * 1024) : window_(window) {}

  // Producer side (the worker thread).
  bool write(std::string_view bytes) override;
  void finish();  // the body is complete
  void fail();    // the body cannot be completed: the client must see it cut short

  // Consumer side (the connection's strand).
  enum class Take { Data, End, Failed, Wait };
  // Data: `out` holds the next bytes. End: all sent. Failed: stop and close. Wait: nothing yet;
  // `ready` is called (on the producer's thread) once there is.
  Take take(std::string& out, std::function<void()> ready);
  // The client is gone: write() returns false from now on and a blocked one wakes.
  void cancel();

 private:
  void flush(std::unique_lock<std::mutex>& lock);
  const size_t window_;
  std::string pending_;  // the producer's own buffer, handed over in pieces of kPiece
  std::mutex mutex_;
  std::condition_variable room_;
  std::deque<std::string> queue_;
  size_t queued_ = 0;
  bool finished_ = false, failed_ = false, cancelled_ = false;
  std::function<void()> ready_;
};

}  // namespace xinzhi::server
