// Fresh per-test directories under testing::TempDir(); never fixed /tmp paths.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace lumbung::test {

// A new empty directory named after the running test, unique per call.
inline std::filesystem::path fresh_dir(const std::string& label = "t") {
  static std::atomic<int> counter{0};
  std::string name = label;
  if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
    name = std::string(info->test_suite_name()) + "." + info->name() + "." + label;
  }
  for (char& c : name) {
    if (c == '/' || c == ' ' || c == ':') c = '_';
  }
  const auto dir = std::filesystem::path(::testing::TempDir()) /
                   ("lumbung-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// The repository's migrations/ directory.
inline std::filesystem::path source_migrations_dir() {
  return std::filesystem::path(LUMBUNG_SOURCE_DIR) / "migrations";
}

}  // namespace lumbung::test
