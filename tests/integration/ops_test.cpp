// /readyz and the operational gauges of /metrics against the real server.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/own_resources.hpp"
#include "support/server_process.hpp"
#include "support/test_dirs.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

TEST(OpsTest, ReadyzAndMetricsReportDatabaseMigrationsAndIndex) {
  const auto root = test::fresh_dir();
  const auto data = root / "data";
  ASSERT_EQ(run_lumbung({"seed-demo", "--data", data.string(), "--count", "30"}).exit_code, 0);
  const auto resources = test::own_resources(root);
  ServerProcess server({"--data", data.string(), "--resources", resources.string(), "--db-pool-size", "5"});

  // The indexer works through the seeded outbox within moments of start.
  HttpReply ready;
  for (int i = 0; i < 200; ++i) {
    ready = http_get(server.port(), "/readyz");
    if (ready.status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(ready.header("content-type").rfind("application/json", 0), 0u);
  auto body = nlohmann::json::parse(ready.body);
  EXPECT_EQ(body.value("status", ""), "ready");
  EXPECT_EQ(body.value("database", ""), "ok");
  EXPECT_EQ(body.value("migrations", ""), "ok");
  EXPECT_EQ(body.value("index", ""), "ok");

  auto metrics = http_get(server.port(), "/metrics");
  ASSERT_EQ(metrics.status, 200);
  for (const char* line : {"lumbung_db_pool_size 5\n", "lumbung_db_sessions_in_use ", "lumbung_db_sessions_awaited 0\n",
                           "lumbung_database_up 1\n", "# TYPE lumbung_outbox_lag gauge\n", "lumbung_outbox_head ",
                           "lumbung_index_position ", "lumbung_index_documents ", "lumbung_schema_version "})
    EXPECT_NE(metrics.body.find(line), std::string::npos) << line << " missing in\n" << metrics.body;

  // A newer release's migration deployed but not yet applied: not ready, and
  // the body says why; liveness is unaffected.
  int files = 0;
  for (const auto& e : fs::directory_iterator(resources / "migrations")) files += e.path().extension() == ".sql";
  char name[64];
  std::snprintf(name, sizeof name, "%04d_later.sql", files + 1);
  std::ofstream(resources / "migrations" / name) << "CREATE TABLE later_things (id BIGINT PRIMARY KEY);\n";
  auto pending = http_get(server.port(), "/readyz");
  EXPECT_EQ(pending.status, 503) << pending.body;
  body = nlohmann::json::parse(pending.body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << pending.body;
  EXPECT_EQ(body.value("status", ""), "not_ready");
  EXPECT_EQ(body["not_ready"], nlohmann::json::array({"migrations"}));
  EXPECT_EQ(body.value("migrations", ""),
            "database at version " + std::to_string(files) + ", this release needs " + std::to_string(files + 1));
  EXPECT_EQ(http_get(server.port(), "/healthz").status, 200);
}

}  // namespace
}  // namespace lumbung
