// `lumbung backup FILE` and `lumbung restore FILE`.
//
// Backup format: a gzip-compressed POSIX (pax) tar archive holding, in order,
//   lumbung-backup.json  {"format": "lumbung-backup", "version": 2, "created_at": unix seconds,
//                         "lumbung_version": "...", "database": "lumbung.db", "files": N}
//   lumbung.db           a consistent copy of the SQLite store (SQLite online backup API,
//                        taken in one read transaction while the server keeps serving)
//   files/...            the uploads of <data>/files, copied after the database, so every
//                        upload the copied database refers to is present
//   SHA256SUMS           the SHA-256 of every entry above, in `sha256sum` format
//                        (version 2; gzip's own CRC is not checked by libarchive)
// `tar -tzf FILE` lists it; nothing else is needed to read it, and
// `sha256sum -c SHA256SUMS` checks an extracted copy.
//
// Restore reads the archive into a staging directory beside the target, checks
// it (manifest, entry names and types, every entry against SHA256SUMS, SQLite
// integrity), and only then moves it into the (empty) data directory; a bad
// archive leaves nothing behind. Version 1 archives (no SHA256SUMS) are still
// read. The search index is rebuilt from the restored database.
#include <archive.h>
#include <archive_entry.h>
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/app.hpp"
#include "cli/backup.hpp"
#include "cli/wiring.hpp"
#include "search/indexer.hpp"

#ifndef LUMBUNG_VERSION
#define LUMBUNG_VERSION "dev"
#endif

namespace lumbung::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kManifestName = "lumbung-backup.json";
constexpr const char* kDatabaseName = "lumbung.db";
constexpr const char* kSumsName = "SHA256SUMS";
constexpr const char* kFormat = "lumbung-backup";
constexpr int kFormatVersion = 2;
// Version 1 had no SHA256SUMS; restore still reads it.
constexpr int kOldestReadableVersion = 1;

// SHA-256 of a stream of bytes, as lower-case hex.
class Sha256 {
 public:
  Sha256() { crypto_hash_sha256_init(&state_); }
  void add(const void* data, std::size_t size) {
    crypto_hash_sha256_update(&state_, static_cast<const unsigned char*>(data), size);
  }
  std::string hex() {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_, digest);
    char out[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(out, sizeof out, digest, sizeof digest);
    return out;
  }

 private:
  crypto_hash_sha256_state state_;
};

Error problem(const std::string& message) { return Error(ErrorCode::invalid, message); }

// libarchive's description of its last error; it has none for some damaged
// input (archive_error_string returns null then).
std::string archive_message(archive* a) {
  const char* text = archive_error_string(a);
  return text ? text : "unreadable data";
}

bool is_sqlite_url(const std::string& url) { return url.empty() || url.rfind("sqlite:", 0) == 0; }

fs::path sqlite_path(const Config& config) {
  if (config.database_url.rfind("sqlite:", 0) == 0) return config.database_url.substr(7);
  return fs::path(config.data_dir) / kDatabaseName;
}

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

Result<SqliteHandle> open_sqlite(const fs::path& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteHandle db(raw);
  if (rc != SQLITE_OK)
    return problem("cannot open " + path.string() + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(db.get(), 5000);
  return db;
}

// Copies the whole database in one step (one read transaction on the source,
// so the copy is a single point in time), retrying while a writer holds a lock.
Status copy_database(const fs::path& from, const fs::path& to) {
  auto src = open_sqlite(from, SQLITE_OPEN_READWRITE);
  if (!src) return src.error();
  auto dst = open_sqlite(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!dst) return dst.error();
  sqlite3_backup* backup = sqlite3_backup_init(dst->get(), "main", src->get(), "main");
  if (backup == nullptr) return problem(std::string("database copy: ") + sqlite3_errmsg(dst->get()));
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 600; ++attempt) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return problem(std::string("database copy: ") + sqlite3_errstr(rc));
  if (sqlite3_errcode(dst->get()) != SQLITE_OK)
    return problem(std::string("database copy: ") + sqlite3_errmsg(dst->get()));
  return {};
}

// "ok" from PRAGMA quick_check, else the first problem it reports.
Status check_database(const fs::path& path) {
  auto db = open_sqlite(path, SQLITE_OPEN_READONLY);
  if (!db) return db.error();
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db->get(), "PRAGMA quick_check", -1, &stmt, nullptr) != SQLITE_OK)
    return problem(std::string("the database does not open: ") + sqlite3_errmsg(db->get()));
  std::string verdict;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(stmt, 0);
    verdict = text ? reinterpret_cast<const char*>(text) : "";
  } else {
    verdict = sqlite3_errmsg(db->get());
  }
  sqlite3_finalize(stmt);
  if (verdict != "ok") return problem("the database is damaged: " + verdict);
  return {};
}

