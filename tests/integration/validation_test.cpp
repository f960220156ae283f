// Validation campaigns and the duplicate queue against the real binary: a
// curator opens a campaign for one region, that region's admin answers on
// one page and the public profile shows the verification and "berhenti",
// another region's admin is refused the same innovation (IDOR), the
// dashboard counts; a duplicate pair is found, merged (the old address
// redirects) and the merge undone.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "support/http_session.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

const std::string kPassword = "kata-sandi-uji-panjang";

// Runs `sql` on the installation's database; returns the first row's columns.
std::vector<std::string> query(const fs::path& db_path, const std::string& sql) {
  std::vector<std::string> out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db_path;
    sqlite3_close(db);
    return out;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) ADD_FAILURE() << sqlite3_errmsg(db);
  if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const auto* text = sqlite3_column_text(stmt, i);
      out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

class ValidationPages : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-validation-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    auto seeded = run_lumbung({"seed-demo", "--data", dir_->string(), "--count", "60"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    const auto db = *dir_ / "lumbung.db";
    // The innovation asked about, and one of another region.
    auto first = query(db, "SELECT id, region_code FROM innovations WHERE state = 'published' ORDER BY id LIMIT 1");
    ASSERT_EQ(first.size(), 2u);
    innovation_ = new std::string(first[0]);
    region_ = new std::string(first[1]);
    auto other =
        query(db, "SELECT id, region_code FROM innovations WHERE state = 'published' AND region_code <> '" + first[1] +
                      "' AND SUBSTR(region_code, 1, 2) <> SUBSTR('" + first[1] + "', 1, 2) ORDER BY id LIMIT 1");
    ASSERT_EQ(other.size(), 2u);
    other_region_ = new std::string(other[1]);
    // The same innovation entered twice (as from KIPP and from IGA): the last
    // published record takes the first one's name and place.
    auto copy = query(db, "SELECT id FROM innovations WHERE state = 'published' AND region_code <> '" + first[1] +
                              "' ORDER BY id DESC LIMIT 1");
    ASSERT_EQ(copy.size(), 1u);
    copy_ = new std::string(copy[0]);
    query(db, "UPDATE innovations SET name = (SELECT name FROM innovations WHERE id = " + first[0] +
                  "), region_code = '" + first[1] + "', province_code = SUBSTR('" + first[1] +
                  "', 1, 2), unit_id = (SELECT unit_id FROM innovations WHERE id = " + first[0] +
                  ") WHERE id = " + copy[0]);
    const std::vector<std::vector<std::string>> users = {
        {"kurator@lumbung.go.id", "curator", "national"},
        {"admin@daerah.go.id", "region_admin", "region:" + first[1]},
        {"admin@daerah-lain.go.id", "region_admin", "region:" + other[1]},
    };
    for (const auto& u : users) {
      auto r = run_lumbung_with_input({"user", "add", "--data", dir_->string(), "--email", u[0], "--name",
                                       "Uji " + u[1], "--role", u[1], "--scope", u[2], "--password-stdin"},
                                      kPassword + "\n");
      ASSERT_EQ(r.exit_code, 0) << r.output;
    }
    server_ = new ServerProcess({"--data", dir_->string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete dir_;
    delete innovation_;
    delete region_;
    delete other_region_;
    delete copy_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static int port() { return server_->port(); }

  static inline fs::path* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline std::string *innovation_ = nullptr, *region_ = nullptr, *other_region_ = nullptr, *copy_ = nullptr;
};

TEST_F(ValidationPages, CampaignAnswerAndDashboard) {
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  // Bad input is kept in the form with its message.
  auto bad = send(port(), "POST", "/kurasi/validasi/baru", curator,
                  "title=&deadline=2001-01-01&region=" + form_encode(*region_));
  ASSERT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Wajib diisi."), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"" + *region_ + "\""), std::string::npos);
  auto created =
      send(port(), "POST", "/kurasi/validasi/baru", curator,
           "title=" + form_encode("Pemutakhiran Uji") + "&deadline=2099-12-31&region=" + form_encode(*region_));
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  std::smatch m;
  const auto location = created.header("location");
  ASSERT_TRUE(std::regex_search(location, m, std::regex(R"(/kurasi/validasi/(\d+))"))) << location;
  const std::string campaign = m[1];
  auto draft = send(port(), "GET", "/kurasi/validasi/" + campaign, curator);
  ASSERT_EQ(draft.status, 200);
  EXPECT_NE(draft.body.find("Draf"), std::string::npos);
  auto opened = send(port(), "POST", "/kurasi/validasi/" + campaign + "/buka", curator);
  ASSERT_EQ(opened.status, 303);
  auto dashboard = send(port(), "GET", "/kurasi/validasi/" + campaign, curator);
  std::smatch total;
  ASSERT_TRUE(std::regex_search(dashboard.body, total, std::regex(R"(0 dari (\d+) diperbarui \(0%\))")))
      << dashboard.body.substr(0, 3000);
  EXPECT_EQ(send(port(), "POST", "/kurasi/validasi/" + campaign + "/buka", curator).status, 409);

  // The region's admin was notified and answers.
  auto admin = log_in(port(), "admin@daerah.go.id", kPassword);
  auto inbox = send(port(), "GET", "/notifikasi", admin);
  EXPECT_NE(inbox.body.find("Pemutakhiran Uji"), std::string::npos);
  const std::string answer_path = "/validasi/" + campaign + "/inovasi/" + *innovation_;
  auto list = send(port(), "GET", "/validasi", admin);
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find(answer_path), std::string::npos);
  auto page = send(port(), "GET", answer_path, admin);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("name=\"status\" value=\"berkembang\""), std::string::npos);
  // A wrong answer keeps what was typed.
  auto wrong = send(port(), "POST", answer_path, admin,
                    "status=&results=" + form_encode("Hasil baru uji") + "&contact_name=&evidence_url=ftp%3A%2F%2Fx");
  ASSERT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("Hasil baru uji"), std::string::npos);
  EXPECT_NE(wrong.body.find("https://"), std::string::npos);

  // Another region's admin cannot see nor answer it (IDOR), and nothing changes.
  auto other = log_in(port(), "admin@daerah-lain.go.id", kPassword);
  EXPECT_EQ(send(port(), "GET", answer_path, other).status, 403);
  EXPECT_EQ(send(port(), "POST", answer_path, other, "status=berhenti&contact_name=Penyusup").status, 403);
  EXPECT_EQ(send(port(), "GET", "/validasi", other).body.find(answer_path), std::string::npos);
  EXPECT_EQ(send(port(), "GET", "/kurasi/validasi/" + campaign, other).status, 403);

  auto answered = send(port(), "POST", answer_path, admin,
                       "status=berhenti&results=" + form_encode("Layanan dihentikan sejak 2023.") +
                           "&figures=&evidence_url=" + form_encode("https://daerah.go.id/sk.pdf") +
                           "&contact_name=" + form_encode("Siti Rahma") + "&contact_phone=0812");
  ASSERT_EQ(answered.status, 303) << answered.body.substr(0, 2000);
  EXPECT_EQ(answered.header("location"), "/validasi?pesan=terkirim");

  // The public profile shows the verification and that it stopped.
  auto profile = send(port(), "GET", "/inovasi/" + *innovation_, anonymous(port()));
  if (profile.status == 301) profile = send(port(), "GET", profile.header("location"), anonymous(port()));
  ASSERT_EQ(profile.status, 200);
  EXPECT_NE(profile.body.find("sudah berhenti dijalankan"), std::string::npos);
  EXPECT_EQ(profile.body.find("Belum pernah diverifikasi"), std::string::npos);

  auto after = send(port(), "GET", "/kurasi/validasi/" + campaign, curator);
  EXPECT_NE(after.body.find("1 dari " + total[1].str() + " diperbarui"), std::string::npos);
  EXPECT_NE(after.body.find("0 berlanjut, 1 berhenti"), std::string::npos);
  EXPECT_EQ(send(port(), "POST", "/kurasi/validasi/" + campaign + "/tutup", curator).status, 303);
  // Closed: the answer page says so and a post is refused.
  EXPECT_EQ(send(port(), "POST", answer_path, admin, "status=berlanjut&contact_name=Siti").status, 409);
}

