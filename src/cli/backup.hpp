// Reading a backup archive (see backup.cpp for the format). Exposed for the
// restore command and the archive fuzzer.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace lumbung::cli {

// Reads the archive `file` into `staging` (which must exist) and checks it:
// only the manifest, the database and files/<relative path> entries, regular
// files and directories, a manifest of a supported version, a database that
// passes PRAGMA quick_check. Returns the manifest; invalid with a message
// naming the problem otherwise. Whatever was unpacked stays in `staging`
// for the caller to remove.
Result<nlohmann::json> unpack_backup(const std::filesystem::path& file, const std::filesystem::path& staging);

}  // namespace lumbung::cli
