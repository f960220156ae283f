// `lumbung migrate-store`: an embedded store copied into a new PostgreSQL
// database, verified by row counts and by serving from it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

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

}  // namespace
}  // namespace lumbung
