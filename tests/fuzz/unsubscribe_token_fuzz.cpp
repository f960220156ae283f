// Feeds arbitrary bytes to the unsubscribe-link parser
// (notify::parse_unsubscribe_token). It may not crash or throw; a token it
// accepts must have a positive user, a known category or digest frequency
// and a 32-character lower-case hex signature, and must be exactly the
// token rebuilt from those parts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "notify/mailer.hpp"

using namespace lumbung;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  const auto parts = notify::parse_unsubscribe_token(token);
  if (!parts) return 0;
  if (parts->user_id <= 0 || parts->signature.size() != 32) std::abort();
  if (!notify::parse_category(parts->what) && parts->what != "daily" && parts->what != "weekly") std::abort();
  if (std::to_string(parts->user_id) + "." + parts->what + "." + parts->signature != token) std::abort();
  return 0;
}
