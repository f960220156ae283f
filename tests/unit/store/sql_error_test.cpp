#include <stdexcept>

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/database.hpp"

namespace lumbung::store {
namespace {

struct PgCase {
  const char* sqlstate;
  ErrorCode expected;
};

TEST(TranslateSqlError, PostgresSqlstates) {
  const PgCase cases[] = {
      {"23505", ErrorCode::conflict},    {"23503", ErrorCode::conflict},    {"08006", ErrorCode::unavailable},
      {"08001", ErrorCode::unavailable}, {"40001", ErrorCode::unavailable}, {"40P01", ErrorCode::unavailable},
      {"42P01", ErrorCode::internal},    {"23502", ErrorCode::internal},    {"22001", ErrorCode::internal},
  };
  for (const auto& c : cases) {
    const soci::postgresql_soci_error e("boom", c.sqlstate);
    const Error error = translate_sql_error(e, "save_idea");
    EXPECT_EQ(error.code(), c.expected) << c.sqlstate;
    EXPECT_EQ(error.message().rfind("save_idea: boom", 0), 0u) << error.message();
  }
}

struct SqliteCase {
  int result;
  ErrorCode expected;
};

TEST(TranslateSqlError, SqliteResultCodes) {
  const SqliteCase cases[] = {
      {19, ErrorCode::conflict},       // SQLITE_CONSTRAINT
      {2067, ErrorCode::conflict},     // SQLITE_CONSTRAINT_UNIQUE (extended)
      {787, ErrorCode::conflict},      // SQLITE_CONSTRAINT_FOREIGNKEY (extended)
      {5, ErrorCode::unavailable},     // SQLITE_BUSY
      {6, ErrorCode::unavailable},     // SQLITE_LOCKED
      {517, ErrorCode::unavailable},   // SQLITE_BUSY_SNAPSHOT (extended)
      {1, ErrorCode::internal},        // SQLITE_ERROR (e.g. no such table)
  };
  for (const auto& c : cases) {
    const soci::sqlite3_soci_error e("sqlite says no\n", c.result);
    const Error error = translate_sql_error(e, "save_idea");
    EXPECT_EQ(error.code(), c.expected) << c.result;
    EXPECT_EQ(error.message(), "save_idea: sqlite says no");
  }
}

TEST(TranslateSqlError, OtherExceptionsAreInternal) {
  const std::runtime_error e("weird");
  const Error error = translate_sql_error(e, "op");
  EXPECT_EQ(error.code(), ErrorCode::internal);
  EXPECT_EQ(error.message(), "op: weird");
}

}  // namespace
}  // namespace lumbung::store
