// LabService over the real tables, written once and run on SQLite and
// PostgreSQL: creating labs, enrolment (one by one and by CSV, nothing
// half-imported), the scope rules (a participant sees only their unit's
// ideas, a coach only assigned units, an organiser only their labs), stage
// work through the gates, comments, scores and publishing to the repository.
#include <gtest/gtest.h>

#include "auth/auth_service.hpp"
#include "directory/innovation_service.hpp"
#include "labs/lab_deadlines.hpp"
#include "labs/lab_service.hpp"
#include "store/migrate.hpp"
#include "support/test_db.hpp"

namespace lumbung::labs {
namespace {

using auth::Actor, auth::Grant, auth::Role, auth::Scope;
using test::TestDatabase;

class LabContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    LUMBUNG_TEST_DATABASE_OR_SKIP(target_, GetParam());
    auto db = target_->open();
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
    auto report = store::migrate(*db_, test::source_migrations_dir());
    ASSERT_TRUE(report.ok()) << report.error().message();
    innovations_ = std::make_unique<directory::InnovationService>(*db_, clock_);
    ASSERT_TRUE(innovations_->load_reference_regions().ok());
    auth::AccountOptions options;
    options.pwhash = auth::PwhashLimits::minimum();
    accounts_ = std::make_unique<auth::AccountService>(*db_, clock_, options);
    labs_ = std::make_unique<LabService>(*db_, clock_, *innovations_, *accounts_);
    dinkes_ = unit("opd", "Dinas Kesehatan");
    bukateja_ = unit("kecamatan", "Kecamatan Bukateja");
    puskesmas_ = unit("puskesmas", "Puskesmas Bobotsari");
    organizer_ = user("lab@purbalinggakab.go.id", {{Role::lab_organizer, Scope::region("33.03")}});
    other_organizer_ = user("lab@banyumaskab.go.id", {{Role::lab_organizer, Scope::region("33.02")}});
    coach_a_ = user("coach.a@lan.go.id", {{Role::coach, Scope::national()}});
    coach_b_ = user("coach.b@unsoed.ac.id", {{Role::coach, Scope::national()}});
    dinkes_staff_ = user("ani@dinkes.go.id", {{Role::participant, Scope::unit(std::to_string(dinkes_))}});
    bukateja_staff_ = user("budi@bukateja.go.id", {{Role::participant, Scope::unit(std::to_string(bukateja_))}});
  }

  std::int64_t unit(const std::string& kind, const std::string& name) {
    auto u = innovations_->create_unit(0, "33.03", kind, name);
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().message());
    return u.ok() ? u->id : 0;
  }

  Actor user(const std::string& email, const std::vector<Grant>& grants) {
    auto created = accounts_->create_user(email, "Uji " + email, grants, "", Actor::system(), labs_->region_of());
    EXPECT_TRUE(created.ok()) << email << ": " << (created.ok() ? "" : created.error().message());
    return created.ok() ? Actor::of(created->user) : Actor{};
  }

  Actor reload(const Actor& a) {
    auto u = accounts_->get_user(a.user_id);
    return u.ok() ? Actor::of(*u) : a;
  }

  LabDraft draft(const std::string& region = "33.03") {
    LabDraft d;
    d.name = "Laboratorium Inovasi Purbalingga 2022";
    d.organizer = "Bappelitbangda Kabupaten Purbalingga";
    d.region_code = region;
    d.year = 2022;
    d.partners = {{"LAN RI", "MoU-01/2022", "government"}, {"Universitas Jenderal Soedirman", "", "academia"}};
    d.sessions = {{"drumup", "2022-10-12", "2022-10-13", "luring", "Pendopo Dipokusumo"},
                  {"diagnose", "2022-10-12", "2022-10-13", "luring", "Pendopo Dipokusumo"},
                  {"design", "2022-11-23", "2022-11-23", "daring", "https://zoom.us/j/1"},
                  {"display", "2022-12-15", "2022-12-15", "luring", "Purbalingga Expo"}};
    return d;
  }

  long long count(const std::string& sql_text) {
    auto lease = db_->acquire();
    long long n = -1;
    *lease << sql_text, soci::into(n);
    return n;
  }

  // A lab with Dinkes (coach A) and Bukateja (coach B) enrolled.
  std::int64_t enrolled_lab() {
    auto lab = labs_->create_lab(organizer_, draft());
    EXPECT_TRUE(lab.ok()) << (lab.ok() ? "" : lab.error().message());
    EXPECT_TRUE(labs_->enrol_unit(organizer_, lab->id, dinkes_, "coach.a@lan.go.id").ok());
    EXPECT_TRUE(labs_->enrol_unit(organizer_, lab->id, bukateja_, "COACH.B@unsoed.ac.id").ok());
    return lab->id;
  }

  FakeClock clock_{1'700'000'000};
  std::unique_ptr<TestDatabase> target_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<directory::InnovationService> innovations_;
  std::unique_ptr<auth::AccountService> accounts_;
  std::unique_ptr<LabService> labs_;
  std::int64_t dinkes_ = 0, bukateja_ = 0, puskesmas_ = 0;
  Actor organizer_, other_organizer_, coach_a_, coach_b_, dinkes_staff_, bukateja_staff_;
};

