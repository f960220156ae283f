#include "http/request.hpp"

#include "http/parse.hpp"

namespace lumbung::http {

std::optional<std::string> Params::get(std::string_view name) const {
  for (const auto& [n, v] : items_) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::string Params::get_or(std::string_view name, std::string_view fallback) const {
  auto v = get(name);
  return v ? *v : std::string(fallback);
}

std::vector<std::string> Params::get_all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : items_) {
    if (n == name) out.push_back(v);
  }
  return out;
}

std::string_view Request::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (iequals(n, name)) return v;
  }
  return {};
}

std::string Request::cookie(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (!iequals(n, "cookie")) continue;
    for (auto& [cn, cv] : parse_cookies(v)) {
      if (cn == name) return cv;
    }
  }
  return {};
}

Result<Params> Request::form() const {
  if (parse_header_value(header("content-type")).value != "application/x-www-form-urlencoded") {
    return Error(ErrorCode::invalid, "form: not application/x-www-form-urlencoded (content-type)");
  }
  return parse_query(body);
}

Result<std::vector<Part>> Request::multipart() const { return parse_multipart(body, header("content-type")); }

}  // namespace lumbung::http
