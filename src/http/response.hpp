// What a handler returns. The server adds Date, Content-Length, compression,
// ETag/304 and the access-log line; middleware adds security headers.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lumbung::http {

struct Response {
  unsigned status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Whether the server may compress and ETag this body (off for streamed files
  // already compressed, and for responses that must not be cached).
  bool cacheable = true;

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  // First value of a header set on this response; empty if none.
  std::string_view get_header(std::string_view name) const;

  static Response html(std::string body, unsigned status = 200);
  static Response text(std::string body, unsigned status = 200);
  static Response json(std::string body, unsigned status = 200);
  static Response redirect(std::string location, unsigned status = 303);
  // An RFC 9457 problem document (application/problem+json), not cacheable:
  // {"type":"about:blank","title","status","detail"}.
  static Response problem(unsigned status, std::string_view title, std::string_view detail);
  // The same content type and caching for a problem document built elsewhere.
  static Response problem_body(std::string json, unsigned status);
};

// "name=value; Path=/; HttpOnly; SameSite=Lax[; Secure][; Max-Age=N]"
std::string set_cookie_value(std::string_view name, std::string_view value, int max_age_seconds,
                             bool http_only, bool secure);

}  // namespace lumbung::http