TEST_P(LabContract, OrganisersCreateLabsInTheirOwnRegionOnly) {
  auto lab = labs_->create_lab(organizer_, draft());
  ASSERT_TRUE(lab.ok()) << lab.error().message();
  EXPECT_EQ(lab->region_name, "Kabupaten Purbalingga");
  EXPECT_EQ(lab->readiness_items, default_readiness_items());
  auto opened = labs_->open_lab(organizer_, lab->id);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->lab.partners, draft().partners);
  EXPECT_EQ(opened->lab.sessions.size(), 4u);
  EXPECT_FALSE(opened->lab.with_documentation());

  EXPECT_EQ(labs_->create_lab(other_organizer_, draft()).error().code(), ErrorCode::forbidden);
  EXPECT_EQ(labs_->create_lab(coach_a_, draft()).error().code(), ErrorCode::forbidden);
  auto unknown = labs_->create_lab(Actor::system(), draft("99.99"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields().at(0).field, "region_code");
  // Another region's organiser neither sees nor lists it.
  EXPECT_EQ(labs_->open_lab(other_organizer_, lab->id).error().code(), ErrorCode::not_found);
  EXPECT_TRUE(labs_->list_labs(other_organizer_)->empty());
  EXPECT_EQ(labs_->list_labs(organizer_)->size(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'lab.create'"), 1);
}

TEST_P(LabContract, ScopeParticipantsSeeTheirUnitCoachesTheirUnitsOrganisersTheirLabs) {
  const auto lab = enrolled_lab();
  auto dinkes_idea = labs_->create_idea(dinkes_staff_, lab, dinkes_, "Antrean daring puskesmas");
  ASSERT_TRUE(dinkes_idea.ok()) << dinkes_idea.error().message();
  auto bukateja_idea = labs_->create_idea(bukateja_staff_, lab, bukateja_, "Layanan adminduk keliling");
  ASSERT_TRUE(bukateja_idea.ok());
  // A participant cannot add ideas for another unit, nor see its drafts.
  EXPECT_EQ(labs_->create_idea(dinkes_staff_, lab, bukateja_, "x").error().code(), ErrorCode::invalid);
  EXPECT_EQ(count("SELECT COUNT(*) FROM lab_ideas"), 2);
  EXPECT_EQ(labs_->open_idea(dinkes_staff_, lab, bukateja_idea->id).error().code(), ErrorCode::not_found);
  auto board = labs_->board(dinkes_staff_, lab, {});
  ASSERT_TRUE(board.ok());
  ASSERT_EQ(board->size(), 1u);
  EXPECT_EQ(board->front().id, dinkes_idea->id);
  EXPECT_EQ(labs_->open_lab(dinkes_staff_, lab)->units.size(), 1u);
  // Coach A sees Dinkes only.
  EXPECT_TRUE(labs_->open_idea(coach_a_, lab, dinkes_idea->id).ok());
  EXPECT_EQ(labs_->open_idea(coach_a_, lab, bukateja_idea->id).error().code(), ErrorCode::not_found);
  EXPECT_EQ(labs_->board(coach_b_, lab, {})->size(), 1u);
  EXPECT_EQ(labs_->list_labs(coach_a_)->size(), 1u);
  // A coach of no unit, another region's organiser and a stranger see nothing.
  auto stranger = user("c@ui.ac.id", {{Role::coach, Scope::national()}});
  EXPECT_EQ(labs_->open_lab(stranger, lab).error().code(), ErrorCode::not_found);
  EXPECT_EQ(labs_->open_lab(other_organizer_, lab).error().code(), ErrorCode::not_found);
  EXPECT_EQ(labs_->board(organizer_, lab, {})->size(), 2u);
  // Board filters.
  EXPECT_EQ(labs_->board(organizer_, lab, {"kecamatan", 0})->size(), 1u);
  EXPECT_EQ(labs_->board(organizer_, lab, {"", coach_a_.user_id})->front().id, dinkes_idea->id);
  // Only organisers enrol.
  EXPECT_EQ(labs_->enrol_unit(coach_a_, lab, puskesmas_, "").error().code(), ErrorCode::forbidden);
  EXPECT_EQ(labs_->enrol_unit(dinkes_staff_, lab, puskesmas_, "").error().code(), ErrorCode::forbidden);
  // A coach gates only assigned units; participants never gate.
  auto data = nlohmann::json::object();
  EXPECT_EQ(labs_->decide(coach_b_, lab, dinkes_idea->id, Stage::drumup, GateAction::send_back, "x").error().code(),
            ErrorCode::not_found);
  EXPECT_EQ(
      labs_->decide(dinkes_staff_, lab, dinkes_idea->id, Stage::drumup, GateAction::send_back, "x").error().code(),
      ErrorCode::forbidden);
  EXPECT_EQ(labs_->save_work(coach_a_, lab, dinkes_idea->id, Stage::drumup, data).error().code(), ErrorCode::forbidden);
}

TEST_P(LabContract, EnrolmentChecksUnitsAndCoaches) {
  auto lab = labs_->create_lab(organizer_, draft());
  ASSERT_TRUE(lab.ok());
  auto elsewhere = innovations_->create_unit(0, "33.02", "opd", "Dinas Kesehatan Banyumas");
  ASSERT_TRUE(elsewhere.ok());
  auto outside = labs_->enrol_unit(organizer_, lab->id, elsewhere->id, "");
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().fields().at(0).field, "unit_id");
  auto not_coach = labs_->enrol_unit(organizer_, lab->id, dinkes_, "ani@dinkes.go.id");
  ASSERT_FALSE(not_coach.ok());
  EXPECT_EQ(not_coach.error().fields().at(0).key, "lab.error.not_coach");
  EXPECT_EQ(count("SELECT COUNT(*) FROM lab_units"), 0);
  // One person by email: a new one is invited, an existing account is granted.
  ASSERT_TRUE(labs_->enrol_unit(organizer_, lab->id, dinkes_, "").ok());
  auto link = labs_->enrol_person(organizer_, lab->id, dinkes_, "Sari@Dinkes.go.id", "Sari");
  ASSERT_TRUE(link.ok()) << link.error().message();
  EXPECT_EQ(link->rfind("/undangan/", 0), 0u);
  auto granted = labs_->enrol_person(organizer_, lab->id, dinkes_, "budi@bukateja.go.id", "");
  ASSERT_TRUE(granted.ok()) << granted.error().message();
  EXPECT_EQ(*granted, "");
  auto budi = reload(bukateja_staff_);
  EXPECT_EQ(budi.grants.size(), 2u);
  EXPECT_TRUE(labs_->open_lab(budi, lab->id).ok());
  EXPECT_EQ(labs_->enrol_person(organizer_, lab->id, puskesmas_, "x@y.id", "").error().code(), ErrorCode::invalid);
}

TEST_P(LabContract, CsvWithABadRowWritesNothing) {
  auto lab = labs_->create_lab(organizer_, draft());
  ASSERT_TRUE(lab.ok());
  const std::string bad =
      "unit,email,name,coach_email\n"
      "Dinas Kesehatan,sari@dinkes.go.id,Sari,coach.a@lan.go.id\n"
      "Kecamatan Tidak Ada,,,\n"
      "Kecamatan Bukateja,bukan-surel,,\n"
      "Puskesmas Bobotsari,,,ani@dinkes.go.id\n";
  auto outcome = labs_->enrol_csv(organizer_, lab->id, bad);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message();
  EXPECT_EQ(outcome->problems, (std::vector<CsvProblem>{{3, "unit", "lab.csv.unknown_unit"},
                                                        {4, "email", "lab.csv.invalid_email"},
                                                        {5, "coach_email", "lab.csv.unknown_coach"}}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM lab_units"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM invites"), 0);
  auto malformed = labs_->enrol_csv(organizer_, lab->id, "unit\n\"Dinas Kesehatan\n");
  ASSERT_TRUE(malformed.ok());
  EXPECT_EQ(malformed->problems.size(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM lab_units"), 0);

  const std::string good =
      "unit;email;name;coach_email\n"
      "dinas kesehatan;sari@dinkes.go.id;Sari;coach.a@lan.go.id\n"
      "Kecamatan Bukateja;budi@bukateja.go.id;;coach.b@unsoed.ac.id\n"
      "Puskesmas Bobotsari;;;\n";
  auto done = labs_->enrol_csv(organizer_, lab->id, good);
  ASSERT_TRUE(done.ok()) << done.error().message();
  EXPECT_TRUE(done->problems.empty());
  EXPECT_EQ(done->units, 3);
  EXPECT_EQ(done->invited, (std::vector<std::string>{"sari@dinkes.go.id"}));
  EXPECT_EQ(done->granted, (std::vector<std::string>{"budi@bukateja.go.id"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM lab_units"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM lab_units WHERE coach_user_id <> 0"), 2);
  // Others may not import.
  EXPECT_EQ(labs_->enrol_csv(coach_a_, lab->id, good).error().code(), ErrorCode::forbidden);
  EXPECT_EQ(labs_->enrol_csv(other_organizer_, lab->id, good).error().code(), ErrorCode::not_found);
}

TEST_P(LabContract, AnIdeaGoesThroughTheGatesAndIntoTheRepository) {
  const auto lab = enrolled_lab();
  auto idea = labs_->create_idea(dinkes_staff_, lab, dinkes_, "Antrean daring puskesmas");
  ASSERT_TRUE(idea.ok());
  auto view = labs_->open_idea(dinkes_staff_, lab, idea->id);
  ASSERT_TRUE(view.ok());
  const auto items = view->lab.readiness_items.size();
  const auto save = [&](Stage stage, std::map<std::string, std::string> values) {
    auto data = read_stage_form(
        stage, [&](const std::string& k) { return values.count(k) ? values[k] : ""; }, items);
    EXPECT_TRUE(data.ok()) << to_string(stage);
    auto saved = labs_->save_work(dinkes_staff_, lab, idea->id, stage, *data);
    EXPECT_TRUE(saved.ok()) << to_string(stage) << ": " << (saved.ok() ? "" : saved.error().message());
  };
  // Drum-up: completing with gaps is refused; returning needs a reason.
  save(Stage::drumup, {{"leader_name", "dr. Hanung"}});
  auto refused = labs_->decide(coach_a_, lab, idea->id, Stage::drumup, GateAction::complete, "");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::invalid);
  auto returned = labs_->decide(coach_a_, lab, idea->id, Stage::drumup, GateAction::send_back, "Komitmen belum ada");
  ASSERT_TRUE(returned.ok());
  EXPECT_EQ(returned->stage, "drumup");
  EXPECT_EQ(labs_->open_idea(dinkes_staff_, lab, idea->id)->work.at("drumup").state, "returned");
  // The unit's participant is notified, in the lab category, with the reason.
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE user_id = " + std::to_string(dinkes_staff_.user_id) +
                  " AND category = 'lab' AND event = 'lab.stage_returned'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE user_id <> " + std::to_string(dinkes_staff_.user_id)), 0);
  std::map<std::string, std::string> drumup = {{"leader_name", "dr. Hanung"},
                                               {"leader_position", "Kepala Dinas"},
                                               {"commitment", "Mendukung penuh"},
                                               {"commitment_date", "2022-10-12"}};
  for (std::size_t i = 1; i <= items; ++i) drumup["readiness_" + std::to_string(i)] = "4";
  save(Stage::drumup, drumup);
  auto passed = labs_->decide(coach_a_, lab, idea->id, Stage::drumup, GateAction::complete, "");
  ASSERT_TRUE(passed.ok()) << passed.error().message();
  EXPECT_EQ(passed->stage, "diagnose");
  // Work on a stage that is not current is a conflict.
  EXPECT_EQ(labs_->save_work(dinkes_staff_, lab, idea->id, Stage::drumup, nlohmann::json::object()).error().code(),
            ErrorCode::conflict);
  save(Stage::diagnose, {{"problems_1_problem", "Antrean pasien panjang di loket"},
                         {"problems_1_urgency", "5"},
                         {"problems_1_seriousness", "5"},
                         {"problems_1_growth", "4"},
                         {"root_causes", "Pendaftaran manual"},
                         {"idea_statement", "Pendaftaran daring lewat WhatsApp"}});
  ASSERT_TRUE(labs_->decide(organizer_, lab, idea->id, Stage::diagnose, GateAction::complete, "").ok());
  save(Stage::design, {{"milestones_1_title", "Uji coba"},
                       {"milestones_1_due", "2022-11-30"},
                       {"milestones_1_owner", "Kasi Yankes"},
                       {"risks", "Jaringan"}});
  // Publishing before Delivery is complete is refused.
  EXPECT_EQ(labs_->publish(dinkes_staff_, lab, idea->id).error().code(), ErrorCode::conflict);
  ASSERT_TRUE(labs_->decide(coach_a_, lab, idea->id, Stage::design, GateAction::complete, "").ok());
  save(Stage::delivery, {{"log_1_milestone", "Uji coba"},
                         {"log_1_done_on", "2022-12-01"},
                         {"log_1_activity", "Uji coba di 3 puskesmas"},
                         {"log_1_evidence_url", "https://drive.example.id/foto"},
                         {"results", "Antrean berkurang"},
                         {"result_figure", "Waktu tunggu 90 -> 20 menit"}});
  ASSERT_TRUE(labs_->decide(coach_a_, lab, idea->id, Stage::delivery, GateAction::complete, "").ok());
  // Comments (threaded) and scores.
  auto c = labs_->comment(coach_a_, lab, idea->id, Stage::delivery, 0, "Bukti bagus");
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(labs_->comment(dinkes_staff_, lab, idea->id, Stage::delivery, c->id, "Terima kasih").ok());
  EXPECT_EQ(labs_->comment(dinkes_staff_, lab, idea->id, Stage::design, c->id, "x").error().code(), ErrorCode::invalid);
  // The coach's comment reaches the unit's participant; the reply reaches the coach; nobody hears of their own.
  const auto comment_notices = [&](const Actor& who) {
    return count("SELECT COUNT(*) FROM notifications WHERE user_id = " + std::to_string(who.user_id) +
                 " AND event = 'lab.comment'");
  };
  EXPECT_EQ(comment_notices(dinkes_staff_), 1);
  EXPECT_EQ(comment_notices(coach_a_), 1);
  EXPECT_EQ(comment_notices(coach_b_) + comment_notices(bukateja_staff_) + comment_notices(organizer_), 0);
  ASSERT_TRUE(labs_->score(coach_a_, lab, idea->id, Stage::delivery, {{"Kebaruan", 4}, {"Kelayakan", 5}}).ok());
  EXPECT_EQ(labs_->score(coach_a_, lab, idea->id, Stage::delivery, {{"Harga", 4}}).error().code(), ErrorCode::invalid);
  EXPECT_EQ(labs_->score(dinkes_staff_, lab, idea->id, Stage::delivery, {{"Kebaruan", 5}}).error().code(),
            ErrorCode::forbidden);
  auto full = labs_->open_idea(organizer_, lab, idea->id);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->comments.size(), 2u);
  EXPECT_EQ(full->comments[1].parent_id, c->id);
  EXPECT_EQ(full->scores.size(), 2u);

  auto report = labs_->report(organizer_, lab);
  ASSERT_TRUE(report.ok()) << report.error().message();
  ASSERT_EQ(report->size(), 1u);
  EXPECT_EQ(report->front().coach_name, "Uji coach.a@lan.go.id");
  EXPECT_EQ(report->front().scores, (std::map<std::string, double>{{"Kebaruan", 4.0}, {"Kelayakan", 5.0}}));
  EXPECT_TRUE(labs_->report(coach_b_, lab)->empty());

  auto published = labs_->publish(dinkes_staff_, lab, idea->id);
  ASSERT_TRUE(published.ok()) << published.error().message();
  ASSERT_NE(published->innovation_id, 0);
  auto innovation = innovations_->get(published->innovation_id);
  ASSERT_TRUE(innovation.ok());
  EXPECT_EQ(innovation->state, "draft");
  EXPECT_EQ(innovation->source_program, "labinov");
  EXPECT_EQ(innovation->source_id, "lab-" + std::to_string(lab) + "-" + std::to_string(idea->id));
  EXPECT_EQ(innovation->unit_id, dinkes_);
  EXPECT_EQ(innovation->name, "Antrean daring puskesmas");
  EXPECT_NE(innovation->problem.find("Antrean pasien panjang"), std::string::npos);
  EXPECT_NE(innovation->results.find("90 -> 20"), std::string::npos);
  EXPECT_EQ(labs_->publish(dinkes_staff_, lab, idea->id).error().code(), ErrorCode::conflict);

  // The dashboard counts it: the idea reached Delivery, display is next.
  auto dash = labs_->dashboard(organizer_, lab, "2022-12-20");
  ASSERT_TRUE(dash.ok());
  EXPECT_EQ(dash->ideas, 1);
  ASSERT_EQ(dash->funnel.size(), 6u);
  EXPECT_EQ(dash->funnel[3], (std::pair<std::string, std::int64_t>{"delivery", 1}));
  EXPECT_EQ(dash->funnel[4], (std::pair<std::string, std::int64_t>{"display", 1}));
  EXPECT_EQ(dash->overdue.size(), 1u);  // display ended 2022-12-15
  ASSERT_EQ(dash->coaches.size(), 2u);
  EXPECT_EQ(dash->coaches[0].ideas, 1);
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'lab.%'"), 12);
}

