#include "core/config.hpp"

#include <functional>

#include <gtest/gtest.h>

namespace lumbung {
namespace {

TEST(Config, DefaultsAreValid) { EXPECT_TRUE(validate(Config{}).empty()); }

TEST(Config, EachBadSettingIsReported) {
  struct Case {
    const char* what;
    std::function<void(Config&)> change;
    const char* mentions;
  };
  const Case cases[] = {
      {"bad url", [](Config& c) { c.database_url = "mysql://x"; }, "--database"},
      {"no threads", [](Config& c) { c.worker_threads = 0; }, "--worker-threads"},
      {"tiny header", [](Config& c) { c.max_header_bytes = 10; }, "--max-header-bytes"},
      {"upload < body", [](Config& c) { c.max_upload_bytes = 2048; }, "--max-upload-bytes"},
      {"log level", [](Config& c) { c.log_level = "loud"; }, "--log-level"},
      {"log format", [](Config& c) { c.log_format = "xml"; }, "--log-format"},
      {"empty host", [](Config& c) { c.host.clear(); }, "--host"},
  };
  for (const auto& c : cases) {
    Config cfg;
    c.change(cfg);
    auto errors = validate(cfg);
    ASSERT_EQ(errors.size(), 1u) << c.what;
    EXPECT_NE(errors[0].find(c.mentions), std::string::npos) << c.what << ": " << errors[0];
  }
}

TEST(Config, AllErrorsAreReportedAtOnce) {
  Config cfg;
  cfg.worker_threads = 0;
  cfg.io_threads = 0;
  cfg.log_level = "x";
  EXPECT_EQ(validate(cfg).size(), 3u);
}

TEST(Config, PostgresUrlsAccepted) {
  Config cfg;
  cfg.database_url = "postgresql://lumbung@127.0.0.1:5432/lumbung";
  EXPECT_TRUE(validate(cfg).empty());
  cfg.database_url = "postgres://x@y/z";
  EXPECT_TRUE(validate(cfg).empty());
}

}  // namespace
}  // namespace lumbung
