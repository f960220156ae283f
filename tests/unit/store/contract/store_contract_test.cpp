// The store contract, written once and run on SQLite and PostgreSQL.
#include <fstream>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "store/database.hpp"
#include "store/migrate.hpp"
#include "store/outbox.hpp"
#include "support/test_db.hpp"

namespace lumbung::store {
namespace {

using test::TestDatabase;

constexpr const char* kInsertInnovation =
    "INSERT INTO innovations (id, name, created_at, updated_at) VALUES (:id, :name, 1, 1)";

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    LUMBUNG_TEST_DATABASE_OR_SKIP(target_, GetParam());
    auto db = target_->open();
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
  }

  void migrate_foundation() {
    auto report = migrate(*db_, test::source_migrations_dir());
    ASSERT_TRUE(report.ok()) << report.error().message();
  }

  long long count(const std::string& sql_text) {
    auto lease = db_->acquire();
    long long n = -1;
    *lease << sql_text, soci::into(n);
    return n;
  }

  bool table_exists(const std::string& table) {
    auto lease = db_->acquire();
    try {
      long long n = 0;
      *lease << "SELECT COUNT(*) FROM " + table, soci::into(n);
      return true;
    } catch (const soci::soci_error&) {
      return false;
    }
  }

  Status insert_innovation(soci::session& sql, std::int64_t id, const std::string& name) {
    long long id_v = id;
    sql << kInsertInnovation, soci::use(id_v, "id"), soci::use(name, "name");
    return {};
  }

  // A migrations dir holding the given files (name -> text).
  std::filesystem::path migrations_with(const std::vector<std::pair<std::string, std::string>>& files) {
    const auto dir = test::fresh_dir("migrations");
    for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
    return dir;
  }

  std::unique_ptr<TestDatabase> target_;
  std::unique_ptr<Database> db_;
};

TEST_P(StoreContract, OpensOnTheRequestedEngine) {
  EXPECT_EQ(db_->engine(), GetParam() == "sqlite" ? Engine::sqlite : Engine::postgresql);
}

TEST_P(StoreContract, MigrateAppliesOnceThenNothing) {
  auto first = migrate(*db_, test::source_migrations_dir());
  ASSERT_TRUE(first.ok()) << first.error().message();
  ASSERT_FALSE(first->applied.empty());
  EXPECT_EQ(first->applied.front(), "0001_foundation.sql");
  EXPECT_EQ(first->current_version, static_cast<int>(first->applied.size()));
  EXPECT_TRUE(table_exists("innovations"));
  EXPECT_TRUE(table_exists("outbox"));
  EXPECT_TRUE(table_exists("id_sequences"));

  auto second = migrate(*db_, test::source_migrations_dir());
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(second->current_version, first->current_version);
  EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations"), first->current_version);
}

TEST_P(StoreContract, ConcurrentMigrateAppliesEachFileOnce) {
  auto other = target_->open(2);
  ASSERT_TRUE(other.ok()) << other.error().message();
  Result<MigrationReport> a = make_error(ErrorCode::internal, "not run");
  Result<MigrationReport> b = make_error(ErrorCode::internal, "not run");
  std::thread ta([&] { a = migrate(*db_, test::source_migrations_dir()); });
  std::thread tb([&] { b = migrate(**other, test::source_migrations_dir()); });
  ta.join();
  tb.join();
  ASSERT_TRUE(a.ok()) << a.error().message();
  ASSERT_TRUE(b.ok()) << b.error().message();
  EXPECT_EQ(a->applied.size() + b->applied.size(), static_cast<std::size_t>(a->current_version));
  EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations"), a->current_version);
}

TEST_P(StoreContract, CommittedWritesAreVisibleToOtherSessions) {
  migrate_foundation();
  auto st = db_->transact("test_insert", [&](soci::session& sql) { return insert_innovation(sql, 1, "Sipandu"); });
  ASSERT_TRUE(st.ok()) << st.error().message();
  EXPECT_EQ(count("SELECT COUNT(*) FROM innovations"), 1);
}