TEST_P(LabContract, CoverageNamesTheUnitsWithoutAnInnovationOrIdea) {
  const auto lab = enrolled_lab();  // the lab's year is 2022
  ASSERT_TRUE(labs_->create_idea(dinkes_staff_, lab, dinkes_, "Antrean daring").ok());
  directory::InnovationDraft d;
  d.name = "Posyandu digital Bukateja";
  d.summary = "Ringkasan";
  d.problem = "Masalah";
  d.solution = "Solusi";
  d.results = "Hasil";
  d.region_code = "33.03";
  d.unit_id = bukateja_;
  d.sector = "kesehatan";
  d.year_started = 2022;
  d.form = "pelayanan_publik";
  d.stage = "penerapan";
  d.state = "published";
  auto published = innovations_->create(d);
  ASSERT_TRUE(published.ok()) << published.error().message();
  auto rows = labs_->coverage(organizer_, "33.03", 2022);
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> by_unit;
  for (const auto& c : *rows) by_unit[c.unit_id] = {c.innovations, c.ideas};
  EXPECT_EQ(by_unit.at(dinkes_), (std::pair<std::int64_t, std::int64_t>{0, 1}));
  EXPECT_EQ(by_unit.at(bukateja_), (std::pair<std::int64_t, std::int64_t>{1, 0}));
  EXPECT_EQ(by_unit.at(puskesmas_), (std::pair<std::int64_t, std::int64_t>{0, 0}));
  // Another year: nothing.
  auto other_year =
      labs_->coverage(organizer_, "33.03", 2024);  // another year: nothing (published in 2023 by the clock)
  ASSERT_TRUE(other_year.ok());
  for (const auto& c : *other_year) EXPECT_EQ(c.innovations + c.ideas, 0) << c.unit_name;
  EXPECT_EQ(labs_->coverage(other_organizer_, "33.03", 2022).error().code(), ErrorCode::forbidden);
  EXPECT_EQ(labs_->coverage(dinkes_staff_, "33.03", 2022).error().code(), ErrorCode::forbidden);
  EXPECT_EQ(labs_->coverage(organizer_, "33.03", 1999).error().code(), ErrorCode::invalid);
}

