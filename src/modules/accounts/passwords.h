// Password hashing with argon2id (libsodium's crypto_pwhash_str, which stores the algorithm,
// version, memory, passes and salt in the string) and the rules a new password must meet.
#pragma once
#include <cstddef>
#include <string>

namespace xinzhi::accounts {

// The documented cost (docs/access.md): 2 passes over 64 MiB, one lane — libsodium's
// "interactive" level and above OWASP's minimum for argon2id (19 MiB, 2 passes). About
// 0.1 s per hash on this project's 2-core machines. Tests pass a cheaper cost.
struct PasswordCost {
  unsigned long long passes = 2;
  size_t memory_bytes = size_t{64} << 20;
};

// InvalidInput unless 10 to 1024 bytes of valid UTF-8 that are not all one character.
void check_new_password(const std::string& password);
std::string hash_password(const std::string& password, const PasswordCost& cost = {});
// Constant-time with respect to the password; false for a malformed stored hash.
bool verify_password(const std::string& stored_hash, const std::string& password);
// A hash with the default cost, to verify against when the username is unknown, so that
// the answer takes as long as for a known one.
const std::string& decoy_hash();

}  // namespace xinzhi::accounts
