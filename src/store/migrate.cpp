#include "store/migrate.hpp"

#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <system_error>

namespace lumbung::store {
namespace {

constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
constexpr const char* kLockMigrationsPg = "LOCK TABLE schema_migrations IN EXCLUSIVE MODE";
constexpr const char* kIsApplied = "SELECT COUNT(*) FROM schema_migrations WHERE version = :version";
constexpr const char* kRecordMigration =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, :name, :applied_at)";
constexpr const char* kAppliedVersions = "SELECT version FROM schema_migrations ORDER BY version";

struct MigrationFile {
  int version = 0;
  std::string file_name;
  std::filesystem::path path;
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

Result<std::vector<MigrationFile>> list_files(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return make_error(ErrorCode::invalid, "migrate: not a directory (" + dir.string() + ")");
  }
  static const std::regex kName(R"(^([0-9]+)_[A-Za-z0-9_\-]+\.sql$)");
  std::map<int, MigrationFile> by_version;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".sql") continue;
    std::smatch m;
    if (!std::regex_match(name, m, kName)) {
      return make_error(ErrorCode::invalid, "migrate: " + name + ": name must be NNNN_name.sql");
    }
    const int version = std::stoi(m[1].str());
    auto [it, inserted] = by_version.emplace(version, MigrationFile{version, name, entry.path()});
    if (!inserted) {
      return make_error(ErrorCode::invalid,
                        "migrate: " + name + ": duplicate version " + std::to_string(version) + " (also " +
                            it->second.file_name + ")");
    }
  }
  if (ec) return make_error(ErrorCode::unavailable, "migrate: cannot list " + dir.string() + ": " + ec.message());
  std::vector<MigrationFile> files;
  int expected = 1;
  for (auto& [version, file] : by_version) {
    if (version != expected) {
      return make_error(ErrorCode::invalid, "migrate: " + file.file_name + ": gap in numbering, expected version " +
                                                std::to_string(expected));
    }
    ++expected;
    files.push_back(std::move(file));
  }
  return files;
}

Result<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::unavailable, "migrate: cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status ensure_migrations_table(Database& db) {
  auto lease = db.acquire();
  try {
    *lease << kCreateMigrationsTable;
    return {};
  } catch (const soci::soci_error& e) {
    // Two PostgreSQL nodes creating the table at once: one loses with a
    // unique violation in the catalog, but the table is there.
    try {
      int n = 0;
      *lease << "SELECT COUNT(*) FROM schema_migrations", soci::into(n);
      return {};
    } catch (const soci::soci_error&) {
      return translate_sql_error(e, "migrate: schema_migrations");
    }
  }
}

Result<std::vector<int>> applied_versions(Database& db) {
  auto lease = db.acquire();
  try {
    std::vector<int> versions;
    int v = 0;
    soci::statement st = (lease->prepare << kAppliedVersions, soci::into(v));
    st.execute();
    while (st.fetch()) versions.push_back(v);
    return versions;
  } catch (const soci::soci_error& e) {
    return translate_sql_error(e, "migrate: schema_migrations");
  }
}

// Runs one file in the caller's transaction. Returns true when applied,
// false when another node applied it first.
Result<bool> apply_one(Database& db, soci::session& sql, const MigrationFile& file,
                       const std::vector<std::string>& statements) {
  const std::string where = "migrate: " + file.file_name;
  try {
    if (db.engine() == Engine::postgresql) sql << kLockMigrationsPg;
    int count = 0;
    sql << kIsApplied, soci::use(file.version, "version"), soci::into(count);
    if (count > 0) return false;
  } catch (const soci::soci_error& e) {
    return translate_sql_error(e, where.c_str());
  }
  for (std::size_t i = 0; i < statements.size(); ++i) {
    try {
      sql << statements[i];
    } catch (const soci::soci_error& e) {
      const Error error = translate_sql_error(e, where.c_str());
      return Error(error.code(), error.message() + " (statement " + std::to_string(i + 1) + ")");
    }
  }
  try {
    long long now = unix_now();
    sql << kRecordMigration, soci::use(file.version, "version"), soci::use(file.file_name, "name"),
        soci::use(now, "applied_at");
  } catch (const soci::soci_error& e) {
    return translate_sql_error(e, where.c_str());
  }
  return true;
}

}  // namespace

std::vector<std::string> split_sql_statements(const std::string& text) {
  std::vector<std::string> statements;
  std::string current;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const std::string t = trim(line);
    if (t.empty() || t.rfind("--", 0) == 0) continue;
    if (t.back() == ';') {
      current += t.substr(0, t.size() - 1);
      const std::string statement = trim(current);
      if (!statement.empty()) statements.push_back(statement);
      current.clear();
    } else {
      current += t;
      current += '\n';
    }
  }
  const std::string rest = trim(current);
  if (!rest.empty()) statements.push_back(rest);
  return statements;
}

Result<MigrationReport> migrate(Database& db, const std::filesystem::path& migrations_dir) {
  auto files = list_files(migrations_dir);
  if (!files) return files.error();

  // Read and split everything first: a bad file fails before anything runs.
  std::vector<std::vector<std::string>> statements;
  for (const auto& file : *files) {
    auto text = read_text(file.path);
    if (!text) return text.error();
    statements.push_back(split_sql_statements(*text));
    if (statements.back().empty()) {
      return make_error(ErrorCode::invalid, "migrate: " + file.file_name + ": no statements");
    }
  }

  if (auto st = ensure_migrations_table(db); !st) return st.error();
  auto applied = applied_versions(db);
  if (!applied) return applied.error();
  const std::set<int> done(applied->begin(), applied->end());
  if (!done.empty() && *done.rbegin() > static_cast<int>(files->size())) {
    return make_error(ErrorCode::invalid, "migrate: database is at version " + std::to_string(*done.rbegin()) +
                                              " but " + migrations_dir.string() + " only reaches " +
                                              std::to_string(files->size()) + " (older binary?)");
  }

  MigrationReport report;
  for (std::size_t i = 0; i < files->size(); ++i) {
    const MigrationFile& file = (*files)[i];
    if (done.count(file.version) == 0) {
      const std::string operation = "migrate: " + file.file_name;
      auto result = db.transact(operation.c_str(),
                                [&](soci::session& sql) { return apply_one(db, sql, file, statements[i]); });
      if (!result) return result.error();
      if (*result) report.applied.push_back(file.file_name);
    }
    report.current_version = file.version;
  }
  return report;
}

Result<SchemaStatus> schema_status(Database& db, const std::filesystem::path& migrations_dir) {
  auto files = list_files(migrations_dir);
  if (!files) return files.error();
  SchemaStatus status;
  status.files_version = static_cast<int>(files->size());
  auto lease = db.acquire();
  try {
    soci::indicator ind = soci::i_null;
    int version = 0;
    *lease << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
    status.database_version = ind == soci::i_ok ? version : 0;
  } catch (const soci::soci_error& e) {
    return translate_sql_error(e, "schema status");
  }
  return status;
}

}  // namespace lumbung::store