TEST_P(LabContract, ExecutiveLabsRecordVerdictsOnPitches) {
  auto d = draft();
  d.format = "executive";
  d.name = "Executive Lab Kepala OPD";
  auto exec = labs_->create_lab(organizer_, d);
  ASSERT_TRUE(exec.ok());
  ASSERT_TRUE(labs_->enrol_unit(organizer_, exec->id, dinkes_, "coach.a@lan.go.id").ok());
  auto idea = labs_->create_idea(dinkes_staff_, exec->id, dinkes_, "Satu data kesehatan");
  ASSERT_TRUE(idea.ok());
  ASSERT_TRUE(labs_->record_verdict(coach_a_, exec->id, idea->id, "perbaiki", "Perjelas indikator").ok());
  ASSERT_TRUE(labs_->record_verdict(coach_a_, exec->id, idea->id, "lanjut", "Sudah jelas").ok());  // replaces
  ASSERT_TRUE(labs_->record_verdict(organizer_, exec->id, idea->id, "lanjut", "").ok());
  auto view = labs_->open_idea(dinkes_staff_, exec->id, idea->id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->verdicts.size(), 2u);
  const auto& coach_verdict = view->verdicts[0].reviewer_id == coach_a_.user_id ? view->verdicts[0] : view->verdicts[1];
  EXPECT_EQ(coach_verdict.reviewer_id, coach_a_.user_id);
  EXPECT_EQ(coach_verdict.verdict, "lanjut");
  EXPECT_EQ(coach_verdict.remarks, "Sudah jelas");
  // Each verdict reaches the unit's participant.
  const auto verdicts_told = [&](const std::string& event) {
    return count("SELECT COUNT(*) FROM notifications WHERE user_id = " + std::to_string(dinkes_staff_.user_id) +
                 " AND event LIKE '" + event + "'");
  };
  EXPECT_EQ(verdicts_told("lab.verdict_%"), 3);
  EXPECT_EQ(verdicts_told("lab.verdict_perbaiki"), 1);
  auto report = labs_->report(organizer_, exec->id);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->front().verdicts.size(), 2u);
  EXPECT_EQ(labs_->record_verdict(dinkes_staff_, exec->id, idea->id, "lanjut", "").error().code(),
            ErrorCode::forbidden);
  EXPECT_EQ(labs_->record_verdict(coach_b_, exec->id, idea->id, "lanjut", "").error().code(), ErrorCode::not_found);
  EXPECT_EQ(labs_->record_verdict(coach_a_, exec->id, idea->id, "bagus", "").error().code(), ErrorCode::invalid);
  // Regular labs have no pitches.
  const auto regular = enrolled_lab();
  auto other = labs_->create_idea(dinkes_staff_, regular, dinkes_, "Antrean");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(labs_->record_verdict(coach_a_, regular, other->id, "lanjut", "").error().code(), ErrorCode::conflict);
}

