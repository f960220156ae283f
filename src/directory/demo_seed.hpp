// A deterministic demo repository: every real province and regency/city
// (embedded Kemendagri reference data), their units (OPD, kecamatan with real
// names, puskesmas, RSUD, schools, UPTD, BUMD, kelurahan/desa) and `count`
// innovations with Indonesian profiles spread like the real repository
// (sectors, years 2014-2026, ~60% digital, KIPP/IGA/Labinov provenance, awards
// on a few percent, ~82% berlanjut). The same seed gives the same data.
//
// Fast path: rows go in batches (one transaction per `batch` innovations)
// through prepared statements; each innovation still gets its revision and
// outbox row, so `lumbung reindex` or the indexer picks them up.
#pragma once

#include <cstdint>

#include "core/result.hpp"
#include "directory/innovation_service.hpp"

namespace lumbung::directory {

struct SeedOptions {
  std::uint64_t seed = 1;  // same seed, same repository
  int count = 12000;       // innovations (--scale multiplies this in the CLI)
  int batch = 1000;        // innovations per transaction
};

struct SeedReport {
  int created = 0;
  bool already_seeded = false;  // the repository held innovations; nothing was added
  int regions = 0;              // reference regions added
  int units = 0;                // units added
};

// Does nothing (already_seeded) if the repository holds published innovations.
Result<SeedReport> seed_demo(InnovationService& service, const SeedOptions& options);
Result<SeedReport> seed_demo(InnovationService& service, std::uint64_t seed, int count);

}  // namespace lumbung::directory