TEST_F(ValidationPages, DuplicateMergeRedirectsAndUndo) {
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto scanned = send(port(), "POST", "/kurasi/duplikat/pindai", curator);
  ASSERT_EQ(scanned.status, 303);
  const auto low = std::min(std::stoll(*innovation_), std::stoll(*copy_));
  const auto high = std::max(std::stoll(*innovation_), std::stoll(*copy_));
  const std::string pair = "/kurasi/duplikat/" + std::to_string(low) + "/" + std::to_string(high);
  auto queue = send(port(), "GET", "/kurasi/duplikat", curator);
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find(pair), std::string::npos) << queue.body.substr(0, 4000);
  EXPECT_NE(queue.body.find("Nama sama"), std::string::npos);
  auto side = send(port(), "GET", pair, curator);
  ASSERT_EQ(side.status, 200);
  EXPECT_NE(side.body.find("name=\"field_summary\""), std::string::npos);
  // Keep the left (older) record; the right one's address then redirects to it.
  auto merged = send(port(), "POST", pair + "/gabung", curator, "survivor=left&field_name=left");
  ASSERT_EQ(merged.status, 303) << merged.body.substr(0, 2000);
  auto old = send(port(), "GET", "/inovasi/" + std::to_string(high), anonymous(port()));
  EXPECT_EQ(old.status, 301);
  EXPECT_EQ(old.header("location"), "/inovasi/" + std::to_string(low));
  auto list = send(port(), "GET", "/kurasi/duplikat?pesan=digabung", curator);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(list.body, m, std::regex(R"(/kurasi/gabungan/(\d+)/batal)")));
  auto undone = send(port(), "POST", m[0].str(), curator);
  ASSERT_EQ(undone.status, 303);
  auto back = send(port(), "GET", "/inovasi/" + std::to_string(high), anonymous(port()));
  EXPECT_NE(back.status, 404);
  EXPECT_TRUE(back.status == 200 ||
              (back.status == 301 && back.header("location") != "/inovasi/" + std::to_string(low)))
      << back.status << " " << back.header("location");
  EXPECT_EQ(send(port(), "POST", m[0].str(), curator).status, 409);

  // Marked related instead: each profile lists the other under "Inovasi terkait",
  // at once, although both profiles were just served (and their bodies cached).
  for (auto id : {low, high}) {
    auto before = send(port(), "GET", "/inovasi/" + std::to_string(id), anonymous(port()));
    if (before.status == 301) before = send(port(), "GET", before.header("location"), anonymous(port()));
    ASSERT_EQ(before.status, 200);
    EXPECT_EQ(before.body.find("id=\"terkait\""), std::string::npos) << id;
  }
  auto related = send(port(), "POST", pair + "/terkait", curator);
  ASSERT_EQ(related.status, 303) << related.body.substr(0, 2000);
  for (const auto& [self, other] : {std::pair{low, high}, std::pair{high, low}}) {
    auto page = send(port(), "GET", "/inovasi/" + std::to_string(self), anonymous(port()));
    if (page.status == 301) page = send(port(), "GET", page.header("location"), anonymous(port()));
    ASSERT_EQ(page.status, 200);
    auto at = page.body.find("id=\"terkait\"");
    ASSERT_NE(at, std::string::npos) << self;
    EXPECT_NE(page.body.find("data-id=\"" + std::to_string(other) + "\"", at), std::string::npos);
    EXPECT_NE(page.body.find("Inovasi terkait", at), std::string::npos);
  }
}

}  // namespace
}  // namespace lumbung