struct ArchiveWriterCloser {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct ArchiveReaderCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

// Writes one regular entry holding `bytes`.
Status add_bytes(archive* out, const std::string& name, const std::string& bytes) {
  std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(), archive_entry_free);
  archive_entry_set_pathname(entry.get(), name.c_str());
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(bytes.size()));
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0640);
  archive_entry_set_mtime(entry.get(), std::time(nullptr), 0);
  if (archive_write_header(out, entry.get()) != ARCHIVE_OK ||
      archive_write_data(out, bytes.data(), bytes.size()) != static_cast<la_ssize_t>(bytes.size()))
    return problem(archive_message(out));
  return {};
}

// Copies `source` into the archive as `name`; `sha256` gets the hash of the bytes written.
Status add_entry(archive* out, const std::string& name, const fs::path& source, std::string* sha256) {
  std::ifstream in(source, std::ios::binary);
  if (!in) return problem("cannot read " + source.string());
  std::error_code ec;
  const auto size = fs::file_size(source, ec);
  if (ec) return problem("cannot read " + source.string() + ": " + ec.message());
  std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(), archive_entry_free);
  archive_entry_set_pathname(entry.get(), name.c_str());
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0640);
  archive_entry_set_mtime(entry.get(), std::time(nullptr), 0);
  if (archive_write_header(out, entry.get()) != ARCHIVE_OK) return problem(archive_message(out));
  char buffer[64 * 1024];
  std::uintmax_t written = 0;
  Sha256 hash;
  while (written < size && in) {
    in.read(buffer, static_cast<std::streamsize>(std::min<std::uintmax_t>(sizeof buffer, size - written)));
    const auto got = in.gcount();
    if (got <= 0) break;
    if (archive_write_data(out, buffer, static_cast<std::size_t>(got)) != got)
      return problem(archive_message(out));
    hash.add(buffer, static_cast<std::size_t>(got));
    written += static_cast<std::uintmax_t>(got);
  }
  // A file that shrank while being read: the header promised `size` bytes.
  if (written != size) return problem(source.string() + " changed while being copied");
  *sha256 = hash.hex();
  return {};
}

