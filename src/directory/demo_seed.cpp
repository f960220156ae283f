#include "directory/demo_seed.hpp"

#include <array>
#include <string>

namespace lumbung::directory {

namespace {

struct Region {
  const char* code;
  const char* name;
};

// Kemendagri codes of regions named in the source articles.
constexpr std::array<Region, 12> kRegions = {{
    {"73.72", "Kota Parepare"},       {"73.71", "Kota Makassar"},    {"33.03", "Kabupaten Purbalingga"},
    {"33.02", "Kabupaten Banyumas"},  {"36.02", "Kabupaten Lebak"},  {"36.72", "Kota Cilegon"},
    {"96.01", "Kabupaten Sorong"},    {"16.11", "Kabupaten Empat Lawang"}, {"52.08", "Kabupaten Lombok Utara"},
    {"63.03", "Kabupaten Banjar"},    {"61.71", "Kota Pontianak"},   {"53.10", "Kabupaten Manggarai"},
}};

struct Sector {
  const char* key;
  std::array<const char*, 4> who;
  std::array<const char*, 4> issue;
  std::array<const char*, 4> fix;
};

constexpr std::array<Sector, 5> kSectors = {{
    {"kesehatan",
     {"ibu hamil", "balita", "lansia", "pasien rawat jalan"},
     {"antrean pasien yang panjang di puskesmas", "angka stunting yang tinggi", "cakupan imunisasi yang rendah",
      "keterlambatan rujukan"},
     {"pendaftaran daring melalui aplikasi", "pendampingan kader kesehatan dari rumah ke rumah",
      "pemberian makanan tambahan berbahan pangan lokal", "layanan jemput bola dengan ambulans desa"}},
    {"kependudukan",
     {"bayi baru lahir", "warga lanjut usia", "penyandang disabilitas", "warga desa terpencil"},
     {"pengurusan akta kelahiran yang lama", "rendahnya kepemilikan KTP-el", "antrean panjang di kantor dukcapil",
      "biaya perjalanan warga ke kota kabupaten"},
     {"penerbitan akta langsung di tempat persalinan", "perekaman KTP-el jemput bola",
      "layanan adminduk daring tanpa tatap muka", "anjungan dukcapil mandiri"}},
    {"pendidikan",
     {"siswa SD", "anak putus sekolah", "guru honorer", "warga buta aksara"},
     {"angka putus sekolah yang tinggi", "rendahnya minat baca", "kekurangan guru di daerah terpencil",
      "akses sekolah yang jauh"},
     {"kelas jauh dan guru kunjung", "perpustakaan keliling", "beasiswa bagi keluarga miskin",
      "pembelajaran daring di balai desa"}},
    {"perizinan-investasi",
     {"pelaku usaha", "investor", "pedagang kaki lima", "pelaku UMKM"},
     {"perizinan yang berbelit dan lama", "pungutan liar dalam pengurusan izin", "ketidakjelasan persyaratan izin",
      "sulitnya akses permodalan"},
     {"perizinan daring terintegrasi", "layanan izin antar ke rumah", "tanda tangan elektronik untuk izin",
      "perizinan paralel satu pintu"}},
    {"lingkungan",
     {"warga kota", "pengelola bank sampah", "sekolah adiwiyata", "pedagang pasar"},
     {"timbunan sampah plastik", "pencemaran sungai", "pembakaran sampah terbuka", "abrasi pantai"},
     {"bank sampah digital yang menukar sampah dengan saldo", "pengolahan sampah organik menjadi kompos",
      "penanaman mangrove bersama warga", "retribusi sampah nontunai"}},
}};

constexpr std::array<const char*, 10> kNames = {"SIGAP", "JEMPOL", "SAKTI", "LARIS", "SEHATI",
                                                "CERIA", "PASTI", "TERANG", "BERSAMA", "MANTAP"};

// SplitMix64: a tiny generator whose output is the same on every platform.
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  template <class A>
  const auto& pick(const A& items) {
    return items[next() % items.size()];
  }
};

}  // namespace

Result<SeedReport> seed_demo(InnovationService& service, std::uint64_t seed, int count) {
  auto counts = service.counts();
  if (!counts) return counts.error();
  if (counts->published > 0) return SeedReport{0, true};
  SplitMix64 rng{seed};
  SeedReport report;
  for (int n = 0; n < count; ++n) {
    const auto& region = rng.pick(kRegions);
    const auto& sector = rng.pick(kSectors);
    std::string who = rng.pick(sector.who), issue = rng.pick(sector.issue), fix = rng.pick(sector.fix);
    InnovationDraft d;
    d.name = std::string(rng.pick(kNames)) + " " + std::to_string(n + 1) + ": " + fix;
    d.name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(d.name[0])));
    d.summary = "Menjawab " + issue + " bagi " + who + " di " + region.name + " melalui " + fix + ".";
    d.region_code = region.code;
    d.sector = sector.key;
    d.state = "published";
    auto created = service.create(d);
    if (!created) return created.error();
    ++report.created;
  }
  return report;
}

}  // namespace lumbung::directory
