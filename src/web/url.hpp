// URL helpers for links built by the web layer.
#pragma once

#include <string>
#include <string_view>

namespace lumbung::web {

// Percent-encodes everything but unreserved characters (RFC 3986) and '/'.
std::string url_encode(std::string_view s);
// True for a same-site path to redirect to: starts with one '/', no scheme,
// no backslash, no control characters.
bool is_local_path(std::string_view s);

}  // namespace lumbung::web
