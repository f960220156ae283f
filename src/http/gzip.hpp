// gzip response compression (zlib). Thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::http {

// Smallest body worth compressing.
inline constexpr std::size_t kGzipMinBytes = 1024;

// `data` as a gzip member (RFC 1952); nullopt only if zlib fails.
std::optional<std::string> gzip_compress(std::string_view data, int level = 6);
// Whether an Accept-Encoding header allows gzip (q=0 refuses; "*" counts).
bool accepts_gzip(std::string_view accept_encoding);
// text/*, application/json, application/javascript, application/xml, image/svg+xml.
bool compressible_type(std::string_view content_type);

}  // namespace lumbung::http