TEST_P(StoreContract, ErrorResultRollsBackEverything) {
  migrate_foundation();
  auto st = db_->transact("test_insert", [&](soci::session& sql) -> Status {
    (void)insert_innovation(sql, 1, "first");
    (void)insert_innovation(sql, 2, "second");
    (void)append_outbox(sql, "innovation", 2, 1, 100);
    return make_error(ErrorCode::invalid, "test_insert: rejected after two inserts");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code(), ErrorCode::invalid);
  EXPECT_EQ(count("SELECT COUNT(*) FROM innovations"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 0);
}

TEST_P(StoreContract, ThrownExceptionRollsBackAndPropagates) {
  migrate_foundation();
  EXPECT_THROW((void)db_->transact("test_insert",
                                   [&](soci::session& sql) -> Status {
                                     (void)insert_innovation(sql, 1, "first");
                                     throw std::runtime_error("bug");
                                   }),
               std::runtime_error);
  EXPECT_EQ(count("SELECT COUNT(*) FROM innovations"), 0);
  // Every pooled session is still usable afterwards.
  for (int i = 0; i < 8; ++i) {
    auto st = db_->transact("test_insert", [&](soci::session& sql) { return insert_innovation(sql, 10 + i, "ok"); });
    ASSERT_TRUE(st.ok()) << st.error().message();
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM innovations"), 8);
}

TEST_P(StoreContract, FailedStatementRollsBackEarlierOnes) {
  migrate_foundation();
  auto st = db_->transact("test_insert", [&](soci::session& sql) -> Status {
    (void)insert_innovation(sql, 1, "first");
    sql << "INSERT INTO no_such_table (id) VALUES (1)";
    return {};
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code(), ErrorCode::internal);
  EXPECT_EQ(st.error().message().rfind("test_insert: ", 0), 0u) << st.error().message();
  EXPECT_EQ(count("SELECT COUNT(*) FROM innovations"), 0);
}

TEST_P(StoreContract, UniqueViolationIsConflict) {
  migrate_foundation();
  auto first = db_->transact("create_innovation", [&](soci::session& sql) { return insert_innovation(sql, 7, "a"); });
  ASSERT_TRUE(first.ok()) << first.error().message();
  auto second =
      db_->transact("create_innovation", [&](soci::session& sql) { return insert_innovation(sql, 7, "b"); });
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), ErrorCode::conflict) << second.error().message();
  EXPECT_EQ(second.error().message().rfind("create_innovation: ", 0), 0u) << second.error().message();
  EXPECT_EQ(count("SELECT COUNT(*) FROM innovations"), 1);
}

TEST_P(StoreContract, NextIdCountsUpPerSequence) {
  migrate_foundation();
  auto ids = db_->transact("ids", [&](soci::session& sql) -> Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> out;
    for (const char* name : {"innovations", "innovations", "ideas", "innovations"}) {
      auto id = next_id(sql, name);
      if (!id) return id.error();
      out.push_back(*id);
    }
    return out;
  });
  ASSERT_TRUE(ids.ok()) << ids.error().message();
  EXPECT_EQ(*ids, (std::vector<std::int64_t>{1, 2, 1, 3}));
}

TEST_P(StoreContract, NextIdRolledBackIsReused) {
  migrate_foundation();
  auto rolled = db_->transact("ids", [&](soci::session& sql) -> Status {
    (void)next_id(sql, "innovations");
    return make_error(ErrorCode::invalid, "ids: no");
  });
  ASSERT_FALSE(rolled.ok());
  auto id = db_->transact("ids", [&](soci::session& sql) { return next_id(sql, "innovations"); });
  ASSERT_TRUE(id.ok()) << id.error().message();
  EXPECT_EQ(*id, 1);
}

TEST_P(StoreContract, NextIdIsUniqueAndIncreasingAcrossThreads) {
  migrate_foundation();
  constexpr int kThreads = 2;
  constexpr int kPerThread = 200;
  std::vector<std::vector<std::int64_t>> seen(kThreads);
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto id = db_->transact("create_innovation", [&](soci::session& sql) -> Result<std::int64_t> {
          auto next = next_id(sql, "innovations");
          if (!next) return next.error();
          (void)insert_innovation(sql, *next, "t" + std::to_string(t));
          if (auto st = append_outbox(sql, "innovation", *next, 1, 100); !st) return st.error();
          return *next;
        });
        if (!id) {
          failures[t] = id.error().message();
          return;
        }
        seen[t].push_back(*id);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::int64_t> all;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(failures[t], "");
    ASSERT_EQ(seen[t].size(), static_cast<std::size_t>(kPerThread));
    for (std::size_t i = 1; i < seen[t].size(); ++i) EXPECT_LT(seen[t][i - 1], seen[t][i]);
    all.insert(seen[t].begin(), seen[t].end());
  }
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), kThreads * kPerThread);
  EXPECT_EQ(count("SELECT COUNT(*) FROM innovations"), kThreads * kPerThread);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT id) FROM outbox"), kThreads * kPerThread);
}

