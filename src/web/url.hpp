// URL helpers for links built by the web layer.
#pragma once

#include <string>
#include <string_view>

#include "core/url.hpp"  // url_encode

namespace lumbung::web {

// True for a same-site path to redirect to: starts with one '/', no scheme,
// no backslash, no control characters.
bool is_local_path(std::string_view s);

}  // namespace lumbung::web
