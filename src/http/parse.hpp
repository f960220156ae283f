// Parsers for the parts of a request that come from outside: percent-encoding,
// query strings and urlencoded forms, Cookie headers, header parameters and
// multipart/form-data bodies. Pure functions: they never throw, never log, and
// report bad input as Error{ErrorCode::invalid, "<operation>: <problem> (<key>)"}.
// Thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "http/request.hpp"

namespace lumbung::http {

// Decodes %XX escapes (and '+' as a space when `plus_as_space`). A '%' not
// followed by two hex digits gives nullopt. Decoded bytes may include NUL.
std::optional<std::string> percent_decode(std::string_view in, bool plus_as_space);

// "a=1&b=x%20y&c" -> [(a,1),(b,"x y"),(c,"")]. '+' is a space; empty pieces are
// skipped; names may repeat. Invalid on a bad %-escape.
Result<Params> parse_query(std::string_view query);

// "a=1; b=\"two\"" -> [(a,1),(b,two)]. Pieces without '=' or with an empty name
// are skipped; values are not percent-decoded.
std::vector<std::pair<std::string, std::string>> parse_cookies(std::string_view header);

// A header value with parameters, e.g. `form-data; name="f"; filename="a.txt"`.
struct HeaderValue {
  std::string value;                                        // "form-data", lower-cased
  std::vector<std::pair<std::string, std::string>> params;  // names lower-cased, values unquoted
  // First parameter value by (lower-case) name.
  std::optional<std::string> param(std::string_view name) const;
};
HeaderValue parse_header_value(std::string_view header);

// The boundary of a `multipart/form-data; boundary=...` Content-Type (quoted or
// not, 1..70 chars); nullopt for another type or a missing/invalid boundary.
std::optional<std::string> multipart_boundary(std::string_view content_type);

struct MultipartLimits {
  std::size_t max_parts = 1000;               // more parts is invalid
  std::size_t max_part_header_bytes = 8192;   // header block of one part
};

// Parses a multipart/form-data body. Invalid when the boundary is missing, the
// closing delimiter is missing, a part has no name, a part's header is malformed
// or there are more than `limits.max_parts` parts.
Result<std::vector<Part>> parse_multipart(std::string_view body, std::string_view content_type,
                                          MultipartLimits limits = {});
// The same with a known boundary (without the leading "--").
Result<std::vector<Part>> parse_multipart_body(std::string_view body, std::string_view boundary,
                                               MultipartLimits limits = {});

// ASCII case-insensitive equality, and whitespace (SP/HTAB) trimming.
bool iequals(std::string_view a, std::string_view b);
std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);

}  // namespace lumbung::http
