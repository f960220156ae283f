#include "web/url.hpp"

namespace lumbung::web {

bool is_local_path(std::string_view s) {
  if (s.empty() || s[0] != '/') return false;
  if (s.size() > 1 && (s[1] == '/' || s[1] == '\\')) return false;  // "//evil.example" is another host
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  return true;
}

}  // namespace lumbung::web
