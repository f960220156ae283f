// Secrets through libsodium: argon2id password hashes, random tokens, their
// SHA-256 for storage, and constant-time comparison. Call init_sodium() once
// before anything else here (AccountService's constructor does).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace lumbung::auth {

// Initialises libsodium; idempotent and thread-safe. Throws std::runtime_error
// when the library cannot start (a failed start, not a runtime error).
void init_sodium();

// argon2id cost; the parameters are stored inside each encoded hash, so
// changing them only affects new hashes (and needs_rehash).
struct PwhashLimits {
  unsigned long long opslimit;
  std::size_t memlimit;
  static PwhashLimits interactive();  // crypto_pwhash_*LIMIT_INTERACTIVE (production default)
  static PwhashLimits minimum();      // crypto_pwhash_*LIMIT_MIN (tests only)
};

// "$argon2id$v=19$m=...,t=...,p=1$salt$hash". internal when libsodium fails
// (out of memory).
Result<std::string> hash_password(std::string_view password, const PwhashLimits& limits);
// True when `password` matches `encoded`; false for a mismatch or a malformed hash.
bool verify_password(std::string_view encoded, std::string_view password);
// True when `encoded` was made with other limits (or another algorithm).
bool needs_rehash(std::string_view encoded, const PwhashLimits& limits);

// 32 random bytes as URL-safe base64 without padding (43 characters).
std::string random_token();
// `bytes` random bytes, URL-safe base64 without padding.
std::string random_base64url(std::size_t bytes);
// Lower-case hex SHA-256 of `text` (64 characters): what is stored of a token.
std::string sha256_hex(std::string_view text);
// Constant-time for equal lengths; false when lengths differ or either is empty.
bool secrets_equal(std::string_view a, std::string_view b);

}  // namespace lumbung::auth
