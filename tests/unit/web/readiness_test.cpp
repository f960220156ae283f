#include "web/readiness.hpp"

#include <gtest/gtest.h>

namespace lumbung::web {
namespace {

ReadinessFacts healthy() {
  ReadinessFacts f;
  f.database_reachable = true;
  f.schema_files_version = 7;
  f.schema_database_version = 7;
  f.has_index = true;
  f.outbox_head = 500;
  f.index_position = 500;
  return f;
}

std::vector<std::string> not_ready(const Readiness& r) {
  return r.body.at("not_ready").get<std::vector<std::string>>();
}

TEST(Readiness, AllGoodIsReady) {
  const auto r = assess_readiness(healthy());
  EXPECT_TRUE(r.ready);
  EXPECT_EQ(r.body.at("status"), "ready");
  EXPECT_EQ(r.body.at("database"), "ok");
  EXPECT_EQ(r.body.at("migrations"), "ok");
  EXPECT_EQ(r.body.at("index"), "ok");
  EXPECT_EQ(r.body.at("outbox_lag"), 0);
  EXPECT_TRUE(not_ready(r).empty());
}

TEST(Readiness, UnreachableDatabaseNamesDatabaseAndMigrations) {
  auto f = healthy();
  f.database_reachable = false;
  f.schema_database_version.reset();
  f.outbox_head.reset();
  const auto r = assess_readiness(f);
  EXPECT_FALSE(r.ready);
  EXPECT_EQ(r.body.at("status"), "not_ready");
  EXPECT_EQ(r.body.at("database"), "unreachable");
  EXPECT_EQ(not_ready(r), (std::vector<std::string>{"database", "migrations", "index"}));
}

TEST(Readiness, PendingMigrationIsNotReady) {
  auto f = healthy();
  f.schema_files_version = 8;
  const auto r = assess_readiness(f);
  EXPECT_FALSE(r.ready);
  EXPECT_EQ(not_ready(r), std::vector<std::string>{"migrations"});
  EXPECT_EQ(r.body.at("migrations"), "database at version 7, this release needs 8");
}

TEST(Readiness, ADatabaseAheadOfThisReleaseIsReady) {
  auto f = healthy();
  f.schema_database_version = 9;  // a rolling upgrade: another node already migrated
  EXPECT_TRUE(assess_readiness(f).ready);
}

TEST(Readiness, IndexLagBeyondTheAllowanceIsNotReady) {
  auto f = healthy();
  f.index_position = f.outbox_head.value() - kReadyMaxIndexLag;
  EXPECT_TRUE(assess_readiness(f).ready) << "a lag within the allowance still serves";
  f.index_position -= 1;
  const auto r = assess_readiness(f);
  EXPECT_FALSE(r.ready);
  EXPECT_EQ(not_ready(r), std::vector<std::string>{"index"});
  EXPECT_EQ(r.body.at("outbox_lag"), kReadyMaxIndexLag + 1);
  // A brand-new node: empty index, full outbox.
  f.index_position = 0;
  EXPECT_EQ(assess_readiness(f).body.at("index"), "500 outbox entries behind");
}

TEST(Readiness, NoIndexOrUnreadableOutboxIsNotReady) {
  auto f = healthy();
  f.has_index = false;
  EXPECT_EQ(not_ready(assess_readiness(f)), std::vector<std::string>{"index"});
  f = healthy();
  f.outbox_head.reset();
  EXPECT_EQ(not_ready(assess_readiness(f)), std::vector<std::string>{"index"});
}

TEST(Readiness, IndexAheadOfTheOutboxCountsAsNoLag) {
  auto f = healthy();
  f.index_position = 600;  // e.g. an index kept while the database was restored from an older backup
  EXPECT_EQ(assess_readiness(f).body.at("outbox_lag"), 0);
}

}  // namespace
}  // namespace lumbung::web
