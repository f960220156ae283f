// Operations on PostgreSQL: `lumbung migrate-store` (an embedded store copied
// into a new database, verified by row counts and by serving from it) and two
// nodes on one database (writes on one searchable on the other, a node killed
// with SIGKILL catches up from the outbox, sessions valid on both).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "support/own_resources.hpp"
#include "support/server_process.hpp"
#include "support/test_dirs.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

// The fixture server's URL, or "" without one.
std::string pg_url() {
  const char* dir = std::getenv("LUMBUNG_TEST_PG_DIR");
  std::string url;
  if (dir) std::getline(std::ifstream(fs::path(dir) / "url"), url);
  return url;
}

// A new database on the fixture's server, or "" (test skipped) without one.
std::string new_pg_database(const std::string& name) {
  const std::string url = pg_url();
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

// The answer to a login form posted on a node.
HttpReply post_login(int port, const std::string& password) {
  auto login_page = http_get(port, "/masuk");
  const std::string csrf_cookie = cookie(login_page, "csrf");
  std::smatch m;
  const std::regex field(R"re(name="_csrf" value="([^"]+)")re");
  if (!std::regex_search(login_page.body, m, field)) return {};
  return send(port, "POST", "/masuk",
              {{"Cookie", "csrf=" + csrf_cookie}, {"Content-Type", "application/x-www-form-urlencoded"}},
              "_csrf=" + m[1].str() + "&email=klaster%40lumbung.go.id&password=" + password);
}

// Logs the cluster's admin in on a node; the session id, or "" on failure.
std::string log_in_sid(int port) {
  auto login = post_login(port, "kata-sandi-uji-panjang");
  EXPECT_EQ(login.status, 303) << login.body.substr(0, 300);
  return cookie(login, "sid");
}

// One PostgreSQL database with a small demo, an API token (curator) and an
// admin account, ready for nodes with data directories under `root`.
struct ClusterSetup {
  std::string url;
  fs::path root;
  std::string token;
};

// Fills `out`; returns false (with a failure recorded) when a step fails.
void prepare_cluster(const std::string& name, ClusterSetup& out) {
  out.url = new_pg_database(name);
  ASSERT_FALSE(out.url.empty());
  out.root = test::fresh_dir();
  const auto first = (out.root / "a").string();
  ASSERT_EQ(run_lumbung({"seed-demo", "--database", out.url, "--data", first, "--count", "10"}).exit_code, 0);
  auto token_run = run_lumbung({"token", "create", "--database", out.url, "--data", first, "--name", "klaster",
                                "--role", "curator", "--scope", "national"});
  ASSERT_EQ(token_run.exit_code, 0) << token_run.output;
  for (std::size_t s = 0, e; s < token_run.output.size(); s = e + 1) {
    e = token_run.output.find('\n', s);
    if (e == std::string::npos) e = token_run.output.size();
    const auto line = token_run.output.substr(s, e - s);
    if (!line.empty() && line.find(' ') == std::string::npos) out.token = line;
  }
  ASSERT_FALSE(out.token.empty()) << token_run.output;
  ASSERT_EQ(
      run_lumbung_with_input({"user", "add", "--database", out.url, "--data", first, "--email", "klaster@lumbung.go.id",
                              "--name", "Admin Klaster", "--role", "admin", "--password-stdin"},
                             "kata-sandi-uji-panjang\n")
          .exit_code,
      0);
}

#define SKIP_WITHOUT_PG()                                                               \
  if (pg_url().empty()) {                                                               \
    if (skip_reason_without_pg().empty()) FAIL() << "PostgreSQL fixture did not start"; \
    GTEST_SKIP() << skip_reason_without_pg();                                           \
  }

TEST(Cluster, TwoNodesShareOneDatabaseAndAKilledNodeCatchesUp) {
  SKIP_WITHOUT_PG();
  ClusterSetup cluster;
  ASSERT_NO_FATAL_FAILURE(prepare_cluster("lumbung_cluster", cluster));
  const auto& url = cluster.url;
  const auto& token = cluster.token;
  const auto a_dir = cluster.root / "a", b_dir = cluster.root / "b";

  // Uploads go to one directory both nodes use (a shared mount in production).
  const auto shared_files = (cluster.root / "shared-files").string();
  ServerProcess a({"--database", url, "--data", a_dir.string(), "--files", shared_files});
  auto b = std::make_unique<ServerProcess>(
      std::vector<std::string>{"--database", url, "--data", b_dir.string(), "--files", shared_files});

  // A write on A is searchable on B (B's indexer tails the shared outbox).
  ASSERT_EQ(publish(a.port(), token, "Kapal Pelangikluster Satu"), 201);
  EXPECT_EQ(wait_for_hits(b->port(), "pelangikluster", 1), 1);

  // B dies without warning; writes continue on A; B returns and catches up.
  b->kill();
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(publish(a.port(), token, "Kapal Pelangikluster Tambahan " + std::to_string(i)), 201);
  b = std::make_unique<ServerProcess>(
      std::vector<std::string>{"--database", url, "--data", b_dir.string(), "--files", shared_files});
  EXPECT_EQ(wait_for_hits(b->port(), "pelangikluster", 4), 4);
  EXPECT_EQ(wait_for_hits(a.port(), "pelangikluster", 4), 4) << http_get(a.port(), "/metrics").body;
  // No lost or duplicated outbox entries: one per write, and B's index at the head.
  EXPECT_EQ(psql(url, "SELECT COUNT(*) - COUNT(DISTINCT id) FROM outbox"), "0\n");
  auto ready = http_get(b->port(), "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  auto metrics = http_get(b->port(), "/metrics");
  EXPECT_NE(metrics.body.find("lumbung_outbox_lag 0\n"), std::string::npos) << metrics.body;

  // A session started on A is valid on B.
  const std::string sid = log_in_sid(a.port());
  ASSERT_FALSE(sid.empty());
  EXPECT_EQ(send(b->port(), "GET", "/akun", {{"Cookie", "sid=" + sid}}).status, 200);
  EXPECT_EQ(send(b->port(), "GET", "/akun", {}).status, 303) << "without the cookie B asks for a login";

  // A file uploaded through A is served by B.
  const auto innovation = psql(url, "SELECT id FROM innovations WHERE name = 'Kapal Pelangikluster Satu'");
  ASSERT_FALSE(innovation.empty());
  const std::string cookies = "sid=" + sid;
  std::smatch m2;
  const auto account = send(a.port(), "GET", "/akun", {{"Cookie", cookies}}).body;
  ASSERT_TRUE(std::regex_search(account, m2, std::regex(R"re(name="_csrf" value="([^"]+)")re")));
  const std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
  const std::string boundary = "----klasterboundary";
  const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + m2[1].str() +
                           "\r\n--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"jadwal-kapal.pdf\"\r\n"
                           "Content-Type: application/pdf\r\n\r\n" +
                           pdf + "\r\n--" + boundary + "--\r\n";
  auto uploaded = send(a.port(), "POST", "/inovasi/" + innovation.substr(0, innovation.size() - 1) + "/lampiran",
                       {{"Cookie", cookies}, {"Content-Type", "multipart/form-data; boundary=" + boundary}}, body);
  ASSERT_EQ(uploaded.status, 303) << uploaded.body.substr(0, 500);
  const auto attachment = psql(url, "SELECT MAX(id) FROM innovation_attachments");
  ASSERT_FALSE(attachment.empty());
  auto on_b = send(b->port(), "GET", "/lampiran/" + attachment.substr(0, attachment.size() - 1),
                   {{"Cookie", cookies}});
  EXPECT_EQ(on_b.status, 200);
  EXPECT_EQ(on_b.body, pdf);

  // Login rate limits count across nodes: three wrong passwords on A and two on B lock the sixth try on A.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(post_login(i < 3 ? a.port() : b->port(), "salah-" + std::to_string(i)).status, 401);
  EXPECT_EQ(post_login(a.port(), "kata-sandi-uji-panjang").status, 429);
}

// Writes stream into node B while it is killed with SIGKILL: every write B
// acknowledged is in the database with its outbox entry, nothing is
// half-written, and once B is back both nodes' indexes agree with the database.
TEST(Cluster, ANodeKilledMidWriteLosesNothingItAcknowledged) {
  SKIP_WITHOUT_PG();
  ClusterSetup cluster;
  ASSERT_NO_FATAL_FAILURE(prepare_cluster("lumbung_midwrite", cluster));
  const auto b_dir = (cluster.root / "b").string();
  ServerProcess a({"--database", cluster.url, "--data", (cluster.root / "a").string()});
  auto b = std::make_unique<ServerProcess>(std::vector<std::string>{"--database", cluster.url, "--data", b_dir});

  std::atomic<int> acknowledged{0};
  std::vector<std::string> acked_names;  // the writer's until it is joined
  std::thread writer([&, port = b->port()] {
    for (int i = 0;; ++i) {
      const std::string name = "Perahu Tembusklaster " + std::to_string(i);
      if (publish(port, cluster.token, name) != 201) break;  // B is down
      acked_names.push_back(name);
      acknowledged.fetch_add(1);
    }
  });
  while (acknowledged.load() < 5) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  b->kill();
  writer.join();

  const long long stored =
      std::stoll(psql(cluster.url, "SELECT COUNT(*) FROM innovations WHERE name LIKE 'Perahu Tembusklaster %'"));
  EXPECT_GE(stored, static_cast<long long>(acked_names.size()));
  for (const auto& name : acked_names)
    EXPECT_EQ(psql(cluster.url, "SELECT COUNT(*) FROM innovations WHERE name = '" + name + "'"), "1\n") << name;
  // Every stored innovation has its revision and its outbox entry; outbox ids are unique.
  EXPECT_EQ(psql(cluster.url,
                 "SELECT COUNT(*) FROM innovations i WHERE name LIKE 'Perahu Tembusklaster %' AND ("
                 "NOT EXISTS (SELECT 1 FROM innovation_revisions r WHERE r.innovation_id = i.id) OR "
                 "NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'innovation' AND o.entity_id = i.id))"),
            "0\n");
  EXPECT_EQ(psql(cluster.url, "SELECT COUNT(*) - COUNT(DISTINCT id) FROM outbox"), "0\n");

  b = std::make_unique<ServerProcess>(std::vector<std::string>{"--database", cluster.url, "--data", b_dir});
  EXPECT_EQ(wait_for_hits(b->port(), "tembusklaster", stored), stored);
  EXPECT_EQ(wait_for_hits(a.port(), "tembusklaster", stored), stored);
}

// A rolling upgrade: node B restarts on a release with one more (additive)
// migration and applies it; node A, still on the old release, keeps serving,
// stays ready and keeps its users' sessions; then A restarts on the new release.
TEST(Cluster, RollingUpgradeKeepsServing) {
  SKIP_WITHOUT_PG();
  ClusterSetup cluster;
  ASSERT_NO_FATAL_FAILURE(prepare_cluster("lumbung_rolling", cluster));
  const auto a_dir = (cluster.root / "a").string(), b_dir = (cluster.root / "b").string();
  const auto old_release = test::own_resources(cluster.root / "old");
  const auto new_release = test::own_resources(cluster.root / "new");
  int migrations = 0;
  for (const auto& e : fs::directory_iterator(new_release / "migrations")) migrations += e.path().extension() == ".sql";
  char name[64];
  std::snprintf(name, sizeof name, "%04d_rolling.sql", migrations + 1);
  std::ofstream(new_release / "migrations" / name) << "ALTER TABLE innovations ADD COLUMN rolling_note TEXT;\n";

  auto a = std::make_unique<ServerProcess>(
      std::vector<std::string>{"--database", cluster.url, "--data", a_dir, "--resources", old_release.string()});
  auto b = std::make_unique<ServerProcess>(
      std::vector<std::string>{"--database", cluster.url, "--data", b_dir, "--resources", old_release.string()});
  const std::string sid = log_in_sid(a->port());
  ASSERT_FALSE(sid.empty());

  // B goes down gracefully; A serves alone.
  EXPECT_EQ(b->terminate(), 0);
  EXPECT_EQ(send(a->port(), "GET", "/akun", {{"Cookie", "sid=" + sid}}).status, 200);
  ASSERT_EQ(publish(a->port(), cluster.token, "Rakit Bergiliran Satu"), 201);

  // B returns on the new release and migrates; A (old release) is still ready.
  b = std::make_unique<ServerProcess>(
      std::vector<std::string>{"--database", cluster.url, "--data", b_dir, "--resources", new_release.string()});
  EXPECT_EQ(psql(cluster.url, "SELECT COUNT(*) FROM information_schema.columns WHERE column_name = 'rolling_note'"),
            "1\n");
  auto ready_old = http_get(a->port(), "/readyz");
  EXPECT_EQ(ready_old.status, 200) << ready_old.body;
  ASSERT_EQ(publish(a->port(), cluster.token, "Rakit Bergiliran Dua"), 201);
  ASSERT_EQ(publish(b->port(), cluster.token, "Rakit Bergiliran Tiga"), 201);
  EXPECT_EQ(send(b->port(), "GET", "/akun", {{"Cookie", "sid=" + sid}}).status, 200);

  // A follows; B serves meanwhile; the session survives the whole upgrade.
  EXPECT_EQ(a->terminate(), 0);
  EXPECT_EQ(send(b->port(), "GET", "/akun", {{"Cookie", "sid=" + sid}}).status, 200);
  a = std::make_unique<ServerProcess>(
      std::vector<std::string>{"--database", cluster.url, "--data", a_dir, "--resources", new_release.string()});
  EXPECT_EQ(send(a->port(), "GET", "/akun", {{"Cookie", "sid=" + sid}}).status, 200);
  EXPECT_EQ(wait_for_hits(a->port(), "bergiliran", 3), 3);
  EXPECT_EQ(wait_for_hits(b->port(), "bergiliran", 3), 3);
  EXPECT_EQ(http_get(a->port(), "/readyz").status, 200);
  EXPECT_EQ(http_get(b->port(), "/readyz").status, 200);
}

}  // namespace
}  // namespace lumbung
