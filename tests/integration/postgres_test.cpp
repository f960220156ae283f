// The same binary on PostgreSQL: migrations apply, the demo seeds, the site serves.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

std::string pg_url() {
  const char* dir = std::getenv("LUMBUNG_TEST_PG_DIR");
  if (!dir) return {};
  std::ifstream in(fs::path(dir) / "url");
  std::string url;
  std::getline(in, url);
  return url;
}

TEST(Postgres, ServesTheSeededSiteFromPostgres) {
  auto url = pg_url();
  if (url.empty()) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") FAIL() << "PostgreSQL fixture did not start";
    GTEST_SKIP() << "no PostgreSQL fixture (run through ctest)";
  }
  // A database of its own, so other suites on the same server do not interfere.
  const std::string db_name = "lumbung_it_" + std::to_string(::getpid());
  ASSERT_EQ(std::system(("psql -q '" + url + "' -c 'CREATE DATABASE " + db_name + "' >/dev/null").c_str()), 0);
  url = url.substr(0, url.rfind('/') + 1) + db_name;

  auto data = fs::path(testing::TempDir()) / "lumbung-it-pg";
  fs::remove_all(data);
  auto seeded = run_lumbung({"seed-demo", "--database", url, "--data", data.string(), "--count", "7"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
  ServerProcess server({"--database", url, "--data", data.string()});
  auto health = http_get(server.port(), "/healthz");
  EXPECT_EQ(health.status, 200) << health.body;
  auto home = http_get(server.port(), "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("data-figure=\"innovations\">"), std::string::npos);
  EXPECT_EQ(home.body.find("data-figure=\"innovations\">0<"), std::string::npos) << "nothing published on PostgreSQL";
  EXPECT_EQ(server.terminate(), 0);
}

}  // namespace
}  // namespace lumbung
