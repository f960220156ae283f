// Pure parsing of API input: query strings, JSON bodies, If-Match. No I/O;
// each returns either a value or the Problem to answer with.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/problem.hpp"
#include "directory/innovation.hpp"
#include "core/ids.hpp"
#include "http/request.hpp"

namespace lumbung::api {

inline constexpr int kDefaultLimit = 20;
inline constexpr int kMaxLimit = 100;

struct ListQuery {
  directory::InnovationFilter filter;  // state is always "published"
  directory::PageRequest page;
  std::optional<Problem> problem;  // set when the query is bad (400, with field errors)
};

// GET /api/v1/innovations query: province_code, region_code, unit_id, sector,
// form, stage, status, source_program, digital=true|false, award=true|false,
// award_program, year, limit (1..100, default 20), cursor. Unknown parameters
// are ignored; a bad value of a known one is a 400 naming the parameter.
ListQuery parse_list_query(const http::Params& query);

struct JsonBody {
  nlohmann::json value;            // an object when problem is empty
  std::optional<Problem> problem;  // 415 (not application/json), 400 (malformed JSON, not an object)
};
// The request body as a JSON object. Content-Type must be application/json
// (parameters such as charset allowed, case-insensitive).
JsonBody parse_json_body(std::string_view content_type, std::string_view body);

struct ExpectedVersion {
  std::int64_t version = 0;        // the version the client last saw
  std::optional<Problem> problem;  // 400 (malformed), 428 (neither given)
};
// The version a PUT expects, from `If-Match: "<version>"` (a weak W/ prefix
// is accepted) or else the body's integer `version` field. Neither: 428.
// A header and a body field that disagree: 400.
ExpectedVersion parse_expected_version(std::string_view if_match, const nlohmann::json& body);

using ::lumbung::parse_id;  // core/ids.hpp

}  // namespace lumbung::api
