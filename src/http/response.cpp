#include "http/response.hpp"

#include <nlohmann/json.hpp>

#include "http/parse.hpp"

namespace lumbung::http {

std::string_view Response::get_header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (iequals(n, name)) return v;
  }
  return {};
}

namespace {
Response make(unsigned status, const char* content_type, std::string body) {
  Response r;
  r.status = status;
  r.content_type = content_type;
  r.body = std::move(body);
  return r;
}
}  // namespace

Response Response::html(std::string body, unsigned status) { return make(status, "text/html; charset=utf-8", std::move(body)); }

Response Response::text(std::string body, unsigned status) { return make(status, "text/plain; charset=utf-8", std::move(body)); }

Response Response::json(std::string body, unsigned status) { return make(status, "application/json", std::move(body)); }

Response Response::redirect(std::string location, unsigned status) {
  Response r = make(status, "text/plain; charset=utf-8", {});
  r.cacheable = false;
  r.header("Location", std::move(location));
  return r;
}

Response Response::problem_body(std::string json, unsigned status) {
  Response r = make(status, "application/problem+json", std::move(json));
  r.cacheable = false;
  return r;
}

Response Response::problem(unsigned status, std::string_view title, std::string_view detail) {
  nlohmann::json body = {{"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
  return problem_body(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
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
