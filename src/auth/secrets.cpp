#include "auth/secrets.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace lumbung::auth {

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("init_sodium: libsodium failed to initialise");
}

PwhashLimits PwhashLimits::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PwhashLimits PwhashLimits::minimum() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

Result<std::string> hash_password(std::string_view password, const PwhashLimits& limits) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), limits.opslimit, limits.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return make_error(ErrorCode::internal, "hash_password: crypto_pwhash_str failed (out of memory?)");
  }
  return std::string(out);
}

bool verify_password(std::string_view encoded, std::string_view password) {
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string z(encoded);  // NUL-terminated copy
  return crypto_pwhash_str_verify(z.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view encoded, const PwhashLimits& limits) {
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string z(encoded);
  // 0: same parameters; 1: different; -1: not a valid hash for this algorithm.
  return crypto_pwhash_str_needs_rehash(z.c_str(), limits.opslimit, limits.memlimit) != 0;
}

std::string random_base64url(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  sodium_memzero(buf.data(), buf.size());
  return out;
}

std::string random_token() { return random_base64url(32); }

std::string sha256_hex(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

bool secrets_equal(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace lumbung::auth
