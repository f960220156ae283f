#include "directory/innovation_rules.hpp"

#include <gtest/gtest.h>

#include "directory/innovation_json.hpp"

namespace lumbung::directory {
namespace {

InnovationDraft complete() {
  InnovationDraft d;
  d.name = "SIPANDU";
  d.summary = "Layanan adminduk daring.";
  d.problem = "Antrean panjang.";
  d.solution = "Pendaftaran daring.";
  d.results = "Waktu layanan turun dari 7 hari menjadi 1 hari.";
  d.region_code = "73.72";
  d.sector = "kependudukan";
  d.form = "pelayanan_publik";
  d.stage = "penerapan";
  return d;
}

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.key);
  return out;
}

struct ValidationCase {
  const char* label;
  void (*change)(InnovationDraft&);
  std::vector<std::string> expected;  // empty = valid
};

class Validation : public ::testing::TestWithParam<ValidationCase> {};

TEST_P(Validation, ReportsTheFieldAndKey) {
  InnovationDraft d = complete();
  GetParam().change(d);
  EXPECT_EQ(fields(validate_draft(d)), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Validation,
    ::testing::Values(
        ValidationCase{"complete", [](InnovationDraft&) {}, {}},
        ValidationCase{"blank_name", [](InnovationDraft& d) { d.name = "  \t"; }, {"name:error.required"}},
        ValidationCase{"long_name", [](InnovationDraft& d) { d.name = std::string(201, 'a'); }, {"name:error.too_long"}},
        ValidationCase{"long_summary", [](InnovationDraft& d) { d.summary = std::string(2001, 'a'); },
                       {"summary:error.too_long"}},
        ValidationCase{"long_problem", [](InnovationDraft& d) { d.problem = std::string(20001, 'a'); },
                       {"problem:error.too_long"}},
        ValidationCase{"region_format", [](InnovationDraft& d) { d.region_code = "7372"; },
                       {"region_code:error.invalid_format"}},
        ValidationCase{"province_code_ok", [](InnovationDraft& d) { d.region_code = "73"; }, {}},
        ValidationCase{"bad_form", [](InnovationDraft& d) { d.form = "digital"; }, {"form:error.invalid_choice"}},
        ValidationCase{"bad_stage", [](InnovationDraft& d) { d.stage = "uji coba"; }, {"stage:error.invalid_choice"}},
        ValidationCase{"bad_initiator", [](InnovationDraft& d) { d.initiator = "bupati"; },
                       {"initiator:error.invalid_choice"}},
        ValidationCase{"bad_date", [](InnovationDraft& d) { d.trial_date = "2023-02-30"; },
                       {"trial_date:error.invalid_date"}},
        ValidationCase{"date_format", [](InnovationDraft& d) { d.implementation_date = "1/2/2023"; },
                       {"implementation_date:error.invalid_date"}},
        ValidationCase{"implementation_before_trial",
                       [](InnovationDraft& d) {
                         d.trial_date = "2023-05-01";
                         d.implementation_date = "2023-04-30";
                       },
                       {"implementation_date:error.before_trial"}},
        ValidationCase{"bad_email", [](InnovationDraft& d) { d.contact_email = "a@b"; },
                       {"contact_email:error.invalid_email"}},
        ValidationCase{"good_email", [](InnovationDraft& d) { d.contact_email = "inovasi@parepare.go.id"; }, {}},
        ValidationCase{"bad_phone", [](InnovationDraft& d) { d.contact_phone = "call me"; },
                       {"contact_phone:error.invalid_format"}},
        ValidationCase{"good_phone", [](InnovationDraft& d) { d.contact_phone = "+62 812-3456-7890"; }, {}},
        ValidationCase{"bad_program", [](InnovationDraft& d) { d.source_program = "sinovik"; },
                       {"source_program:error.invalid_choice"}},
        ValidationCase{"import_needs_source_id", [](InnovationDraft& d) { d.source_program = "kipp"; },
                       {"source_id:error.required"}},
        ValidationCase{"year_range", [](InnovationDraft& d) { d.year_started = 1900; },
                       {"year_started:error.out_of_range"}},
        ValidationCase{"bad_status", [](InnovationDraft& d) { d.status = "vakum"; }, {"status:error.invalid_choice"}},
        ValidationCase{"bad_state", [](InnovationDraft& d) { d.state = "deleted"; }, {"state:error.invalid_choice"}},
        ValidationCase{"negative_budget", [](InnovationDraft& d) { d.budget_amount = -1; },
                       {"budget_amount:error.out_of_range"}},
        ValidationCase{"award_without_text", [](InnovationDraft& d) { d.awards = {{"kipp", 2020, ""}}; },
                       {"awards:error.required"}},
        ValidationCase{"award_year", [](InnovationDraft& d) { d.awards = {{"kipp", 20, "Top 99"}}; },
                       {"awards:error.out_of_range"}},
        ValidationCase{"several_at_once",
                       [](InnovationDraft& d) {
                         d.name = "";
                         d.form = "x";
                         d.status = "x";
                       },
                       {"name:error.required", "form:error.invalid_choice", "status:error.invalid_choice"}}),
    [](const auto& info) { return std::string(info.param.label); });

TEST(ValidateForReview, RequiresTheProfile) {
  InnovationDraft d;
  d.name = "SIPANDU";
  EXPECT_EQ(fields(validate_draft(d)), std::vector<std::string>{});
  EXPECT_EQ(fields(validate_for_review(d)),
            (std::vector<std::string>{"summary:error.required", "problem:error.required", "solution:error.required",
                                      "results:error.required", "region_code:error.required", "sector:error.required",
                                      "form:error.required", "stage:error.required"}));
  EXPECT_TRUE(validate_for_review(complete()).empty());
}

struct TransitionCase {
  const char* from;
  Action action;
  const char* comment;
  const char* to;  // nullptr = refused
  ErrorCode code;  // when refused
};

class StateMachine : public ::testing::TestWithParam<TransitionCase> {};

TEST_P(StateMachine, FollowsTheTable) {
  const auto& c = GetParam();
  auto next = next_state(c.from, c.action, c.comment);
  if (c.to != nullptr) {
    ASSERT_TRUE(next.ok()) << next.error().message();
    EXPECT_EQ(*next, c.to);
  } else {
    ASSERT_FALSE(next.ok()) << *next;
    EXPECT_EQ(next.error().code(), c.code) << next.error().message();
  }
}

constexpr ErrorCode kOk = ErrorCode::internal;  // unused for allowed rows
INSTANTIATE_TEST_SUITE_P(
    Allowed, StateMachine,
    ::testing::Values(TransitionCase{"draft", Action::submit, "", "review", kOk},
                      TransitionCase{"review", Action::publish, "", "published", kOk},
                      TransitionCase{"review", Action::send_back, "Lengkapi hasil", "draft", kOk},
                      TransitionCase{"review", Action::withdraw, "", "draft", kOk},
                      TransitionCase{"published", Action::archive, "", "archived", kOk},
                      TransitionCase{"archived", Action::restore, "", "published", kOk}));

INSTANTIATE_TEST_SUITE_P(
    Forbidden, StateMachine,
    ::testing::Values(TransitionCase{"draft", Action::publish, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"draft", Action::send_back, "x", nullptr, ErrorCode::conflict},
                      TransitionCase{"draft", Action::withdraw, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"draft", Action::archive, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"draft", Action::restore, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"review", Action::submit, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"review", Action::archive, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"review", Action::restore, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"published", Action::submit, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"published", Action::publish, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"published", Action::send_back, "x", nullptr, ErrorCode::conflict},
                      TransitionCase{"published", Action::withdraw, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"published", Action::restore, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"archived", Action::submit, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"archived", Action::publish, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"archived", Action::archive, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"archived", Action::send_back, "x", nullptr, ErrorCode::conflict},
                      TransitionCase{"unknown", Action::submit, "", nullptr, ErrorCode::conflict},
                      TransitionCase{"review", Action::send_back, "", nullptr, ErrorCode::invalid},
                      TransitionCase{"review", Action::send_back, " \n", nullptr, ErrorCode::invalid}));

TEST(StateMachineTable, EveryActionHasANameThatParsesBack) {
  for (const auto& t : transitions()) {
    auto parsed = parse_action(to_string(t.action));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, t.action);
  }
  EXPECT_FALSE(parse_action("delete").has_value());
  EXPECT_TRUE(editable("draft"));
  EXPECT_TRUE(editable("review"));
  EXPECT_TRUE(editable("published"));
  EXPECT_FALSE(editable("archived"));
}

