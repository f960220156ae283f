// Every test process keeps its files under a directory of its own,
// <TMPDIR or /tmp>/lumbung-test-<pid>, which gtest's TempDir() (and so
// test::fresh_dir) returns. It is removed when the process ends with its tests
// passed, and kept, with its path printed, after a failure so it can be looked
// at; LUMBUNG_KEEP_TEST_DIRS=1 keeps it always.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace {

std::string g_root;
pid_t g_owner = 0;

void remove_root() {
  if (g_root.empty() || ::getpid() != g_owner) return;  // a forked child leaves it alone
  const char* keep = std::getenv("LUMBUNG_KEEP_TEST_DIRS");
  if ((keep && std::string(keep) == "1") || !::testing::UnitTest::GetInstance()->Passed()) {
    std::fprintf(stderr, "test files kept in %s\n", g_root.c_str());
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(g_root, ec);
}

const bool g_installed = [] {
  const char* base = std::getenv("TMPDIR");
  const std::filesystem::path root =
      std::filesystem::path(base && *base ? base : "/tmp") / ("lumbung-test-" + std::to_string(::getpid()));
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  if (ec) return false;
  g_root = root.string();
  g_owner = ::getpid();
  ::setenv("TEST_TMPDIR", g_root.c_str(), 1);
  ::testing::UnitTest::GetInstance();  // constructed first, so destroyed after remove_root runs
  std::atexit(remove_root);
  return true;
}();

}  // namespace
