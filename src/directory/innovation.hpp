// Innovations in the national repository (the foundation's subset of the
// profile; the interchange field names are stable: id, name, summary,
// region_code, sector, state, updated_at).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lumbung::directory {

struct InnovationDraft {
  std::string name;
  std::string summary;
  std::string region_code;  // Kemendagri code, e.g. "73.72"
  std::string sector;
  std::string state = "draft";  // draft, review, published, archived
};

struct Innovation {
  std::int64_t id = 0;
  std::string name;
  std::string summary;
  std::string region_code;
  std::string sector;
  std::string state;
  std::int64_t version = 0;
  std::int64_t updated_at = 0;
};

struct RepositoryCounts {
  std::int64_t published = 0;
  std::int64_t regions = 0;  // distinct regions with a published innovation
};

}  // namespace lumbung::directory
