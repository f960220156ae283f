#include "web/ttl_cache.hpp"

#include <gtest/gtest.h>

namespace lumbung::web {
namespace {

TEST(TtlCache, RecomputesOnlyAfterTheTtlAndNeverCachesFailures) {
  FakeClock clock(1000);
  TtlCache<int> cache(clock, 5);
  int calls = 0;
  auto compute = [&]() -> Result<int> { return ++calls; };
  EXPECT_EQ(*cache.get(compute), 1);
  clock.advance(4);
  EXPECT_EQ(*cache.get(compute), 1);
  clock.advance(1);
  EXPECT_EQ(*cache.get(compute), 2);
  cache.invalidate();
  EXPECT_EQ(*cache.get(compute), 3);

  TtlCache<int> failing(clock, 5);
  int attempts = 0;
  auto fail = [&]() -> Result<int> {
    ++attempts;
    return Error(ErrorCode::unavailable, "x");
  };
  EXPECT_FALSE(failing.get(fail).ok());
  EXPECT_FALSE(failing.get(fail).ok());
  EXPECT_EQ(attempts, 2);
}

}  // namespace
}  // namespace lumbung::web
