// The IID service over a real database (SQLite and PostgreSQL): the seeded
// 2023 framework, framework versioning, the reporting window, region scope,
// submission, verification and quality-control overrides, and rankings.
#include <gtest/gtest.h>

#include <tuple>

#include "directory/innovation_service.hpp"
#include "index/iid_deadlines.hpp"
#include "index/iid_service.hpp"
#include "store/migrate.hpp"
#include "support/test_db.hpp"

namespace lumbung::index {
namespace {

using test::TestDatabase;

constexpr std::int64_t kInWindow = 1'688'000'000;  // 2023-06-29, inside the seeded 2023 window
const std::string kPdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

auth::Actor region_admin(const std::string& region, std::int64_t id) {
  return auth::Actor{id,
                     "admin-" + region + "@example.id",
                     {auth::Grant{auth::Role::region_admin, auth::Scope::region(region)}},
                     "127.0.0.1"};
}
auth::Actor curator() {
  return auth::Actor{900, "kurator@example.id", {auth::Grant{auth::Role::curator, auth::Scope::national()}}, ""};
}

std::string key_of(const Error& e) { return e.fields().empty() ? e.message() : e.fields().front().key; }

class IidContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    LUMBUNG_TEST_DATABASE_OR_SKIP(target_, GetParam());
    auto db = target_->open();
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
    auto report = store::migrate(*db_, test::source_migrations_dir());
    ASSERT_TRUE(report.ok()) << report.error().message();
    directory::InnovationService innovations(*db_, clock_);
    ASSERT_TRUE(innovations.load_reference_regions().ok());
    auto lease = db_->acquire();
    *lease << "INSERT INTO innovations (id, name, region_code, state, created_at, updated_at) VALUES "
              "(501, 'Makassar Sehat', '73.71', 'published', 1, 1)";
    *lease << "INSERT INTO innovations (id, name, region_code, state, created_at, updated_at) VALUES "
              "(502, 'Parepare Cerdas', '73.72', 'published', 1, 1)";
    // Region admins of 73.71 (one active, one not) and of 73.72, for notices.
    for (const auto& [id, region, active] :
         std::vector<std::tuple<int, std::string, int>>{{11, "73.71", 1}, {14, "73.71", 0}, {12, "73.72", 1}}) {
      const std::string email = "u" + std::to_string(id) + "@example.id";
      *lease
          << "INSERT INTO users (id, email, name, active, created_at, updated_at) VALUES (:id, :email, 'U', :active, "
             "1, 1)",
          soci::use(id, "id"), soci::use(email, "email"), soci::use(active, "active");
      *lease << "INSERT INTO user_grants (user_id, role, scope_kind, scope_ref) VALUES (:id, 'region_admin', "
                "'region', :region)",
          soci::use(id, "id"), soci::use(region, "region");
    }
    service_ = std::make_unique<IidService>(*db_, clock_, target_->dir() / "files" / "iid");
  }

  FakeClock clock_{kInWindow};
  std::unique_ptr<TestDatabase> target_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<IidService> service_;
};

TEST_P(IidContract, Seeded2023FrameworkHasTheOfficialStructure) {
  auto f = service_->framework(2023);
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(f->variables.size(), 8u);
  EXPECT_EQ(f->divisor_floor, 10);
  EXPECT_EQ(f->bands.size(), 4u);
  int spd = 0, sid = 0;
  for (const auto& i : f->indicators) (i.aspect == kSpd ? spd : sid) += i.weight_x100 * max_param(i);
  EXPECT_EQ(spd, 6300);   // SPD maximum 63
  EXPECT_EQ(sid, 11100);  // SID indicators maximum 111
  EXPECT_DOUBLE_EQ(maximum_total(*f), 250.0);
  EXPECT_NEAR(63.0 / maximum_total(*f), 0.252, 1e-9);
}

TEST_P(IidContract, ChangingNextYearNeverChangesThisYearsScores) {
  const auto admin = region_admin("73.71", 11);
  ASSERT_TRUE(service_->add_innovation(admin, 2023, "73.71", 501).ok());
  ASSERT_TRUE(service_->save_answer(admin, 2023, "73.71", {0, "1", 3, "visi.pdf", kPdf}, 1 << 20).ok());
  ASSERT_TRUE(service_->save_answer(admin, 2023, "73.71", {501, "16", 3, "", ""}, 1 << 20).ok());
  auto before = service_->view(2023, "73.71");
  ASSERT_TRUE(before.ok());

  auto copied = service_->copy_framework(curator(), 2023, 2024);
  ASSERT_TRUE(copied.ok()) << copied.error().message();
  auto ind = *copied->indicator("1");
  ind.weight_x100 = 900;
  ASSERT_TRUE(service_->save_indicator(curator(), 2024, ind).ok());
  Settings s{12, 50, 100, copied->window_opens, copied->window_closes, "", copied->bands};
  ASSERT_TRUE(service_->save_settings(curator(), 2024, s).ok());

  auto after = service_->view(2023, "73.71");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->score.total, before->score.total);
  EXPECT_EQ(after->score.index_x100, before->score.index_x100);
  EXPECT_EQ(after->framework.indicator("1")->weight_x100, 100);
  auto f2024 = service_->framework(2024);
  ASSERT_TRUE(f2024.ok());
  EXPECT_EQ(f2024->indicator("1")->weight_x100, 900);
  EXPECT_EQ(f2024->divisor_floor, 12);
  // Copying onto an existing year is refused.
  auto again = service_->copy_framework(curator(), 2023, 2024);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(key_of(again.error()), "iid.error.year_exists");
}

