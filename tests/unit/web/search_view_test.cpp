// The search pages' view helpers: page numbers, pager slots, snippets, the
// "why it matched" line, facet labels and error texts.
#include "web/search_view.hpp"

#include <gtest/gtest.h>

namespace lumbung::web {
namespace {

Catalog catalog() {
  return Catalog::from_maps({{"id",
                              {{"cari.why.in", "Cocok pada"},
                               {"cari.why.and_in", " · pada "},
                               {"cari.why.words", "Cocok dengan kata: {{words}}"},
                               {"cari.why.both", " dan "},
                               {"cari.why.field.P", "masalah"},
                               {"cari.why.field.L", "solusi"},
                               {"cari.why.field.any", "bagian lain"},
                               {"cari.why.field.other", "bagian lain"},
                               {"cari.value.digital.1", "Digital"},
                               {"cari.value.digital.0", "Non-digital"},
                               {"cari.facet.sector", "Urusan"},
                               {"cari.error.sort", "Urutan tidak dikenal."},
                               {"cari.error.filter", "Pilihan saringan «{{facet}}» tidak dikenal."},
                               {"cari.error.value", "Nilai tidak dikenal ({{parameter}})."},
                               {"kosakata.sector.kesehatan", "Kesehatan"},
                               {"kosakata.region_kind.city", "Kota"},
                               {"kosakata.source.kipp", "KIPP"}}}});
}

TEST(SearchPage, ReadsPageNumbers) {
  EXPECT_EQ(parse_search_page(std::nullopt), 1);
  EXPECT_EQ(parse_search_page(std::string()), 1);
  EXPECT_EQ(parse_search_page(std::string("3")), 3);
  EXPECT_EQ(parse_search_page(std::string("500")), 500);
  for (const char* bad : {"0", "-1", "501", "abc", "2x", "1.5", "99999", " 2"})
    EXPECT_EQ(parse_search_page(std::string(bad)), std::nullopt) << bad;
}

std::string slots_text(const std::vector<PagerSlot>& slots) {
  std::string out;
  for (const auto& s : slots) {
    if (!out.empty()) out += ' ';
    out += s.number == 0 ? "…" : s.current ? "[" + std::to_string(s.number) + "]" : std::to_string(s.number);
  }
  return out;
}

TEST(SearchPage, PagerShowsEndsAndNeighbours) {
  EXPECT_EQ(slots_text(pager_slots(1, 1, 2)), "");
  EXPECT_EQ(slots_text(pager_slots(1, 0, 2)), "");
  EXPECT_EQ(slots_text(pager_slots(1, 3, 2)), "[1] 2 3");
  EXPECT_EQ(slots_text(pager_slots(1, 10, 2)), "[1] 2 3 … 10");
  EXPECT_EQ(slots_text(pager_slots(5, 10, 2)), "1 2 3 4 [5] 6 7 … 10");
  EXPECT_EQ(slots_text(pager_slots(10, 10, 2)), "1 … 8 9 [10]");
  EXPECT_EQ(slots_text(pager_slots(50, 100, 2)), "1 … 48 49 [50] 51 52 … 100");
  // A single missing number is shown, not replaced by a gap.
  EXPECT_EQ(slots_text(pager_slots(4, 7, 2)), "1 2 3 [4] 5 6 7");
  // The pages' own radius keeps the pager short enough for a phone.
  EXPECT_EQ(slots_text(pager_slots(5, 10)), "1 … 4 [5] 6 … 10");
  EXPECT_EQ(slots_text(pager_slots(1, 10)), "[1] 2 … 10");
}

TEST(SearchPage, PageCountIsCapped) {
  EXPECT_EQ(page_count(0), 0);
  EXPECT_EQ(page_count(1), 1);
  EXPECT_EQ(page_count(kSearchPageSize), 1);
  EXPECT_EQ(page_count(kSearchPageSize + 1), 2);
  EXPECT_EQ(page_count(1000000), kMaxSearchPage);
}

TEST(SearchPage, SnippetKeepsHitsAndDropsEmptyParts) {
  auto json = snippet_json({{"Antrean ", false}, {"puskesmas", true}, {"", false}, {" <b>", false}});
  ASSERT_EQ(json.size(), 3u);
  EXPECT_EQ(json[1]["text"], "puskesmas");
  EXPECT_TRUE(json[1]["hit"].get<bool>());
  EXPECT_EQ(json[2]["text"], " <b>");  // escaped by the template, not here
}

TEST(SearchPage, ShortenCutsAtASpaceWithoutBreakingUtf8) {
  EXPECT_EQ(shorten("pendek", 20), "pendek");
  EXPECT_EQ(shorten("antrean pasien di puskesmas", 16), "antrean pasien…");
  const std::string accented = "é é é é é é";  // 2-byte characters
  const auto cut = shorten(accented, 4);
  EXPECT_EQ(cut, "é…");
}

TEST(SearchPage, WhyLineNamesFieldsInOrderWithoutRepeats) {
  const auto c = catalog();
  EXPECT_EQ(why_line(c, "id", {}), "");
  EXPECT_EQ(why_line(c, "id", {{"L", {"daring"}}, {"P", {"antrean", "puskesmas"}}}),
            "Cocok pada masalah: antrean, puskesmas · pada solusi: daring");
  EXPECT_EQ(why_line(c, "id", {{"", {"antrean", "subuh"}}, {"P", {"antrean"}}}),
            "Cocok pada masalah: antrean · pada bagian lain: subuh");
  EXPECT_EQ(why_line(c, "id", {{"", {"antrean", "subuh"}}}), "Cocok dengan kata: antrean, subuh");
  EXPECT_EQ(why_line(c, "id", {{"P", {}}}), "");
  // Words found in both fields are named once, for both.
  EXPECT_EQ(why_line(c, "id", {{"P", {"antrean", "pasien"}}, {"L", {"antrean", "daring"}}}),
            "Cocok pada masalah dan solusi: antrean · pada masalah: pasien · pada solusi: daring");
}

TEST(SearchPage, FacetValuesGetLabels) {
  const auto c = catalog();
  const std::map<std::string, std::string> provinces = {{"73", "Sulawesi Selatan"}};
  EXPECT_EQ(facet_value_label(c, "id", "province", "73", provinces), "Sulawesi Selatan");
  EXPECT_EQ(facet_value_label(c, "id", "province", "99", provinces), "99");
  EXPECT_EQ(facet_value_label(c, "id", "sector", "kesehatan", provinces), "Kesehatan");
  EXPECT_EQ(facet_value_label(c, "id", "region_type", "city", provinces), "Kota");
  EXPECT_EQ(facet_value_label(c, "id", "award", "kipp", provinces), "KIPP");
  EXPECT_EQ(facet_value_label(c, "id", "digital", "0", provinces), "Non-digital");
  EXPECT_EQ(facet_value_label(c, "id", "year", "2021", provinces), "2021");
}

TEST(SearchPage, ErrorsAreExplainedFromTheCatalogue) {
  const auto c = catalog();
  EXPECT_EQ(search_error_text(c, "id", Error(ErrorCode::invalid, "sort: must be relevance, newest or replicated")),
            "Urutan tidak dikenal.");
  EXPECT_EQ(search_error_text(c, "id", Error(ErrorCode::invalid, "sector: invalid value")),
            "Pilihan saringan «Urusan» tidak dikenal.");
  EXPECT_EQ(search_error_text(c, "id", Error(ErrorCode::invalid, "mystery: bad")), "Nilai tidak dikenal (mystery).");
}

TEST(SearchPage, CountsReadWithThousandsSeparators) {
  EXPECT_EQ(format_count(0, "id"), "0");
  EXPECT_EQ(format_count(123, "id"), "123");
  EXPECT_EQ(format_count(1234, "id"), "1.234");
  EXPECT_EQ(format_count(1234567, "en"), "1,234,567");
}

}  // namespace
}  // namespace lumbung::web