TEST(Slug, IsAsciiLowercaseAndBounded) {
  EXPECT_EQ(make_slug("SIPANDU: Layanan Adminduk"), "sipandu-layanan-adminduk");
  EXPECT_EQ(make_slug("  --Éa  b--  "), "a-b");
  EXPECT_EQ(make_slug("!!!"), "inovasi");
  EXPECT_LE(make_slug(std::string(300, 'x')).size(), 80u);
}

TEST(UnitKind, GuessedFromTheName) {
  EXPECT_EQ(guess_unit_kind("Dinas Kesehatan"), "opd");
  EXPECT_EQ(guess_unit_kind("Puskesmas Bacukiki"), "puskesmas");
  EXPECT_EQ(guess_unit_kind("Kecamatan Soreang"), "kecamatan");
  EXPECT_EQ(guess_unit_kind("SMP Negeri 2 Parepare"), "sekolah");
  EXPECT_EQ(guess_unit_kind("Perumda Air Minum Parepare"), "bumd");
  EXPECT_EQ(guess_unit_kind("Komunitas Literasi"), "lainnya");
}

struct DiffCase {
  const char* label;
  const char* before;
  const char* after;
  std::vector<FieldChange> expected;
};

class Diff : public ::testing::TestWithParam<DiffCase> {};

