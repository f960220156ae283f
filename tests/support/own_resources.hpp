// A resource directory of a test's own (templates, static and i18n linked from
// the source tree; migrations copied), so a test can deploy a newer migration
// beside a running server. Integration tests only (needs LUMBUNG_SOURCE_DIR).
#pragma once

#include <filesystem>

namespace lumbung::test {

inline std::filesystem::path own_resources(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  const fs::path src(LUMBUNG_SOURCE_DIR);
  const auto res = root / "resources";
  fs::create_directories(res);
  for (const char* dir : {"templates", "static", "i18n"}) fs::create_directory_symlink(src / dir, res / dir);
  fs::copy(src / "migrations", res / "migrations");
  return res;
}

}  // namespace lumbung::test
