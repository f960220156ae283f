// CompetitionService over the real tables, written once and run on SQLite
// and PostgreSQL: a small competition from the call to published winners
// (whose awards reach the repository), the scope rules (an agency sees only
// its own entries, a judge only assigned ones: IDOR attempts are not_found),
// conflict of interest at assignment, deadlines and round transitions, the
// objection flow with its rate limit, and the round-closing reminders.
#include <gtest/gtest.h>

#include "auth/auth_service.hpp"
#include "competition/competition_deadlines.hpp"
#include "competition/competition_service.hpp"
#include "directory/innovation_service.hpp"
#include "store/migrate.hpp"
#include "support/test_db.hpp"

namespace lumbung::competition {
namespace {

using auth::Actor, auth::Grant, auth::Role, auth::Scope;
using test::TestDatabase;

// 2023-11-14 22:13 UTC.
constexpr std::int64_t kNow = 1'700'000'000;

class CompetitionContract : public ::testing::TestWithParam<std::string> {
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
    service_ = std::make_unique<CompetitionService>(*db_, clock_, *innovations_);
    curator_ = user("kurator@menpan.go.id", {{Role::curator, Scope::national()}});
    parepare_ = user("ra@pareparekota.go.id", {{Role::region_admin, Scope::region("73.72")}});
    makassar_ = user("ra@makassarkota.go.id", {{Role::region_admin, Scope::region("73.71")}});
    judge_a_ = user("juri.a@ui.ac.id", {{Role::judge, Scope::national()}});
    judge_b_ = user("juri.b@ugm.ac.id", {{Role::judge, Scope::national()}});
    judge_parepare_ = user("juri@pareparekota.go.id", {{Role::judge, Scope::region("73.72")}});
    participant_ = user("staf@pareparekota.go.id", {{Role::participant, Scope::region("73.72")}});
  }

  Actor user(const std::string& email, const std::vector<Grant>& grants) {
    auto created = accounts_->create_user(email, "Uji " + email, grants, "", Actor::system());
    EXPECT_TRUE(created.ok()) << email << ": " << (created.ok() ? "" : created.error().message());
    return created.ok() ? Actor::of(created->user) : Actor{};
  }

  CompetitionDraft draft(int top_n = 2, int top_m = 1) {
    CompetitionDraft d;
    d.name = "Kompetisi Inovasi Pelayanan Publik 2023";
    d.level = "nasional";
    d.year = 2023;
    d.award_label = "KIPP 2023";
    d.config = kipp_2023_template();
    d.config.rounds = {"2023-11-01", "2023-11-30", "2023-12-10", "2023-12-20",
                       "2023-12-27", "2024-01-10", "2024-01-20"};
    d.config.cap_per_agency = 2;
    d.config.top_n = top_n;
    d.config.top_m = top_m;
    return d;
  }

  EntryInput input(const std::string& region, const std::string& title) {
    EntryInput in;
    in.region_code = region;
    in.group_name = "umum";
    in.category = "Pelayanan publik inklusif";
    in.title = title;
    in.started_on = "2021-05-01";
    for (const auto& a : kipp_2023_template().aspects) in.answers[a.key] = "Uraian " + a.label + " dari " + title;
    for (const auto& a : kipp_2023_template().attachments) in.attachments[a.key] = "https://contoh.go.id/" + a.key;
    return in;
  }

  std::map<std::string, int> all_aspects(int score) {
    std::map<std::string, int> out;
    for (const auto& a : kipp_2023_template().aspects)
      if (a.weight > 0) out[a.key] = score;
    return out;
  }

  long long count(const std::string& sql_text) {
    auto lease = db_->acquire();
    long long n = -1;
    *lease << sql_text, soci::into(n);
    return n;
  }

