// SHA-256 digests, random tokens and constant-time comparison (libsodium underneath): the
// primitives behind session tokens, API tokens and the hash-chained audit trail.
#pragma once
#include <string>
#include <string_view>

namespace xinzhi {

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);
// `bytes` random bytes from the operating system's CSPRNG, as unpadded base64url.
std::string random_token(size_t bytes = 32);
// Equality that takes the same time wherever the strings first differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace xinzhi
