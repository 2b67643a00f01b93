// Limits on guessing, kept in the database so that every server process in front of one
// database counts the same failures: failed sign-ins per client address, and the lockout of
// names that are no account, which mirrors the stored lockout of real accounts so that the
// answers to a real and an invented name cannot be told apart.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "store/database.h"

namespace xinzhi::accounts {

class AccountStore;

// Past `limit` failures within `window_seconds` of the first, an address is refused until
// that window ends. A table row per address that failed lately; rows past their window go.
class AddressThrottle {
 public:
  explicit AddressThrottle(store::Database& db, int64_t limit = 30, int64_t window_seconds = 600,
                           std::function<int64_t()> now = {});
  ~AddressThrottle();
  bool blocked(const std::string& address);
  void failed(const std::string& address);

 private:
  int64_t now() const;
  std::unique_ptr<AccountStore> store_;
  int64_t limit_, window_;
  std::function<int64_t()> now_;
};

// Consecutive wrong passwords for a name that is no account (case folded as usernames are):
// the `lock_after`th locks the name for `lock_seconds`, as Sessions does for a real account.
class UnknownNameLockouts {
 public:
  explicit UnknownNameLockouts(AccountStore& store) : store_(store) {}
  // The epoch second until which the name is locked, or 0.
  int64_t locked_until(const std::string& name, int64_t now);
  // Counts a failure; returns the new lock's end when this failure locked the name, else 0.
  int64_t failed(const std::string& name, int64_t now, int lock_after, int64_t lock_seconds);

 private:
  AccountStore& store_;
};

}  // namespace xinzhi::accounts