TEST_P(Diff, ListsChangedFields) {
  EXPECT_EQ(diff_revisions(GetParam().before, GetParam().after), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Diff,
    ::testing::Values(
        DiffCase{"same", R"({"name":"A","version":1})", R"({"name":"A","version":2})", {}},
        DiffCase{"text", R"({"name":"A","summary":"x"})", R"({"name":"B","summary":"x"})", {{"name", "A", "B"}}},
        DiffCase{"interchange_order",
                 R"({"state":"draft","name":"A","digital":false})",
                 R"({"state":"review","name":"B","digital":true})",
                 {{"name", "A", "B"}, {"digital", "false", "true"}, {"state", "draft", "review"}}},
        DiffCase{"added_and_removed", R"({"results":"x"})", R"({"problem":"y"})",
                 {{"problem", "", "y"}, {"results", "x", ""}}},
        DiffCase{"awards_as_json", R"({"awards":[]})", R"({"awards":[{"award":"Top 99","program":"kipp","year":2020}]})",
                 {{"awards", "[]", R"([{"award":"Top 99","program":"kipp","year":2020}])"}}},
        DiffCase{"unknown_keys_last", R"({"zeta":1,"name":"A"})", R"({"zeta":2,"name":"B"})",
                 {{"name", "A", "B"}, {"zeta", "1", "2"}}},
        DiffCase{"updated_at_ignored", R"({"updated_at":1})", R"({"updated_at":2})", {}},
        DiffCase{"invalid_json_is_empty", "not json", R"({"name":"A"})", {{"name", "", "A"}}}),
    [](const auto& info) { return std::string(info.param.label); });

TEST(InterchangeJson, RoundTripsTheWritableFields) {
  Innovation i;
  static_cast<InnovationDraft&>(i) = complete();
  i.digital = true;
  i.year_started = 2021;
  i.awards = {{"kipp", 2022, "Top 45 KIPP"}};
  i.source_program = "kipp";
  i.source_id = "KIPP-1";
  auto j = to_json(i);
  for (const char* key : {"id", "name", "summary", "problem", "solution", "results", "region_code", "unit_name",
                          "sector", "form", "digital", "stage", "status", "source_program", "source_id",
                          "year_started", "awards", "state", "updated_at"})
    EXPECT_TRUE(j.contains(key)) << key;
  auto back = draft_from_json(j);
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(back->name, i.name);
  EXPECT_EQ(back->awards, i.awards);
  EXPECT_TRUE(back->digital);
  EXPECT_EQ(back->source_id, "KIPP-1");
}

TEST(InterchangeJson, WrongTypesAreFieldErrors) {
  auto d = draft_from_json(nlohmann::json{{"name", 5}, {"digital", "ya"}, {"awards", "none"}});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code(), ErrorCode::invalid);
  EXPECT_EQ(fields(d.error().fields()),
            (std::vector<std::string>{"name:error.invalid_type", "digital:error.invalid_type",
                                      "awards:error.invalid_type"}));
}

}  // namespace
}  // namespace lumbung::directory

namespace lumbung::directory {
namespace {

TEST(CleanText, AcceptsUtf8TextAndRejectsBrokenBytesAndControls) {
  struct Case {
    std::string text;
    bool ok;
  };
  const Case cases[] = {
      {"Siti Nurhaliza ✓", true},
      {"baris satu\nbaris dua\tdengan tab", true},
      {"emoji 🌾 lumbung", true},
      {"", true},
      {std::string("\xc3\x28", 2), false},           // broken two-byte sequence
      {std::string("\xe2\x82", 2), false},           // truncated
      {std::string("\xc0\xaf", 2), false},           // overlong '/'
      {std::string("\xed\xa0\x80", 3), false},       // surrogate
      {std::string("\xf4\x90\x80\x80", 4), false},   // past U+10FFFF
      {std::string("nul\0byte", 8), false},
      {"bell\x07", false},
  };
  for (const auto& c : cases) EXPECT_EQ(clean_text(c.text), c.ok) << c.text;
}

TEST(ValidateDraft, BrokenUtf8InAnyTextFieldIsAFieldError) {
  InnovationDraft d;
  d.name = "Nama";
  d.problem = std::string("masalah \xff", 9);
  auto errors = validate_draft(d);
  bool found = false;
  for (const auto& e : errors) found = found || (e.field == "problem" && e.key == "error.invalid_text");
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace lumbung::directory
