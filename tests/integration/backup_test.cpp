// `lumbung backup` / `lumbung restore` against the real binary: a backup taken
// while the server serves and writes restores to a consistent point in time;
// a quiet backup restores to identical content; bad archives and non-empty
// targets are refused without writing anything.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "support/server_process.hpp"
#include "support/test_dirs.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

// Every table's rows, each row rendered as one string (columns joined by \x1f).
using Dump = std::map<std::string, std::multiset<std::string>>;

Dump dump_database(const fs::path& path) {
  Dump out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path;
    sqlite3_close(db);
    return out;
  }
  std::vector<std::string> tables;
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &stmt, nullptr);
  while (sqlite3_step(stmt) == SQLITE_ROW)
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  for (const auto& table : tables) {
    auto& rows = out[table];
    sqlite3_prepare_v2(db, ("SELECT * FROM \"" + table + "\"").c_str(), -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, i));
        row.append(bytes ? std::string(bytes, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i))) : "\x01NULL");
        row += '\x1f';
      }
      rows.insert(row);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

std::map<std::string, std::string> read_tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    out[fs::relative(e.path(), dir).generic_string()] =
        std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// A seeded data directory with a few uploads (text and random bytes).
fs::path seeded_data(const fs::path& root) {
  const auto data = root / "data";
  auto seeded = run_lumbung({"seed-demo", "--data", data.string(), "--count", "40"});
  EXPECT_EQ(seeded.exit_code, 0) << seeded.output;
  std::mt19937 rng(7);
  std::string noise(200000, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  write_file(data / "files" / "12.pdf", "%PDF-1.4 laporan\n");
  write_file(data / "files" / "13.jpg", noise);
  write_file(data / "files" / "nested" / "14.thumb.jpg", noise.substr(0, 777));
  return data;
}

int post_innovation(int port, const std::string& token, int n) {
  const nlohmann::json body = {{"name", "Inovasi cadangan " + std::to_string(n)},
                               {"summary", "Ringkasan inovasi untuk uji cadangan data."},
                               {"region_code", "73.72"},
                               {"unit_name", "Dinas Komunikasi dan Informatika"},
                               {"sector", "administrasi_kependudukan"},
                               {"form", "pelayanan_publik"},
                               {"stage", "penerapan"},
                               {"year_started", 2023}};
  const std::string text = body.dump();
  auto reply = http_raw(port,
                        "POST /api/v1/innovations HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        "Authorization: Bearer " +
                            token +
                            "\r\nContent-Type: application/json\r\n"
                            "Content-Length: " +
                            std::to_string(text.size()) + "\r\n\r\n" + text);
  return reply.status;
}

// What a refused restore must leave: no target and no staging directory.
void expect_nothing_written(const fs::path& root, const fs::path& target) {
  EXPECT_FALSE(fs::exists(target)) << target;
  for (const auto& e : fs::directory_iterator(root))
    EXPECT_EQ(e.path().filename().string().find(".restore-"), std::string::npos) << "left behind: " << e.path();
}

TEST(BackupTest, BackupWhileServingAndWritingRestoresAPointInTime) {
  const auto root = test::fresh_dir();
  const auto data = seeded_data(root);
  const auto token = create_api_token(data.string(), "penulis-cadangan", "curator", "national");
  ASSERT_FALSE(token.empty());
  const auto before = dump_database(data / "lumbung.db");

  ServerProcess server({"--data", data.string()});
  std::atomic<bool> stop{false};
  std::atomic<int> created{0}, failed{0};
  std::thread writer([&] {
    for (int n = 0; !stop; ++n) {
      const int status = post_innovation(server.port(), token, n);
      (status == 201 ? created : failed)++;
    }
  });
  while (created < 5 && failed == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  auto backup = run_lumbung({"backup", "--data", data.string(), (root / "live.tar.gz").string()});
  const int created_at_backup_end = created;
  while (created < created_at_backup_end + 5 && failed == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  stop = true;
  writer.join();
  EXPECT_EQ(failed, 0);
  ASSERT_EQ(backup.exit_code, 0) << backup.output;

  auto restore = run_lumbung({"restore", "--data", (root / "restored").string(), (root / "live.tar.gz").string()});
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  EXPECT_NE(restore.output.find("search index rebuilt"), std::string::npos) << restore.output;
  EXPECT_TRUE(fs::exists(root / "restored" / "search"));

  // Writes only add rows: the restored innovations lie between the state
  // before the writer started and the state after it stopped, and each
  // restored row is one that the live database holds.
  const auto after = dump_database(data / "lumbung.db");
  const auto restored = dump_database(root / "restored" / "lumbung.db");
  const auto& inn = restored.at("innovations");
  EXPECT_GE(inn.size(), before.at("innovations").size() + 5);
  EXPECT_LT(inn.size(), after.at("innovations").size());
  for (const auto& row : inn) EXPECT_EQ(after.at("innovations").count(row), 1u) << "row not in the live database";
  // The outbox matches the innovations it announced (one entry per create here).
  EXPECT_EQ(restored.at("outbox").size() - before.at("outbox").size(), inn.size() - before.at("innovations").size());
  EXPECT_EQ(read_tree(root / "restored" / "files"), read_tree(data / "files"));

  // The restored directory serves, and its search index holds the restored innovations.
  ServerProcess restored_server({"--data", (root / "restored").string()});
  auto search = http_get(restored_server.port(), "/api/v1/innovations?q=cadangan&limit=1");
  EXPECT_EQ(search.status, 200) << search.body.substr(0, 300);
}

TEST(BackupTest, QuietBackupRestoresIdenticalContent) {
  const auto root = test::fresh_dir();
  const auto data = seeded_data(root);
  auto backup = run_lumbung({"backup", "--data", data.string(), (root / "b.tar.gz").string()});
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_FALSE(fs::exists(root / "b.tar.gz.partial-"));
  fs::create_directories(root / "empty");  // an existing empty directory is a valid target
  auto restore = run_lumbung({"restore", "--data", (root / "empty").string(), (root / "b.tar.gz").string()});
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  const auto original = dump_database(data / "lumbung.db");
  const auto restored = dump_database(root / "empty" / "lumbung.db");
  ASSERT_EQ(original.size(), restored.size());
  for (const auto& [table, rows] : original) {
    ASSERT_TRUE(restored.count(table)) << table;
    EXPECT_EQ(restored.at(table).size(), rows.size()) << table;
    EXPECT_TRUE(restored.at(table) == rows) << "content differs in " << table;
  }
  EXPECT_EQ(read_tree(root / "empty" / "files"), read_tree(data / "files"));
  EXPECT_EQ(read_tree(root / "empty" / "files").size(), 3u);
}

TEST(BackupTest, RestoreRefusesANonEmptyDirectory) {
  const auto root = test::fresh_dir();
  const auto data = seeded_data(root);
  ASSERT_EQ(run_lumbung({"backup", "--data", data.string(), (root / "b.tar.gz").string()}).exit_code, 0);
  write_file(root / "busy" / "notes.txt", "keep me");
  auto restore = run_lumbung({"restore", "--data", (root / "busy").string(), (root / "b.tar.gz").string()});
  EXPECT_NE(restore.exit_code, 0);
  EXPECT_NE(restore.output.find("not empty"), std::string::npos) << restore.output;
  EXPECT_EQ(read_tree(root / "busy"), (std::map<std::string, std::string>{{"notes.txt", "keep me"}}));
  // Restoring over the live data directory is refused the same way.
  auto over = run_lumbung({"restore", "--data", data.string(), (root / "b.tar.gz").string()});
  EXPECT_NE(over.exit_code, 0);
  EXPECT_NE(over.output.find("not empty"), std::string::npos) << over.output;
}

TEST(BackupTest, BadArchivesAreRefusedAndNothingIsWritten) {
  const auto root = test::fresh_dir();
  const auto data = seeded_data(root);
  ASSERT_EQ(run_lumbung({"backup", "--data", data.string(), (root / "good.tar.gz").string()}).exit_code, 0);
  std::ifstream in(root / "good.tar.gz", std::ios::binary);
  const std::string good((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  std::mt19937 rng(3);
  std::string noise(5000, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  std::string flipped = good;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x55);
  const std::map<std::string, std::string> bad = {
      {"empty", ""},
      {"noise", noise},
      {"truncated", good.substr(0, good.size() / 2)},
      {"flipped", flipped},
  };
  for (const auto& [label, bytes] : bad) {
    const auto archive = root / (label + ".tar.gz");
    write_file(archive, bytes);
    const auto target = root / ("target-" + label);
    auto restore = run_lumbung({"restore", "--data", target.string(), archive.string()});
    EXPECT_NE(restore.exit_code, 0) << label;
    EXPECT_NE(restore.output.find("nothing was written"), std::string::npos) << label << ": " << restore.output;
    EXPECT_EQ(restore.output.find("fatal"), std::string::npos) << label << ": " << restore.output;
    expect_nothing_written(root, target);
  }

  // Well-formed tar archives that are not Lumbung backups.
  write_file(root / "other" / "readme.txt", "bukan cadangan");
  write_file(root / "foreign" / "lumbung-backup.json", R"({"format": "something-else", "version": 1})");
  write_file(root / "foreign" / "lumbung.db", "not a database");
  write_file(root / "future" / "lumbung-backup.json", R"({"format": "lumbung-backup", "version": 99})");
  fs::copy_file(data / "lumbung.db", root / "future" / "lumbung.db");
  write_file(root / "damaged" / "lumbung-backup.json", R"({"format": "lumbung-backup", "version": 1})");
  write_file(root / "damaged" / "lumbung.db", "SQLite format 3" + std::string(1, '\0') + noise);
  write_file(root / "escape" / "lumbung-backup.json", R"({"format": "lumbung-backup", "version": 1})");
  fs::copy_file(data / "lumbung.db", root / "escape" / "lumbung.db");
  write_file(root / "escape" / "x" / "evil", "outside");
  const std::map<std::string, std::string> tars = {
      {"other", "readme.txt"},
      {"foreign", "lumbung-backup.json lumbung.db"},
      {"future", "lumbung-backup.json lumbung.db"},
      {"damaged", "lumbung-backup.json lumbung.db"},
      {"escape", "--transform 's,^x/evil,files/../../evil,' lumbung-backup.json lumbung.db x/evil"},
  };
  for (const auto& [label, members] : tars) {
    const auto archive = root / (label + ".tar.gz");
    const std::string cmd = "tar -czf '" + archive.string() + "' -C '" + (root / label).string() + "' " + members;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    const auto target = root / ("target-" + label);
    auto restore = run_lumbung({"restore", "--data", target.string(), archive.string()});
    EXPECT_NE(restore.exit_code, 0) << label;
    EXPECT_NE(restore.output.find("nothing was written"), std::string::npos) << label << ": " << restore.output;
    expect_nothing_written(root, target);
  }

  // A real backup whose entries were changed, or whose SHA256SUMS is gone,
  // repacked as valid gzip: the checksums catch what gzip's CRC would have
  // (libarchive does not check it).
  for (const std::string label : {"tampered", "unsummed"}) {
    const auto dir = root / label;
    fs::create_directories(dir);
    const std::string unpack = "tar -xzf '" + (root / "good.tar.gz").string() + "' -C '" + dir.string() + "'";
    ASSERT_EQ(std::system(unpack.c_str()), 0) << unpack;
    ASSERT_TRUE(fs::exists(dir / "SHA256SUMS"));
    if (label == "tampered")
      std::ofstream(dir / "lumbung-backup.json", std::ios::app) << " ";
    else
      fs::remove(dir / "SHA256SUMS");
    const auto archive = root / (label + ".tar.gz");
    const std::string pack = "cd '" + dir.string() + "' && tar -czf '" + archive.string() + "' *";
    ASSERT_EQ(std::system(pack.c_str()), 0) << pack;
    const auto target = root / ("target-" + label);
    auto restore = run_lumbung({"restore", "--data", target.string(), archive.string()});
    EXPECT_NE(restore.exit_code, 0) << label;
    EXPECT_NE(restore.output.find(label == "tampered" ? "does not match its SHA-256" : "has no SHA256SUMS"),
              std::string::npos)
        << label << ": " << restore.output;
    expect_nothing_written(root, target);
  }

  // A version 1 backup (before SHA256SUMS) still restores.
  write_file(root / "v1" / "lumbung-backup.json", R"({"format": "lumbung-backup", "version": 1})");
  fs::copy_file(data / "lumbung.db", root / "v1" / "lumbung.db");
  const std::string pack_v1 = "tar -czf '" + (root / "v1.tar.gz").string() + "' -C '" + (root / "v1").string() +
                              "' lumbung-backup.json lumbung.db";
  ASSERT_EQ(std::system(pack_v1.c_str()), 0);
  auto v1 = run_lumbung({"restore", "--data", (root / "target-v1").string(), (root / "v1.tar.gz").string()});
  EXPECT_EQ(v1.exit_code, 0) << v1.output;
  EXPECT_TRUE(fs::exists(root / "target-v1" / "lumbung.db"));
}

TEST(BackupTest, BackupToAnUnwritablePlaceFailsCleanly) {
  const auto root = test::fresh_dir();
  const auto data = seeded_data(root);
  auto backup = run_lumbung({"backup", "--data", data.string(), (root / "no-such-dir" / "b.tar.gz").string()});
  EXPECT_NE(backup.exit_code, 0);
  EXPECT_NE(backup.output.find("cannot write"), std::string::npos) << backup.output;
  auto missing = run_lumbung({"backup", "--data", (root / "nothing").string(), (root / "c.tar.gz").string()});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.output.find("no database"), std::string::npos) << missing.output;
  EXPECT_FALSE(fs::exists(root / "c.tar.gz"));
}

}  // namespace
}  // namespace lumbung
