#include "directory/innovation_search.hpp"

#include <algorithm>
#include <charconv>

#include "core/url.hpp"

namespace lumbung::directory {
namespace {

constexpr std::size_t kMaxQueryChars = 2000;
constexpr std::size_t kMaxValuesPerFacet = 50;
constexpr std::size_t kMaxValueChars = 64;
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;

bool known_facet(const std::string& name) {
  const auto& facets = innovation_facets();
  return std::any_of(facets.begin(), facets.end(), [&](const search::FacetSpec& f) { return f.name == name; });
}

bool valid_value(const std::string& v) {
  if (v.empty() || v.size() > kMaxValueChars) return false;
  return std::all_of(v.begin(), v.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto end = comma == std::string::npos ? text.size() : comma;
    auto piece = text.substr(start, end - start);
    const auto first = piece.find_first_not_of(' ');
    const auto last = piece.find_last_not_of(' ');
    if (first != std::string::npos) out.push_back(piece.substr(first, last - first + 1));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Error param_error(const std::string& name, const std::string& message) {
  return Error(ErrorCode::invalid, name + ": " + message);
}

Result<int> read_year(const std::string& name, const std::string& text) {
  int year = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, year);
  if (ec != std::errc() || ptr != end || year < kMinYear || year > kMaxYear)
    return param_error(name, "must be a year between 1900 and 2100");
  return year;
}

std::string escape_html(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

const std::vector<search::FacetSpec>& innovation_facets() {
  static const std::vector<search::FacetSpec> facets = {
      {"province", "XP"}, {"region_type", "XK"}, {"sector", "XS"}, {"form", "XF"},  {"digital", "XD"},
      {"stage", "XT"},    {"status", "XU"},      {"source", "XO"}, {"award", "XA"},  {"year", "XY"},
      {"verified", "XV"}, {"replicable", "XW"},
  };
  return facets;
}

Result<SearchRequest> read_search_params(const std::vector<std::pair<std::string, std::string>>& params) {
  SearchRequest request;
  bool facets_given = false;
  for (const auto& [name, value] : params) {
    if (name == "q") {
      if (value.size() > kMaxQueryChars) return param_error("q", "is too long (at most 2000 characters)");
      request.q = value;
    } else if (name == "sort") {
      if (value != "relevance" && value != "newest" && value != "replicated")
        return param_error("sort", "must be relevance, newest or replicated");
      request.sort = value;
    } else if (name == "year_from" || name == "year_to") {
      if (value.empty()) continue;
      auto year = read_year(name, value);
      if (!year) return year.error();
      (name == "year_from" ? request.year_from : request.year_to) = *year;
    } else if (name == "facets") {
      facets_given = true;
      for (const auto& f : split_commas(value)) {
        if (!known_facet(f)) return param_error("facets", "unknown facet " + f);
        if (std::find(request.facets.begin(), request.facets.end(), f) == request.facets.end())
          request.facets.push_back(f);
      }
    } else if (known_facet(name)) {
      auto& values = request.filters[name];
      for (const auto& v : split_commas(value)) {
        if (!valid_value(v)) return param_error(name, "invalid value");
        if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
        if (values.size() > kMaxValuesPerFacet) return param_error(name, "too many values (at most 50)");
      }
      if (values.empty()) request.filters.erase(name);
    }
  }
  if (request.year_from != 0 && request.year_to != 0 && request.year_from > request.year_to)
    return param_error("year_to", "must not be before year_from");
  if (!facets_given)
    for (const auto& f : innovation_facets()) request.facets.push_back(f.name);
  return request;
}

search::Query to_query(const SearchRequest& request, search::QueryMode mode) {
  search::Query q;
  q.text = request.q;
  q.mode = mode;
  q.filters = request.filters;
  q.facets = request.facets;
  if (request.year_from != 0 || request.year_to != 0) {
    const int from = request.year_from != 0 ? request.year_from : 1900;
    const int to = request.year_to != 0 ? request.year_to : 2100;
    std::vector<std::string> years;
    const auto given = request.filters.find("year");
    for (int y = from; y <= to; ++y) {
      const auto v = std::to_string(y);
      if (given == request.filters.end() ||
          std::find(given->second.begin(), given->second.end(), v) != given->second.end())
        years.push_back(v);
    }
    if (years.empty()) years.push_back("none");  // an empty range matches nothing
    q.filters["year"] = std::move(years);
  }
  const bool blank = request.q.find_first_not_of(" \t\r\n") == std::string::npos;
  if (request.sort == "newest" || (request.sort == "relevance" && blank)) {
    q.sort_slot = kSlotPublishedAt;
  } else if (request.sort == "replicated") {
    q.sort_slot = kSlotReplications;
  }
  return q;
}

std::string search_query_string(const SearchRequest& request, const std::pair<std::string, std::string>& without,
                                const std::pair<std::string, std::string>& with) {
  std::string out;
  auto add = [&](const std::string& name, const std::string& value) {
    if (!out.empty()) out += '&';
    out += name + "=" + url_encode(value);
  };
  if (!request.q.empty()) add("q", request.q);
  for (const auto& f : innovation_facets()) {
    const auto found = request.filters.find(f.name);
    if (found != request.filters.end())
      for (const auto& v : found->second)
        if (!(without.first == f.name && without.second == v) && !(with.first == f.name && with.second == v))
          add(f.name, v);
    if (with.first == f.name) add(f.name, with.second);
  }
  if (request.year_from != 0) add("year_from", std::to_string(request.year_from));
  if (request.year_to != 0) add("year_to", std::to_string(request.year_to));
  if (request.sort != "relevance") add("sort", request.sort);
  return out;
}

nlohmann::json hit_json(const search::Match& match) {
  auto data = nlohmann::json::parse(match.data, nullptr, false);
  if (!data.is_object()) data = nlohmann::json::object();
  nlohmann::json hit = {{"id", match.id}};
  for (const char* key : {"name", "slug", "region_code", "region_name", "unit_name", "sector", "summary"})
    hit[key] = data.contains(key) && data[key].is_string() ? data[key] : nlohmann::json("");
  hit["year_started"] = data.contains("year_started") && data["year_started"].is_number_integer()
                            ? data["year_started"]
                            : nlohmann::json(nullptr);
  hit["digital"] = data.contains("digital") && data["digital"].is_boolean() ? data["digital"] : nlohmann::json(false);
  hit["score"] = match.score;
  std::string plain, html;
  for (const auto& part : match.snippet) {
    plain += part.text;
    html += part.hit ? "<mark>" + escape_html(part.text) + "</mark>" : escape_html(part.text);
  }
  hit["snippet"] = plain;
  hit["snippet_html"] = html;
  auto words = [&](const char* prefix) {
    const auto found = match.matched_words.find(prefix);
    return found == match.matched_words.end() ? nlohmann::json::array() : nlohmann::json(found->second);
  };
  hit["matched"] = {{"anywhere", words("")}, {"problem", words("P")}, {"solution", words("L")}};
  return hit;
}

}  // namespace lumbung::directory
