// Percent-encoding for links and query strings, shared by the layers that
// build URLs (web pages, search links).
#pragma once

#include <string>
#include <string_view>

namespace lumbung {

// Percent-encodes everything but unreserved characters (RFC 3986) and '/'.
std::string url_encode(std::string_view s);

}  // namespace lumbung
