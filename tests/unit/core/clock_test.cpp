#include "core/clock.hpp"
#include "core/result.hpp"

#include <gtest/gtest.h>

namespace lumbung {
namespace {

TEST(Clock, FormatsIso8601Utc) {
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(1795500000), "2026-11-24T06:00:00Z");
}

TEST(Clock, FakeClockAdvances) {
  FakeClock c(100);
  c.advance(5);
  EXPECT_EQ(c.now(), 105);
}

TEST(Result, CarriesValueOrError) {
  Result<int> good = 7;
  Result<int> bad = Error(ErrorCode::not_found, "get_x: no such x (7)");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::not_found);
  EXPECT_STREQ(to_string(bad.error().code()), "not_found");
  Status s;
  EXPECT_TRUE(s.ok());
  Status f = Error(ErrorCode::conflict, "x");
  EXPECT_FALSE(f.ok());
}

}  // namespace
}  // namespace lumbung

#include "core/ids.hpp"

namespace lumbung {
namespace {

TEST(Ids, OneSpellingPerPositiveId) {
  EXPECT_EQ(parse_id("42"), 42);
  EXPECT_EQ(parse_id("9223372036854775807"), INT64_MAX);
  for (auto bad : {"", "0", "042", "+42", "-42", "4x", " 42", "9223372036854775808", "4.2"})
    EXPECT_FALSE(parse_id(bad).has_value()) << bad;
}

}  // namespace
}  // namespace lumbung
