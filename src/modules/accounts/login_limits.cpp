#include "modules/accounts/login_limits.h"

#include <algorithm>
#include <vector>

namespace xinzhi::accounts {

AddressThrottle::AddressThrottle(size_t limit, std::chrono::seconds window, size_t capacity)
    : limit_(limit), window_(window), capacity_(std::max<size_t>(capacity, 1)) {}

// A sliding window approximated by a fixed one per address: counts restart once the first
// failure of the window is older than the window.
void AddressThrottle::expire(Record& r, std::chrono::steady_clock::time_point now) {
  if (r.failures && now - r.first >= window_) r = Record{};
}

bool AddressThrottle::blocked(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto it = records_.find(address);
  if (it == records_.end()) return false;
  expire(it->second, std::chrono::steady_clock::now());
  return it->second.failures >= limit_;
}

// Erases the weakest tenth of `records` (by `weaker`) in one pass, so that a spray of new
// keys costs one scan per capacity/10 insertions rather than one per insertion.
template <class Map, class Weaker>
void evict_weakest_tenth(Map& records, size_t capacity, Weaker weaker) {
  std::vector<typename Map::iterator> all;
  all.reserve(records.size());
  for (auto it = records.begin(); it != records.end(); ++it) all.push_back(it);
  size_t n = std::min(all.size(), std::max<size_t>(1, capacity / 10));
  std::nth_element(all.begin(), all.begin() + (n - 1), all.end(), [&](auto a, auto b) { return weaker(a->second, b->second); });
  for (size_t i = 0; i < n; ++i) records.erase(all[i]);
}

void AddressThrottle::make_room(std::chrono::steady_clock::time_point now) {
  for (auto it = records_.begin(); it != records_.end();)
    if (it->second.failures == 0 || now - it->second.first >= window_)
      it = records_.erase(it);
    else
      ++it;
  if (records_.size() < capacity_) return;
  evict_weakest_tenth(records_, capacity_, [](const Record& a, const Record& b) {
    return a.failures != b.failures ? a.failures < b.failures : a.last < b.last;
  });
}

void AddressThrottle::failed(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  auto it = records_.find(address);
  if (it == records_.end()) {
    if (records_.size() >= capacity_) make_room(now);
    it = records_.emplace(address, Record{now, now, 0}).first;
  }
  expire(it->second, now);
  if (it->second.failures == 0) it->second.first = now;
  it->second.last = now;
  ++it->second.failures;
}

size_t AddressThrottle::tracked() {
  std::lock_guard lock(mutex_);
  return records_.size();
}

UnknownNameLockouts::UnknownNameLockouts(size_t capacity) : capacity_(std::max<size_t>(capacity, 1)) {}

UnknownNameLockouts& UnknownNameLockouts::process() {
  static UnknownNameLockouts instance;
  return instance;
}

namespace {
// Account names compare without ASCII case (the account table's NOCASE): so do invented ones,
// or "x" and "X" would answer differently for an invented name and alike for a real one.
std::string fold_case(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}
}  // namespace

int64_t UnknownNameLockouts::locked_until(const std::string& name_as_typed, int64_t now) {
  std::lock_guard lock(mutex_);
  auto it = records_.find(fold_case(name_as_typed));
  return it != records_.end() && it->second.locked_until > now ? it->second.locked_until : 0;
}

int64_t UnknownNameLockouts::failed(const std::string& name_as_typed, int64_t now, int lock_after, int64_t lock_seconds) {
  std::lock_guard lock(mutex_);
  const std::string name = fold_case(name_as_typed);
  auto it = records_.find(name);
  if (it == records_.end()) {
    if (records_.size() >= capacity_) {
      // Names neither locked nor failing recently go first, then the fewest failures.
      for (auto r = records_.begin(); r != records_.end();)
        if (r->second.locked_until <= now && now - r->second.last >= lock_seconds)
          r = records_.erase(r);
        else
          ++r;
      if (records_.size() >= capacity_)
        evict_weakest_tenth(records_, capacity_, [](const Record& a, const Record& b) {
          return std::pair(a.locked_until, a.failures) < std::pair(b.locked_until, b.failures);
        });
    }
    it = records_.emplace(name, Record{}).first;
  }
  auto& r = it->second;
  r.last = now;
  if (++r.failures < lock_after) return 0;
  r.failures = 0;
  r.locked_until = now + lock_seconds;
  return r.locked_until;
}

}  // namespace xinzhi::accounts
