// SQLite-specific behaviour of Database::open; the engine-neutral contract is
// in contract/store_contract_test.cpp.
#include <fstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "store/database.hpp"
#include "support/test_dirs.hpp"

namespace lumbung::store {
namespace {

TEST(DatabaseOpen, EmptyUrlCreatesDataDirAndFile) {
  const auto data = test::fresh_dir() / "nested" / "data";
  auto db = Database::open("", data, 2, null_logger());
  ASSERT_TRUE(db.ok()) << db.error().message();
  EXPECT_EQ((*db)->engine(), Engine::sqlite);
  EXPECT_TRUE(std::filesystem::exists(data / "lumbung.db"));
}

TEST(DatabaseOpen, SqliteUrlWithAwkwardPath) {
  const auto file = test::fresh_dir() / "with space=and equals" / "x.db";
  auto db = Database::open("sqlite:" + file.string(), test::fresh_dir(), 1, null_logger());
  ASSERT_TRUE(db.ok()) << db.error().message();
  auto lease = (*db)->acquire();
  *lease << "CREATE TABLE t (id INTEGER)";
  EXPECT_TRUE(std::filesystem::exists(file));
}

TEST(DatabaseOpen, EveryPooledSessionHasThePragmas) {
  constexpr int kPool = 3;
  auto db = Database::open("", test::fresh_dir(), kPool, null_logger());
  ASSERT_TRUE(db.ok()) << db.error().message();
  std::vector<Database::Lease> leases;  // hold all at once: each is a distinct session
  for (int i = 0; i < kPool; ++i) leases.push_back((*db)->acquire());
  for (auto& lease : leases) {
    std::string journal;
    int foreign_keys = -1, busy_timeout = -1, synchronous = -1;
    *lease << "PRAGMA journal_mode", soci::into(journal);
    *lease << "PRAGMA foreign_keys", soci::into(foreign_keys);
    *lease << "PRAGMA busy_timeout", soci::into(busy_timeout);
    *lease << "PRAGMA synchronous", soci::into(synchronous);
    EXPECT_EQ(journal, "wal");
    EXPECT_EQ(foreign_keys, 1);
    EXPECT_EQ(busy_timeout, 5000);
    EXPECT_EQ(synchronous, 1);  // NORMAL
  }
}

TEST(DatabaseOpen, ForeignKeysAreEnforcedAsConflict) {
  auto db = Database::open("", test::fresh_dir(), 2, null_logger());
  ASSERT_TRUE(db.ok()) << db.error().message();
  {
    auto lease = (*db)->acquire();
    *lease << "CREATE TABLE parent (id BIGINT PRIMARY KEY)";
    *lease << "CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL REFERENCES parent (id))";
  }
  auto st = (*db)->transact("add_child", [](soci::session& sql) -> Status {
    sql << "INSERT INTO child (id, parent_id) VALUES (1, 42)";
    return {};
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code(), ErrorCode::conflict) << st.error().message();
}

TEST(DatabaseOpen, UnsupportedUrlIsInvalid) {
  auto db = Database::open("mysql://root:hunter2@localhost/x", test::fresh_dir(), 1, null_logger());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code(), ErrorCode::invalid);
  EXPECT_EQ(db.error().message().find("hunter2"), std::string::npos) << db.error().message();
}

TEST(DatabaseOpen, UnreachablePostgresIsUnavailableWithoutPassword) {
  // Port 1 on loopback: refused at once, no server needed.
  auto db = Database::open("postgresql://lumbung:s3cr3t-pw@127.0.0.1:1/lumbung?connect_timeout=2",
                           test::fresh_dir(), 1, null_logger());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code(), ErrorCode::unavailable);
  EXPECT_EQ(db.error().message().find("s3cr3t-pw"), std::string::npos) << db.error().message();
  EXPECT_NE(db.error().message().find("127.0.0.1"), std::string::npos) << db.error().message();
}

TEST(DatabaseOpen, UnwritableSqlitePathIsUnavailable) {
  const auto dir = test::fresh_dir();
  std::ofstream(dir / "file") << "x";  // a file where a directory should be
  auto db = Database::open("sqlite:" + (dir / "file" / "x.db").string(), dir, 1, null_logger());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code(), ErrorCode::unavailable) << db.error().message();
}

TEST(DatabaseTransact, LeaseReturnsSessionToPool) {
  auto db = Database::open("", test::fresh_dir(), 1, null_logger());
  ASSERT_TRUE(db.ok()) << db.error().message();
  for (int i = 0; i < 5; ++i) {  // would block forever if a lease leaked
    auto st = (*db)->transact("noop", [](soci::session&) -> Status { return {}; });
    ASSERT_TRUE(st.ok());
    auto lease = (*db)->acquire();
    auto moved = std::move(lease);
  }
}

TEST(DatabasePool, CountsSessionsInUseAndCallersWaiting) {
  auto db = Database::open("", test::fresh_dir(), 2, null_logger());
  ASSERT_TRUE(db.ok()) << db.error().message();
  Database& pool = **db;
  EXPECT_EQ(pool.sessions_in_use(), 0);
  {
    auto first = pool.acquire();
    auto second = pool.acquire();
    EXPECT_EQ(pool.sessions_in_use(), 2);
    // A third caller waits until a lease is returned.
    std::thread third([&] { auto lease = pool.acquire(); });
    while (pool.sessions_awaited() == 0) std::this_thread::yield();
    EXPECT_EQ(pool.sessions_awaited(), 1);
    auto moved = std::move(first);  // a moved-from lease returns nothing
    EXPECT_EQ(pool.sessions_in_use(), 2);
    { auto gone = std::move(moved); }
    third.join();
    EXPECT_EQ(pool.sessions_awaited(), 0);
    EXPECT_EQ(pool.sessions_in_use(), 1);
  }
  EXPECT_EQ(pool.sessions_in_use(), 0);
}

}  // namespace
}  // namespace lumbung::store