TEST_P(IidContract, EditsOnlyInsideTheWindowAndBeforeSubmitting) {
  const auto admin = region_admin("73.71", 11);
  clock_.set(1'685'000'000);  // before 1 June 2023
  auto early = service_->save_answer(admin, 2023, "73.71", {0, "1", 3, "", ""}, 1 << 20);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(key_of(early.error()), "iid.error.window_not_open");

  clock_.set(kInWindow);
  ASSERT_TRUE(service_->save_answer(admin, 2023, "73.71", {0, "1", 3, "visi.pdf", kPdf}, 1 << 20).ok());
  ASSERT_TRUE(service_->submit(admin, 2023, "73.71").ok());
  auto late_edit = service_->save_answer(admin, 2023, "73.71", {0, "1", 2, "", ""}, 1 << 20);
  ASSERT_FALSE(late_edit.ok());
  EXPECT_EQ(key_of(late_edit.error()), "iid.error.already_submitted");

  const auto other = region_admin("73.72", 12);
  clock_.set(1'690'588'800);  // the closing instant itself is outside
  auto closed = service_->save_answer(other, 2023, "73.72", {0, "1", 3, "", ""}, 1 << 20);
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(key_of(closed.error()), "iid.error.window_closed");
  EXPECT_EQ(closed.error().code(), ErrorCode::conflict);
}

TEST_P(IidContract, SubmittingNeedsEvidenceOnEveryAnswer) {
  const auto admin = region_admin("73.71", 11);
  ASSERT_TRUE(service_->add_innovation(admin, 2023, "73.71", 501).ok());
  ASSERT_TRUE(service_->save_answer(admin, 2023, "73.71", {0, "1", 3, "visi.pdf", kPdf}, 1 << 20).ok());
  ASSERT_TRUE(service_->save_answer(admin, 2023, "73.71", {0, "8", 2, "", ""}, 1 << 20).ok());
  ASSERT_TRUE(service_->save_answer(admin, 2023, "73.71", {501, "16", 3, "", ""}, 1 << 20).ok());
  auto refused = service_->submit(admin, 2023, "73.71");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::invalid);
  const auto& fields = refused.error().fields();
  ASSERT_EQ(fields.size(), 3u);  // the message, then each answer without evidence
  EXPECT_EQ(fields[0].key, "iid.error.evidence_missing");
  EXPECT_EQ(fields[1].field, "0:8");
  EXPECT_EQ(fields[2].field, "501:16");
  auto draft = service_->view(2023, "73.71");
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(draft->submission->status, "draft");
  // Evidence for both: the submission goes through.
  ASSERT_TRUE(service_->save_answer(admin, 2023, "73.71", {0, "8", 2, "opini.pdf", kPdf}, 1 << 20).ok());
  ASSERT_TRUE(service_->save_answer(admin, 2023, "73.71", {501, "16", 3, "sk.pdf", kPdf}, 1 << 20).ok());
  ASSERT_TRUE(service_->submit(admin, 2023, "73.71").ok());
}

TEST_P(IidContract, CuratorsFlagBorderAndLaggingRegionsPerYear) {
  EXPECT_EQ(service_->flag_region(region_admin("73.71", 11), 2023, kBorder, "73.71", true).error().code(),
            ErrorCode::forbidden);
  auto unknown = service_->flag_region(curator(), 2023, "pesisir", "73.71", true);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(key_of(unknown.error()), "iid.error.cluster");
  auto no_region = service_->flag_region(curator(), 2023, kBorder, "99.99", true);
  ASSERT_FALSE(no_region.ok());
  EXPECT_EQ(key_of(no_region.error()), "iid.error.region");
  EXPECT_EQ(service_->flag_region(curator(), 1999, kBorder, "73.71", true).error().code(), ErrorCode::not_found);
  ASSERT_TRUE(service_->flag_region(curator(), 2023, kBorder, "73.71", true).ok());
  ASSERT_TRUE(service_->flag_region(curator(), 2023, kBorder, "73.71", true).ok());  // twice: one row
  ASSERT_TRUE(service_->flag_region(curator(), 2023, kLagging, "73.72", true).ok());
  auto border = service_->cluster_regions(2023, kBorder);
  ASSERT_TRUE(border.ok());
  ASSERT_EQ(border->size(), 1u);
  EXPECT_EQ(border->front().code, "73.71");
  EXPECT_EQ(service_->cluster_regions(2023, kLagging)->size(), 1u);
  // Another year keeps its own list.
  ASSERT_TRUE(service_->copy_framework(curator(), 2023, 2024).ok());
  EXPECT_TRUE(service_->cluster_regions(2024, kBorder)->empty());
  ASSERT_TRUE(service_->flag_region(curator(), 2023, kBorder, "73.71", false).ok());
  EXPECT_TRUE(service_->cluster_regions(2023, kBorder)->empty());
}

TEST_P(IidContract, ARegionAdminTouchesOnlyItsOwnRegion) {
  const auto makassar = region_admin("73.71", 11);
  auto foreign = service_->save_answer(makassar, 2023, "73.72", {0, "1", 3, "", ""}, 1 << 20);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code(), ErrorCode::forbidden);
  EXPECT_FALSE(service_->submit(makassar, 2023, "73.72").ok());
  // The province's admin is not the city's admin either.
  EXPECT_FALSE(service_->add_innovation(region_admin("73", 13), 2023, "73.71", 501).ok());
  // Another region's innovation cannot be entered.
  auto wrong = service_->add_innovation(makassar, 2023, "73.71", 502);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(key_of(wrong.error()), "iid.error.innovation_not_in_region");
  // Curators verify but do not fill.
  EXPECT_FALSE(service_->save_answer(curator(), 2023, "73.71", {0, "1", 3, "", ""}, 1 << 20).ok());
}

