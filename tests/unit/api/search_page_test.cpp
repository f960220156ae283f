// Paging of the search API (cursor encoding, limit) and the problems made of
// read_search_params errors.
#include "api/search_handlers.hpp"

#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "directory/innovation_search.hpp"

namespace lumbung::api {
namespace {

http::Params params(std::initializer_list<std::pair<const char*, const char*>> items) {
  http::Params p;
  for (auto [k, v] : items) p.add(k, v);
  return p;
}

bool has_error(const SearchPage& page, const std::string& field, const std::string& key) {
  if (!page.problem) return false;
  for (const auto& e : page.problem->errors)
    if (e.field == field && e.key == key) return true;
  return false;
}

TEST(SearchCursor, IsBase64UrlOfTheVersionedOffset) {
  EXPECT_EQ(encode_search_cursor(0), "czE6MA");  // "s1:0"
  EXPECT_EQ(encode_search_cursor(20), "czE6MjA");  // "s1:20"
  EXPECT_EQ(decode_search_cursor("czE6MjA"), std::optional<std::size_t>(20));
  EXPECT_EQ(decode_search_cursor("czE6MTAwMDA"), std::optional<std::size_t>(kMaxSearchOffset));
}

TEST(SearchCursor, RoundTrips) {
  for (std::size_t offset : {0u, 1u, 7u, 20u, 99u, 100u, 1234u, 9999u, 10000u}) {
    const auto cursor = encode_search_cursor(offset);
    for (char c : cursor) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << cursor;
    EXPECT_EQ(decode_search_cursor(cursor), std::optional<std::size_t>(offset)) << cursor;
  }
}

TEST(SearchCursor, RejectsAnythingElse) {
  for (const char* bad : {"", "20", "czE6MjA=",  // padding
                          "czE6MjB",             // non-zero leftover bits
                          "czI6MjA",             // "s2:20": another version
                          "czE6MDIw",            // "s1:020": not canonical
                          "czE6LTE",             // "s1:-1"
                          "czE6",                // "s1:"
                          "czE6MjB4",            // "s1:20x"
                          "czE6MTAwMDE",         // "s1:10001": too deep
                          "c", "czE6Mj+A", "czE6Mj/A", "czE6 MjA", "%63zE6MjA",
                          "czE6MjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw"}) {
    EXPECT_EQ(decode_search_cursor(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(decode_search_cursor(std::string("czE6\0MjA", 8)), std::nullopt);
}

TEST(SearchPage, DefaultsToTheFirstTwenty) {
  auto page = parse_search_page({});
  ASSERT_FALSE(page.problem);
  EXPECT_EQ(page.offset, 0u);
  EXPECT_EQ(page.limit, 20u);
}

TEST(SearchPage, ReadsLimitAndCursor) {
  auto page = parse_search_page(params({{"limit", "100"}, {"cursor", "czE6MjA"}, {"q", "ktp"}}));
  ASSERT_FALSE(page.problem) << page.problem->detail;
  EXPECT_EQ(page.limit, 100u);
  EXPECT_EQ(page.offset, 20u);
  EXPECT_EQ(parse_search_page(params({{"limit", "1"}})).limit, 1u);
  EXPECT_FALSE(parse_search_page(params({{"cursor", ""}})).problem);  // an empty cursor is the first page
}

TEST(SearchPage, RejectsBadLimitsAndCursors) {
  EXPECT_TRUE(has_error(parse_search_page(params({{"limit", "0"}})), "limit", "error.out_of_range"));
  EXPECT_TRUE(has_error(parse_search_page(params({{"limit", "101"}})), "limit", "error.out_of_range"));
  EXPECT_TRUE(has_error(parse_search_page(params({{"limit", "-5"}})), "limit", "error.out_of_range"));
  EXPECT_TRUE(has_error(parse_search_page(params({{"limit", "abc"}})), "limit", "error.invalid_format"));
  EXPECT_TRUE(has_error(parse_search_page(params({{"limit", ""}})), "limit", "error.invalid_format"));
  EXPECT_TRUE(has_error(parse_search_page(params({{"limit", "20 "}})), "limit", "error.invalid_format"));
  EXPECT_TRUE(has_error(parse_search_page(params({{"limit", "99999999999999999999"}})), "limit", "error.invalid_format"));
  EXPECT_TRUE(has_error(parse_search_page(params({{"cursor", "nonsense!"}})), "cursor", "error.invalid_format"));
  auto both = parse_search_page(params({{"limit", "abc"}, {"cursor", "x"}}));
  ASSERT_TRUE(both.problem);
  EXPECT_EQ(both.problem->status, 400u);
  EXPECT_EQ(both.problem->errors.size(), 2u);
}

TEST(SearchParamsProblem, NamesTheParameterOfTheMessage) {
  auto p = search_params_problem(Error(ErrorCode::invalid, "sort: must be relevance, newest or replicated"));
  EXPECT_EQ(p.status, 400u);
  EXPECT_EQ(p.detail, "sort: must be relevance, newest or replicated");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].field, "sort");
  EXPECT_EQ(p.errors[0].key, "error.invalid_choice");

  p = search_params_problem(Error(ErrorCode::invalid, "year_from: must be between 1900 and 2100"));
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].field, "year_from");
  EXPECT_EQ(p.errors[0].key, "error.out_of_range");

  p = search_params_problem(Error(ErrorCode::invalid, "q: is too long"));
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].key, "error.too_long");

  p = search_params_problem(Error(ErrorCode::invalid, "sector: unknown value"));
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].field, "sector");
  EXPECT_EQ(p.errors[0].key, "error.invalid_choice");
}

TEST(SearchParamsProblem, NamesTheParameterOfEveryRealError) {
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  const std::vector<std::pair<Pairs, std::string>> cases = {
      {{{"sort", "popular"}}, "sort"},
      {{{"facets", "sector,nope"}}, "facets"},
      {{{"sector", "kes ehatan"}}, "sector"},
      {{{"year_from", "abc"}}, "year_from"},
      {{{"year_to", "1800"}}, "year_to"},
      {{{"year_from", "2024"}, {"year_to", "2020"}}, "year_to"},
      {{{"q", std::string(2001, 'a')}}, "q"},
  };
  for (const auto& [pairs, field] : cases) {
    auto request = directory::read_search_params(pairs);
    ASSERT_FALSE(request) << field;
    auto p = search_params_problem(request.error());
    EXPECT_EQ(p.status, 400u) << field;
    ASSERT_EQ(p.errors.size(), 1u) << request.error().message();
    EXPECT_EQ(p.errors[0].field, field) << request.error().message();
    EXPECT_EQ(p.errors[0].key.rfind("error.", 0), 0u) << p.errors[0].key;
    EXPECT_NE(english_message(p.errors[0].key), p.errors[0].key) << "no English text for " << p.errors[0].key;
  }
}

TEST(SearchParamsProblem, KeepsFieldErrorsAndToleratesOtherMessages) {
  auto p = search_params_problem(Error(ErrorCode::invalid, "bad", {{"year_to", "error.invalid_format"}}));
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].field, "year_to");
  EXPECT_EQ(p.errors[0].key, "error.invalid_format");
  p = search_params_problem(Error(ErrorCode::invalid, "no parameter named here"));
  EXPECT_EQ(p.status, 400u);
  EXPECT_TRUE(p.errors.empty());
  EXPECT_EQ(search_params_problem(Error(ErrorCode::invalid, "")).detail, "the query has invalid parameters");
}

}  // namespace
}  // namespace lumbung::api
