#include "http/response.hpp"

#include "http/parse.hpp"

namespace lumbung::http {

std::string_view Response::get_header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (iequals(n, name)) return v;
  }
  return {};
}

Response Response::html(std::string body, unsigned status) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Response Response::text(std::string body, unsigned status) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Response Response::json(std::string body, unsigned status) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

Response Response::redirect(std::string location, unsigned status) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.cacheable = false;
  r.header("Location", std::move(location));
  return r;
}

std::string set_cookie_value(std::string_view name, std::string_view value, int max_age_seconds,
                             bool http_only, bool secure) {
  std::string out;
  out.append(name).append("=").append(value).append("; Path=/");
  if (http_only) out += "; HttpOnly";
  out += "; SameSite=Lax";
  if (secure) out += "; Secure";
  if (max_age_seconds >= 0) out += "; Max-Age=" + std::to_string(max_age_seconds);
  return out;
}

}  // namespace lumbung::http
