// Applies numbered SQL files (migrations/0001_init.sql, ...) in order, each in
// its own transaction, recording them in schema_migrations. The files run
// unchanged on SQLite and PostgreSQL.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace lumbung::store {

struct MigrationReport {
  std::vector<std::string> applied;  // file names applied by this call
  int current_version = 0;           // highest version now in place
};

// Files are named NNNN_name.sql and numbered 1, 2, 3... without gaps or
// duplicates (checked before anything runs). Each missing version runs in its
// own transaction together with its schema_migrations row, so a failing
// statement leaves no trace: "migrate: 0002_x.sql: <db message> (statement 3)".
// Safe to run from several nodes at once: on PostgreSQL each version takes an
// exclusive lock on schema_migrations and re-checks before applying.
// A database holding a version with no file (a newer schema) is an error.
Result<MigrationReport> migrate(Database& db, const std::filesystem::path& migrations_dir);

// Where the schema stands, changing nothing: the highest version among the
// files in `migrations_dir` and the highest recorded in the database (0 when
// it has none). Current when the two are equal.
struct SchemaStatus {
  int files_version = 0;
  int database_version = 0;
  bool current() const { return files_version == database_version; }
};
Result<SchemaStatus> schema_status(Database& db, const std::filesystem::path& migrations_dir);

// How a migration file is cut into statements (kept deliberately simple):
// lines whose first non-blank characters are "--" are dropped; a statement
// ends at a line whose last non-blank character is ';' (the ';' is dropped).
// So never end a line with ';' inside a string literal, and put one statement
// per ';'-terminated run of lines. Trailing text without ';' is a statement too.
std::vector<std::string> split_sql_statements(const std::string& text);

}  // namespace lumbung::store