  FakeClock clock_{kNow};
  std::unique_ptr<TestDatabase> target_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<directory::InnovationService> innovations_;
  std::unique_ptr<auth::AccountService> accounts_;
  std::unique_ptr<CompetitionService> service_;
  Actor curator_, parepare_, makassar_, judge_a_, judge_b_, judge_parepare_, participant_;
};

TEST_P(CompetitionContract, OnlyCuratorsCreateAndTheCallRoundTrips) {
  EXPECT_EQ(service_->create(parepare_, draft()).error().code(), ErrorCode::forbidden);
  auto bad = draft();
  bad.config.aspects[1].weight = 50;
  auto refused = service_->create(curator_, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::invalid);
  auto c = service_->create(curator_, draft());
  ASSERT_TRUE(c.ok()) << c.error().message();
  auto read = service_->get(c->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->config, draft().config);
  EXPECT_EQ(read->phase, "registration");
}

TEST_P(CompetitionContract, FromCallToPublishedWinnersInTheRepository) {
  auto c = service_->create(curator_, draft(2, 1));
  ASSERT_TRUE(c.ok()) << c.error().message();
  // An existing repository innovation of Parepare enters, and two new ones.
  directory::InnovationDraft existing;
  existing.name = "Sipandu Parepare";
  existing.region_code = "73.72";
  auto inn = innovations_->create_draft(0, existing);
  ASSERT_TRUE(inn.ok()) << inn.error().message();
  auto from_repo = input("73.72", "Sipandu");
  from_repo.innovation_id = inn->id;
  auto e1 = service_->save_entry(parepare_, c->id, 0, from_repo, true);
  ASSERT_TRUE(e1.ok()) << e1.error().message();
  EXPECT_EQ(e1->state, "submitted");
  EXPECT_EQ(e1->cluster, "kota");
  auto e2 = service_->save_entry(makassar_, c->id, 0, input("73.71", "Lontara"), true);
  ASSERT_TRUE(e2.ok()) << e2.error().message();
  auto e3 = service_->save_entry(participant_, c->id, 0, input("73.72", "Posyandu Digital"), false);
  ASSERT_TRUE(e3.ok()) << e3.error().message();
  EXPECT_EQ(e3->state, "draft");
  ASSERT_TRUE(service_->save_entry(participant_, c->id, e3->id, input("73.72", "Posyandu Digital"), true).ok());

  // Registration closes; the secretariat decides; judges may not score yet.
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());
  EXPECT_EQ(service_->save_entry(parepare_, c->id, 0, input("73.72", "Terlambat"), true).error().code(),
            ErrorCode::conflict);
  ASSERT_TRUE(service_->decide_admin(curator_, e1->id, true, "").ok());
  ASSERT_TRUE(service_->decide_admin(curator_, e2->id, true, "").ok());
  auto advanced = service_->advance(curator_, c->id);
  ASSERT_FALSE(advanced.ok()) << "an undecided entry blocks the desk round";
  EXPECT_EQ(advanced.error().fields().at(0).key, "competition.error.undecided");
  EXPECT_EQ(service_->decide_admin(curator_, e3->id, false, "no such reason").error().code(), ErrorCode::invalid);
  ASSERT_TRUE(service_->decide_admin(curator_, e3->id, false, "duplicate_title").ok());
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());  // -> desk

  // Judges in pairs; the Parepare judge may not judge Parepare.
  auto coi = service_->assign_judge(curator_, e1->id, judge_parepare_.user_id);
  ASSERT_FALSE(coi.ok());
  EXPECT_EQ(coi.error().fields().at(0).key, "competition.error.conflict_of_interest");
  EXPECT_EQ(service_->assign_judge(curator_, e1->id, parepare_.user_id).error().code(), ErrorCode::invalid);
  EXPECT_EQ(service_->assign_judge(curator_, e3->id, judge_a_.user_id).error().code(), ErrorCode::conflict);
  ASSERT_TRUE(service_->assign_judge(curator_, e2->id, judge_parepare_.user_id).ok());
  for (auto e : {e1->id, e2->id}) {
    ASSERT_TRUE(service_->assign_judge(curator_, e, judge_a_.user_id).ok());
    ASSERT_TRUE(service_->assign_judge(curator_, e, judge_b_.user_id).ok());
  }
  ASSERT_TRUE(service_->unassign_judge(curator_, e2->id, judge_parepare_.user_id).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE category = 'competition' AND event = "
                  "'competition.judge_assigned'"),
            5);

  // Scores: an unassigned judge is refused; the panel shows dispersion.
  EXPECT_EQ(service_->score(judge_parepare_, e1->id, "desk", all_aspects(80)).error().code(), ErrorCode::not_found);
  EXPECT_EQ(service_->score(judge_a_, e1->id, "desk", {{"kebaruan", 80}}).error().code(), ErrorCode::invalid);
  EXPECT_EQ(service_->score(judge_a_, e1->id, "presentation", {{"presentation", 80}}).error().code(),
            ErrorCode::conflict);
  ASSERT_TRUE(service_->score(judge_a_, e1->id, "desk", all_aspects(90)).ok());
  ASSERT_TRUE(service_->score(judge_b_, e1->id, "desk", all_aspects(70)).ok());
  ASSERT_TRUE(service_->score(judge_a_, e2->id, "desk", all_aspects(85)).ok());
  EXPECT_EQ(service_->advance(curator_, c->id).error().fields().at(0).key, "competition.error.unscored");
  ASSERT_TRUE(service_->score(judge_b_, e2->id, "desk", all_aspects(81)).ok());
  auto panel = service_->panel(curator_, c->id);
  ASSERT_TRUE(panel.ok());
  ASSERT_EQ(panel->size(), 2u);
  EXPECT_EQ(panel->at(0).entry.id, e2->id);  // 83.00 before 80.00
  EXPECT_EQ(panel->at(0).desk.mean, 8300);
  EXPECT_EQ(panel->at(1).desk.spread, 2000);
  EXPECT_TRUE(panel->at(1).flagged);

  // Finalists (Top 2); the public objects; the secretariat resolves.
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());
  auto finalists = service_->public_entries(c->id, "finalist");
  ASSERT_TRUE(finalists.ok());
  ASSERT_EQ(finalists->size(), 2u);
  EXPECT_EQ(finalists->at(0).id, e2->id);
  EXPECT_EQ(service_->file_objection(e3->id, "Warga", "", "Tidak benar", "10.0.0.1").error().code(),
            ErrorCode::not_found);
  auto o =
      service_->file_objection(e1->id, "Warga Parepare", "warga@contoh.id", "Inovasi ini belum berjalan.", "10.0.0.1");
  ASSERT_TRUE(o.ok()) << o.error().message();
  EXPECT_EQ(service_->advance(curator_, c->id).error().fields().at(0).key, "competition.error.objections_open");
  EXPECT_EQ(service_->resolve_objection(parepare_, o->id, false, "x").error().code(), ErrorCode::forbidden);
  auto resolved = service_->resolve_objection(curator_, o->id, false, "Bukti implementasi sudah diverifikasi.");
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->state, "dismissed");
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());  // -> presentation
  EXPECT_EQ(service_->file_objection(e1->id, "Warga", "", "Terlambat", "10.0.0.2").error().code(), ErrorCode::conflict);

  // Presentation slots and scores; final = 70% desk + 30% presentation.
  EXPECT_EQ(service_->set_slot(curator_, e1->id, "2024-01-05 09:00", "http://x").error().code(), ErrorCode::invalid);
  ASSERT_TRUE(service_->set_slot(curator_, e1->id, "2024-01-05T09:00", "https://zoom.us/j/1").ok());
  ASSERT_TRUE(service_->score(judge_a_, e1->id, "presentation", {{"presentation", 100}}).ok());
  ASSERT_TRUE(service_->score(judge_a_, e2->id, "presentation", {{"presentation", 80}}).ok());
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());  // -> final
  auto entry1 = service_->get_entry(curator_, e1->id);
  auto entry2 = service_->get_entry(curator_, e2->id);
  EXPECT_EQ(entry1->final_score, 8600);  // 0.7 x 80 + 0.3 x 100
  EXPECT_EQ(entry2->final_score, 8210);  // 0.7 x 83 + 0.3 x 80
  EXPECT_EQ(entry1->state, "winner");
  EXPECT_EQ(entry1->award, "Top 1 KIPP 2023");
  EXPECT_EQ(entry2->state, "finalist");
  EXPECT_TRUE(service_->public_entries(c->id, "winner")->empty()) << "results are not public before publication";

  // Published: the winner's innovation carries the award.
  auto published = service_->advance(curator_, c->id);
  ASSERT_TRUE(published.ok()) << published.error().message();
  EXPECT_EQ(published->phase, "published");
  auto awarded = innovations_->get(inn->id);
  ASSERT_TRUE(awarded.ok());
  ASSERT_EQ(awarded->awards.size(), 1u);
  EXPECT_EQ(awarded->awards[0].program, "kipp");
  EXPECT_EQ(awarded->awards[0].year, 2023);
  EXPECT_EQ(awarded->awards[0].award, "Top 1 KIPP 2023");
  EXPECT_EQ(service_->public_entries(c->id, "winner")->size(), 1u);
  EXPECT_EQ(service_->advance(curator_, c->id).error().code(), ErrorCode::conflict);
  EXPECT_GE(count("SELECT COUNT(*) FROM notifications WHERE event = 'competition.results'"), 2);
  // A past winner may not enter the next national competition.
  auto next = service_->create(curator_, draft());
  ASSERT_TRUE(next.ok());
  auto again = service_->save_entry(parepare_, next->id, 0, from_repo, true);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().fields().at(0).key, "competition.error.past_winner");
}

