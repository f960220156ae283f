#include "api/search_handlers.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "directory/innovation_search.hpp"
#include "search/search_index.hpp"
#include "web/innovation_view.hpp"

namespace lumbung::api {

namespace {

constexpr std::string_view kCursorVersion = "s1:";
constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    std::uint32_t n = (std::uint32_t(std::uint8_t(in[i])) << 16) | (std::uint32_t(std::uint8_t(in[i + 1])) << 8) |
                      std::uint8_t(in[i + 2]);
    out += kBase64Url[(n >> 18) & 63];
    out += kBase64Url[(n >> 12) & 63];
    out += kBase64Url[(n >> 6) & 63];
    out += kBase64Url[n & 63];
  }
  if (std::size_t rest = in.size() - i; rest > 0) {
    std::uint32_t n = std::uint32_t(std::uint8_t(in[i])) << 16;
    if (rest == 2) n |= std::uint32_t(std::uint8_t(in[i + 1])) << 8;
    out += kBase64Url[(n >> 18) & 63];
    out += kBase64Url[(n >> 12) & 63];
    if (rest == 2) out += kBase64Url[(n >> 6) & 63];
  }
  return out;
}

// Strict: the URL-safe alphabet, no padding, no leftover bits.
std::optional<std::string> base64url_decode(std::string_view in) {
  static const std::array<int, 256> kValue = [] {
    std::array<int, 256> v{};
    v.fill(-1);
    for (int i = 0; i < 64; ++i) v[static_cast<unsigned char>(kBase64Url[i])] = i;
    return v;
  }();
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(in.size() * 3 / 4);
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : in) {
    int v = kValue[static_cast<unsigned char>(c)];
    if (v < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  if (count > 0 && (bits & ((1u << count) - 1)) != 0) return std::nullopt;  // non-zero padding bits
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Characters (UTF-8 code points) of `s`.
std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool contains(std::string_view text, std::string_view word) { return text.find(word) != std::string_view::npos; }

http::Response json_response(const nlohmann::json& body, std::string_view cache_control) {
  auto r = http::Response::json(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  r.header("Cache-Control", std::string(cache_control));
  return r;
}

http::Response no_index() { return problem_response(503, "search is not available in this process"); }

// An engine failure: logged; 503 when retrying may help, 500 otherwise; a query
// the engine refuses is the client's (400), with no engine internals.
http::Response engine_problem(const web::Site& site, const http::RequestContext& ctx, const char* what,
                              const Error& error) {
  site.log->error("{} {}: search failed ({}): {}", ctx.request_id, what, to_string(error.code()), error.message());
  switch (error.code()) {
    case ErrorCode::invalid: return problem_response(400, "the query cannot be searched");
    case ErrorCode::unavailable:
    case ErrorCode::too_many: return problem_response(503, "search is busy; try again");
    default: return problem_response(500, "an unexpected error occurred");
  }
}

// The JSON of a search answer, and the next page's cursor.
nlohmann::json results_json(const search::Results& results, const SearchPage& page) {
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& match : results.hits) {
    auto hit = directory::hit_json(match);
    const std::string slug = hit.is_object() && hit.contains("slug") && hit["slug"].is_string() ? hit["slug"].get<std::string>() : "";
    hit["url"] = web::innovation_path(match.id, slug);
    hits.push_back(std::move(hit));
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [name, counts] : results.facets) {
    auto& list = facets[name] = nlohmann::json::array();
    for (const auto& c : counts) list.push_back({{"value", c.value}, {"count", c.count}});
  }
  nlohmann::json body = {{"total", results.total},
                         {"results", std::move(hits)},
                         {"facets", std::move(facets)},
                         {"suggestion", nullptr},
                         {"corrected", results.corrected},
                         {"ignored_words", results.ignored_words},
                         {"next_cursor", nullptr}};
  if (results.suggestion) body["suggestion"] = *results.suggestion;
  const std::size_t next = page.offset + page.limit;
  if (next < results.total && next <= kMaxSearchOffset) body["next_cursor"] = encode_search_cursor(next);
  return body;
}

// Runs the search for `request` (its parameters already read) on the page asked.
http::Response run_search(const web::Site& site, http::RequestContext& ctx, const char* what,
                          const directory::SearchRequest& request, search::QueryMode mode, const SearchPage& page) {
  auto query = directory::to_query(request, mode);
  query.offset = page.offset;
  query.limit = page.limit;
  const std::shared_ptr<const search::Synonyms> synonyms = site.synonyms.dictionary();  // alive during find()
  query.synonyms = synonyms.get();
  auto results = site.search->find(query);
  if (!results) return engine_problem(site, ctx, what, results.error());
  return json_response(results_json(*results, page), "public, max-age=30");
}

}  // namespace

std::string encode_search_cursor(std::size_t offset) {
  return base64url_encode(std::string(kCursorVersion) + std::to_string(offset));
}

std::optional<std::size_t> decode_search_cursor(std::string_view cursor) {
  if (cursor.empty() || cursor.size() > 32) return std::nullopt;
  auto text = base64url_decode(cursor);
  if (!text || text->size() <= kCursorVersion.size() || text->compare(0, kCursorVersion.size(), kCursorVersion) != 0)
    return std::nullopt;
  std::string_view digits = std::string_view(*text).substr(kCursorVersion.size());
  if (digits.size() > 9 || (digits.size() > 1 && digits.front() == '0')) return std::nullopt;
  std::size_t offset = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), offset);
  if (ec != std::errc() || end != digits.data() + digits.size() || offset > kMaxSearchOffset) return std::nullopt;
  return offset;
}