// Upload files under <data>/files, as archive names "files/...", sorted.
Result<std::vector<std::pair<std::string, fs::path>>> list_uploads(const fs::path& files_dir) {
  std::vector<std::pair<std::string, fs::path>> out;
  std::error_code ec;
  if (!fs::exists(files_dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(files_dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    out.emplace_back("files/" + fs::relative(it->path(), files_dir).generic_string(), it->path());
  }
  if (ec) return problem("cannot list " + files_dir.string() + ": " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

Status write_backup(const Config& config, const fs::path& file, const fs::path& db_copy, std::size_t* file_count) {
  const fs::path db_path = sqlite_path(config);
  std::error_code ec;
  if (!fs::is_regular_file(db_path, ec)) return problem("no database at " + db_path.string());
  if (auto copied = copy_database(db_path, db_copy); !copied) return copied;
  auto uploads = list_uploads(uploads_dir(config));
  if (!uploads) return uploads.error();
  *file_count = uploads->size();

  std::unique_ptr<archive, ArchiveWriterCloser> out(archive_write_new());
  archive_write_add_filter_gzip(out.get());
  archive_write_set_format_pax_restricted(out.get());
  if (archive_write_open_filename(out.get(), file.c_str()) != ARCHIVE_OK)
    return problem("cannot write " + file.string() + ": " + archive_message(out.get()));

  const nlohmann::json manifest = {{"format", kFormat},
                                   {"version", kFormatVersion},
                                   {"created_at", static_cast<std::int64_t>(std::time(nullptr))},
                                   {"lumbung_version", LUMBUNG_VERSION},
                                   {"database", kDatabaseName},
                                   {"files", uploads->size()}};
  const std::string text = manifest.dump(2) + "\n";
  if (auto added = add_bytes(out.get(), kManifestName, text); !added) return added;
  std::string sums;  // sha256sum's format: hash, two spaces, name
  {
    Sha256 hash;
    hash.add(text.data(), text.size());
    sums += hash.hex() + "  " + kManifestName + "\n";
  }
  std::string sha;
  if (auto added = add_entry(out.get(), kDatabaseName, db_copy, &sha); !added) return added;
  sums += sha + "  " + kDatabaseName + "\n";
  for (const auto& [name, path] : *uploads) {
    if (auto added = add_entry(out.get(), name, path, &sha); !added) {
      // An upload deleted between listing and copying: its attachment was
      // removed meanwhile, so leaving it out is right.
      if (!fs::exists(path, ec)) continue;
      return added;
    }
    sums += sha + "  " + name + "\n";
  }
  if (auto added = add_bytes(out.get(), kSumsName, sums); !added) return added;
  if (archive_write_close(out.get()) != ARCHIVE_OK) return problem(archive_message(out.get()));
  return {};
}

// Entry names a backup may hold: the manifest, the database, files/<relative path>.
bool acceptable_name(const std::string& name, bool directory) {
  if (name == kManifestName || name == kDatabaseName || name == kSumsName) return !directory;
  std::string rest = name;
  if (directory && !rest.empty() && rest.back() == '/') rest.pop_back();
  if (rest == "files") return directory;
  if (rest.rfind("files/", 0) != 0) return false;
  std::size_t start = 0;
  while (start <= rest.size()) {
    auto slash = rest.find('/', start);
    if (slash == std::string::npos) slash = rest.size();
    const std::string part = rest.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = slash + 1;
  }
  return rest.find('\0') == std::string::npos;
}

// Every entry but SHA256SUMS is listed in it exactly once, with the hash of
// the bytes read.
Status check_sums(const fs::path& sums_file, const std::map<std::string, std::string>& extracted) {
  std::ifstream in(sums_file, std::ios::binary);
  std::map<std::string, std::string> listed;
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() < 67 || line.compare(64, 2, "  ") != 0)
      return problem(std::string("the archive is damaged: ") + kSumsName + " is unreadable");
    if (!listed.emplace(line.substr(66), line.substr(0, 64)).second)
      return problem(std::string("the archive is damaged: ") + kSumsName + " lists an entry twice");
  }
  for (const auto& [name, sha] : extracted) {
    if (name == kSumsName) continue;
    auto it = listed.find(name);
    if (it == listed.end()) return problem("the archive is damaged: " + name + " is not in " + kSumsName);
    if (it->second != sha) return problem("the archive is damaged: " + name + " does not match its SHA-256");
    listed.erase(it);
  }
  if (!listed.empty()) return problem("the archive is damaged: " + listed.begin()->first + " is missing");
  return {};
}

}  // namespace

Result<nlohmann::json> unpack_backup(const std::filesystem::path& file, const std::filesystem::path& staging) {
  std::unique_ptr<archive, ArchiveReaderCloser> in(archive_read_new());
  archive_read_support_filter_gzip(in.get());
  archive_read_support_filter_none(in.get());
  archive_read_support_format_tar(in.get());
  if (archive_read_open_filename(in.get(), file.c_str(), 64 * 1024) != ARCHIVE_OK)
    return problem(std::string("cannot read the archive: ") + archive_message(in.get()));
  archive_entry* entry = nullptr;
  bool have_manifest = false, have_database = false, have_sums = false;
  std::map<std::string, std::string> extracted;  // entry name -> SHA-256 of its bytes
  for (;;) {
    const int rc = archive_read_next_header(in.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK) return problem(std::string("the archive is damaged: ") + archive_message(in.get()));
    const char* raw_name = archive_entry_pathname(entry);
    const std::string name = raw_name ? raw_name : "";
    const auto type = archive_entry_filetype(entry);
    if ((type != AE_IFREG && type != AE_IFDIR) || !acceptable_name(name, type == AE_IFDIR))
      return problem("unexpected entry '" + name + "' in the archive");
    const fs::path target = staging / name;
    std::error_code ec;
    if (type == AE_IFDIR) {
      fs::create_directories(target, ec);
      if (ec) return problem("cannot create " + target.string() + ": " + ec.message());
      continue;
    }
    fs::create_directories(target.parent_path(), ec);
    if (ec) return problem("cannot create " + target.parent_path().string() + ": " + ec.message());
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!out) return problem("cannot write " + target.string());
    if (extracted.count(name)) return problem("the archive holds '" + name + "' twice");
    const void* block = nullptr;
    std::size_t size = 0;
    la_int64_t offset = 0;
    la_int64_t expected = 0;  // blocks arrive in order; a gap (sparse entry) is refused
    Sha256 hash;
    for (;;) {
      const int r = archive_read_data_block(in.get(), &block, &size, &offset);
      if (r == ARCHIVE_EOF) break;
      if (r != ARCHIVE_OK) return problem(std::string("the archive is damaged: ") + archive_message(in.get()));
      if (offset != expected) return problem("unexpected sparse entry '" + name + "' in the archive");
      out.write(static_cast<const char*>(block), static_cast<std::streamsize>(size));
      hash.add(block, size);
      expected += static_cast<la_int64_t>(size);
    }
    out.close();
    if (!out) return problem("cannot write " + target.string());
    extracted.emplace(name, hash.hex());
    if (name == kManifestName) have_manifest = true;
    if (name == kDatabaseName) have_database = true;
    if (name == kSumsName) have_sums = true;
  }
  if (!have_manifest) return problem(std::string("the archive has no ") + kManifestName);
  if (!have_database) return problem(std::string("the archive has no ") + kDatabaseName);
  std::ifstream manifest_in(staging / kManifestName);
  auto manifest = nlohmann::json::parse(manifest_in, nullptr, /*allow_exceptions=*/false);
  if (!manifest.is_object() || manifest.value("format", "") != kFormat)
    return problem(std::string(kManifestName) + " does not describe a Lumbung backup");
  if (!manifest.contains("version") || !manifest["version"].is_number_integer() ||
      manifest["version"].get<int>() < kOldestReadableVersion || manifest["version"].get<int>() > kFormatVersion)
    return problem("backup format version " + (manifest.contains("version") ? manifest["version"].dump() : "?") +
                   " is not supported (this release reads versions " + std::to_string(kOldestReadableVersion) +
                   " to " + std::to_string(kFormatVersion) + ")");
  if (manifest["version"].get<int>() >= 2) {
    if (!have_sums) return problem(std::string("the archive has no ") + kSumsName);
    if (auto checked = check_sums(staging / kSumsName, extracted); !checked) return checked.error();
  }
  if (auto checked = check_database(staging / kDatabaseName); !checked) return checked.error();
  return manifest;
}

