#include "directory/demo_seed.hpp"

#include <gtest/gtest.h>

#include "store/migrate.hpp"
#include "support/test_db.hpp"

namespace lumbung::directory {
namespace {

// Seeds `count` innovations into a fresh SQLite database; returns their names by id.
std::vector<std::string> seeded_names(std::uint64_t seed, int count) {
  std::string why;
  auto target = test::TestDatabase::create("sqlite", &why);
  EXPECT_TRUE(target) << why;
  auto db = target->open();
  EXPECT_TRUE(db.ok());
  EXPECT_TRUE(store::migrate(**db, test::source_migrations_dir()).ok());
  FakeClock clock(1'790'000'000);
  InnovationService service(**db, clock);
  SeedOptions options;
  options.seed = seed;
  options.count = count;
  options.batch = 7;  // several batches
  auto report = seed_demo(service, options);
  EXPECT_TRUE(report.ok()) << report.error().message();
  EXPECT_EQ(report->created, count);
  EXPECT_GT(report->units, 10000);
  std::vector<std::string> names;
  auto page = service.list(InnovationFilter{.state = ""}, PageRequest{200, ""});
  EXPECT_TRUE(page.ok());
  std::map<std::int64_t, std::string> by_id;
  for (const auto& i : page->items) {
    by_id[i.id] = i.name;
    EXPECT_FALSE(i.problem.empty());
    EXPECT_FALSE(i.region_name.empty());
    EXPECT_FALSE(i.unit_name.empty());
  }
  for (const auto& [id, name] : by_id) names.push_back(name);
  // A second run on the same database adds nothing.
  auto again = seed_demo(service, options);
  EXPECT_TRUE(again.ok());
  EXPECT_TRUE(again->already_seeded);
  return names;
}

TEST(DemoSeed, SameSeedSameInnovationsOtherSeedOthers) {
  const auto a = seeded_names(42, 25);
  const auto b = seeded_names(42, 25);
  const auto c = seeded_names(43, 25);
  ASSERT_EQ(a.size(), 25u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(DemoSeed, ProfilesHaveNaturalLength) {
  std::string why;
  auto target = test::TestDatabase::create("sqlite", &why);
  ASSERT_TRUE(target) << why;
  auto db = target->open();
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(store::migrate(**db, test::source_migrations_dir()).ok());
  FakeClock clock(1'790'000'000);
  InnovationService service(**db, clock);
  ASSERT_TRUE(seed_demo(service, 1, 50).ok());
  auto page = service.list(InnovationFilter{.state = ""}, PageRequest{100, ""});
  ASSERT_TRUE(page.ok());
  for (const auto& i : page->items) {
    const std::string text = i.summary + " " + i.problem + " " + i.solution + " " + i.novelty + " " +
                             i.beneficiaries + " " + i.results;
    const auto words = std::count(text.begin(), text.end(), ' ') + 1;
    EXPECT_GE(words, 150) << i.name;
    EXPECT_LE(words, 400) << i.name;
    EXPECT_TRUE(validate_for_review(i).empty()) << i.name;
  }
}

}  // namespace
}  // namespace lumbung::directory
