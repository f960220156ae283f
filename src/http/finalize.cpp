#include "http/finalize.hpp"

#include <cstdint>
#include <ctime>

#include <boost/beast/http/status.hpp>

#include "http/gzip.hpp"
#include "http/parse.hpp"

namespace lumbung::http {
namespace {

bool has_header(const Response& res, std::string_view name) {
  for (const auto& [n, v] : res.headers) {
    if (iequals(n, name)) return true;
  }
  return false;
}

// Strips a weak prefix: W/"x" and "x" compare equal under weak comparison.
std::string_view opaque_tag(std::string_view tag) {
  tag = trim(tag);
  if (tag.size() >= 2 && (tag[0] == 'W' || tag[0] == 'w') && tag[1] == '/') tag.remove_prefix(2);
  return tag;
}

void append_clean(std::string& out, std::string_view s) {
  for (char c : s) out += (c == '\r' || c == '\n' || c == '\0') ? ' ' : c;
}

}  // namespace

std::string http_date(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buf, n);
}

std::string weak_etag(std::string_view body) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "W/\"";
  for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(h >> shift) & 0xf];
  out += '"';
  return out;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (etag.empty()) return false;
  std::string_view want = opaque_tag(etag);
  while (!if_none_match.empty()) {
    std::size_t comma = if_none_match.find(',');
    std::string_view tag = trim(if_none_match.substr(0, comma));
    if_none_match = comma == std::string_view::npos ? std::string_view{} : if_none_match.substr(comma + 1);
    if (tag == "*") return true;
    if (!tag.empty() && opaque_tag(tag) == want) return true;
  }
  return false;
}

void finalize_response(const Request& req, Response& res, std::chrono::system_clock::time_point now) {
  namespace bhttp = boost::beast::http;
  if (!req.request_id.empty() && !has_header(res, "X-Request-Id")) res.header("X-Request-Id", req.request_id);
  if (!has_header(res, "Cache-Control")) res.header("Cache-Control", "no-cache");

  bool get_like = req.method == bhttp::verb::get || req.method == bhttp::verb::head;
  bool gzip_candidate = res.cacheable && res.body.size() >= kGzipMinBytes &&
                        compressible_type(res.content_type) && !has_header(res, "Content-Encoding");
  if (gzip_candidate) res.header("Vary", "Accept-Encoding");

  if (get_like && res.status == 200 && res.cacheable) {
    std::string etag(res.get_header("ETag"));
    if (etag.empty()) {
      etag = weak_etag(res.body);
      res.header("ETag", etag);
    }
    std::string_view inm = req.header("If-None-Match");
    if (!inm.empty() && etag_matches(inm, etag)) {
      res.status = 304;
      res.body.clear();
      gzip_candidate = false;
    }
  }

  if (gzip_candidate && accepts_gzip(req.header("Accept-Encoding"))) {
    if (auto gz = gzip_compress(res.body)) {
      res.body = std::move(*gz);
      res.header("Content-Encoding", "gzip");
    }
  }
  if (!has_header(res, "Date")) res.header("Date", http_date(now));
}

std::string serialize_response(const Response& res, bool head_request, bool keep_alive) {
  namespace bhttp = boost::beast::http;
  bool no_body_status = (res.status >= 100 && res.status < 200) || res.status == 204 || res.status == 304;
  std::string out;
  out.reserve(256 + res.headers.size() * 48 + (head_request || no_body_status ? 0 : res.body.size()));
  out += "HTTP/1.1 ";
  out += std::to_string(res.status);
  out += ' ';
  std::string_view reason = bhttp::obsolete_reason(static_cast<bhttp::status>(res.status));
  out.append(reason == "<unknown-status>" ? "Status" : reason);
  out += "\r\n";
  if (!no_body_status && !res.content_type.empty() && !has_header(res, "Content-Type")) {
    out += "Content-Type: ";
    append_clean(out, res.content_type);
    out += "\r\n";
  }
  for (const auto& [name, value] : res.headers) {
    if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") || iequals(name, "Connection")) {
      continue;
    }
    append_clean(out, name);
    out += ": ";
    append_clean(out, value);
    out += "\r\n";
  }
  if (!no_body_status) out += "Content-Length: " + std::to_string(res.body.size()) + "\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  if (!head_request && !no_body_status) out += res.body;
  return out;
}

}  // namespace lumbung::http
