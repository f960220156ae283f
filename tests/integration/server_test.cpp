// The real server, started as users start it, answering real HTTP.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include "support/http_session.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

// The "published innovations" figure on the home page, or -1.
int published_figure(const std::string& html) {
  std::smatch m;
  static const std::regex re(R"re(data-figure="innovations">(\d+)<)re");
  return std::regex_search(html, m, re) ? std::stoi(m[1]) : -1;
}

fs::path fresh_dir(const std::string& name) {
  // ctest runs each case in its own process, possibly in parallel: one dir per process.
  auto dir = fs::path(testing::TempDir()) / ("lumbung-it-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// One seeded server shared by the read-only tests of this file.
class ServerTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new fs::path(fresh_dir("shared"));
    auto seeded = run_lumbung({"seed-demo", "--data", data_->string(), "--count", "20"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    server_ = new ServerProcess({"--data", data_->string(), "--read-timeout", "2", "--max-body-bytes", "65536"});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_;
  }
  // A failed suite set-up must fail each test, not let gtest report it as skipped.
  void SetUp() override { ASSERT_NE(server_, nullptr) << "the shared server did not start"; }
  static int port() { return server_->port(); }
  static inline ServerProcess* server_ = nullptr;
  static inline fs::path* data_ = nullptr;
};

TEST_F(ServerTest, FirstLineNamesTheAddress) {
  EXPECT_EQ(server_->first_line(), "listening on http://127.0.0.1:" + std::to_string(port()));
}

TEST_F(ServerTest, HomePageIsIndonesianWithLayoutAndSeededInnovations) {
  auto r = http_get(port(), "/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<html lang=\"id\">"), std::string::npos);
  EXPECT_NE(r.body.find("name=\"viewport\""), std::string::npos);
  EXPECT_NE(r.body.find("Beranda"), std::string::npos);
  EXPECT_NE(r.body.find("<footer"), std::string::npos);
  // The demo publishes most, not all, of what it creates.
  const int published = published_figure(r.body);
  EXPECT_GT(published, 10);
  EXPECT_LE(published, 20);
  EXPECT_NE(r.body.find("href=\"/bahasa/en?next=/\""), std::string::npos);
}

TEST_F(ServerTest, LanguageFromCookieThenAcceptLanguage) {
  auto en = http_get(port(), "/", {{"Accept-Language", "en-GB,en;q=0.9"}});
  ASSERT_EQ(en.status, 200);
  EXPECT_NE(en.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(en.body.find("Latest innovations"), std::string::npos);
  auto cookie = http_get(port(), "/", {{"Accept-Language", "en"}, {"Cookie", "lang=id"}});
  EXPECT_NE(cookie.body.find("<html lang=\"id\">"), std::string::npos);
}

TEST_F(ServerTest, LanguageSwitchSetsCookieAndGoesBack) {
  auto r = http_get(port(), "/bahasa/en?next=/healthz");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/healthz");
  EXPECT_NE(r.header("set-cookie").find("lang=en"), std::string::npos);
  auto evil = http_get(port(), "/bahasa/en?next=//evil.example/");
  EXPECT_EQ(evil.header("location"), "/");
  EXPECT_EQ(http_get(port(), "/bahasa/fr").status, 404);
}

TEST_F(ServerTest, HealthzChecksTheDatabase) {
  auto r = http_get(port(), "/healthz");
  ASSERT_EQ(r.status, 200);
  auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["database"], "ok");
}

TEST_F(ServerTest, MetricsCountRequestsByRouteAndStatus) {
  http_get(port(), "/");
  http_get(port(), "/no-such-page");
  auto r = http_get(port(), "/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("lumbung_http_requests_total{route=\"get_home\",status=\"200\"}"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("status=\"404\""), std::string::npos);
  EXPECT_NE(r.body.find("lumbung_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(r.body.find("lumbung_http_requests_in_flight"), std::string::npos);
}

TEST_F(ServerTest, NotFoundIsAPageInTheUsersLanguage) {
  auto r = http_get(port(), "/tidak-ada");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("Halaman tidak ditemukan"), std::string::npos);
  auto en = http_get(port(), "/tidak-ada", {{"Cookie", "lang=en"}});
  EXPECT_NE(en.body.find("Page not found"), std::string::npos);
}

TEST_F(ServerTest, SecurityHeadersOnEveryResponse) {
  for (auto target : {"/", "/tidak-ada", "/static/css/site.css"}) {
    auto r = http_get(port(), target);
    EXPECT_NE(r.header("content-security-policy").find("default-src 'self'"), std::string::npos) << target;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << target;
    EXPECT_FALSE(r.header("x-request-id").empty()) << target;
  }
}

TEST_F(ServerTest, StaticFilesHaveCacheHeadersAndStayInsideTheirRoot) {
  auto css = http_get(port(), "/static/css/site.css");
  ASSERT_EQ(css.status, 200);
  EXPECT_NE(css.header("content-type").find("text/css"), std::string::npos);
  EXPECT_NE(css.header("cache-control").find("max-age="), std::string::npos);
  for (auto target : {"/static/../migrations/0001_foundation.sql", "/static/%2e%2e/i18n/id.json",
                      "/static/css/../../README.md", "/static/nope.css"})
    EXPECT_EQ(http_get(port(), target).status, 404) << target;
}

std::string gunzip(const std::string& in) {
  z_stream z{};
  inflateInit2(&z, 16 + MAX_WBITS);
  std::string out(in.size() * 20 + 1024, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST_F(ServerTest, GzipAndConditionalGet) {
  auto plain = http_get(port(), "/");
  auto zipped = http_get(port(), "/", {{"Accept-Encoding", "gzip, br"}});
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.header("content-encoding"), "gzip");
  EXPECT_LT(zipped.body.size(), plain.body.size());
  EXPECT_EQ(gunzip(zipped.body), plain.body);
  auto etag = plain.header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = http_get(port(), "/", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Connection c(port());
  ASSERT_TRUE(c.ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto r = c.read_reply();
    EXPECT_EQ(r.status, 200) << "request " << i;
    EXPECT_FALSE(r.closed);
  }
  // Pipelined: two requests in one write, answered in order.
  ASSERT_TRUE(c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /tidak-ada HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(c.read_reply().status, 200);
  EXPECT_EQ(c.read_reply().status, 404);
}

struct BadRequest {
  const char* what;
  std::string bytes;
  std::vector<int> statuses;  // acceptable answers; 0 = connection closed without one
};

TEST_F(ServerTest, BadRequestsGetA4xxAndTheServerKeepsServing) {
  const BadRequest cases[] = {
      {"malformed request line", "GARBAGE\r\n\r\n", {400}},
      {"missing version", "GET /\r\n\r\n", {400}},
      {"oversized header", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20 * 1024, 'a') + "\r\n\r\n", {431}},
      {"oversized body", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", {413}},
      {"bad percent-encoding in path", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"bad percent-encoding in query", "GET /?q=%G1 HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
      {"unknown method", "BREW / HTTP/1.1\r\nHost: x\r\n\r\n", {400, 501}},
      {"method not allowed", "DELETE / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", {405}},
      {"bad multipart to a page", "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data\r\nContent-Length: 5\r\n\r\n--xx-", {405, 400}},
      {"bad content-length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", {400}},
      {"NUL in header", std::string("GET / HTTP/1.1\r\nHost: x\0y\r\n\r\n", 28), {400}},
  };
  for (const auto& c : cases) {
    auto r = http_raw(port(), c.bytes);
    EXPECT_TRUE(std::find(c.statuses.begin(), c.statuses.end(), r.status) != c.statuses.end())
        << c.what << ": got " << r.status;
    EXPECT_EQ(http_get(port(), "/healthz").status, 200) << "after " << c.what;
  }
}

TEST_F(ServerTest, SlowClientIsCutOffWhileOthersAreServed) {
  Connection slow(port());
  ASSERT_TRUE(slow.ok());
  std::string request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  bool cut_off = false;
  for (std::size_t i = 0; i < request.size(); ++i) {
    if (!slow.send(request.substr(i, 1))) {
      cut_off = true;
      break;
    }
    EXPECT_EQ(http_get(port(), "/healthz").status, 200);
    if (slow.wait_closed(std::chrono::milliseconds(700))) {
      cut_off = true;
      break;
    }
  }
  EXPECT_TRUE(cut_off) << "a client sending one byte at a time kept its connection past the read timeout";
}

TEST(ServerLifecycle, SigtermExitsZeroAndDataSurvivesARestart) {
  auto dir = fresh_dir("restart");
  ASSERT_EQ(run_lumbung({"seed-demo", "--data", dir.string(), "--count", "30"}).exit_code, 0);
  int published = -1;
  {
    ServerProcess first({"--data", dir.string()});
    published = published_figure(http_get(first.port(), "/").body);
    EXPECT_GT(published, 0);
    EXPECT_EQ(first.terminate(), 0);
  }
  // Seeding again adds nothing; the restarted server shows the same repository.
  auto again = run_lumbung({"seed-demo", "--data", dir.string(), "--count", "30"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.output.find("nothing added"), std::string::npos);
  ServerProcess second({"--data", dir.string()});
  EXPECT_EQ(published_figure(http_get(second.port(), "/").body), published);
  // While the server holds the index, reindex says so instead of corrupting it.
  auto busy = run_lumbung({"reindex", "--data", dir.string()});
  EXPECT_NE(busy.exit_code, 0);
  EXPECT_NE(busy.output.find("in use"), std::string::npos) << busy.output;
  EXPECT_EQ(second.terminate(), 0);
  auto rebuilt = run_lumbung({"reindex", "--data", dir.string()});
  EXPECT_EQ(rebuilt.exit_code, 0) << rebuilt.output;
  // The index holds exactly the published innovations.
  EXPECT_NE(rebuilt.output.find("reindex: " + std::to_string(published) + " documents"), std::string::npos)
      << rebuilt.output;
}

TEST(SeedDemo, AccountsOptionGivesOneWorkingLoginPerRoleOnce) {
  auto dir = fresh_dir("demo-accounts");
  auto seeded = run_lumbung({"seed-demo", "--data", dir.string(), "--count", "5", "--accounts"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
  std::ifstream file(dir / "demo-accounts.txt");
  ASSERT_TRUE(file) << seeded.output;
  EXPECT_EQ(fs::status(dir / "demo-accounts.txt").permissions() & fs::perms::others_read, fs::perms::none);
  std::map<std::string, std::string> password_of;  // email -> password
  for (std::string email, password, rest; file >> email >> password && std::getline(file, rest);)
    password_of[email] = password;
  ASSERT_EQ(password_of.size(), 5u);
  // Seeding again keeps the accounts and their passwords.
  auto again = run_lumbung({"seed-demo", "--data", dir.string(), "--count", "5", "--accounts"});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(again.output.find("demo account:"), std::string::npos) << again.output;
  ServerProcess server({"--data", dir.string()});
  auto admin = log_in(server.port(), "admin@demo.lumbung.example", password_of["admin@demo.lumbung.example"]);
  EXPECT_EQ(send(server.port(), "GET", "/admin/pengguna", admin).status, 200);
  auto region = log_in(server.port(), "makassar@demo.lumbung.example", password_of["makassar@demo.lumbung.example"]);
  EXPECT_EQ(send(server.port(), "GET", "/admin/pengguna", region).status, 200);
  EXPECT_EQ(send(server.port(), "GET", "/admin/audit", region).status, 403);
  // Without the option no account is made.
  auto plain = fresh_dir("demo-plain");
  ASSERT_EQ(run_lumbung({"seed-demo", "--data", plain.string(), "--count", "5"}).exit_code, 0);
  EXPECT_FALSE(fs::exists(plain / "demo-accounts.txt"));
}

TEST(Cli, HelpListsEverySubcommandAndEachHasHelp) {
  auto help = run_lumbung({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (auto sub : {"serve", "migrate", "seed-demo", "reindex", "version"}) {
    EXPECT_NE(help.output.find(sub), std::string::npos) << sub;
    auto sub_help = run_lumbung({sub, "--help"});
    EXPECT_EQ(sub_help.exit_code, 0) << sub;
    if (std::string(sub) != "version") EXPECT_NE(sub_help.output.find("--data"), std::string::npos) << sub;
  }
  auto version = run_lumbung({"version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_TRUE(std::regex_search(version.output, std::regex(R"(^lumbung \d+\.\d+\.\d+)")));
}

TEST(Cli, BadSettingsAreAllReportedBeforeAnythingOpens) {
  auto dir = fresh_dir("badconfig");
  auto r = run_lumbung({"serve", "--data", dir.string(), "--worker-threads", "0", "--log-level", "loud"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--worker-threads"), std::string::npos);
  EXPECT_NE(r.output.find("--log-level"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "lumbung.db"));
}

TEST(Cli, SettingsFromConfigFileAndEnvironment) {
  auto dir = fresh_dir("configfile");
  {
    std::ofstream(dir / "lumbung.toml") << "data = \"" << (dir / "from-file").string() << "\"\n";
  }
  auto migrated = run_lumbung({"migrate", "--config", (dir / "lumbung.toml").string()});
  EXPECT_EQ(migrated.exit_code, 0) << migrated.output;
  EXPECT_TRUE(fs::exists(dir / "from-file" / "lumbung.db"));
  setenv("LUMBUNG_DATA", (dir / "from-env").c_str(), 1);
  auto env = run_lumbung({"migrate"});
  unsetenv("LUMBUNG_DATA");
  EXPECT_EQ(env.exit_code, 0) << env.output;
  EXPECT_TRUE(fs::exists(dir / "from-env" / "lumbung.db"));
}

}  // namespace
}  // namespace lumbung
