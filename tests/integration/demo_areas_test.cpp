// seed-demo --accounts fills every area the demo logins see: the Makassar lab
// board for the lab organiser, the replication view and an innovation
// "Direplikasi oleh" several regions, the IID ranking with predicates and the
// Makassar draft, last year's competition results and this year's open call,
// the judge's panel. The same --seed gives the same pages; seeding again adds
// nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "support/http_session.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

fs::path fresh_dir(const std::string& name) {
  auto dir = fs::path(testing::TempDir()) / ("lumbung-demo-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

std::string seed(const fs::path& dir, const std::string& seed_value) {
  auto r = run_lumbung({"seed-demo", "--data", dir.string(), "--count", "1500", "--seed", seed_value, "--accounts"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return r.output;
}

std::map<std::string, std::string> passwords(const fs::path& dir) {
  std::map<std::string, std::string> out;
  std::ifstream file(dir / "demo-accounts.txt");
  for (std::string email, password, rest; file >> email >> password && std::getline(file, rest);) out[email] = password;
  return out;
}

std::string match(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : std::string();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

int this_year() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

TEST(DemoAreas, EveryAreaShowsSeededDataToItsLogin) {
  const auto dir = fresh_dir("areas");
  const auto out = seed(dir, "7");
  for (const char* area : {"demo labs: 3 labs", "demo replication:", "demo IID:", "demo competitions: 3 competitions"})
    EXPECT_NE(out.find(area), std::string::npos) << area << "\n" << out;
  const auto pw = passwords(dir);
  ASSERT_EQ(pw.size(), 5u);
  ServerProcess server({"--data", dir.string()});
  const int port = server.port();
  const std::string year = std::to_string(this_year()), last_year = std::to_string(this_year() - 1);

  // Labs: the demo organiser runs the Makassar lab; its board has ideas at several stages.
  auto organiser = log_in(port, "lab.makassar@demo.lumbung.example", pw.at("lab.makassar@demo.lumbung.example"));
  auto labs = send(port, "GET", "/lab", organiser);
  ASSERT_EQ(labs.status, 200);
  const auto lab = match(labs.body, R"re(href="/lab/(\d+)">Labinov Beken Kota Makassar )re" + year);
  ASSERT_FALSE(lab.empty()) << labs.body;
  auto board = send(port, "GET", "/lab/" + lab + "/papan", organiser);
  ASSERT_EQ(board.status, 200);
  for (const char* idea : {"Dukcapil Jemput Bola Lorong", "Sapa Ibu Hamil Lewat WhatsApp", "Kecamatan Tanpa Kertas",
                           "Lapor Bocor Pipa Cepat", "Aduan Warga Satu Pintu"})
    EXPECT_NE(board.body.find(idea), std::string::npos) << idea;
  EXPECT_NE(board.body.find("7 ide"), std::string::npos);
  // Another region's lab is not the Makassar organiser's business.
  EXPECT_EQ(labs.body.find("Executive Laboratorium Inovasi Kota Cilegon"), std::string::npos);

  // Replication: confirmed adoptions in the matrix, and the origin counts its adopting regions.
  auto replikasi = http_get(port, "/replikasi");
  ASSERT_EQ(replikasi.status, 200);
  EXPECT_GE(std::stoi("0" + match(replikasi.body, R"re((\d+) adopsi)re")), 5) << replikasi.body;
  EXPECT_NE(replikasi.body.find("Kabupaten Lebak"), std::string::npos);
  const auto origin = match(replikasi.body, R"re(<td[^>]*><a href="(/inovasi/[^"]+)")re");
  ASSERT_FALSE(origin.empty()) << replikasi.body;
  auto innovation = http_get(port, origin);
  ASSERT_EQ(innovation.status, 200);
  EXPECT_NE(innovation.body.find("Direplikasi oleh"), std::string::npos) << origin;
  auto hubs = http_get(port, "/hub");
  EXPECT_NE(hubs.body.find("Hub JIPP Provinsi Sulawesi Selatan"), std::string::npos);
  auto region_admin = log_in(port, "makassar@demo.lumbung.example", pw.at("makassar@demo.lumbung.example"));
  auto requests = send(port, "GET", "/replikasi/permintaan", region_admin);
  ASSERT_EQ(requests.status, 200);
  EXPECT_GE(count(requests.body, "href=\"/replikasi/permintaan/"), 2u) << requests.body;

  // IID: this year's ranking with predicates; Makassar's draft is not ranked but is in progress.
  auto iid = http_get(port, "/iid");
  ASSERT_EQ(iid.status, 200);
  EXPECT_NE(iid.body.find("Indeks Inovasi Daerah " + year), std::string::npos);
  EXPECT_GE(count(iid.body, "data-label=\"Predikat\">"), 6u) << iid.body;
  EXPECT_NE(iid.body.find("Kota Parepare"), std::string::npos);
  EXPECT_EQ(iid.body.find("Kota Makassar"), std::string::npos);
  auto draft = send(port, "GET", "/iid/" + year + "/pengisian", region_admin);
  ASSERT_EQ(draft.status, 200);
  EXPECT_NE(draft.body.find("bukti-1.pdf"), std::string::npos);

  // Competitions: last year's results published, this year's call open, the judge has entries to score.
  auto list = http_get(port, "/kompetisi");
  ASSERT_EQ(list.status, 200);
  const auto past =
      match(list.body, R"re(href="/kompetisi/(\d+)">Kompetisi Inovasi Pelayanan Publik )re" + last_year + "<");
  const auto open = match(list.body, R"re(href="/kompetisi/(\d+)">Kompetisi Inovasi Pelayanan Publik )re" + year + "<");
  const auto prov = match(list.body, R"re(href="/kompetisi/(\d+)">Kompetisi Inovasi Pelayanan Publik Provinsi)re");
  ASSERT_FALSE(past.empty() || open.empty() || prov.empty()) << list.body;
  auto results = http_get(port, "/kompetisi/" + past + "/hasil");
  ASSERT_EQ(results.status, 200);
  EXPECT_EQ(count(results.body, "Top 3 KIPP " + last_year), 3u) << results.body;
  auto finalists = http_get(port, "/kompetisi/" + past + "/finalis");
  ASSERT_EQ(finalists.status, 200);
  auto call = http_get(port, "/kompetisi/" + open);
  ASSERT_EQ(call.status, 200);
  auto judge = log_in(port, "juri@demo.lumbung.example", pw.at("juri@demo.lumbung.example"));
  auto panel = send(port, "GET", "/kompetisi/" + prov + "/panel", judge);
  ASSERT_EQ(panel.status, 200);
  EXPECT_GE(count(panel.body, "Juri Demo"), 2u) << panel.body;

  // Seeding again adds nothing anywhere.
  auto again = run_lumbung({"seed-demo", "--data", dir.string(), "--count", "1500", "--seed", "7", "--accounts"});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(count(again.output, "already present; nothing added"), 4u) << again.output;
}

TEST(DemoAreas, SameSeedSamePagesOtherSeedOthers) {
  const auto a = fresh_dir("seed-a"), b = fresh_dir("seed-b"), c = fresh_dir("seed-c");
  seed(a, "11");
  seed(b, "11");
  seed(c, "12");
  ServerProcess sa({"--data", a.string()}), sb({"--data", b.string()}), sc({"--data", c.string()});
  bool some_differ = false;
  for (const std::string path :
       {"/replikasi", "/iid", "/kompetisi", "/kompetisi/1/hasil", "/kompetisi/1/finalis", "/hub/1"}) {
    auto pa = http_get(sa.port(), path), pb = http_get(sb.port(), path), pc = http_get(sc.port(), path);
    ASSERT_EQ(pa.status, 200) << path;
    EXPECT_EQ(pa.body, pb.body) << path;
    some_differ = some_differ || pa.body != pc.body;
  }
  EXPECT_TRUE(some_differ) << "another seed gave the same demo";
}

// The same seeding on PostgreSQL (the fixture ctest starts; skipped without it).
TEST(DemoAreas, SeedOnPostgresToo) {
  const char* pg_dir = std::getenv("LUMBUNG_TEST_PG_DIR");
  std::string url;
  if (pg_dir) std::getline(std::ifstream(fs::path(pg_dir) / "url"), url);
  if (url.empty()) GTEST_SKIP() << "no PostgreSQL fixture (run through ctest)";
  const std::string db_name = "lumbung_demo_" + std::to_string(::getpid());
  ASSERT_EQ(std::system(("psql -q '" + url + "' -c 'CREATE DATABASE " + db_name + "' >/dev/null").c_str()), 0);
  url = url.substr(0, url.rfind('/') + 1) + db_name;
  const auto dir = fresh_dir("pg");
  auto seeded = run_lumbung({"seed-demo", "--database", url, "--data", dir.string(), "--count", "400", "--accounts"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
  EXPECT_NE(seeded.output.find("demo competitions: 3 competitions"), std::string::npos) << seeded.output;
  ServerProcess server({"--database", url, "--data", dir.string()});
  EXPECT_GE(count(http_get(server.port(), "/iid").body, "data-label=\"Predikat\">"), 6u);
  EXPECT_NE(http_get(server.port(), "/replikasi").body.find("Kabupaten Lebak"), std::string::npos);
  EXPECT_NE(http_get(server.port(), "/kompetisi/1/hasil").body.find("Top 3 KIPP"), std::string::npos);
}

}  // namespace
}  // namespace lumbung
