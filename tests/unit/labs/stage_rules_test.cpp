// Pure rules of labs: stage order, the USG ranking, stage forms and what a
// gate needs, lab validation and who may see or do what in a lab.
#include "labs/stage_rules.hpp"

#include <gtest/gtest.h>

#include <map>

namespace lumbung::labs {
namespace {

struct UsgCase {
  const char* name;
  std::vector<UsgProblem> problems;
  std::vector<std::size_t> order;  // input indexes, best first
  std::vector<int> ranks;
};

TEST(Usg, RanksByTotalThenUrgencySeriousnessGrowth) {
  const std::vector<UsgCase> cases = {
      {"empty", {}, {}, {}},
      {"one", {{"a", 3, 3, 3}}, {0}, {1}},
      {"higher total wins", {{"a", 1, 1, 1}, {"b", 5, 5, 5}, {"c", 3, 3, 3}}, {1, 2, 0}, {1, 2, 3}},
      {"tie broken by urgency", {{"a", 2, 5, 5}, {"b", 5, 2, 5}}, {1, 0}, {1, 2}},
      {"then seriousness", {{"a", 4, 2, 5}, {"b", 4, 5, 2}}, {1, 0}, {1, 2}},
      {"then growth", {{"a", 4, 3, 2}, {"b", 4, 2, 3}}, {0, 1}, {1, 2}},
      {"equal scores share a rank and the next skips",
       {{"a", 3, 3, 3}, {"b", 3, 3, 3}, {"c", 1, 1, 1}},
       {0, 1, 2},
       {1, 1, 3}},
      {"out-of-range scores are left out", {{"a", 0, 3, 3}, {"b", 6, 1, 1}, {"c", 1, 1, 1}}, {2}, {1}},
  };
  for (const auto& c : cases) {
    auto ranked = rank_usg(c.problems);
    ASSERT_EQ(ranked.size(), c.order.size()) << c.name;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      EXPECT_EQ(ranked[i].index, c.order[i]) << c.name << " #" << i;
      EXPECT_EQ(ranked[i].rank, c.ranks[i]) << c.name << " #" << i;
      const auto& p = c.problems[ranked[i].index];
      EXPECT_EQ(ranked[i].total, p.urgency + p.seriousness + p.growth) << c.name;
    }
  }
}

TEST(Stages, OrderAndTheOptionalDocumentation) {
  EXPECT_EQ(next_stage(Stage::drumup, false), Stage::diagnose);
  EXPECT_EQ(next_stage(Stage::delivery, false), Stage::display);
  EXPECT_EQ(next_stage(Stage::display, false), Stage::done);
  EXPECT_EQ(next_stage(Stage::display, true), Stage::documentation);
  EXPECT_EQ(next_stage(Stage::documentation, true), Stage::done);
  EXPECT_EQ(next_stage(Stage::done, true), Stage::done);
  EXPECT_EQ(stages_of(false).size(), 5u);
  EXPECT_EQ(stages_of(true).back(), Stage::documentation);
  for (auto s : stages_of(true)) EXPECT_EQ(parse_stage(to_string(s)), s);
  EXPECT_EQ(parse_stage("Diagnose"), std::nullopt);
  EXPECT_EQ(parse_stage(""), std::nullopt);
}

using Values = std::map<std::string, std::string>;

Result<nlohmann::json> read(Stage stage, const Values& values, std::size_t readiness = 0) {
  return read_stage_form(
      stage,
      [&](const std::string& k) {
        auto it = values.find(k);
        return it == values.end() ? "" : it->second;
      },
      readiness);
}

TEST(StageForms, BadValuesAreReportedByFormField) {
  struct Case {
    Stage stage;
    Values values;
    std::string field, key;
  };
  const std::vector<Case> cases = {
      {Stage::drumup, {{"commitment_date", "2024-02-30"}}, "commitment_date", "error.invalid_date"},
      {Stage::drumup, {{"readiness_2", "6"}}, "readiness_2", "lab.error.score"},
      {Stage::diagnose, {{"problems_3_urgency", "0"}}, "problems_3_urgency", "lab.error.score"},
      {Stage::diagnose, {{"problems_1_growth", "x"}}, "problems_1_growth", "lab.error.score"},
      {Stage::diagnose, {{"root_causes", std::string(5001, 'a')}}, "root_causes", "error.too_long"},
      {Stage::design, {{"milestones_2_due", "13/01/2024"}}, "milestones_2_due", "error.invalid_date"},
      {Stage::delivery, {{"log_1_evidence_url", "javascript:alert(1)"}}, "log_1_evidence_url", "error.invalid_url"},
      {Stage::delivery, {{"log_1_evidence_url", "https://a.id/x y"}}, "log_1_evidence_url", "error.invalid_url"},
      {Stage::display, {{"launch_place", "a\x01"}}, "launch_place", "error.invalid_text"},
      {Stage::display, {{"showcase", "\xff\xfe"}}, "showcase", "error.invalid_text"},
  };
  for (const auto& c : cases) {
    auto r = read(c.stage, c.values, 3);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.error().code(), ErrorCode::invalid);
    ASSERT_EQ(r.error().fields().size(), 1u) << c.field;
    EXPECT_EQ(r.error().fields()[0].field, c.field);
    EXPECT_EQ(r.error().fields()[0].key, c.key) << c.field;
  }
}

