// Mapping suggestions, column plans and row conversion with problems.
#include "curation/import_rules.hpp"

#include <gtest/gtest.h>

namespace lumbung::curation {
namespace {

using Headers = std::vector<std::string>;

TEST(Mapping, SuggestsFromTheUsualHeadersOfASource) {
  Headers headers = {"ID Inovasi", "Nama Inovasi", "Tahapan Inovasi", "Nama SKPD", "Kode Wilayah", "Jenis Inovasi"};
  auto m = suggest_mapping("iga", headers, {});
  EXPECT_EQ(m["source_id"], "ID Inovasi");
  EXPECT_EQ(m["name"], "Nama Inovasi");
  EXPECT_EQ(m["stage"], "Tahapan Inovasi");
  EXPECT_EQ(m["unit_name"], "Nama SKPD");
  EXPECT_EQ(m["region_code"], "Kode Wilayah");
  EXPECT_EQ(m["digital"], "Jenis Inovasi");
}

TEST(Mapping, TheSavedMappingWinsAndAHeaderIsUsedOnce) {
  Headers headers = {"No", "Judul", "Nama Inovasi"};
  auto m = suggest_mapping("kipp", headers, {{"name", "judul"}, {"source_id", "No"}});
  EXPECT_EQ(m["name"], "Judul");
  EXPECT_EQ(m["source_id"], "No");
  EXPECT_EQ(std::count_if(m.begin(), m.end(), [](auto& kv) { return kv.second == "Nama Inovasi"; }), 0);
}

TEST(Mapping, LumbungFilesMapByFieldName) {
  Headers headers = {"id", "name", "source_program", "source_id", "state"};
  auto m = suggest_mapping("lumbung", headers, {});
  EXPECT_EQ(m.size(), 5u);
  EXPECT_EQ(suggest_mapping("kipp", headers, {}).count("state"), 0u);
}

TEST(Plan, MissingRequiredFieldAndMissingHeaderAreProblems) {
  auto plan = plan_columns("kipp", {{"name", "Nama"}, {"stage", "Tahap"}}, {"Nama"});
  ASSERT_EQ(plan.problems.size(), 2u);
  EXPECT_EQ(plan.problems[0].key, "curation.problem.missing_header");
  EXPECT_EQ(plan.problems[0].column, "Tahap");
  EXPECT_EQ(plan.problems[1].key, "curation.problem.unmapped_field");
  EXPECT_EQ(plan.problems[1].value, "source_id");
}

TEST(Row, ConvertsVocabulariesDatesAndNumbers) {
  Headers headers = {"ID", "Nama", "Tahap", "Jenis", "Bentuk", "Uji coba", "Anggaran", "Tahun", "Penghargaan"};
  Mapping m = {{"source_id", "ID"},           {"name", "Nama"},          {"stage", "Tahap"},
               {"digital", "Jenis"},          {"form", "Bentuk"},        {"trial_date", "Uji coba"},
               {"budget_amount", "Anggaran"}, {"year_started", "Tahun"}, {"awards", "Penghargaan"}};
  auto plan = plan_columns("iga", m, headers);
  ASSERT_TRUE(plan.problems.empty());
  auto row = parse_row("iga", plan, 2,
                       {"IGA-7", "Sipandu", "Uji Coba", "Daring", "Tata Kelola Pemerintahan Daerah", "31/12/2020",
                        "Rp 1.500.000", "2020", "iga:2021:Inovasi Terbaik; kipp:2022:Top 45"},
                       headers, {});
  EXPECT_TRUE(row.ok()) << (row.problems.empty() ? "" : row.problems[0].key);
  EXPECT_EQ(row.draft.source_program, "iga");
  EXPECT_EQ(row.draft.source_id, "IGA-7");
  EXPECT_EQ(row.draft.stage, "uji_coba");
  EXPECT_TRUE(row.draft.digital);
  EXPECT_EQ(row.draft.form, "tata_kelola");
  EXPECT_EQ(row.draft.trial_date, "2020-12-31");
  EXPECT_EQ(row.draft.budget_amount, 1500000);
  EXPECT_EQ(row.draft.year_started, 2020);
  ASSERT_EQ(row.draft.awards.size(), 2u);
  EXPECT_EQ(row.draft.awards[1], (directory::Award{"kipp", 2022, "Top 45"}));
}

TEST(Row, EveryProblemNamesRowAndColumn) {
  Headers headers = {"ID", "Nama", "Tahap", "Tanggal", "Email"};
  Mapping m = {
      {"source_id", "ID"}, {"name", "Nama"}, {"stage", "Tahap"}, {"trial_date", "Tanggal"}, {"contact_email", "Email"}};
  auto plan = plan_columns("kipp", m, headers);
  auto row = parse_row("kipp", plan, 9, {"", "", "hampir selesai", "31/02/2020", "bukan-email"}, headers, {});
  EXPECT_FALSE(row.ok());
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& p : row.problems) {
    EXPECT_EQ(p.row, 9);
    got.emplace_back(p.column, p.key);
  }
  auto has = [&](const std::string& col, const std::string& key) {
    return std::find(got.begin(), got.end(), std::make_pair(col, key)) != got.end();
  };
  EXPECT_TRUE(has("Tahap", "curation.problem.invalid_choice"));
  EXPECT_TRUE(has("Tanggal", "curation.problem.invalid_date"));
  EXPECT_TRUE(has("ID", "curation.problem.required"));
  EXPECT_TRUE(has("Nama", "curation.problem.required"));
  EXPECT_TRUE(has("Email", "curation.problem.invalid_email"));
}

TEST(Row, UnmappedFieldsKeepTheStoredValue) {
  directory::InnovationDraft base;
  base.contact_email = "tetap@contoh.go.id";
  base.name = "Lama";
  auto plan = plan_columns("kipp", {{"source_id", "ID"}, {"name", "Nama"}}, {"ID", "Nama"});
  auto row = parse_row("kipp", plan, 2, {"K1", "Baru"}, {"ID", "Nama"}, base);
  EXPECT_EQ(row.draft.name, "Baru");
  EXPECT_EQ(row.draft.contact_email, "tetap@contoh.go.id");
}

TEST(Conversions, RejectNonsense) {
  EXPECT_FALSE(to_stage("selesai"));
  EXPECT_FALSE(to_bool("mungkin"));
  EXPECT_FALSE(to_iso_date("2020/13/45"));
  EXPECT_FALSE(to_iso_date("1/1/20"));
  EXPECT_EQ(to_iso_date("2021-03-04"), "2021-03-04");
  EXPECT_FALSE(to_amount("satu juta"));
  EXPECT_FALSE(to_awards("kipp 2020"));
  EXPECT_FALSE(to_awards("[{\"program\":1}]"));
  EXPECT_EQ(awards_text({{"kipp", 2019, "Top 99"}, {"iga", 2020, "Terbaik"}}), "kipp:2019:Top 99; iga:2020:Terbaik");
  EXPECT_EQ(*to_awards(awards_text({{"kipp", 2019, "Top 99"}})),
            (std::vector<directory::Award>{{"kipp", 2019, "Top 99"}}));
}

}  // namespace
}  // namespace lumbung::curation
