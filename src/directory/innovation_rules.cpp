#include <algorithm>

#include "directory/innovation_service.hpp"

namespace lumbung::directory {

namespace {
constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxSummary = 2000;
constexpr const char* kStates[] = {"draft", "review", "published", "archived"};
}  // namespace

std::vector<FieldError> validate_draft(const InnovationDraft& d) {
  std::vector<FieldError> errors;
  auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
  if (blank(d.name)) errors.push_back({"name", "error.required"});
  else if (d.name.size() > kMaxName) errors.push_back({"name", "error.too_long"});
  if (d.summary.size() > kMaxSummary) errors.push_back({"summary", "error.too_long"});
  if (std::none_of(std::begin(kStates), std::end(kStates), [&](const char* s) { return d.state == s; }))
    errors.push_back({"state", "error.invalid_choice"});
  return errors;
}

}  // namespace lumbung::directory