TEST_P(LabContract, OrganisersEditTheLabAndWithdrawUnitsWithoutIdeas) {
  const auto lab = enrolled_lab();
  auto changed = draft("33.02");  // the locus region cannot move
  changed.name = "Labinov Purbalingga 2022 (diperpanjang)";
  changed.sessions.push_back({"delivery", "2022-12-01", "2022-12-10", "hybrid", "Aula Bappelitbangda"});
  changed.partners.pop_back();
  auto updated = labs_->update_lab(organizer_, lab, changed);
  ASSERT_TRUE(updated.ok()) << updated.error().message();
  auto view = labs_->open_lab(organizer_, lab);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->lab.name, "Labinov Purbalingga 2022 (diperpanjang)");
  EXPECT_EQ(view->lab.region_code, "33.03");
  EXPECT_EQ(view->lab.sessions.size(), 5u);
  EXPECT_EQ(view->lab.partners.size(), 1u);
  // A bad draft changes nothing; only the lab's organisers may edit.
  auto bad = changed;
  bad.name = "";
  EXPECT_EQ(labs_->update_lab(organizer_, lab, bad).error().code(), ErrorCode::invalid);
  EXPECT_FALSE(labs_->update_lab(coach_a_, lab, changed).ok());
  EXPECT_FALSE(labs_->update_lab(other_organizer_, lab, changed).ok());
  EXPECT_FALSE(labs_->update_lab(dinkes_staff_, lab, changed).ok());
  EXPECT_EQ(labs_->open_lab(organizer_, lab)->lab.name, "Labinov Purbalingga 2022 (diperpanjang)");

  // Coach A loses Dinkes when removed as its coach.
  EXPECT_EQ(labs_->remove_coach(coach_a_, lab, dinkes_).error().code(), ErrorCode::forbidden);
  ASSERT_TRUE(labs_->remove_coach(organizer_, lab, dinkes_).ok());
  EXPECT_FALSE(labs_->open_lab(reload(coach_a_), lab).ok());
  EXPECT_EQ(labs_->remove_coach(organizer_, lab, puskesmas_).error().code(), ErrorCode::not_found);

  // A unit with ideas stays; one without leaves, once.
  ASSERT_TRUE(labs_->create_idea(bukateja_staff_, lab, bukateja_, "Kelas ibu hamil daring").ok());
  EXPECT_EQ(labs_->withdraw_unit(organizer_, lab, bukateja_).error().code(), ErrorCode::conflict);
  EXPECT_EQ(labs_->withdraw_unit(dinkes_staff_, lab, dinkes_).error().code(), ErrorCode::forbidden);
  ASSERT_TRUE(labs_->withdraw_unit(organizer_, lab, dinkes_).ok());
  EXPECT_EQ(labs_->withdraw_unit(organizer_, lab, dinkes_).error().code(), ErrorCode::not_found);
  view = labs_->open_lab(organizer_, lab);
  ASSERT_EQ(view->units.size(), 1u);
  EXPECT_EQ(view->units.front().unit_id, bukateja_);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('lab.update', 'lab.remove_coach', "
                  "'lab.withdraw_unit')"),
            3);
}

