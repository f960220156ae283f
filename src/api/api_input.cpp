#include "api/api_input.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

#include "directory/innovation_rules.hpp"

namespace lumbung::api {

namespace {

std::optional<long long> parse_integer(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  long long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(std::string_view text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return std::nullopt;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

ListQuery parse_list_query(const http::Params& q) {
  ListQuery out;
  out.filter.state = "published";
  out.page.limit = kDefaultLimit;
  std::vector<FieldError> errors;
  auto text = [&](const char* name, std::string& field, std::size_t max, bool (*valid)(std::string_view)) {
    auto v = q.get(name);
    if (!v || v->empty()) return;
    if (v->size() > max) errors.push_back({name, "error.too_long"});
    else if (valid && !valid(*v)) errors.push_back({name, "error.invalid_choice"});
    else field = *v;
  };
  text("province_code", out.filter.province_code, 20, nullptr);
  text("region_code", out.filter.region_code, 20, nullptr);
  text("sector", out.filter.sector, 60, nullptr);
  text("form", out.filter.form, 40, directory::is_form);
  text("stage", out.filter.stage, 40, directory::is_stage);
  text("status", out.filter.status, 40, directory::is_status);
  text("source_program", out.filter.source_program, 40, directory::is_source_program);
  text("award_program", out.filter.award_program, 40, directory::is_source_program);
  auto flag = [&](const char* name, std::optional<bool>& field) {
    auto v = q.get(name);
    if (!v || v->empty()) return;
    if (auto b = parse_bool(*v)) field = *b;
    else errors.push_back({name, "error.invalid_choice"});
  };
  flag("digital", out.filter.digital);
  flag("award", out.filter.awarded);
  if (auto v = q.get("unit_id"); v && !v->empty()) {
    if (auto id = parse_id(*v)) out.filter.unit_id = *id;
    else errors.push_back({"unit_id", "error.invalid_format"});
  }
  if (auto v = q.get("year"); v && !v->empty()) {
    auto y = parse_integer(*v);
    if (!y) errors.push_back({"year", "error.invalid_format"});
    else if (*y < 1900 || *y > 2100) errors.push_back({"year", "error.out_of_range"});
    else out.filter.year = static_cast<int>(*y);
  }
  if (auto v = q.get("limit")) {
    auto n = parse_integer(*v);
    if (!n) errors.push_back({"limit", "error.invalid_format"});
    else if (*n < 1 || *n > kMaxLimit) errors.push_back({"limit", "error.out_of_range"});
    else out.page.limit = static_cast<int>(*n);
  }
  if (auto v = q.get("cursor")) {
    if (v->size() > 64) errors.push_back({"cursor", "error.invalid_format"});
    else out.page.cursor = *v;
  }
  if (!errors.empty())
    out.problem = Problem{400, {}, "the query has invalid parameters", std::move(errors)};
  return out;
}

JsonBody parse_json_body(std::string_view content_type, std::string_view body) {
  JsonBody out;
  auto type = lower(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type != "application/json") {
    out.problem = Problem{415, {}, "the body must be application/json", {}};
    return out;
  }
  out.value = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (out.value.is_discarded()) {
    out.problem = Problem{400, {}, "the body is not valid JSON", {}};
  } else if (!out.value.is_object()) {
    out.problem = Problem{400, {}, "the body must be a JSON object", {}};
  }
  return out;
}

ExpectedVersion parse_expected_version(std::string_view if_match, const nlohmann::json& body) {
  ExpectedVersion out;
  std::optional<std::int64_t> from_header, from_body;
  if (!if_match.empty()) {
    std::string_view tag = if_match;
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
    from_header = parse_id(tag);
    if (!from_header) {
      out.problem = Problem{400, {}, "If-Match must be the innovation's version in quotes, e.g. \"3\"", {}};
      return out;
    }
  }
  if (auto it = body.find("version"); body.is_object() && it != body.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() <= 0) {
      out.problem = Problem{422, {}, "the request has invalid fields", {{"version", "error.invalid_type"}}};
      return out;
    }
    from_body = it->get<std::int64_t>();
  }
  if (from_header && from_body && *from_header != *from_body) {
    out.problem = Problem{400, {}, "If-Match and the body's version disagree", {}};
    return out;
  }
  if (!from_header && !from_body) {
    out.problem = Problem{428, {}, "send If-Match: \"<version>\" (or the body's version field) to update", {}};
    return out;
  }
  out.version = from_header ? *from_header : *from_body;
  return out;
}

}  // namespace lumbung::api