TEST_P(CompetitionContract, NewInnovationsBecomePublishedRepositoryInnovations) {
  auto c = service_->create(curator_, draft(1, 1));
  ASSERT_TRUE(c.ok());
  auto e = service_->save_entry(makassar_, c->id, 0, input("73.71", "Lontara Makassar"), true);
  ASSERT_TRUE(e.ok()) << e.error().message();
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());
  ASSERT_TRUE(service_->decide_admin(curator_, e->id, true, "").ok());
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());
  ASSERT_TRUE(service_->assign_judge(curator_, e->id, judge_a_.user_id).ok());
  ASSERT_TRUE(service_->score(judge_a_, e->id, "desk", all_aspects(75)).ok());
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());
  ASSERT_TRUE(service_->score(judge_a_, e->id, "presentation", {{"presentation", 75}}).ok());
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());
  auto stored = service_->get_entry(curator_, e->id);
  ASSERT_TRUE(stored.ok());
  ASSERT_NE(stored->innovation_id, 0);
  auto inn = innovations_->get(stored->innovation_id);
  ASSERT_TRUE(inn.ok());
  EXPECT_EQ(inn->state, "published");
  EXPECT_EQ(inn->region_code, "73.71");
  ASSERT_EQ(inn->awards.size(), 1u);
  EXPECT_EQ(inn->awards[0].award, "Top 1 KIPP 2023");
  // The search index follows through the repository's outbox.
  EXPECT_GE(count("SELECT COUNT(*) FROM outbox"), 1);
}