TEST_P(LabContract, CoachesRecordClinicsForTheirUnitsOnly) {
  const auto lab = enrolled_lab();
  Clinic c;
  c.held_on = "2022-11-30";
  c.mode = "daring";
  c.attendees = "Kepala Dinas, 4 staf";
  c.notes = "Membahas indikator hasil";
  c.actions = {{"Susun indikator", "Kasi Yankes", "2022-12-07"}};
  c.unit_id = dinkes_;
  auto recorded = labs_->record_clinic(coach_a_, lab, c);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message();
  c.unit_id = 0;
  ASSERT_TRUE(labs_->record_clinic(organizer_, lab, c).ok());
  c.unit_id = dinkes_;
  EXPECT_EQ(labs_->record_clinic(coach_b_, lab, c).error().code(), ErrorCode::invalid);  // not a unit they see
  EXPECT_EQ(labs_->record_clinic(dinkes_staff_, lab, c).error().code(), ErrorCode::forbidden);
  c.actions[0].due = "2022-13-01";
  auto bad = labs_->record_clinic(coach_a_, lab, c);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields().at(0).field, "actions_1_due");
  // Dinkes staff see both clinics; Bukateja's coach only the whole lab's.
  auto seen = labs_->clinics(dinkes_staff_, lab);
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->size(), 2u);
  EXPECT_EQ(seen->front().actions, (std::vector<ClinicAction>{{"Susun indikator", "Kasi Yankes", "2022-12-07"}}));
  EXPECT_EQ(labs_->clinics(coach_b_, lab)->size(), 1u);
}