TEST_P(IidContract, EvidenceIsCheckedByItsBytes) {
  const auto admin = region_admin("73.71", 11);
  auto bad = service_->save_answer(admin, 2023, "73.71", {0, "1", 3, "x.pdf", "<html>not a pdf"}, 1 << 20);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields().front().field, "evidence");
  auto good = service_->save_answer(admin, 2023, "73.71", {0, "1", 3, "../../visi.pdf", kPdf}, 1 << 20);
  ASSERT_TRUE(good.ok()) << good.error().message();
  EXPECT_EQ(good->evidence_name, "visi.pdf");
  EXPECT_TRUE(std::filesystem::exists(service_->evidence_path(good->evidence_file)));
  // New evidence replaces the old file; a refused save leaves no file behind.
  auto again = service_->save_answer(admin, 2023, "73.71", {0, "1", 2, "visi-2.pdf", kPdf}, 1 << 20);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(std::filesystem::exists(service_->evidence_path(good->evidence_file)));
  EXPECT_TRUE(std::filesystem::exists(service_->evidence_path(again->evidence_file)));
  ASSERT_TRUE(service_->submit(admin, 2023, "73.71").ok());
  EXPECT_FALSE(service_->save_answer(admin, 2023, "73.71", {0, "2a", 2, "apbd.pdf", kPdf}, 1 << 20).ok());
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(service_->evidence_path(""))) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);
  // A parameter the indicator does not offer.
  auto param = service_->save_answer(admin, 2023, "73.71", {0, "1", 7, "", ""}, 1 << 20);
  ASSERT_FALSE(param.ok());
  EXPECT_EQ(key_of(param.error()), "iid.error.param");
}

