#include "api/problem.hpp"

#include <map>

namespace lumbung::api {

std::string status_title(unsigned status) {
  static const std::map<unsigned, std::string> kTitles = {
      {400, "Bad Request"},          {401, "Unauthorized"},          {403, "Forbidden"},
      {404, "Not Found"},            {405, "Method Not Allowed"},    {409, "Conflict"},
      {412, "Precondition Failed"},  {413, "Content Too Large"},     {415, "Unsupported Media Type"},
      {422, "Unprocessable Content"}, {428, "Precondition Required"}, {429, "Too Many Requests"},
      {500, "Internal Server Error"}, {503, "Service Unavailable"}};
  auto it = kTitles.find(status);
  return it == kTitles.end() ? "Error" : it->second;
}

std::string english_message(std::string_view key) {
  static const std::map<std::string, std::string, std::less<>> kMessages = {
      {"error.required", "is required"},
      {"error.too_long", "is too long"},
      {"error.invalid_choice", "is not one of the allowed values"},
      {"error.invalid_type", "has the wrong JSON type"},
      {"error.invalid_date", "must be a date YYYY-MM-DD"},
      {"error.invalid_email", "must be an email address"},
      {"error.out_of_range", "is out of range"},
      {"error.invalid_format", "has an invalid format"},
      {"error.unknown_region", "is not a known Kemendagri region code"},
      {"error.unknown_unit", "is not a unit of this region"},
      {"error.before_trial", "must not be before trial_date"},
      {"error.stale_version", "is not the current version"},
  };
  auto it = kMessages.find(key);
  return it == kMessages.end() ? std::string(key) : it->second;
}

nlohmann::json problem_json(const Problem& p) {
  nlohmann::json j = {{"type", "about:blank"},
                      {"title", p.title.empty() ? status_title(p.status) : p.title},
                      {"status", p.status},
                      {"detail", p.detail}};
  if (!p.errors.empty()) {
    auto& list = j["errors"] = nlohmann::json::array();
    for (const auto& e : p.errors)
      list.push_back({{"field", e.field}, {"message", english_message(e.key)}, {"key", e.key}});
  }
  return j;
}

http::Response problem_response(const Problem& p) {
  return http::Response::problem_body(problem_json(p).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                                      p.status);
}

http::Response problem_response(unsigned status, std::string detail) {
  return problem_response(Problem{status, {}, std::move(detail), {}});
}

Problem problem_from(const Error& error, unsigned invalid_status) {
  switch (error.code()) {
    case ErrorCode::invalid:
      return {invalid_status, {}, error.fields().empty() ? error.message() : "the request has invalid fields",
              error.fields()};
    case ErrorCode::not_found: return {404, {}, "no such innovation", {}};
    case ErrorCode::conflict: return {409, {}, error.message(), error.fields()};
    case ErrorCode::forbidden: return {403, {}, "you may not do this", {}};
    case ErrorCode::unauthenticated: return {401, {}, "authentication required", {}};
    case ErrorCode::too_many: return {429, {}, "too many requests; try again later", {}};
    case ErrorCode::unavailable: return {503, {}, "the service is busy; try again", {}};
    case ErrorCode::internal: break;
  }
  return {500, {}, "an unexpected error occurred", {}};
}

}  // namespace lumbung::api
