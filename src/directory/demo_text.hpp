// Indonesian text of the demo repository: vocabulary tables per sector
// (urusan) and a generator that writes a whole innovation profile from a
// deterministic random source. Pure; used by demo_seed.cpp only.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "directory/innovation.hpp"

namespace lumbung::directory::demo {

// SplitMix64: the same sequence on every platform (no std distributions).
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }  // inclusive
  bool chance(int percent) { return below(100) < percent; }
  template <class A>
  const auto& pick(const A& items) {
    return items[next() % std::size(items)];
  }
};

struct Sector {
  const char* key;     // innovation.sector
  int weight;          // share of the demo repository
  const char* agency;  // the OPD that usually owns it ("Dinas Kesehatan")
  const char* place_kind;  // unit kind that also runs it ("puskesmas", "" = none)
  std::span<const char* const> who;
  std::span<const char* const> place;
  std::span<const char* const> issue;
  std::span<const char* const> fix;
  std::span<const char* const> measure;  // what the results count ("waktu layanan")
};

std::span<const Sector> sectors();
// OPD names of a regency/city or province government.
std::span<const char* const> agencies();

// "Kabupaten Banyumas" -> "Banyumas"; "Kota Administrasi Jakarta Pusat" -> "Jakarta Pusat".
std::string short_region_name(const std::string& name);

// Fills the text fields of `d` (name, summary, problem, solution, novelty,
// beneficiaries, results, budget_text, funding_source) for an innovation of
// `sector` run by `unit_name` in `region_name`, started in `year`.
void write_profile(SplitMix64& rng, const Sector& sector, const std::string& region_name,
                   const std::string& unit_name, int year, InnovationDraft& d);

}  // namespace lumbung::directory::demo
