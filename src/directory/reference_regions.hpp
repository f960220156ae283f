// Every province, regency/city and district (kecamatan) with its Kemendagri
// code and name, embedded at build time from npm idn-area-data by
// tools/regions/convert.mjs (so seeding needs no extra files).
#pragma once

#include <span>

namespace lumbung::directory {

struct ReferenceRegion {
  const char* code;    // "73.72", "73", "73.72.01"
  const char* parent;  // "" for provinces
  const char* kind;    // province, regency, city, district
  const char* name;    // "Kota Parepare"
};

// Provinces first, then regencies/cities, then districts, each in code order.
std::span<const ReferenceRegion> reference_regions();

}  // namespace lumbung::directory
