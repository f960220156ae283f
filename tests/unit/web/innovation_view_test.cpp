#include "web/innovation_view.hpp"

#include <gtest/gtest.h>

namespace lumbung::web {
namespace {

http::Params params(std::initializer_list<std::pair<const char*, const char*>> items) {
  http::Params p;
  for (const auto& [k, v] : items) p.add(k, v);
  return p;
}

TEST(DirectoryQuery, AcceptedValuesBecomeTheFilterInAFixedOrder) {
  auto q = parse_directory_query(params({{"tahun", "2021"},
                                         {"urusan", "kesehatan"},
                                         {"provinsi", "73"},
                                         {"daerah", "73.72"},
                                         {"bentuk", "tata_kelola"},
                                         {"digital", "0"},
                                         {"tahap", "uji_coba"},
                                         {"status", "berhenti"},
                                         {"sumber", "kipp"},
                                         {"penghargaan", "1"},
                                         {"setelah", "1795500000.42"}}));
  EXPECT_EQ(q.filter.state, "published");
  EXPECT_EQ(q.filter.province_code, "73");
  EXPECT_EQ(q.filter.region_code, "73.72");
  EXPECT_EQ(q.filter.sector, "kesehatan");
  EXPECT_EQ(q.filter.form, "tata_kelola");
  EXPECT_EQ(q.filter.digital, std::optional<bool>(false));
  EXPECT_EQ(q.filter.stage, "uji_coba");
  EXPECT_EQ(q.filter.status, "berhenti");
  EXPECT_EQ(q.filter.source_program, "kipp");
  EXPECT_EQ(q.filter.awarded, std::optional<bool>(true));
  EXPECT_EQ(q.filter.year, 2021);
  EXPECT_EQ(q.cursor, "1795500000.42");
  EXPECT_EQ(q.ignored, 0);
  EXPECT_EQ(directory_link(q, "9.9"),
            "/inovasi?provinsi=73&daerah=73.72&urusan=kesehatan&bentuk=tata_kelola&digital=0&tahap=uji_coba"
            "&status=berhenti&sumber=kipp&penghargaan=1&tahun=2021&setelah=9.9");
}

TEST(DirectoryQuery, BadValuesAreIgnoredAndCounted) {
  struct Case {
    const char* name;
    const char* value;
  };
  const Case cases[] = {{"provinsi", "7"},          {"provinsi", "73.72"},    {"daerah", "73"},
                        {"daerah", "73.7a"},        {"urusan", "<b>"},        {"urusan", "Kesehatan"},
                        {"bentuk", "apa"},          {"digital", "ya"},        {"tahap", "selesai"},
                        {"status", "aktif"},        {"sumber", "lainnya"},    {"penghargaan", "0"},
                        {"tahun", "99999999999"},   {"tahun", "1900"},        {"tahun", "20a1"},
                        {"setelah", "abc"},         {"setelah", "1."},        {"setelah", "99999999999999999999999.1"}};
  for (const auto& c : cases) {
    auto q = parse_directory_query(params({{c.name, c.value}}));
    EXPECT_EQ(q.ignored, 1) << c.name << "=" << c.value;
    EXPECT_TRUE(q.kept.empty()) << c.name << "=" << c.value;
    EXPECT_TRUE(q.cursor.empty()) << c.name << "=" << c.value;
    EXPECT_EQ(directory_link(q), "/inovasi");
  }
  // Empty values are "any", not mistakes.
  EXPECT_EQ(parse_directory_query(params({{"provinsi", ""}, {"tahun", ""}})).ignored, 0);
}

TEST(DirectoryQuery, LinksEncodeValues) {
  auto q = parse_directory_query(params({{"urusan", "air-sanitasi"}}));
  EXPECT_EQ(directory_link(q), "/inovasi?urusan=air-sanitasi");
}

TEST(InnovationPath, LeadingIdWithOptionalSlug) {
  EXPECT_EQ(parse_leading_id("123"), std::optional<std::int64_t>(123));
  EXPECT_EQ(parse_leading_id("123-sigap-layanan"), std::optional<std::int64_t>(123));
  for (const char* bad : {"", "abc", "0", "-1", "12abc", "0000", "99999999999999999999999", "12.5"})
    EXPECT_EQ(parse_leading_id(bad), std::nullopt) << bad;
  EXPECT_EQ(innovation_path(7, "sigap"), "/inovasi/7-sigap");
  EXPECT_EQ(innovation_path(7, ""), "/inovasi/7");
}

TEST(RegionCode, KemendagriShapes) {
  for (const char* ok : {"73", "73.72", "11.01"}) EXPECT_TRUE(is_region_code(ok)) << ok;
  for (const char* bad : {"", "7", "737", "73.7", "73-72", "73.72.01", "ab.cd", "73.7x"})
    EXPECT_FALSE(is_region_code(bad)) << bad;
}

TEST(Format, DatesAndRupiah) {
  EXPECT_EQ(format_date(1795500000, "id"), "24 Nov 2026");
  EXPECT_EQ(format_date(1786000000, "id"), "6 Agu 2026");
  EXPECT_EQ(format_date(1786000000, "en"), "6 Aug 2026");
  EXPECT_EQ(format_date(0, "id"), "");
  EXPECT_EQ(format_iso_date("2024-03-01", "id"), "1 Mar 2024");
  EXPECT_EQ(format_iso_date("2024-05-17", "id"), "17 Mei 2024");
  EXPECT_EQ(format_iso_date("2024-13-01", "id"), "2024-13-01");
  EXPECT_EQ(format_iso_date("kemarin", "id"), "kemarin");
  EXPECT_EQ(format_rupiah(150000000, "id"), "Rp 150.000.000");
  EXPECT_EQ(format_rupiah(150000000, "en"), "Rp 150,000,000");
  EXPECT_EQ(format_rupiah(999, "id"), "Rp 999");
  EXPECT_EQ(format_rupiah(1000, "id"), "Rp 1.000");
}

TEST(Vocabulary, LabelsFromTheCatalogueOrTheValueItself) {
  auto catalog = Catalog::from_maps({{"id", {{"kosakata.sector.kesehatan", "Kesehatan"}}},
                                     {"en", {{"kosakata.sector.kesehatan", "Health"}}}});
  EXPECT_EQ(vocabulary_label(catalog, "id", "sector", "kesehatan"), "Kesehatan");
  EXPECT_EQ(vocabulary_label(catalog, "en", "sector", "kesehatan"), "Health");
  EXPECT_EQ(vocabulary_label(catalog, "id", "sector", "perikanan"), "perikanan");
  EXPECT_EQ(vocabulary_label(catalog, "id", "sector", ""), "");
}

TEST(Vocabulary, CardCarriesNamesNotCodes) {
  auto catalog = Catalog::from_maps({{"id", {{"kosakata.sector.kesehatan", "Kesehatan"}, {"kosakata.source.kipp", "KIPP"}}}});
  directory::Innovation i;
  i.id = 9;
  i.slug = "sigap";
  i.name = "SIGAP";
  i.sector = "kesehatan";
  i.region_code = "73.72";
  i.region_name = "Kota Parepare";
  i.unit_name = "Puskesmas Lompoe";
  i.source_program = "kipp";
  i.year_started = 2021;
  i.awards.push_back({"kipp", 2022, "Top 45 KIPP"});
  auto card = innovation_card(catalog, "id", i);
  EXPECT_EQ(card["href"], "/inovasi/9-sigap");
  EXPECT_EQ(card["sector"], "Kesehatan");
  EXPECT_EQ(card["region"]["name"], "Kota Parepare");
  EXPECT_EQ(card["region"]["href"], "/daerah/73.72");
  EXPECT_EQ(card["unit"]["href"], false) << "a unit without an id has no page";
  EXPECT_EQ(card["source"], "KIPP");
  EXPECT_EQ(card["award"], true);
  EXPECT_EQ(card["year"], 2021);
  i.source_program = "lumbung";
  EXPECT_EQ(innovation_card(catalog, "id", i)["source"], false) << "our own innovations need no source badge";
}

}  // namespace
}  // namespace lumbung::web
