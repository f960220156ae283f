// Operations on PostgreSQL: `lumbung migrate-store` (an embedded store copied
// into a new database, verified by row counts and by serving from it) and two
// nodes on one database (writes on one searchable on the other, a node killed
// with SIGKILL catches up from the outbox, sessions valid on both).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "support/server_process.hpp"
#include "support/test_dirs.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

// A new database on the fixture's server, or "" (test skipped) without one.
std::string new_pg_database(const std::string& name) {
  const char* dir = std::getenv("LUMBUNG_TEST_PG_DIR");
  std::string url;
  if (dir) std::getline(std::ifstream(fs::path(dir) / "url"), url);
  if (url.empty()) return {};
  const std::string db = name + "_" + std::to_string(::getpid());
  if (std::system(("psql -q '" + url + "' -c 'CREATE DATABASE " + db + "' >/dev/null").c_str()) != 0) return {};
  return url.substr(0, url.rfind('/') + 1) + db;
}

std::string psql(const std::string& url, const std::string& sql) {
  std::string out;
  if (FILE* p = ::popen(("psql -tA '" + url + "' -c \"" + sql + "\"").c_str(), "r")) {
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

TEST(MigrateStore, CopiesEveryTableIntoPostgresAndServesFromIt) {
  const auto url = new_pg_database("lumbung_ms");
  if (url.empty()) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") FAIL() << "PostgreSQL fixture did not start";
    GTEST_SKIP() << "no PostgreSQL fixture (run through ctest)";
  }
  const auto root = test::fresh_dir();
  const auto data = root / "data";
  ASSERT_EQ(run_lumbung({"seed-demo", "--data", data.string(), "--count", "25"}).exit_code, 0);
  auto user = run_lumbung_with_input({"user", "add", "--data", data.string(), "--email", "obrien@lumbung.go.id",
                                      "--name", "Siti O'Brien \\ \"Kurator\"", "--role", "curator", "--password-stdin"},
                                     "kata-sandi-uji-panjang\n");
  ASSERT_EQ(user.exit_code, 0) << user.output;

  const std::string from = "sqlite:" + (data / "lumbung.db").string();
  auto copied = run_lumbung({"migrate-store", "--data", (root / "node").string(), "--from", from, "--to", url});
  ASSERT_EQ(copied.exit_code, 0) << copied.output;
  EXPECT_NE(copied.output.find("row counts match"), std::string::npos) << copied.output;
  EXPECT_NE(copied.output.find("innovations\t25\t25"), std::string::npos) << copied.output;
  EXPECT_EQ(copied.output.find("MISMATCH"), std::string::npos) << copied.output;
  // Text with quotes and backslashes arrives unchanged.
  EXPECT_EQ(psql(url, "SELECT name FROM users WHERE email = 'obrien@lumbung.go.id'"), "Siti O'Brien \\ \"Kurator\"\n");

  // A second copy into the same database is refused and changes nothing.
  auto again = run_lumbung({"migrate-store", "--data", (root / "node").string(), "--from", from, "--to", url});
  EXPECT_EQ(again.exit_code, 2) << again.output;
  EXPECT_NE(again.output.find("already holds data"), std::string::npos) << again.output;
  EXPECT_EQ(psql(url, "SELECT COUNT(*) FROM innovations"), "25\n");

  // A node on the copy builds its index from the outbox and becomes ready;
  // the account copied over can log in.
  ServerProcess server({"--database", url, "--data", (root / "node").string()});
  HttpReply ready;
  for (int i = 0; i < 200 && ready.status != 200; ++i) {
    ready = http_get(server.port(), "/readyz");
    if (ready.status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(ready.status, 200) << ready.body;
  auto list = http_get(server.port(), "/api/v1/innovations?limit=1");
  EXPECT_EQ(list.status, 200) << list.body.substr(0, 300);
}

TEST(MigrateStore, RefusesOtherDirections) {
  const auto root = test::fresh_dir();
  auto r = run_lumbung({"migrate-store", "--data", root.string(), "--from", "postgresql://x@127.0.0.1/db", "--to",
                        "sqlite:" + (root / "x.db").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--from sqlite:PATH"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(root / "x.db"));
}

std::string skip_reason_without_pg() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true" ? "" : "no PostgreSQL fixture (run through ctest)";
}

HttpReply send(int port, const std::string& method, const std::string& target,
               const std::map<std::string, std::string>& headers, const std::string& body = "") {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (method == "POST") req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return http_raw(port, req + "\r\n" + body);
}

int publish(int port, const std::string& token, const std::string& name) {
  const nlohmann::json body = {{"name", name},
                               {"summary", "Layanan keliling untuk warga di pulau-pulau kecil."},
                               {"problem", "Warga pulau sulit menjangkau kantor layanan."},
                               {"solution", "Kapal layanan terpadu singgah tiap pekan."},
                               {"results", "Waktu tempuh warga turun dari dua hari menjadi nol."},
                               {"region_code", "73.72"},
                               {"unit_name", "Dinas Perhubungan"},
                               {"sector", "administrasi_kependudukan"},
                               {"form", "pelayanan_publik"},
                               {"digital", false},
                               {"stage", "penerapan"},
                               {"year_started", 2021},
                               {"state", "published"}};
  return send(port, "POST", "/api/v1/innovations",
              {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}, body.dump())
      .status;
}

// Search hits for `word` on a node (-1 when the search fails).
long long hits(int port, const std::string& word) {
  auto r = http_get(port, "/api/v1/search?q=" + word);
  auto b = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status != 200 || !b.is_object() || !b.contains("total")) return -1;
  return b["total"].get<long long>();
}

// Polls until `want` hits (at most ~20 s, generous for a loaded machine).
long long wait_for_hits(int port, const std::string& word, long long want) {
  long long n = -1;
  for (int i = 0; i < 400; ++i) {
    n = hits(port, word);
    if (n == want) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return n;
}

std::string cookie(const HttpReply& r, const std::string& name) {
  for (auto [it, end] = r.headers.equal_range("set-cookie"); it != end; ++it)
    if (it->second.rfind(name + "=", 0) == 0)
      return it->second.substr(name.size() + 1, it->second.find(';') - name.size() - 1);
  return {};
}

TEST(Cluster, TwoNodesShareOneDatabaseAndAKilledNodeCatchesUp) {
  const auto url = new_pg_database("lumbung_cluster");
  if (url.empty()) {
    if (skip_reason_without_pg().empty()) FAIL() << "PostgreSQL fixture did not start";
    GTEST_SKIP() << skip_reason_without_pg();
  }
  const auto root = test::fresh_dir();
  const auto a_dir = root / "a", b_dir = root / "b";
  ASSERT_EQ(run_lumbung({"seed-demo", "--database", url, "--data", a_dir.string(), "--count", "10"}).exit_code, 0);
  auto token_run = run_lumbung({"token", "create", "--database", url, "--data", a_dir.string(), "--name", "klaster",
                                "--role", "curator", "--scope", "national"});
  ASSERT_EQ(token_run.exit_code, 0) << token_run.output;
  std::string token;
  for (std::size_t s = 0, e; s < token_run.output.size(); s = e + 1) {
    e = token_run.output.find('\n', s);
    if (e == std::string::npos) e = token_run.output.size();
    const auto line = token_run.output.substr(s, e - s);
    if (!line.empty() && line.find(' ') == std::string::npos) token = line;
  }
  ASSERT_FALSE(token.empty()) << token_run.output;
  ASSERT_EQ(run_lumbung_with_input(
                {"user", "add", "--database", url, "--data", a_dir.string(), "--email", "klaster@lumbung.go.id",
                 "--name", "Admin Klaster", "--role", "admin", "--password-stdin"},
                "kata-sandi-uji-panjang\n")
                .exit_code,
            0);

  ServerProcess a({"--database", url, "--data", a_dir.string()});
  auto b = std::make_unique<ServerProcess>(std::vector<std::string>{"--database", url, "--data", b_dir.string()});

  // A write on A is searchable on B (B's indexer tails the shared outbox).
  ASSERT_EQ(publish(a.port(), token, "Kapal Pelangikluster Satu"), 201);
  EXPECT_EQ(wait_for_hits(b->port(), "pelangikluster", 1), 1);

  // B dies without warning; writes continue on A; B returns and catches up.
  b->kill();
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(publish(a.port(), token, "Kapal Pelangikluster Tambahan " + std::to_string(i)), 201);
  b = std::make_unique<ServerProcess>(std::vector<std::string>{"--database", url, "--data", b_dir.string()});
  EXPECT_EQ(wait_for_hits(b->port(), "pelangikluster", 4), 4);
  EXPECT_EQ(wait_for_hits(a.port(), "pelangikluster", 4), 4) << http_get(a.port(), "/metrics").body;
  // No lost or duplicated outbox entries: one per write, and B's index at the head.
  EXPECT_EQ(psql(url, "SELECT COUNT(*) - COUNT(DISTINCT id) FROM outbox"), "0\n");
  auto ready = http_get(b->port(), "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  auto metrics = http_get(b->port(), "/metrics");
  EXPECT_NE(metrics.body.find("lumbung_outbox_lag 0\n"), std::string::npos) << metrics.body;

  // A session started on A is valid on B.
  auto login_page = http_get(a.port(), "/masuk");
  const std::string csrf_cookie = cookie(login_page, "csrf");
  std::smatch m;
  const std::regex field(R"re(name="_csrf" value="([^"]+)")re");
  ASSERT_TRUE(std::regex_search(login_page.body, m, field));
  auto login = send(a.port(), "POST", "/masuk",
                    {{"Cookie", "csrf=" + csrf_cookie}, {"Content-Type", "application/x-www-form-urlencoded"}},
                    "_csrf=" + m[1].str() + "&email=klaster%40lumbung.go.id&password=kata-sandi-uji-panjang");
  ASSERT_EQ(login.status, 303) << login.body.substr(0, 300);
  const std::string sid = cookie(login, "sid");
  ASSERT_FALSE(sid.empty());
  EXPECT_EQ(send(b->port(), "GET", "/akun", {{"Cookie", "sid=" + sid}}).status, 200);
  EXPECT_EQ(send(b->port(), "GET", "/akun", {}).status, 303) << "without the cookie B asks for a login";
}

}  // namespace
}  // namespace lumbung
