// Statement splitting and file checks; applying migrations is covered on
// both engines in contract/store_contract_test.cpp.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "store/migrate.hpp"
#include "support/test_dirs.hpp"

namespace lumbung::store {
namespace {

struct SplitCase {
  const char* name;
  const char* text;
  std::vector<std::string> expected;
};

TEST(SplitSqlStatements, Table) {
  const SplitCase cases[] = {
      {"empty", "", {}},
      {"comments only", "-- a\n  -- b\n\n", {}},
      {"one line", "CREATE TABLE a (id BIGINT);\n", {"CREATE TABLE a (id BIGINT)"}},
      {"multi line", "CREATE TABLE a (\n  id BIGINT,\n  n TEXT\n);\n", {"CREATE TABLE a (\nid BIGINT,\nn TEXT\n)"}},
      {"two, comment between", "SELECT 1;\n-- next\nSELECT 2;\n", {"SELECT 1", "SELECT 2"}},
      {"semicolon mid-line stays", "INSERT INTO t VALUES ('a;b');\n", {"INSERT INTO t VALUES ('a;b')"}},
      {"no final semicolon", "SELECT 1;\nSELECT 2", {"SELECT 1", "SELECT 2"}},
      {"crlf and trailing blanks", "SELECT 1;  \r\nSELECT 2;\r\n", {"SELECT 1", "SELECT 2"}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(split_sql_statements(c.text), c.expected) << c.name;
  }
}

TEST(SplitSqlStatements, FoundationFileHasItsStatements) {
  std::ifstream in(test::source_migrations_dir() / "0001_foundation.sql");
  std::stringstream text;
  text << in.rdbuf();
  const auto statements = split_sql_statements(text.str());
  ASSERT_EQ(statements.size(), 4u);
  EXPECT_EQ(statements[0].rfind("CREATE TABLE id_sequences", 0), 0u);
  EXPECT_EQ(statements[3].rfind("CREATE INDEX", 0), 0u);
}

TEST(Migrate, BadFileNameIsInvalid) {
  const auto dir = test::fresh_dir();
  std::ofstream(dir / "0001_first.sql") << "SELECT 1;\n";
  std::ofstream(dir / "second.sql") << "SELECT 2;\n";
  auto db = Database::open("", test::fresh_dir(), 1, null_logger());
  ASSERT_TRUE(db.ok());
  auto report = migrate(**db, dir);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code(), ErrorCode::invalid);
  EXPECT_NE(report.error().message().find("second.sql"), std::string::npos);
}

TEST(Migrate, MissingDirectoryIsInvalid) {
  auto db = Database::open("", test::fresh_dir(), 1, null_logger());
  ASSERT_TRUE(db.ok());
  auto report = migrate(**db, test::fresh_dir() / "nope");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code(), ErrorCode::invalid);
}

TEST(Migrate, OtherFilesInTheDirectoryAreIgnored) {
  const auto dir = test::fresh_dir();
  std::ofstream(dir / "0001_first.sql") << "CREATE TABLE first_table (id BIGINT PRIMARY KEY);\n";
  std::ofstream(dir / "README.md") << "notes";
  auto db = Database::open("", test::fresh_dir(), 1, null_logger());
  ASSERT_TRUE(db.ok());
  auto report = migrate(**db, dir);
  ASSERT_TRUE(report.ok()) << report.error().message();
  EXPECT_EQ(report->applied, (std::vector<std::string>{"0001_first.sql"}));
}

}  // namespace
}  // namespace lumbung::store