// The reminder source: a stage's session ending within the horizon names the
// participants of units whose ideas are still in that stage.
TEST_P(LabContract, StageEndRemindsUnitsWithIdeasStillInTheStage) {
  const auto lab = enrolled_lab();
  ASSERT_TRUE(labs_->create_idea(dinkes_staff_, lab, dinkes_, "Antrean daring puskesmas").ok());
  auto source = stage_deadline_source(*db_);
  // 2022-10-10 08:00 WIB: Drum-up and Diagnose end on 2022-10-13.
  auto due = source(1'665'363'600, 7 * 86400);
  ASSERT_TRUE(due.ok()) << due.error().message();
  ASSERT_EQ(due->size(), 1u) << "only the stage that holds an idea";
  const auto& d = (*due)[0];
  EXPECT_EQ(d.event, "lab.stage_due");
  EXPECT_EQ(d.category, notify::Category::lab);
  EXPECT_EQ(d.params.value("stage", ""), "Drum-up");
  EXPECT_EQ(d.due_at, 1'665'680'400) << "end of 2022-10-13 in WIB";
  EXPECT_EQ(d.recipients, std::vector<std::int64_t>{dinkes_staff_.user_id});
  EXPECT_EQ(d.link, "/lab/" + std::to_string(lab) + "/papan");
  // Outside the horizon, and after the end: nothing.
  EXPECT_TRUE(source(1'665'363'600, 86400)->empty());
  EXPECT_TRUE(source(1'665'680'400 + 1, 7 * 86400)->empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, LabContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::labs
