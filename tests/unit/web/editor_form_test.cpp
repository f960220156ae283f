// The profile form: typed values into a draft, wrong types into field errors.
#include <algorithm>

#include <gtest/gtest.h>

#include "web/editor_form.hpp"

namespace lumbung::web {
namespace {

http::Params params(std::vector<std::pair<std::string, std::string>> items) {
  http::Params p;
  for (auto& [k, v] : items) p.add(k, v);
  return p;
}

std::string error_of(const ProfileForm& f, const std::string& field) {
  for (const auto& e : f.errors)
    if (e.field == field) return e.key;
  return "";
}

TEST(ProfileForm, ReadsEveryFieldAndTrims) {
  auto f = parse_profile_form(params({{"name", "  SiAntre  "},
                                      {"region_code", "73.72"},
                                      {"unit_id", "12"},
                                      {"unit_name", "ignored when a unit is chosen"},
                                      {"digital", "1"},
                                      {"budget_amount", "150.000.000"},
                                      {"year_started", "2021"},
                                      {"stage", "uji_coba"},
                                      {"trial_date", "2021-02-03"},
                                      {"version", "4"}}),
                              {});
  EXPECT_TRUE(f.errors.empty()) << f.errors.size();
  EXPECT_EQ(f.draft.name, "SiAntre");
  EXPECT_EQ(f.draft.unit_id, 12);
  EXPECT_TRUE(f.draft.unit_name.empty());
  EXPECT_TRUE(f.draft.digital);
  EXPECT_EQ(f.draft.budget_amount, 150000000);
  EXPECT_EQ(f.draft.year_started, 2021);
  EXPECT_EQ(f.draft.status, "berlanjut");
  EXPECT_EQ(f.version, 4);
}

TEST(ProfileForm, WrongTypesBecomeFieldErrors) {
  struct Case {
    std::string field, value, key;
  };
  const std::vector<Case> cases = {
      {"digital", "banyak", "error.invalid_choice"},
      {"budget_amount", "banyak", "error.invalid_format"},
      {"budget_amount", "-5", "error.invalid_format"},
      {"budget_amount", "99999999999999999999999", "error.invalid_format"},
      {"year_started", "dua ribu", "error.invalid_format"},
      {"year_started", "1200", "error.out_of_range"},
      {"unit_id", "abc", "error.invalid_choice"},
      {"trial_date", "31-31-2020", "error.invalid_date"},
      {"stage", "banyak", "error.invalid_choice"},
      {"contact_email", "bukan-surel", "error.invalid_email"},
      {"summary", std::string(10000, 'x'), "error.too_long"},
      {"name", "", "error.required"},
      {"region_code", "<script>", "error.invalid_format"},
      {"summary", "bad \xC3\x28 utf8", "error.invalid_text"},
  };
  for (const auto& c : cases) {
    std::vector<std::pair<std::string, std::string>> items = {{"name", "Nama"}};
    if (c.field == "name") items.clear();
    items.emplace_back(c.field, c.value);
    auto f = parse_profile_form(params(items), {});
    EXPECT_EQ(error_of(f, c.field), c.key) << c.field << "=" << c.value.substr(0, 20);
  }
}

TEST(ProfileForm, KeepsWhatTheFormDoesNotCarry) {
  directory::InnovationDraft base;
  base.source_program = "kipp";
  base.source_id = "KIPP-2019-0042";
  base.awards = {{"kipp", 2019, "Top 99 KIPP"}};
  auto f = parse_profile_form(params({{"name", "SiAntre"}}), base);
  EXPECT_EQ(f.draft.source_program, "kipp");
  EXPECT_EQ(f.draft.source_id, "KIPP-2019-0042");
  ASSERT_EQ(f.draft.awards.size(), 1u);
}

}  // namespace
}  // namespace lumbung::web
