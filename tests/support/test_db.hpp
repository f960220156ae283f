// Test databases on either engine, for suites written once and run on both.
//
// PostgreSQL comes from the CTest fixture in tests/support/postgres.cmake:
// pg.sh starts a server and writes its URL to $LUMBUNG_TEST_PG_DIR/url. Each
// TestDatabase creates its own database on that server and drops it after.
// Without a server the PostgreSQL cases skip, or fail when CI=true.
#pragma once

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/log.hpp"
#include "store/database.hpp"
#include "support/test_dirs.hpp"

namespace lumbung::test {

// URL of the fixture's server, or nullopt when none is running.
inline std::optional<std::string> pg_server_url() {
  const char* dir = std::getenv("LUMBUNG_TEST_PG_DIR");
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  std::ifstream in(std::string(dir) + "/url");
  std::string url;
  if (!in || !std::getline(in, url) || url.empty()) return std::nullopt;
  return url;
}

inline bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

// Replaces the database name (the path after the last '/') of a URL.
inline std::string with_database(const std::string& url, const std::string& name) {
  const auto slash = url.rfind('/');
  const auto query = url.find('?', slash);
  return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

// One database for one test: a SQLite file in a fresh dir, or a fresh
// PostgreSQL database (created here, dropped in the destructor).
class TestDatabase {
 public:
  // engine: "sqlite" or "postgresql". Returns nullptr with *why set when the
  // engine is not available (the caller skips or fails).
  static std::unique_ptr<TestDatabase> create(const std::string& engine, std::string* why) {
    auto t = std::unique_ptr<TestDatabase>(new TestDatabase());
    t->dir_ = fresh_dir(engine);
    if (engine == "sqlite") {
      t->url_ = "sqlite:" + (t->dir_ / "test.db").string();
      return t;
    }
    auto server = pg_server_url();
    if (!server) {
      *why = "no PostgreSQL test server ($LUMBUNG_TEST_PG_DIR/url missing); run: ctest -R 'pg_|store_contract'";
      return nullptr;
    }
    static std::atomic<int> counter{0};
    t->server_url_ = *server;
    t->pg_name_ = "lt_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    if (auto st = admin(*server, {"DROP DATABASE IF EXISTS " + t->pg_name_ + " WITH (FORCE)",
                                  "CREATE DATABASE " + t->pg_name_});
        !st) {
      *why = "cannot create a PostgreSQL test database: " + st.error().message();
      return nullptr;
    }
    t->url_ = with_database(*server, t->pg_name_);
    return t;
  }

  ~TestDatabase() {
    if (pg_name_.empty()) return;
    (void)admin(server_url_, {"DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)"});
  }

  const std::string& url() const { return url_; }
  const std::filesystem::path& dir() const { return dir_; }

  // A new Database on this test database.
  Result<std::unique_ptr<store::Database>> open(int pool_size = 4) const {
    return store::Database::open(url_, dir_, pool_size, null_logger());
  }

 private:
  TestDatabase() = default;

  // Runs statements outside any transaction (CREATE/DROP DATABASE need that).
  static Status admin(const std::string& server_url, const std::vector<std::string>& statements) {
    auto db = store::Database::open(server_url, {}, 1, null_logger());
    if (!db) return db.error();
    auto lease = (*db)->acquire();
    try {
      for (const auto& statement : statements) *lease << statement;
    } catch (const std::exception& e) {
      return store::translate_sql_error(e, "test_db");
    }
    return {};
  }
  std::filesystem::path dir_;
  std::string url_;
  std::string server_url_;
  std::string pg_name_;
};

}  // namespace lumbung::test

// In SetUp() of a fixture parameterised by engine name: makes `target` (a
// std::unique_ptr<TestDatabase>) or skips/fails the test.
#define LUMBUNG_TEST_DATABASE_OR_SKIP(target, engine)                  \
  do {                                                                 \
    std::string why_;                                                  \
    target = ::lumbung::test::TestDatabase::create((engine), &why_);  \
    if (!target) {                                                     \
      if (::lumbung::test::running_in_ci()) FAIL() << why_;            \
      GTEST_SKIP() << why_;                                            \
    }                                                                  \
  } while (0)
