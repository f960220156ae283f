#include "directory/demo_seed.hpp"

#include <map>
#include <string>
#include <vector>

#include "directory/demo_text.hpp"
#include "directory/innovation_json.hpp"
#include "directory/innovation_rules.hpp"
#include "directory/innovation_store.hpp"
#include "directory/reference_regions.hpp"
#include "directory/region_store.hpp"
#include "store/outbox.hpp"

namespace lumbung::directory {

namespace {

using demo::SplitMix64;

struct SeedRegion {
  std::string code, name, kind, province_code;
  std::vector<Unit> units;
};

constexpr std::int64_t kYear2014 = 1388534400;  // 2014-01-01T00:00:00Z
constexpr std::int64_t kSecondsPerYear = 31556952;

std::uint64_t hash_code(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// The units of one region, from its own generator so they do not depend on
// how many innovations are seeded.
std::vector<Unit> make_units(std::uint64_t seed, const SeedRegion& r,
                             const std::map<std::string, std::vector<std::string>>& districts) {
  SplitMix64 rng{seed ^ hash_code(r.code)};
  std::vector<Unit> out;
  auto add = [&](const char* kind, std::string name) { out.push_back({0, r.code, kind, std::move(name), 0, 0}); };
  const auto agencies = demo::agencies();
  const std::string where = demo::short_region_name(r.name);
  // The first 15 agencies own the demo sectors; the rest are a random subset.
  const int n_agencies = rng.between(20, static_cast<int>(agencies.size()));
  for (int k = 0; k < static_cast<int>(agencies.size()); ++k)
    if (k < 15 || rng.below(static_cast<int>(agencies.size()) - 15) < n_agencies - 15)
      add("opd", std::string(agencies[k]) + (r.kind == "province" ? " Provinsi " + r.name : ""));
  if (r.kind == "province") {
    add("rsud", "RSUD Provinsi " + r.name);
    add("bumd", "Bank Pembangunan Daerah " + r.name);
    return out;
  }
  auto it = districts.find(r.code);
  const std::vector<std::string> none;
  const auto& kecamatan = it == districts.end() ? none : it->second;
  for (const auto& k : kecamatan) add("kecamatan", "Kecamatan " + k);
  for (std::size_t k = 0; k < kecamatan.size() && k < 8; ++k) add("puskesmas", "Puskesmas " + kecamatan[k]);
  if (kecamatan.empty()) add("puskesmas", "Puskesmas " + where);
  for (std::size_t k = 0; k < kecamatan.size() && k < 3; ++k)
    add(r.kind == "city" ? "kelurahan" : "desa", (r.kind == "city" ? "Kelurahan " : "Desa ") + kecamatan[k]);
  add("rsud", "RSUD " + where);
  for (int k = 1, n = rng.between(2, 4); k <= n; ++k) add("sekolah", "SD Negeri " + std::to_string(k) + " " + where);
  for (int k = 1, n = rng.between(1, 2); k <= n; ++k) add("sekolah", "SMP Negeri " + std::to_string(k) + " " + where);
  add("uptd", "UPTD Balai Latihan Kerja " + where);
  add("uptd", "UPTD Pengelolaan Sampah " + where);
  add("bumd", "Perumda Air Minum " + where);
  if (rng.chance(50)) add("bumd", "Perumda Pasar " + where);
  return out;
}

const Unit& pick_unit(SplitMix64& rng, const SeedRegion& r, const demo::Sector& s) {
  const int roll = rng.below(100);
  if (roll < 60 || r.kind == "province") {
    for (const auto& u : r.units)
      if (u.name.rfind(s.agency, 0) == 0) return u;
  }
  std::vector<const Unit*> matching;
  const std::string kind = roll < 85 && *s.place_kind ? s.place_kind : "kecamatan";
  for (const auto& u : r.units)
    if (u.kind == kind) matching.push_back(&u);
  if (matching.empty()) return r.units[rng.below(static_cast<int>(r.units.size()))];
  return *matching[rng.below(static_cast<int>(matching.size()))];
}

template <std::size_t N>
const char* weighted(SplitMix64& rng, const std::pair<const char*, int> (&table)[N]) {
  int total = 0;
  for (const auto& [v, w] : table) total += w;
  int roll = rng.below(total);
  for (const auto& [v, w] : table) {
    if (roll < w) return v;
    roll -= w;
  }
  return table[0].first;
}

constexpr std::pair<const char*, int> kStages[] = {{"inisiatif", 4}, {"uji_coba", 8}, {"penerapan", 88}};
constexpr std::pair<const char*, int> kForms[] = {{"pelayanan_publik", 60}, {"tata_kelola", 25}, {"lainnya", 15}};
constexpr std::pair<const char*, int> kInitiators[] = {
    {"opd", 45}, {"asn", 25}, {"kepala_daerah", 15}, {"masyarakat", 10}, {"anggota_dprd", 5}};
constexpr std::pair<const char*, int> kPrograms[] = {{"iga", 55}, {"kipp", 25}, {"labinov", 15}, {"lumbung", 5}};
constexpr std::pair<const char*, int> kStates[] = {{"published", 94}, {"review", 3}, {"draft", 2}, {"archived", 1}};
constexpr const char* kFirstNames[] = {"Siti", "Agus", "Dewi", "Budi", "Rina", "Andi", "Nur", "Hendra", "Yuliana",
                                       "Muhammad", "Fitri", "Made", "Yohanes", "Ratna", "Ahmad", "Wulan"};
constexpr const char* kLastNames[] = {"Rahmawati", "Santoso", "Lestari", "Wijaya", "Hasanah", "Pratama", "Saputra",
                                      "Nugroho", "Simanjuntak", "Mahendra", "Sari", "Daeng", "Kurniawan", "Tanjung"};

Award make_award(SplitMix64& rng, const std::string& program, int year) {
  const int award_year = std::min(2026, year + rng.between(1, 3));
  if (program == "kipp") return {"kipp", award_year, rng.chance(30) ? "Top 45 KIPP" : "Top 99 KIPP"};
  if (program == "labinov") return {"labinov", award_year, "Inovasi Terbaik Laboratorium Inovasi"};
  return {"iga", award_year, rng.chance(30) ? "Inovasi Terbaik IGA" : "Nominasi Innovative Government Award"};
}

std::string date_in(SplitMix64& rng, int year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, rng.between(1, 12), rng.between(1, 28));
  return buf;
}

}  // namespace

Result<SeedReport> seed_demo(InnovationService& service, std::uint64_t seed, int count) {
  SeedOptions options;
  options.seed = seed;
  options.count = count;
  return seed_demo(service, options);
}

Result<SeedReport> seed_demo(InnovationService& service, const SeedOptions& options) {
  auto counts = service.counts();
  if (!counts) return counts.error();
  SeedReport report;
  if (counts->published > 0) {
    report.already_seeded = true;
    return report;
  }
  auto added = service.load_reference_regions();
  if (!added) return added.error();
  report.regions = *added;

  // Regions and real kecamatan names from the embedded reference data.
  std::vector<SeedRegion> regions;
  std::map<std::string, std::vector<std::string>> districts;
  for (const auto& ref : reference_regions()) {
    const std::string kind = ref.kind;
    if (kind == "district") districts[ref.parent].push_back(ref.name);
    else regions.push_back({ref.code, ref.name, kind, std::string(ref.code).substr(0, 2), {}});
  }
  const auto now = service.clock().now();
  auto& db = service.database();

  // Units: one transaction; regions that already have units keep theirs.
  auto units = db.transact("seed_units", [&](soci::session& sql) -> Result<int> {
    UnitInserter inserter(sql);
    int n = 0;
    for (auto& r : regions) {
      auto existing = list_units(sql, r.code);
      if (!existing.empty()) {
        r.units = std::move(existing);
        continue;
      }
      r.units = make_units(options.seed, r, districts);
      for (auto& u : r.units) {
        auto id = store::next_id(sql, "units");
        if (!id) return id.error();
        u.id = *id;
        u.created_at = now;
        inserter.insert(u);
        ++n;
      }
    }
    return n;
  });
  if (!units) return units.error();
  report.units = *units;

  // Regencies/cities carry most innovations; provincial governments some.
  std::vector<const SeedRegion*> local, provinces;
  for (const auto& r : regions) (r.kind == "province" ? provinces : local).push_back(&r);
  int sector_total = 0;
  for (const auto& s : demo::sectors()) sector_total += s.weight;

  SplitMix64 rng{options.seed};
  const int batch = std::max(1, options.batch);
  for (int start = 0; start < options.count; start += batch) {
    const int end = std::min(options.count, start + batch);
    auto done = db.transact("seed_innovations", [&](soci::session& sql) -> Result<int> {
      InnovationInserter innovations(sql);
      RevisionInserter revisions(sql);
      for (int n = start; n < end; ++n) {
        const SeedRegion& r = rng.chance(8) ? *rng.pick(provinces) : *rng.pick(local);
        int roll = rng.below(sector_total);
        const demo::Sector* sector = &demo::sectors()[0];
        for (const auto& s : demo::sectors()) {
          if (roll < s.weight) {
            sector = &s;
            break;
          }
          roll -= s.weight;
        }
        const Unit& unit = pick_unit(rng, r, *sector);
        Innovation i;
        i.year_started = 2014 + rng.below(13);
        demo::write_profile(rng, *sector, r.name, unit.name, i.year_started, i);
        i.region_code = r.code;
        i.region_name = r.name;
        i.province_code = r.province_code;
        i.unit_id = unit.id;
        i.unit_name = unit.name;
        i.sector = sector->key;
        i.form = weighted(rng, kForms);
        i.digital = rng.chance(60);
        i.stage = weighted(rng, kStages);
        i.initiator = weighted(rng, kInitiators);
        i.trial_date = date_in(rng, i.year_started);
        if (std::string_view(i.stage) == "penerapan") i.implementation_date = date_in(rng, std::min(2026, i.year_started + 1));
        if (i.implementation_date < i.trial_date) i.implementation_date = i.trial_date;
        i.status = rng.chance(82) ? "berlanjut" : "berhenti";
        i.source_program = weighted(rng, kPrograms);
        if (i.source_program != "lumbung") {
          char sid[40];
          std::snprintf(sid, sizeof sid, "%s-%d-%06d", i.source_program.c_str(), i.year_started, n + 1);
          i.source_id = sid;
        }
        if (rng.chance(4) && i.source_program != "lumbung") i.awards.push_back(make_award(rng, i.source_program, i.year_started));
        i.contact_name = std::string(rng.pick(kFirstNames)) + " " + rng.pick(kLastNames);
        i.contact_email = "inovasi." + std::to_string(n + 1) + "@pemda.example.id";
        i.contact_phone = "08" + std::to_string(rng.between(11, 59)) + "-" + std::to_string(rng.between(1000, 9999)) +
                          "-" + std::to_string(rng.between(1000, 9999));
        i.state = weighted(rng, kStates);
        const std::int64_t start_ts = kYear2014 + (i.year_started - 2014) * kSecondsPerYear;
        i.created_at = std::min(now, start_ts + rng.below(300) * 86400);
        i.updated_at = std::min(now, i.created_at + rng.below(3 * 365) * 86400);
        i.last_verified_at = i.status == "berlanjut" && rng.chance(70) ? i.updated_at : 0;
        if (i.state == "published" || i.state == "archived") i.published_at = i.created_at;
        if (i.state == "draft" && rng.chance(50)) i.review_comment = "Lengkapi data hasil dengan angka sebelum dan sesudah inovasi.";

        auto id = store::next_id(sql, "innovations");
        if (!id) return id.error();
        i.id = *id;
        i.slug = make_slug(i.name);
        i.version = 1;
        innovations.insert(i);
        for (const auto& a : i.awards) revisions.insert_award(i.id, a);
        auto rev = store::next_id(sql, "innovation_revisions");
        if (!rev) return rev.error();
        revisions.insert({*rev, i.id, 1, 0, i.updated_at, "import", to_json(i).dump(), "seed-demo"});
        if (auto st = store::append_outbox(sql, "innovation", i.id, 1, now); !st) return st.error();
      }
      return end - start;
    });
    if (!done) return done.error();
    report.created += *done;
  }
  return report;
}

}  // namespace lumbung::directory