TEST(StageForms, GroupsKeepOnlyTypedRowsAndRoundTrip) {
  Values v = {{"problems_2_problem", "Antrean panjang"}, {"problems_2_urgency", "5"},
              {"problems_2_seriousness", "4"},           {"problems_2_growth", "3"},
              {"root_causes", "Pendaftaran manual"},     {"idea_statement", "Antrean daring"}};
  auto data = read(Stage::diagnose, v);
  ASSERT_TRUE(data.ok()) << data.error().message();
  ASSERT_EQ((*data)["problems"].size(), 1u);
  EXPECT_EQ((*data)["problems"][0]["urgency"], 5);
  EXPECT_TRUE(completion_gaps(Stage::diagnose, *data, 0).empty());
  // Shown again, the row moves up to the first slot.
  auto values = form_values(Stage::diagnose, *data, 0);
  EXPECT_EQ(values["problems_1_problem"], "Antrean panjang");
  EXPECT_EQ(values["problems_1_growth"], "3");
  EXPECT_EQ(values["idea_statement"], "Antrean daring");
}

TEST(Gates, CompleteNeedsEveryRequiredFieldAndAReturnNeedsAReason) {
  auto empty = read(Stage::drumup, {}, 2);
  ASSERT_TRUE(empty.ok());
  auto gaps = completion_gaps(Stage::drumup, *empty, 2);
  std::vector<std::string> fields;
  for (const auto& g : gaps) fields.push_back(g.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"leader_name", "leader_position", "commitment", "commitment_date",
                                              "readiness_1", "readiness_2"}));
  auto blocked = gate(Stage::drumup, Stage::drumup, GateAction::complete, gaps, "", false);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code(), ErrorCode::invalid);
  EXPECT_EQ(blocked.error().fields().size(), gaps.size());

  auto passed = gate(Stage::drumup, Stage::drumup, GateAction::complete, {}, "", false);
  ASSERT_TRUE(passed.ok());
  EXPECT_EQ(*passed, Stage::diagnose);

  auto no_reason = gate(Stage::design, Stage::design, GateAction::send_back, {}, "  ", false);
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().fields().at(0).field, "reason");
  auto returned = gate(Stage::design, Stage::design, GateAction::send_back, gaps, "Tonggak belum bertanggal", false);
  ASSERT_TRUE(returned.ok());
  EXPECT_EQ(*returned, Stage::design);

  // Only the current stage can be gated, and a finished idea not at all.
  EXPECT_EQ(gate(Stage::design, Stage::drumup, GateAction::complete, {}, "", false).error().code(),
            ErrorCode::conflict);
  EXPECT_EQ(gate(Stage::done, Stage::display, GateAction::complete, {}, "", false).error().code(), ErrorCode::conflict);
  EXPECT_EQ(*gate(Stage::display, Stage::display, GateAction::complete, {}, "", false), Stage::done);
  EXPECT_EQ(*gate(Stage::display, Stage::display, GateAction::complete, {}, "", true), Stage::documentation);
}

