// core/text: trim, UTF-8 character counts, calendar dates.
#include <gtest/gtest.h>

#include "core/text.hpp"

namespace lumbung {
namespace {

TEST(Text, TrimDropsSpacesTabsAndLineEnds) {
  EXPECT_EQ(trim("  Puskesmas\t\r\n"), "Puskesmas");
  EXPECT_EQ(trim("a b"), "a b");
  EXPECT_EQ(trim(" \t\r\n"), "");
  EXPECT_EQ(trim(""), "");
}

TEST(Text, CharCountCountsCodePoints) {
  EXPECT_EQ(char_count("abc"), 3u);
  EXPECT_EQ(char_count("Café"), 4u);
  EXPECT_EQ(char_count("日本"), 2u);
  EXPECT_EQ(char_count(""), 0u);
}

TEST(Text, ValidIsoDateKnowsTheCalendar) {
  struct Case {
    const char* text;
    bool valid;
  };
  for (const auto& c : std::vector<Case>{{"2024-02-29", true},
                                         {"2023-02-29", false},
                                         {"2000-02-29", true},
                                         {"1900-02-29", false},
                                         {"2024-04-31", false},
                                         {"2024-12-31", true},
                                         {"2024-13-01", false},
                                         {"2024-00-10", false},
                                         {"2024-01-00", false},
                                         {"2024-1-01", false},
                                         {"2024/01/01", false},
                                         {"20x4-01-01", false},
                                         {"1899-12-31", false},
                                         {"3000-01-01", false},
                                         {"", false}})
    EXPECT_EQ(valid_iso_date(c.text), c.valid) << c.text;
  EXPECT_FALSE(valid_iso_date("1999-01-01", 2000, 2100));
  EXPECT_TRUE(valid_iso_date("2100-01-01", 2000, 2100));
}

}  // namespace
}  // namespace lumbung