TEST_P(CompetitionContract, AgenciesAndJudgesSeeOnlyTheirOwnEntries) {
  auto c = service_->create(curator_, draft());
  ASSERT_TRUE(c.ok());
  auto mine = service_->save_entry(parepare_, c->id, 0, input("73.72", "Sipandu"), false);
  auto theirs = service_->save_entry(makassar_, c->id, 0, input("73.71", "Lontara"), false);
  ASSERT_TRUE(mine.ok() && theirs.ok());
  // Writing for another region is refused; so is reading or editing its entry.
  EXPECT_EQ(service_->save_entry(parepare_, c->id, 0, input("73.71", "Menyusup"), false).error().code(),
            ErrorCode::forbidden);
  EXPECT_EQ(service_->get_entry(parepare_, theirs->id).error().code(), ErrorCode::not_found);
  EXPECT_EQ(service_->save_entry(parepare_, c->id, theirs->id, input("73.72", "Ambil alih"), false).error().code(),
            ErrorCode::not_found);
  EXPECT_EQ(service_->withdraw_entry(parepare_, theirs->id).error().code(), ErrorCode::not_found);
  auto list = service_->entries(parepare_, c->id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->at(0).id, mine->id);
  // The participant of the same region sees the region's entry (the coordinator's view).
  EXPECT_EQ(service_->entries(participant_, c->id)->size(), 1u);
  EXPECT_EQ(service_->entries(curator_, c->id)->size(), 2u);
  // A judge sees nothing until assigned, then only the assigned entry.
  EXPECT_TRUE(service_->entries(judge_a_, c->id)->empty());
  ASSERT_TRUE(service_->save_entry(parepare_, c->id, mine->id, input("73.72", "Sipandu"), true).ok());
  ASSERT_TRUE(service_->save_entry(makassar_, c->id, theirs->id, input("73.71", "Lontara"), true).ok());
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());
  ASSERT_TRUE(service_->decide_admin(curator_, mine->id, true, "").ok());
  ASSERT_TRUE(service_->decide_admin(curator_, theirs->id, true, "").ok());
  ASSERT_TRUE(service_->assign_judge(curator_, mine->id, judge_a_.user_id).ok());
  auto judged = service_->entries(judge_a_, c->id);
  ASSERT_EQ(judged->size(), 1u);
  EXPECT_EQ(judged->at(0).id, mine->id);
  EXPECT_EQ(service_->get_entry(judge_a_, theirs->id).error().code(), ErrorCode::not_found);
  EXPECT_EQ(service_->panel(parepare_, c->id).error().code(), ErrorCode::forbidden);
  EXPECT_EQ(service_->panel(judge_a_, c->id)->size(), 1u);
  EXPECT_EQ(service_->decide_admin(parepare_, mine->id, false, "incomplete").error().code(), ErrorCode::forbidden);
}