TEST(Gates, AGroupNeedsACompleteRow) {
  auto data = read(Stage::design, {{"risks", "Anggaran terlambat"}, {"milestones_1_title", "Uji coba"}});
  ASSERT_TRUE(data.ok());
  auto gaps = completion_gaps(Stage::design, *data, 0);
  std::vector<std::string> fields;
  for (const auto& g : gaps) fields.push_back(g.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"milestones_1_due", "milestones_1_owner", "milestones"}));
}

LabDraft good_lab() {
  LabDraft d;
  d.name = "Laboratorium Inovasi Kabupaten Purbalingga 2022";
  d.organizer = "Bappelitbangda Purbalingga";
  d.region_code = "33.03";
  d.year = 2022;
  d.partners = {{"LAN RI", "MoU-01/2022", "government"}};
  d.sessions = {{"drumup", "2022-10-12", "2022-10-13", "luring", "Pendopo"},
                {"design", "2022-11-23", "2022-11-23", "daring", "https://zoom.us/j/1"}};
  return d;
}

TEST(LabDrafts, ValidationNamesTheField) {
  EXPECT_TRUE(validate_lab(good_lab()).empty());
  struct Case {
    std::function<void(LabDraft&)> change;
    std::string field, key;
  };
  const std::vector<Case> cases = {
      {[](LabDraft& d) { d.name = " "; }, "name", "error.required"},
      {[](LabDraft& d) { d.organizer = std::string(201, 'x'); }, "organizer", "error.too_long"},
      {[](LabDraft& d) { d.format = "weekly"; }, "format", "error.invalid_choice"},
      {[](LabDraft& d) { d.year = 1999; }, "year", "error.invalid_number"},
      {[](LabDraft& d) { d.partners[0].role = "ngo"; }, "partners_1_role", "error.invalid_choice"},
      {[](LabDraft& d) { d.sessions[1].mode = "zoom"; }, "sessions_2_mode", "error.invalid_choice"},
      {[](LabDraft& d) { d.sessions[0].ends_on = "2022-10-11"; }, "sessions_1_ends_on", "lab.error.ends_before"},
      {[](LabDraft& d) { d.sessions[0].starts_on = "2022-13-01"; }, "sessions_1_starts_on", "error.invalid_date"},
      {[](LabDraft& d) { d.sessions[0].stage = "done"; }, "sessions_1_stage", "error.invalid_choice"},
      {[](LabDraft& d) { d.rubric.assign(51, "x"); }, "rubric", "error.too_long"},
  };
  for (const auto& c : cases) {
    auto d = good_lab();
    c.change(d);
    auto errors = validate_lab(d);
    ASSERT_EQ(errors.size(), 1u) << c.field;
    EXPECT_EQ(errors[0].field, c.field);
    EXPECT_EQ(errors[0].key, c.key) << c.field;
  }
  auto with_clinic = good_lab();
  with_clinic.sessions.push_back({"clinic", "2022-11-30", "2022-11-30", "hybrid", ""});
  EXPECT_TRUE(validate_lab(with_clinic).empty());
  EXPECT_TRUE(valid_date("2024-02-29"));
  EXPECT_FALSE(valid_date("2023-02-29"));
}

TEST(Clinics, ValidationNamesTheField) {
  Clinic c;
  c.held_on = "2022-11-30";
  c.mode = "luring";
  c.actions = {{"Susun indikator", "Kasi Yankes", "2022-12-07"}};
  EXPECT_TRUE(validate_clinic(c).empty());
  struct Case {
    std::function<void(Clinic&)> change;
    std::string field, key;
  };
  const std::vector<Case> cases = {
      {[](Clinic& x) { x.held_on = ""; }, "held_on", "error.required"},
      {[](Clinic& x) { x.held_on = "30-11-2022"; }, "held_on", "error.invalid_date"},
      {[](Clinic& x) { x.mode = "zoom"; }, "mode", "error.invalid_choice"},
      {[](Clinic& x) { x.notes = std::string(5001, 'n'); }, "notes", "error.too_long"},
      {[](Clinic& x) { x.attendees = "a\x02"; }, "attendees", "error.invalid_text"},
      {[](Clinic& x) { x.actions[0].owner = " "; }, "actions_1_owner", "error.required"},
      {[](Clinic& x) { x.actions[0].due = "2022-02-30"; }, "actions_1_due", "error.invalid_date"},
      {[](Clinic& x) {
         x.actions.assign(11, {"a", "b", "2022-01-01"});
       },
       "actions", "error.too_long"},
  };
  for (const auto& k : cases) {
    auto x = c;
    k.change(x);
    auto errors = validate_clinic(x);
    ASSERT_EQ(errors.size(), 1u) << k.field;
    EXPECT_EQ(errors[0].field, k.field);
    EXPECT_EQ(errors[0].key, k.key) << k.field;
  }
}