TEST_P(StoreContract, OutboxReadsInOrderFromAPosition) {
  migrate_foundation();
  {
    auto lease = db_->acquire();
    auto head = outbox_head(*lease);
    ASSERT_TRUE(head.ok()) << head.error().message();
    EXPECT_EQ(*head, 0);
  }
  const std::vector<std::pair<std::string, std::int64_t>> writes = {
      {"innovation", 5}, {"idea", 9}, {"innovation", 5}};
  std::int64_t version = 0;
  for (const auto& write : writes) {
    ++version;
    auto st = db_->transact("write", [&](soci::session& sql) {
      return append_outbox(sql, write.first, write.second, version, 1'700'000'000 + version);
    });
    ASSERT_TRUE(st.ok()) << st.error().message();
  }
  auto lease = db_->acquire();
  auto all = read_outbox(*lease, 0, 10);
  ASSERT_TRUE(all.ok()) << all.error().message();
  ASSERT_EQ(all->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*all)[i].entity, writes[i].first);
    EXPECT_EQ((*all)[i].entity_id, writes[i].second);
    EXPECT_EQ((*all)[i].version, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ((*all)[i].created_at, 1'700'000'001 + static_cast<std::int64_t>(i));
    if (i > 0) {
      EXPECT_LT((*all)[i - 1].id, (*all)[i].id);
    }
  }
  auto after_first = read_outbox(*lease, (*all)[0].id, 1);
  ASSERT_TRUE(after_first.ok());
  ASSERT_EQ(after_first->size(), 1u);
  EXPECT_EQ((*after_first)[0].id, (*all)[1].id);
  auto past_end = read_outbox(*lease, (*all)[2].id, 10);
  ASSERT_TRUE(past_end.ok());
  EXPECT_TRUE(past_end->empty());
  auto head = outbox_head(*lease);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(*head, (*all)[2].id);
}

TEST_P(StoreContract, FailingMigrationLeavesNoTrace) {
  const auto dir = migrations_with({
      {"0001_first.sql", "CREATE TABLE first_table (id BIGINT PRIMARY KEY);\n"},
      {"0002_broken.sql",
       "-- creates a table, fills it, then fails\n"
       "CREATE TABLE half_done (id BIGINT PRIMARY KEY);\n"
       "INSERT INTO half_done (id) VALUES (1);\n"
       "INSERT INTO no_such_table (id) VALUES (1);\n"},
  });
  auto report = migrate(*db_, dir);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().message().rfind("migrate: 0002_broken.sql: ", 0), 0u) << report.error().message();
  EXPECT_NE(report.error().message().find("statement 3"), std::string::npos) << report.error().message();
  EXPECT_TRUE(table_exists("first_table"));  // 0001 ran in its own transaction
  EXPECT_FALSE(table_exists("half_done"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations"), 1);

  // Fixed file: applies now, and only it.
  std::ofstream(dir / "0002_broken.sql") << "CREATE TABLE half_done (id BIGINT PRIMARY KEY);\n";
  auto fixed = migrate(*db_, dir);
  ASSERT_TRUE(fixed.ok()) << fixed.error().message();
  EXPECT_EQ(fixed->applied, (std::vector<std::string>{"0002_broken.sql"}));
  EXPECT_EQ(fixed->current_version, 2);
}

TEST_P(StoreContract, GapInNumberingFailsBeforeAnythingRuns) {
  const auto dir = migrations_with({
      {"0001_first.sql", "CREATE TABLE first_table (id BIGINT PRIMARY KEY);\n"},
      {"0003_third.sql", "CREATE TABLE third_table (id BIGINT PRIMARY KEY);\n"},
  });
  auto report = migrate(*db_, dir);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code(), ErrorCode::invalid);
  EXPECT_NE(report.error().message().find("0003_third.sql"), std::string::npos) << report.error().message();
  EXPECT_NE(report.error().message().find("gap"), std::string::npos) << report.error().message();
  EXPECT_FALSE(table_exists("first_table"));
}

TEST_P(StoreContract, DuplicateNumberFails) {
  const auto dir = migrations_with({
      {"0001_first.sql", "CREATE TABLE first_table (id BIGINT PRIMARY KEY);\n"},
      {"0001_again.sql", "CREATE TABLE again_table (id BIGINT PRIMARY KEY);\n"},
  });
  auto report = migrate(*db_, dir);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.error().message().find("duplicate"), std::string::npos) << report.error().message();
  EXPECT_FALSE(table_exists("first_table"));
}

TEST_P(StoreContract, DatabaseNewerThanFilesFails) {
  const auto full = migrations_with({
      {"0001_first.sql", "CREATE TABLE first_table (id BIGINT PRIMARY KEY);\n"},
      {"0002_second.sql", "CREATE TABLE second_table (id BIGINT PRIMARY KEY);\n"},
  });
  ASSERT_TRUE(migrate(*db_, full).ok());
  const auto older = migrations_with({{"0001_first.sql", "CREATE TABLE first_table (id BIGINT PRIMARY KEY);\n"}});
  auto report = migrate(*db_, older);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.error().message().find("version 2"), std::string::npos) << report.error().message();
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::store
