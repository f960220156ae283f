#include "web/format.hpp"

#include <gtest/gtest.h>

namespace lumbung::web {
namespace {

TEST(Format, DatetimeInEachLanguage) {
  EXPECT_EQ(format_datetime(1795500000, "id"), "24 Nov 2026 06.00 UTC");
  EXPECT_EQ(format_datetime(1795500000, "en"), "24 Nov 2026 06:00 UTC");
  EXPECT_EQ(format_datetime(1777593600, "id"), "1 Mei 2026 00.00 UTC");
}

TEST(Format, ShortUserAgent) {
  struct Case {
    const char* ua;
    const char* want;
  };
  const Case cases[] = {
      {"Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
       "Chrome 120 · Android"},
      {"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox 121 · Windows"},
      {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
       "Safari 17 · iPhone"},
      {"curl/8.4.0", "curl/8.4.0"},
      {"", "—"},
  };
  for (const auto& c : cases) EXPECT_EQ(short_user_agent(c.ua), c.want) << c.ua;
}

}  // namespace
}  // namespace lumbung::web