namespace {

bool is_empty_or_missing(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

}  // namespace

int run_backup(const Config& config, const std::string& file) {
  if (!is_sqlite_url(config.database_url)) {
    std::cerr << "lumbung: backup copies the embedded SQLite store in --data; for PostgreSQL use pg_dump "
                 "and copy <data>/files (README, \"Backups\")\n";
    return 2;
  }
  const fs::path target = fs::absolute(file);
  std::error_code ec;
  if (!fs::is_directory(target.parent_path(), ec)) {
    std::cerr << "lumbung: backup: cannot write " << target.string() << ": no directory "
              << target.parent_path().string() << "\n";
    return 1;
  }
  const std::string suffix = ".partial-" + std::to_string(::getpid());
  const fs::path partial = target.string() + suffix;
  const fs::path db_copy = target.string() + suffix + ".db";
  std::size_t files = 0;
  auto written = write_backup(config, partial, db_copy, &files);
  fs::remove(db_copy, ec);
  if (written) fs::rename(partial, target, ec);
  if (!written || ec) {
    fs::remove(partial, ec);
    return fail(written ? problem("cannot write " + target.string() + ": " + ec.message()) : written.error());
  }
  std::cout << "backup: wrote " << target.string() << " (database and " << files << " files)\n";
  return 0;
}

int run_restore(const Config& config, const std::string& file) {
  if (!config.database_url.empty()) {
    std::cerr << "lumbung: restore writes the embedded store into --data; for PostgreSQL use pg_restore "
                 "(README, \"Backups\")\n";
    return 2;
  }
  const fs::path data = fs::absolute(config.data_dir);
  if (!is_empty_or_missing(data)) {
    std::cerr << "lumbung: restore: the data directory " << data.string()
              << " is not empty; restore only into an empty or new directory\n";
    return 2;
  }
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    std::cerr << "lumbung: restore: no file " << file << "\n";
    return 2;
  }
  fs::create_directories(data.parent_path(), ec);
  const fs::path staging =
      data.parent_path() / ("." + data.filename().string() + ".restore-" + std::to_string(::getpid()));
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) return fail(problem("restore: cannot create " + staging.string() + ": " + ec.message()));
  auto manifest = unpack_backup(file, staging);
  if (!manifest) {
    fs::remove_all(staging, ec);
    std::cerr << "lumbung: restore: " << file << " is not a usable backup: " << manifest.error().message()
              << "; nothing was written\n";
    return 1;
  }
  const bool created = !fs::exists(data, ec);
  fs::create_directories(data, ec);
  for (const auto& entry : fs::directory_iterator(staging, ec)) {
    if (entry.path().filename() == kManifestName) continue;
    fs::rename(entry.path(), data / entry.path().filename(), ec);
    if (ec) break;
  }
  if (ec) {
    const std::string message = ec.message();
    for (const auto& name : {fs::path(kDatabaseName), fs::path("files")}) fs::remove_all(data / name, ec);
    if (created) fs::remove(data, ec);
    fs::remove_all(staging, ec);
    return fail(problem("restore: cannot move the restored data into " + data.string() + ": " + message));
  }
  fs::remove_all(staging, ec);
  std::cout << "restore: database and " << manifest->value("files", 0) << " files from a backup of "
            << manifest->value("lumbung_version", "?") << " into " << data.string() << "\n";

  // Bring the schema up to this release and build the search index from the
  // restored database.
  auto log = make_logger("lumbung", config.log_level);
  auto db = open_database(config, log, /*migrate=*/true);
  if (!db) return fail(db.error());
  auto count = search::reindex(**db, search_dir(config), entity_sources(), log);
  if (!count) return fail(count.error());
  std::cout << "restore: search index rebuilt with " << *count << " documents\n";
  return 0;
}

}  // namespace lumbung::cli
