#include "http/gzip.hpp"

#include <zlib.h>

#include <cstdlib>

#include "http/parse.hpp"

namespace lumbung::http {

std::optional<std::string> gzip_compress(std::string_view data, int level) {
  z_stream zs{};
  // 15 window bits + 16: write a gzip header and trailer.
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  std::size_t written = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(written);
  return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
  bool star = false;
  std::optional<bool> gzip;
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    HeaderValue hv = parse_header_value(accept_encoding.substr(0, comma));
    accept_encoding = comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    bool refused = false;
    if (auto q = hv.param("q")) refused = std::strtod(q->c_str(), nullptr) <= 0.0;
    if (hv.value == "gzip" || hv.value == "x-gzip") gzip = !refused;
    if (hv.value == "*") star = !refused;
  }
  return gzip.value_or(star);
}

bool compressible_type(std::string_view content_type) {
  std::string type = parse_header_value(content_type).value;
  return type.rfind("text/", 0) == 0 || type == "application/json" || type == "application/javascript" ||
         type == "application/xml" || type == "image/svg+xml" || type == "application/problem+json";
}

}  // namespace lumbung::http
