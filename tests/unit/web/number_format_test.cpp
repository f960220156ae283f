#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "web/format.hpp"

namespace lumbung::web {
namespace {

TEST(FormatNumber, GroupsThousandsPerLanguage) {
  EXPECT_EQ(format_number(0, "id"), "0");
  EXPECT_EQ(format_number(999, "id"), "999");
  EXPECT_EQ(format_number(1234, "id"), "1.234");
  EXPECT_EQ(format_number(1234, "en"), "1,234");
  EXPECT_EQ(format_number(2928000, "id"), "2.928.000");
  EXPECT_EQ(format_number(-1234567, "en"), "-1,234,567");
  EXPECT_EQ(format_number(std::numeric_limits<std::int64_t>::min(), "en"), "-9,223,372,036,854,775,808");
}

TEST(FormatWibDate, DayMonthYearInWib) {
  EXPECT_EQ(format_wib_date(1694451600, "id"), "12 Sep 2023");  // 00:00 WIB
  EXPECT_EQ(format_wib_date(1691020800, "id"), "3 Agu 2023");
  EXPECT_EQ(format_wib_date(1691020800, "en"), "3 Aug 2023");
  EXPECT_EQ(format_wib_date(1694451599, "en"), "11 Sep 2023");  // one second before midnight WIB
}

}  // namespace
}  // namespace lumbung::web
