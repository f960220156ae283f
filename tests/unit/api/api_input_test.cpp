// Pure parsing of API input: query strings, JSON bodies, If-Match, problems.
#include "api/api_input.hpp"

#include <gtest/gtest.h>

namespace lumbung::api {
namespace {

http::Params params(std::initializer_list<std::pair<const char*, const char*>> items) {
  http::Params p;
  for (auto [k, v] : items) p.add(k, v);
  return p;
}

TEST(ParseListQuery, DefaultsArePublishedAndTwenty) {
  auto q = parse_list_query({});
  ASSERT_FALSE(q.problem);
  EXPECT_EQ(q.filter.state, "published");
  EXPECT_EQ(q.page.limit, 20);
  EXPECT_EQ(q.page.cursor, "");
}

TEST(ParseListQuery, ReadsEveryFilter) {
  auto q = parse_list_query(params({{"province_code", "73"}, {"region_code", "73.72"}, {"sector", "kesehatan"},
                                    {"form", "tata_kelola"}, {"digital", "false"}, {"stage", "uji_coba"},
                                    {"status", "berhenti"}, {"source_program", "iga"}, {"award", "true"},
                                    {"award_program", "kipp"}, {"year", "2021"}, {"unit_id", "7"}, {"limit", "100"},
                                    {"cursor", "1700000000.42"}, {"state", "draft"}}));
  ASSERT_FALSE(q.problem) << q.problem->detail;
  EXPECT_EQ(q.filter.state, "published");  // a query cannot ask for drafts
  EXPECT_EQ(q.filter.province_code, "73");
  EXPECT_EQ(q.filter.region_code, "73.72");
  EXPECT_EQ(q.filter.sector, "kesehatan");
  EXPECT_EQ(q.filter.form, "tata_kelola");
  EXPECT_EQ(q.filter.digital, std::optional<bool>(false));
  EXPECT_EQ(q.filter.stage, "uji_coba");
  EXPECT_EQ(q.filter.status, "berhenti");
  EXPECT_EQ(q.filter.source_program, "iga");
  EXPECT_EQ(q.filter.awarded, std::optional<bool>(true));
  EXPECT_EQ(q.filter.award_program, "kipp");
  EXPECT_EQ(q.filter.year, 2021);
  EXPECT_EQ(q.filter.unit_id, 7);
  EXPECT_EQ(q.page.limit, 100);
  EXPECT_EQ(q.page.cursor, "1700000000.42");
}

TEST(ParseListQuery, BadValuesName400Fields) {
  static const std::string long_sector(61, 's');
  const std::vector<std::pair<std::pair<const char*, const char*>, const char*>> cases = {
      {{"limit", "0"}, "limit"},         {{"limit", "101"}, "limit"},     {{"limit", ""}, "limit"},
      {{"limit", "1e2"}, "limit"},       {{"limit", "99999999999999999999"}, "limit"},
      {{"digital", "yes"}, "digital"},   {{"award", "2"}, "award"},       {{"year", "abc"}, "year"},
      {{"year", "99999"}, "year"},       {{"stage", "x"}, "stage"},       {{"form", "x"}, "form"},
      {{"status", "x"}, "status"},       {{"source_program", "x"}, "source_program"},
      {{"unit_id", "-1"}, "unit_id"},    {{"unit_id", "007"}, "unit_id"}, {{"sector", long_sector.c_str()}, "sector"},
  };
  for (const auto& [param, field] : cases) {
    auto q = parse_list_query(params({param}));
    ASSERT_TRUE(q.problem) << param.first << "=" << param.second;
    EXPECT_EQ(q.problem->status, 400u);
    ASSERT_EQ(q.problem->errors.size(), 1u);
    EXPECT_EQ(q.problem->errors[0].field, field);
  }
}

TEST(ParseJsonBody, ChecksTypeSyntaxAndShape) {
  struct Case {
    const char* type;
    const char* body;
    unsigned status;  // 0 = accepted
  };
  const Case cases[] = {
      {"application/json", "{\"name\":\"x\"}", 0},
      {"application/json; charset=utf-8", "{}", 0},
      {"Application/JSON", "{}", 0},
      {"", "{}", 415},
      {"text/plain", "{}", 415},
      {"application/x-www-form-urlencoded", "name=x", 415},
      {"application/jsonx", "{}", 415},
      {"application/json", "", 400},
      {"application/json", "{\"name\":", 400},
      {"application/json", "[]", 400},
      {"application/json", "null", 400},
      {"application/json", "42", 400},
      {"application/json", "{} {}", 400},
  };
  for (const auto& c : cases) {
    auto b = parse_json_body(c.type, c.body);
    if (c.status == 0) {
      EXPECT_FALSE(b.problem) << c.type << " " << c.body;
      EXPECT_TRUE(b.value.is_object());
    } else {
      ASSERT_TRUE(b.problem) << c.type << " " << c.body;
      EXPECT_EQ(b.problem->status, c.status) << c.type << " " << c.body;
    }
  }
}

TEST(ParseExpectedVersion, HeaderOrBodyElse428) {
  const auto none = nlohmann::json::object();
  const nlohmann::json v3 = {{"version", 3}};
  struct Case {
    const char* if_match;
    nlohmann::json body;
    std::int64_t version;
    unsigned status;  // 0 = accepted
  };
  const Case cases[] = {
      {"\"3\"", none, 3, 0},  {"W/\"4\"", none, 4, 0},     {"5", none, 5, 0},     {"", v3, 3, 0},
      {"\"3\"", v3, 3, 0},    {"", none, 0, 428},          {"\"abc\"", none, 0, 400}, {"\"0\"", none, 0, 400},
      {"\"4\"", v3, 0, 400},  {"", {{"version", "3"}}, 0, 422}, {"", {{"version", -1}}, 0, 422},
      {"", {{"version", nullptr}}, 0, 428},
  };
  for (const auto& c : cases) {
    auto e = parse_expected_version(c.if_match, c.body);
    if (c.status == 0) {
      EXPECT_FALSE(e.problem) << c.if_match << " " << c.body;
      EXPECT_EQ(e.version, c.version) << c.if_match << " " << c.body;
    } else {
      ASSERT_TRUE(e.problem) << c.if_match << " " << c.body;
      EXPECT_EQ(e.problem->status, c.status) << c.if_match << " " << c.body;
    }
  }
}

TEST(ParseId, PositiveDecimalsOnly) {
  EXPECT_EQ(parse_id("42"), std::optional<std::int64_t>(42));
  for (auto bad : {"", "0", "-1", "+1", "01", "1a", "abc", "99999999999999999999", " 1"})
    EXPECT_FALSE(parse_id(bad)) << bad;
}

TEST(Problem, JsonHasTheRfcMembersAndEnglishFieldMessages) {
  auto j = problem_json(Problem{422, {}, "the request has invalid fields", {{"name", "error.required"}}});
  EXPECT_EQ(j["type"], "about:blank");
  EXPECT_EQ(j["title"], "Unprocessable Content");
  EXPECT_EQ(j["status"], 422);
  EXPECT_EQ(j["errors"][0]["field"], "name");
  EXPECT_EQ(j["errors"][0]["message"], "is required");
  EXPECT_EQ(j["errors"][0]["key"], "error.required");
  EXPECT_FALSE(problem_json(Problem{404, {}, "x", {}}).contains("errors"));
  auto r = problem_response(409, "stale");
  EXPECT_EQ(r.status, 409u);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_FALSE(r.cacheable);
}

TEST(Problem, DomainErrorsMapToStatuses) {
  EXPECT_EQ(problem_from(Error(ErrorCode::invalid, "x", {{"a", "error.required"}})).status, 422u);
  EXPECT_EQ(problem_from(Error(ErrorCode::invalid, "x"), 400).status, 400u);
  EXPECT_EQ(problem_from(Error(ErrorCode::not_found, "x")).status, 404u);
  EXPECT_EQ(problem_from(Error(ErrorCode::conflict, "x")).status, 409u);
  EXPECT_EQ(problem_from(Error(ErrorCode::forbidden, "x")).status, 403u);
  EXPECT_EQ(problem_from(Error(ErrorCode::unavailable, "x")).status, 503u);
  auto internal = problem_from(Error(ErrorCode::internal, "secret: stack"));
  EXPECT_EQ(internal.status, 500u);
  EXPECT_EQ(internal.detail.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace lumbung::api
