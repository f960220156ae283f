// Ids as they appear in URLs and JSON: positive decimal integers.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace lumbung {

// A positive decimal id without sign, leading zeros or trailing text
// ("42"; not "042", "+42", "4x", ""), so each id has one spelling in a URL.
std::optional<std::int64_t> parse_id(std::string_view text);

}  // namespace lumbung
