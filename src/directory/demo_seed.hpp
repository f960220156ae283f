// A small, deterministic demo repository for a fresh installation.
#pragma once

#include <cstdint>

#include "core/result.hpp"
#include "directory/innovation_service.hpp"

namespace lumbung::directory {

struct SeedReport {
  int created = 0;
  bool already_seeded = false;  // the repository held innovations; nothing was added
};

// Creates `count` published innovations in real regions, the same ones for the
// same seed. Does nothing if the repository already holds innovations.
Result<SeedReport> seed_demo(InnovationService& service, std::uint64_t seed, int count);

}  // namespace lumbung::directory