TEST(Access, OrganisersCoachesAndParticipantsSeeTheirPartOnly) {
  Lab lab;
  lab.id = 7;
  lab.region_code = "33.03";
  const std::vector<LabUnit> units = {{101, "Dinkes", "opd", "33.03", 50, "Coach A", 0},
                                      {102, "Kec. Bukateja", "kecamatan", "33.03", 51, "Coach B", 0},
                                      {103, "Puskesmas", "puskesmas", "33.03", 0, "", 0}};
  using auth::Grant, auth::Role, auth::Scope;
  struct Case {
    const char* who;
    std::vector<Grant> grants;
    std::int64_t user;
    bool organizer;
    std::set<std::int64_t> coached, member;
  };
  const std::vector<Case> cases = {
      {"admin", {{Role::admin, Scope::national()}}, 1, true, {}, {}},
      {"national organiser", {{Role::lab_organizer, Scope::national()}}, 2, true, {}, {}},
      {"organiser of the region", {{Role::lab_organizer, Scope::region("33.03")}}, 3, true, {}, {}},
      {"organiser of this lab", {{Role::lab_organizer, Scope::lab("7")}}, 3, true, {}, {}},
      {"organiser elsewhere", {{Role::lab_organizer, Scope::region("73.72")}}, 3, false, {}, {}},
      {"organiser of another lab", {{Role::lab_organizer, Scope::lab("8")}}, 3, false, {}, {}},
      {"region admin", {{Role::region_admin, Scope::region("33.03")}}, 4, false, {}, {}},
      {"assigned coach", {{Role::coach, Scope::region("33.03")}}, 50, false, {101}, {}},
      {"coach of no unit here", {{Role::coach, Scope::national()}}, 52, false, {}, {}},
      {"not a coach any more", {{Role::participant, Scope::unit("999")}}, 51, false, {}, {}},
      {"participant", {{Role::participant, Scope::unit("102")}}, 60, false, {}, {102}},
      {"participant of a unit not enrolled", {{Role::participant, Scope::unit("104")}}, 61, false, {}, {}},
  };
  for (const auto& c : cases) {
    auto a = lab_access(c.grants, c.user, lab, units);
    EXPECT_EQ(a.organizer, c.organizer) << c.who;
    EXPECT_EQ(a.coached_units, c.coached) << c.who;
    EXPECT_EQ(a.member_units, c.member) << c.who;
  }
  auto participant = lab_access({{Role::participant, Scope::unit("102")}}, 60, lab, units);
  EXPECT_TRUE(participant.sees_unit(102));
  EXPECT_FALSE(participant.sees_unit(101));
  EXPECT_TRUE(participant.works_in(102));
  EXPECT_FALSE(participant.gates(102));
  auto coach = lab_access({{Role::coach, Scope::region("33.03")}}, 50, lab, units);
  EXPECT_TRUE(coach.gates(101));
  EXPECT_FALSE(coach.works_in(101));
  EXPECT_FALSE(coach.sees_unit(102));

  EXPECT_TRUE(may_create_lab({{Role::lab_organizer, Scope::region("33.03")}}, "33.03"));
  EXPECT_FALSE(may_create_lab({{Role::lab_organizer, Scope::region("33.03")}}, "33.02"));
  EXPECT_FALSE(may_create_lab({{Role::lab_organizer, Scope::lab("7")}}, "33.03"));
  EXPECT_FALSE(may_create_lab({{Role::region_admin, Scope::region("33.03")}}, "33.03"));
  EXPECT_TRUE(may_create_lab({{Role::admin, Scope::national()}}, "33.03"));
}

}  // namespace
}  // namespace lumbung::labs
