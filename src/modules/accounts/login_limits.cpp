#include "modules/accounts/login_limits.h"
#include "base/clock.h"

#include <algorithm>
#include <chrono>

#include "modules/accounts/account_store.h"

namespace xinzhi::accounts {

namespace {
// Guards idle this long are forgotten whatever their window: a day covers every policy.
constexpr int64_t kForgetAfter = 24 * 3600;

// Account names compare without ASCII case (the account table's NOCASE): so do invented ones,
// or "x" and "X" would answer differently for an invented name and alike for a real one.
std::string fold_case(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}
}  // namespace

AddressThrottle::AddressThrottle(store::Database& db, int64_t limit, int64_t window_seconds,
                                 std::function<int64_t()> now)
    : store_(sql_account_store(db)), limit_(limit), window_(window_seconds), now_(std::move(now)) {}

AddressThrottle::~AddressThrottle() = default;

int64_t AddressThrottle::now() const { return now_ ? now_() : unix_seconds_now(); }

bool AddressThrottle::blocked(const std::string& address) {
  auto g = store_->login_guard("ip:" + address);
  return g && g->failures >= limit_ && now() - g->since_epoch < window_;
}

void AddressThrottle::failed(const std::string& address) {
  const int64_t t = now();
  store_->bookkeeping("failed sign-in from an address", [&](AccountWriter& w) {
    auto g = w.login_guard("ip:" + address);
    // A window counts from its first failure; a failure after it starts the next one.
    LoginGuard next = g && t - g->since_epoch < window_ ? *g : LoginGuard{0, t, 0};
    ++next.failures;
    w.set_login_guard("ip:" + address, next);
    w.prune_login_guards(t - std::max(window_, kForgetAfter));
  });
}

int64_t UnknownNameLockouts::locked_until(const std::string& name, int64_t now) {
  auto g = store_.login_guard("name:" + fold_case(name));
  return g && g->locked_until > now ? g->locked_until : 0;
}

int64_t UnknownNameLockouts::failed(const std::string& name, int64_t now, int lock_after, int64_t lock_seconds) {
  int64_t locked = 0;
  const std::string key = "name:" + fold_case(name);
  store_.bookkeeping("failed sign-in of a name that is no account", [&](AccountWriter& w) {
    LoginGuard g = w.login_guard(key).value_or(LoginGuard{0, now, 0});
    if (g.locked_until > now) return;  // a guess in flight when another locked the name
    if (g.failures == 0) g.since_epoch = now;
    if (++g.failures >= lock_after) {
      g.failures = 0;
      g.locked_until = locked = now + lock_seconds;
    }
    w.set_login_guard(key, g);
    w.prune_login_guards(now - std::max(lock_seconds, kForgetAfter));
  });
  return locked;
}

}  // namespace xinzhi::accounts