TEST_P(CompetitionContract, DeadlinesCapsAndWordLimitsOnSave) {
  auto c = service_->create(curator_, draft());
  ASSERT_TRUE(c.ok());
  // Over the summary's 200 words: refused on a plain save too, with the field named.
  auto long_summary = input("73.72", "Panjang");
  long_summary.answers["ringkasan"] = std::string(201 * 5, ' ');
  for (int i = 0; i < 201; ++i) long_summary.answers["ringkasan"] += "kata ";
  auto refused = service_->save_entry(parepare_, c->id, 0, long_summary, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields().at(0).field, "answer_ringkasan");
  EXPECT_EQ(refused.error().fields().at(0).key, "competition.error.too_many_words");
  // Cap of 2 per agency: the third submission is refused; withdrawing one frees a place.
  auto a = service_->save_entry(parepare_, c->id, 0, input("73.72", "Satu"), true);
  auto b = service_->save_entry(participant_, c->id, 0, input("73.72", "Dua"), true);
  ASSERT_TRUE(a.ok() && b.ok());
  auto third = service_->save_entry(parepare_, c->id, 0, input("73.72", "Tiga"), true);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().fields().at(0).key, "competition.error.cap_reached");
  ASSERT_TRUE(service_->withdraw_entry(parepare_, a->id).ok());
  ASSERT_TRUE(service_->save_entry(parepare_, c->id, 0, input("73.72", "Tiga"), true).ok());
  // Too young an innovation.
  auto young = input("73.71", "Baru");
  young.started_on = "2023-06-01";
  EXPECT_EQ(service_->save_entry(makassar_, c->id, 0, young, true).error().fields().at(0).key,
            "competition.error.too_young");
  // After the closing date (end of 30 Nov WIB) submission is refused with a message.
  clock_.set(kNow + 17 * 86400);  // 2023-12-01
  auto late = service_->save_entry(makassar_, c->id, 0, input("73.71", "Terlambat"), true);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().fields().at(0).key, "competition.error.registration_closed");
}

