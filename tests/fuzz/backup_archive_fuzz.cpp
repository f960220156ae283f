// Feeds arbitrary bytes to the restore command's archive reader
// (cli::unpack_backup): as a file to unpack into a fresh staging directory.
// It may not crash, hang or throw; a refusal must be ErrorCode::invalid; and
// nothing may be written outside the staging directory (entry names with
// "..", absolute paths and links are refused before anything is written).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli/backup.hpp"

using namespace lumbung;
namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fs::path root = [] {
    auto dir = fs::temp_directory_path() / ("lumbung-backup-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
  }();
  const fs::path archive = root / "input.tar.gz";
  const fs::path staging = root / "staging";
  {
    std::ofstream out(archive, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  fs::remove_all(staging);
  fs::create_directories(staging);
  auto manifest = cli::unpack_backup(archive, staging);
  if (!manifest && manifest.error().code() != ErrorCode::invalid) std::abort();
  // Only the archive and the staging directory may exist under root.
  for (const auto& entry : fs::directory_iterator(root)) {
    const auto name = entry.path().filename();
    if (name != "input.tar.gz" && name != "staging") std::abort();
  }
  fs::remove_all(staging);
  return 0;
}
