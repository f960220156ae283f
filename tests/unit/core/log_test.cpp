#include "core/log.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace lumbung {
namespace {

TEST(Log, JsonFormatWritesOneParsableObjectPerLine) {
  testing::internal::CaptureStderr();
  {
    auto log = make_logger("lumbung", "info", "json");
    log->info("plain message");
    log->warn("quote \" backslash \\ newline \n tab \t bell \x07 unicode é");
    log->debug("below the level: not written");
    log->flush();
  }
  const std::string out = testing::internal::GetCapturedStderr();
  std::vector<nlohmann::json> lines;
  std::size_t start = 0;
  while (start < out.size()) {
    auto end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    auto parsed = nlohmann::json::parse(out.substr(start, end - start), nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << out.substr(start, end - start);
    lines.push_back(parsed);
    start = end + 1;
  }
  ASSERT_EQ(lines.size(), 2u) << out;
  EXPECT_EQ(lines[0].value("msg", ""), "plain message");
  EXPECT_EQ(lines[0].value("level", ""), "info");
  EXPECT_EQ(lines[0].value("logger", ""), "lumbung");
  EXPECT_EQ(lines[0].value("time", "").size(), std::string("2026-01-01T00:00:00.000Z").size());
  EXPECT_EQ(lines[1].value("msg", ""), "quote \" backslash \\ newline \n tab \t bell \x07 unicode é");
  EXPECT_EQ(lines[1].value("level", ""), "warning");
}

TEST(Log, TextFormatIsTheDefault) {
  testing::internal::CaptureStderr();
  {
    auto log = make_logger("lumbung", "info", "text");
    log->info("hello");
    log->flush();
  }
  const std::string out = testing::internal::GetCapturedStderr();
  EXPECT_NE(out.find(" info lumbung hello"), std::string::npos) << out;
}

}  // namespace
}  // namespace lumbung
