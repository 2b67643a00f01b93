#include "modules/accounts/passwords.h"

#include <sodium.h>

#include "base/digest.h"
#include "base/error.h"
#include "base/text.h"

namespace xinzhi::accounts {

void check_new_password(const std::string& password) {
  if (password.size() < 10)
    fail_keyed(ErrorCode::InvalidInput, "password_too_short", {{"min", "10"}}, "the password is shorter than 10 characters");
  if (password.size() > 1024)
    fail_keyed(ErrorCode::InvalidInput, "password_too_long", {{"max", "1024"}}, "the password is longer than 1024 bytes");
  if (!text::is_valid_utf8(password))
    fail_keyed(ErrorCode::InvalidInput, "password_not_utf8", {}, "the password is not valid UTF-8");
  if (password.find_first_not_of(password[0]) == std::string::npos)
    fail_keyed(ErrorCode::InvalidInput, "password_one_character", {}, "the password repeats one character");
}

std::string hash_password(const std::string& password, const PasswordCost& cost) {
  random_token(1);  // makes sure libsodium is initialised
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.passes, cost.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    fail(ErrorCode::Unavailable, "not enough memory to hash a password");
  return out;
}

bool verify_password(const std::string& stored_hash, const std::string& password) {
  if (stored_hash.rfind("$argon2id$", 0) != 0) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& decoy_hash() {
  static const std::string h = hash_password(random_token(24));
  return h;
}

}  // namespace xinzhi::accounts