SearchPage parse_search_page(const http::Params& query) {
  SearchPage page;
  std::vector<FieldError> errors;
  if (auto v = query.get("limit")) {
    long long n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (v->empty() || v->size() > 18 || ec != std::errc() || end != v->data() + v->size())
      errors.push_back({"limit", "error.invalid_format"});
    else if (n < 1 || n > static_cast<long long>(directory::kMaxSearchLimit))
      errors.push_back({"limit", "error.out_of_range"});
    else
      page.limit = static_cast<std::size_t>(n);
  }
  if (auto v = query.get("cursor"); v && !v->empty()) {
    if (auto offset = decode_search_cursor(*v)) page.offset = *offset;
    else errors.push_back({"cursor", "error.invalid_format"});
  }
  if (!errors.empty()) page.problem = Problem{400, {}, "the query has invalid parameters", std::move(errors)};
  return page;
}

Problem search_params_problem(const Error& error) {
  Problem p{400, {}, error.message().empty() ? "the query has invalid parameters" : error.message(), {}};
  if (!error.fields().empty()) {
    p.errors = error.fields();
    return p;
  }
  const std::string& message = error.message();
  const auto colon = message.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 40) return p;
  const std::string field = message.substr(0, colon);
  const std::string_view text = std::string_view(message).substr(colon + 1);
  std::string key = "error.invalid_format";
  if (contains(text, "too long")) key = "error.too_long";
  else if (contains(text, "range") || contains(text, "between") || contains(text, "at least") ||
           contains(text, "at most") || contains(text, "1900") || contains(text, "before"))
    key = "error.out_of_range";
  else if (field == "sort" || field == "facets" ||
           std::any_of(directory::innovation_facets().begin(), directory::innovation_facets().end(),
                       [&](const search::FacetSpec& f) { return f.name == field; }))
    key = "error.invalid_choice";
  p.errors.push_back({field, key});
  return p;
}

http::Response get_search(const web::Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto page = parse_search_page(req.query);
  if (page.problem) return problem_response(*page.problem);
  auto request = directory::read_search_params(req.query.items());
  if (!request) return problem_response(search_params_problem(request.error()));
  if (!site.search) return no_index();
  return run_search(site, ctx, "search", *request, search::QueryMode::keywords, page);
}

http::Response get_solutions(const web::Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto page = parse_search_page(req.query);
  if (page.problem) return problem_response(*page.problem);
  const auto problem_text = req.query.get_or("problem", "");
  const auto described = trim(problem_text);
  if (described.empty())
    return problem_response(Problem{400, {}, "describe the problem in the `problem` parameter", {{"problem", "error.required"}}});
  if (problem_text.size() > kMaxProblemChars)
    return problem_response(Problem{400, {}, "problem: at most 2000 characters", {{"problem", "error.too_long"}}});
  // The filters, sort and facets as on /api/v1/search; the text is the problem.
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& item : req.query.items())
    if (item.first != "q" && item.first != "problem") params.push_back(item);
  auto request = directory::read_search_params(params);
  if (!request) return problem_response(search_params_problem(request.error()));
  request->q = std::string(described);
  if (!site.search) return no_index();
  return run_search(site, ctx, "solutions", *request, search::QueryMode::problem, page);
}

http::Response get_suggest(const web::Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto q = req.query.get_or("q", "");
  if (q.size() > kMaxSuggestChars)
    return problem_response(Problem{400, {}, "q: at most 200 characters", {{"q", "error.too_long"}}});
  nlohmann::json suggestions = nlohmann::json::array();
  const auto typed = trim(q);
  if (code_points(typed) >= 2) {
    if (!site.search) return no_index();
    auto matches = site.search->complete("innovation", std::string(typed), kSuggestLimit);
    if (!matches) return engine_problem(site, ctx, "suggest", matches.error());
    for (const auto& match : *matches) {
      if (suggestions.size() >= kSuggestLimit) break;
      auto hit = directory::hit_json(match);
      if (!hit.is_object()) continue;
      auto text = [&](const char* key) {
        return hit.contains(key) && hit[key].is_string() ? hit[key].get<std::string>() : std::string();
      };
      suggestions.push_back({{"id", match.id},
                             {"name", text("name")},
                             {"region_name", text("region_name")},
                             {"url", web::innovation_path(match.id, text("slug"))}});
    }
  }
  return json_response({{"suggestions", std::move(suggestions)}}, "public, max-age=60");
}

}  // namespace lumbung::api
