#include "web/ttl_cache.hpp"

#include <gtest/gtest.h>

#include <map>

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

TEST(TtlMap, EachKeyRecomputesAfterItsTtlAndTheMapStaysWithinCapacity) {
  FakeClock clock(1000);
  TtlMap<int, int> cache(clock, 10, 3);
  std::map<int, int> calls;
  auto compute = [&](int key) { return [&, key]() -> Result<int> { return key * 100 + ++calls[key]; }; };
  EXPECT_EQ(*cache.get(1, compute(1)), 101);
  EXPECT_EQ(*cache.get(2, compute(2)), 201);
  clock.advance(5);
  EXPECT_EQ(*cache.get(1, compute(1)), 101);  // still fresh
  EXPECT_EQ(*cache.get(3, compute(3)), 301);
  clock.advance(5);
  EXPECT_EQ(*cache.get(1, compute(1)), 102);  // 10 s old: computed again
  // Full: a new key pushes out the one that expires soonest (2, then 3).
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(*cache.get(4, compute(4)), 401);
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(*cache.get(3, compute(3)), 301);  // kept
  EXPECT_EQ(*cache.get(2, compute(2)), 202);  // was evicted
  // Failures are not cached.
  int attempts = 0;
  auto fail = [&]() -> Result<int> {
    ++attempts;
    return Error(ErrorCode::unavailable, "x");
  };
  EXPECT_FALSE(cache.get(9, fail).ok());
  EXPECT_FALSE(cache.get(9, fail).ok());
  EXPECT_EQ(attempts, 2);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace lumbung::web
