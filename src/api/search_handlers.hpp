// Search handlers of /api/v1: full-text search with facets
// (GET /api/v1/search), the problem finder (GET /api/v1/solutions) and
// suggestions while typing (GET /api/v1/suggest). The URL parameters are the
// search page's (directory/innovation_search.hpp) plus limit and cursor;
// every error is application/problem+json, never HTML. Responses are public
// and cacheable for a short time.
//
// Paging: `cursor` is opaque to clients: base64url (no padding) of
// "s1:<offset>", where "s1" is the cursor format version. A cursor of another
// version, a malformed one or an offset beyond kMaxSearchOffset is a 400.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "api/problem.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site.hpp"

namespace lumbung::api {

// Deepest result a cursor may point at: results past the first 10,000 of a
// query are not paged (narrow the query, or list with /api/v1/innovations).
inline constexpr std::size_t kMaxSearchOffset = 10000;
// Longest `problem` text /api/v1/solutions accepts, in bytes.
inline constexpr std::size_t kMaxProblemChars = 2000;
// Longest `q` /api/v1/suggest accepts, in bytes; suggestions need 2 characters.
inline constexpr std::size_t kMaxSuggestChars = 200;
inline constexpr std::size_t kSuggestLimit = 8;

// The cursor of the page starting at `offset`.
std::string encode_search_cursor(std::size_t offset);
// The offset of a cursor from encode_search_cursor; nullopt when it is not
// one (bad base64url, another version, not canonical, beyond kMaxSearchOffset).
std::optional<std::size_t> decode_search_cursor(std::string_view cursor);

struct SearchPage {
  std::size_t offset = 0;
  std::size_t limit = 20;
  std::optional<Problem> problem;  // 400 with field errors (limit, cursor)
};
// `limit` (1..100, default 20) and `cursor` of a search request.
SearchPage parse_search_page(const http::Params& query);

// The 400 problem for an error of directory::read_search_params: its field
// errors when it has some, otherwise one error for the parameter its message
// names ("sort: must be ..." -> field "sort", message "must be ...").
Problem search_params_problem(const Error& error);

http::Response get_search(const web::Site& site, const http::Request& req, http::RequestContext& ctx);
http::Response get_solutions(const web::Site& site, const http::Request& req, http::RequestContext& ctx);
http::Response get_suggest(const web::Site& site, const http::Request& req, http::RequestContext& ctx);

}  // namespace lumbung::api