TEST_P(IidContract, VerifierRejectsWithAReasonAndTheScoreDrops) {
  const auto admin = region_admin("73.71", 11);
  ASSERT_TRUE(service_->save_answer(admin, 2023, "73.71", {0, "1", 3, "visi.pdf", kPdf}, 1 << 20).ok());
  ASSERT_TRUE(service_->save_answer(admin, 2023, "73.71", {0, "8", 3, "opini.pdf", kPdf}, 1 << 20).ok());
  // Not yet submitted: nothing to verify.
  EXPECT_FALSE(service_->decide(curator(), 2023, "73.71", 0, "1", true, "", false).ok());
  ASSERT_TRUE(service_->submit(admin, 2023, "73.71").ok());
  auto queue = service_->queue(2023, false);
  ASSERT_TRUE(queue.ok());
  EXPECT_EQ(queue->size(), 2u);
  auto ranking = service_->ranking(2023, "city");
  ASSERT_TRUE(ranking.ok());
  ASSERT_EQ(ranking->size(), 1u);
  EXPECT_DOUBLE_EQ(ranking->front().score.total, 1 * 3 + 1.5 * 3);

  auto no_reason = service_->decide(curator(), 2023, "73.71", 0, "8", false, "", false);
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(key_of(no_reason.error()), "iid.error.reason_required");
  EXPECT_FALSE(service_->decide(admin, 2023, "73.71", 0, "8", false, "tidak", false).ok());
  ASSERT_TRUE(service_->decide(curator(), 2023, "73.71", 0, "8", false, "Opini tidak terbaca", false).ok());
  ASSERT_TRUE(service_->decide(curator(), 2023, "73.71", 0, "1", true, "", false).ok());
  EXPECT_TRUE(service_->queue(2023, false)->empty());

  auto view = service_->view(2023, "73.71");
  ASSERT_TRUE(view.ok());
  EXPECT_DOUBLE_EQ(view->score.total, 3);
  // The region's active admin was told, in the "index" category, nobody else.
  {
    auto lease = db_->acquire();
    long long n = 0, to_11 = 0;
    *lease << "SELECT COUNT(*) FROM notifications", soci::into(n);
    *lease << "SELECT COUNT(*) FROM notifications WHERE user_id = 11 AND category = 'index' AND event = "
              "'iid.answer_rejected'",
        soci::into(to_11);
    EXPECT_EQ(n, 1);
    EXPECT_EQ(to_11, 1);
  }
  EXPECT_EQ(view->score.rejected_mandatory, std::vector<std::string>{"0:8"});
  for (const auto& a : view->answers) {
    if (a.number == "8") {
      EXPECT_EQ(a.reason, "Opini tidak terbaca");
    }
  }

  // Quality control overrides with a note and is recorded.
  EXPECT_FALSE(service_->decide(curator(), 2023, "73.71", 0, "8", true, "", true).ok());
  ASSERT_TRUE(service_->decide(curator(), 2023, "73.71", 0, "8", true, "Dokumen asli diperiksa", true).ok());
  view = service_->view(2023, "73.71");
  EXPECT_DOUBLE_EQ(view->score.total, 7.5);
  for (const auto& a : view->answers) {
    if (a.number == "8") {
      EXPECT_EQ(a.qc_by, 900);
      EXPECT_EQ(a.qc_note, "Dokumen asli diperiksa");
    }
  }
  EXPECT_EQ(service_->ranking(2023, "regency")->size(), 0u);
}

TEST_P(IidContract, SettingsAreValidated) {
  auto f = service_->framework(2023);
  ASSERT_TRUE(f.ok());
  Settings s{0, 38, 200, f->window_opens, f->window_opens - 1, "", {{"A", 0, 5000}, {"B", 4000, 10000}}};
  auto r = service_->save_settings(curator(), 2023, s);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields().size(), 3u);
  EXPECT_EQ(r.error().fields()[0].key, "iid.error.floor");
  EXPECT_EQ(r.error().fields()[1].key, "iid.error.window_dates");
  EXPECT_EQ(r.error().fields()[2].key, "iid.error.bands");
  EXPECT_FALSE(service_->save_settings(region_admin("73.71", 11), 2023, Settings{}).ok());
}

// The reminder source: a window closing within the horizon lists the active
// region admins of regions that have not submitted; nothing outside it.
TEST_P(IidContract, WindowClosingRemindsRegionsThatHaveNotSubmitted) {
  auto lease = db_->acquire();
  long long closes = kInWindow + 3 * 86400;
  *lease << "UPDATE iid_frameworks SET window_closes = :c WHERE year = 2023", soci::use(closes, "c");
  *lease << "INSERT INTO iid_submissions (id, year, region_code, status, submitted_at, submitted_by, created_at, "
            "updated_at) VALUES (1, 2023, '73.72', 'submitted', 1, 12, 1, 1)";
  auto source = window_deadline_source(*db_);
  auto far = source(kInWindow, 86400);
  ASSERT_TRUE(far.ok()) << far.error().message();
  EXPECT_TRUE(far->empty()) << "closing in 3 days is outside a 1-day horizon";
  auto due = source(kInWindow, 7 * 86400);
  ASSERT_TRUE(due.ok()) << due.error().message();
  ASSERT_EQ(due->size(), 1u);
  const auto& d = (*due)[0];
  EXPECT_EQ(d.due_at, closes);
  EXPECT_EQ(d.category, notify::Category::index);
  EXPECT_EQ(d.event, "iid.window_closing");
  EXPECT_EQ(d.link, "/iid/2023/pengisian");
  // 11 (73.71, active) only: 14 is deactivated, 12's region has submitted.
  EXPECT_EQ(d.recipients, std::vector<std::int64_t>{11});
  auto after = source(closes + 1, 7 * 86400);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, IidContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::index
