// RFC 9457 problem details (application/problem+json): how every API error
// leaves the server. Field errors carry the JSON field, an English message
// and the i18n key: {"field": "name", "message": "is required", "key": "error.required"}.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "http/response.hpp"

namespace lumbung::api {

struct Problem {
  unsigned status = 400;
  std::string title;   // short, per status ("Unprocessable Content")
  std::string detail;  // what went wrong with this request, in English
  std::vector<FieldError> errors;
};

// The standard title of an HTTP status ("Not Found").
std::string status_title(unsigned status);
// English text for an i18n error key ("error.required" -> "is required"); the key itself when unknown.
std::string english_message(std::string_view key);
// The problem document ({"type", "title", "status", "detail", "errors"?}).
nlohmann::json problem_json(const Problem& p);
// The response: problem_json, application/problem+json, not cacheable.
http::Response problem_response(const Problem& p);
http::Response problem_response(unsigned status, std::string detail);
// A domain error as a problem. `invalid_status` is what ErrorCode::invalid
// becomes (422 for a body that failed validation, 400 for a bad query).
// Internal errors never show their message.
Problem problem_from(const Error& error, unsigned invalid_status = 422);

}  // namespace lumbung::api