TEST_P(CompetitionContract, ObjectionsAreRateLimitedPerAddressAndUpheldOnesDisqualify) {
  auto c = service_->create(curator_, draft(1, 1));
  ASSERT_TRUE(c.ok());
  auto e = service_->save_entry(parepare_, c->id, 0, input("73.72", "Sipandu"), true);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(service_->file_objection(e->id, "Warga", "", "Belum finalis", "10.0.0.9").error().code(),
            ErrorCode::not_found);
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());
  ASSERT_TRUE(service_->decide_admin(curator_, e->id, true, "").ok());
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());
  ASSERT_TRUE(service_->assign_judge(curator_, e->id, judge_a_.user_id).ok());
  ASSERT_TRUE(service_->score(judge_a_, e->id, "desk", all_aspects(75)).ok());
  ASSERT_TRUE(service_->advance(curator_, c->id).ok());
  EXPECT_EQ(service_->file_objection(e->id, "", "bukan-surel", "", "10.0.0.9").error().fields().size(), 3u);
  std::int64_t first = 0;
  for (int i = 0; i < CompetitionService::kObjectionsPerHour; ++i) {
    auto o = service_->file_objection(e->id, "Warga", "", "Keberatan " + std::to_string(i), "10.0.0.9");
    ASSERT_TRUE(o.ok()) << o.error().message();
    if (!first) first = o->id;
  }
  EXPECT_EQ(service_->file_objection(e->id, "Warga", "", "Lagi", "10.0.0.9").error().code(), ErrorCode::too_many);
  EXPECT_TRUE(service_->file_objection(e->id, "Warga lain", "", "Dari alamat lain", "10.0.0.10").ok());
  clock_.advance(3600);
  EXPECT_TRUE(service_->file_objection(e->id, "Warga", "", "Satu jam kemudian", "10.0.0.9").ok());
  EXPECT_EQ(service_->objections(curator_, c->id)->size(), 7u);
  ASSERT_TRUE(service_->resolve_objection(curator_, first, true, "Terbukti belum satu tahun.").ok());
  EXPECT_EQ(service_->resolve_objection(curator_, first, false, "lagi").error().code(), ErrorCode::conflict);
  auto disqualified = service_->get_entry(curator_, e->id);
  EXPECT_EQ(disqualified->state, "failed");
  EXPECT_EQ(disqualified->admin_reason, "objection");
}

TEST_P(CompetitionContract, RoundClosingsRemindThePeopleWhoAct) {
  auto c = service_->create(curator_, draft());
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(service_->save_entry(parepare_, c->id, 0, input("73.72", "Draf"), false).ok());
  auto source = round_deadline_source(*db_);
  auto far = source(kNow, 3 * 86400);
  ASSERT_TRUE(far.ok());
  EXPECT_TRUE(far->empty()) << "registration closes in 16 days";
  auto near = source(kNow, 20 * 86400);
  ASSERT_TRUE(near.ok());
  ASSERT_EQ(near->size(), 1u);
  EXPECT_EQ(near->at(0).event, "competition.round_due");
  EXPECT_EQ(near->at(0).recipients, std::vector<std::int64_t>{parepare_.user_id});
  EXPECT_EQ(near->at(0).key, "competition:" + std::to_string(c->id) + ":registration:2023-11-30");
}

INSTANTIATE_TEST_SUITE_P(Engines, CompetitionContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::competition
