// Validation campaigns and the duplicate queue over the real tables, written
// once and run on SQLite and PostgreSQL: selecting by filter, the state
// machine, notices and deadline reminders to the owners, answers updating
// the innovation (verified date, berhenti), the figures by region and
// source, refusing another region's innovation (IDOR), and duplicates:
// scan, "not a duplicate" remembered, merge keeping provenance and the old
// address, undo restoring both records exactly.
#include <gtest/gtest.h>

#include "auth/auth_service.hpp"
#include "directory/innovation_json.hpp"
#include "directory/innovation_service.hpp"
#include "notify/notify.hpp"
#include "store/migrate.hpp"
#include "support/test_db.hpp"
#include "validation/campaign_rules.hpp"
#include "validation/duplicate_service.hpp"
#include "validation/validation_deadlines.hpp"
#include "validation/validation_service.hpp"

namespace lumbung::validation {
namespace {

using auth::Actor, auth::Grant, auth::Role, auth::Scope;
using directory::InnovationDraft;
using test::TestDatabase;

InnovationDraft complete(const std::string& name, const std::string& region, const std::string& unit,
                         const std::string& source, const std::string& source_id, int year) {
  InnovationDraft d;
  d.name = name;
  d.summary = "Layanan " + name + " bagi warga.";
  d.problem = "Antrean panjang di kantor layanan.";
  d.solution = "Pendaftaran daring dan jemput bola.";
  d.results = "Waktu layanan turun dari 7 hari menjadi 1 hari.";
  d.region_code = region;
  d.unit_name = unit;
  d.sector = "kesehatan";
  d.form = "pelayanan_publik";
  d.stage = "penerapan";
  d.year_started = year;
  d.source_program = source;
  d.source_id = source_id;
  d.state = "published";
  d.awards = {{source == "lumbung" ? "lainnya" : source, year, "Top 45"}};
  return d;
}

class ValidationContract : public ::testing::TestWithParam<std::string> {
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
    service_ = std::make_unique<ValidationService>(*db_, clock_);
    duplicates_ = std::make_unique<DuplicateService>(*db_, clock_);
    // Purbalingga (33.03): two KIPP innovations, one IGA; Banyumas (33.02): one IGA.
    sipandu_ = add(complete("SIPANDU: Sistem Pelayanan Terpadu", "33.03", "Dinas Kesehatan", "kipp", "K-1", 2019));
    bank_ = add(complete("Bank Sampah Digital", "33.03", "Dinas Lingkungan Hidup", "kipp", "K-2", 2020));
    posyandu_ = add(complete("Posyandu Remaja", "33.03", "Dinas Kesehatan", "iga", "I-1", 2019));
    banyumas_ = add(complete("Lapor Bupati", "33.02", "Diskominfo", "iga", "I-2", 2021));
    dinkes_unit_ = innovations_->get(sipandu_)->unit_id;
    curator_ = user("kurator@lumbung.go.id", {{Role::curator, Scope::national()}});
    purbalingga_ = user("admin@purbalinggakab.go.id", {{Role::region_admin, Scope::region("33.03")}});
    banyumas_admin_ = user("admin@banyumaskab.go.id", {{Role::region_admin, Scope::region("33.02")}});
    dinkes_ = user("ani@dinkes.go.id", {{Role::participant, Scope::unit(std::to_string(dinkes_unit_))}});
  }

  std::int64_t add(const InnovationDraft& d) {
    auto i = innovations_->create(d);
    EXPECT_TRUE(i.ok()) << (i.ok() ? "" : i.error().message());
    return i.ok() ? i->id : 0;
  }

  Actor user(const std::string& email, const std::vector<Grant>& grants) {
    auto created = accounts_->create_user(email, "Uji " + email, grants, "", Actor::system(), {});
    EXPECT_TRUE(created.ok()) << email << ": " << (created.ok() ? "" : created.error().message());
    return created.ok() ? Actor::of(created->user) : Actor{};
  }

  long long count(const std::string& sql_text) {
    auto lease = db_->acquire();
    long long n = -1;
    *lease << sql_text, soci::into(n);
    return n;
  }

  Campaign opened(const CampaignFilter& filter) {
    CampaignDraft d{"Pemutakhiran 2023", filter, "2023-12-31"};
    auto c = service_->create_campaign(curator_, d);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message());
    auto o = service_->transition(curator_, c->id, "open");
    EXPECT_TRUE(o.ok()) << (o.ok() ? "" : o.error().message());
    return *o;
  }

  Answer answer(const std::string& status) {
    Answer a;
    a.status = status;
    a.results = "Layanan menjangkau 12 kecamatan.";
    a.figures = "12.400 warga terlayani pada 2023";
    a.evidence_url = "https://purbalinggakab.go.id/sk.pdf";
    a.contact_name = "Siti Rahma";
    a.contact_phone = "0812000111";
    return a;
  }

  FakeClock clock_{1'700'000'000};  // 2023-11-15 05:13 WIB
  std::unique_ptr<TestDatabase> target_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<directory::InnovationService> innovations_;
  std::unique_ptr<auth::AccountService> accounts_;
  std::unique_ptr<ValidationService> service_;
  std::unique_ptr<DuplicateService> duplicates_;
  std::int64_t sipandu_ = 0, bank_ = 0, posyandu_ = 0, banyumas_ = 0, dinkes_unit_ = 0;
  Actor curator_, purbalingga_, banyumas_admin_, dinkes_;
};

TEST_P(ValidationContract, OnlyCuratorsRunCampaignsAndTheStateMachineHolds) {
  CampaignDraft d{"Pemutakhiran 2023", {}, "2023-12-31"};
  EXPECT_EQ(service_->create_campaign(purbalingga_, d).error().code(), ErrorCode::forbidden);
  d.filter.region = "99.99";
  auto bad = service_->create_campaign(curator_, d);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields().at(0).field, "region");
  d.filter.region = "";
  d.deadline = "2023-01-01";
  EXPECT_EQ(service_->create_campaign(curator_, d).error().code(), ErrorCode::invalid);
  d.deadline = "2023-12-31";
  auto c = service_->create_campaign(curator_, d);
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(c->state, "draft");
  EXPECT_EQ(service_->transition(curator_, c->id, "close").error().code(), ErrorCode::conflict);
  EXPECT_EQ(service_->transition(purbalingga_, c->id, "open").error().code(), ErrorCode::forbidden);
  auto o = service_->transition(curator_, c->id, "open");
  ASSERT_TRUE(o.ok()) << o.error().message();
  EXPECT_EQ(o->state, "open");
  EXPECT_EQ(o->items, 4);
  EXPECT_EQ(service_->transition(curator_, c->id, "open").error().code(), ErrorCode::conflict);
  EXPECT_EQ(service_->transition(curator_, c->id, "close")->state, "closed");
  // Answers are refused while closed, accepted again once reopened.
  EXPECT_EQ(service_->answer(purbalingga_, c->id, sipandu_, answer("berlanjut")).error().code(), ErrorCode::conflict);
  EXPECT_EQ(service_->transition(curator_, c->id, "reopen", "2024-01-15")->deadline, "2024-01-15");
  EXPECT_TRUE(service_->answer(purbalingga_, c->id, sipandu_, answer("berlanjut")).ok());
  EXPECT_EQ(service_->get(c->id)->state, "open");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'validation.%'"), 5);
}

TEST_P(ValidationContract, FiltersSelectBySourceYearRegionAndVerification) {
  EXPECT_EQ(*service_->count_selected({}), 4);
  EXPECT_EQ(*service_->count_selected({"kipp", 0, "", ""}), 2);
  EXPECT_EQ(*service_->count_selected({"", 2019, "", ""}), 2);
  EXPECT_EQ(*service_->count_selected({"", 0, "33", ""}), 4);  // the province holds both regencies
  EXPECT_EQ(*service_->count_selected({"", 0, "33.02", ""}), 1);
  EXPECT_EQ(*service_->count_selected({"iga", 2019, "33.03", ""}), 1);
  // Verify one now (2023-11-15 05:13 WIB): it was verified since the 15th, not since the 16th.
  auto c = opened({"", 0, "33.03", ""});
  ASSERT_TRUE(service_->answer(purbalingga_, c.id, bank_, answer("berlanjut")).ok());
  EXPECT_EQ(*service_->count_selected({"", 0, "", "2023-11-15"}), 3);
  EXPECT_EQ(*service_->count_selected({"", 0, "", "2023-11-16"}), 4);
  EXPECT_EQ(c.items, 3);
}

TEST_P(ValidationContract, OpeningNotifiesTheOwnersOncePerPerson) {
  auto c = opened({"", 0, "33.03", ""});
  // Purbalingga's admin owns 3 innovations, Dinkes' participant 2; Banyumas' admin none.
  auto asked = [&](const Actor& a) {
    return "SELECT COUNT(*) FROM notifications WHERE event = 'validation.asked' AND user_id = " +
           std::to_string(a.user_id);
  };
  auto params_of = [&](const Actor& a) {
    auto lease = db_->acquire();
    std::string params;
    *lease << "SELECT params_json FROM notifications WHERE user_id = " + std::to_string(a.user_id), soci::into(params);
    return nlohmann::json::parse(params);
  };
  EXPECT_EQ(count(asked(purbalingga_)), 1);
  EXPECT_EQ(params_of(purbalingga_).value("count", 0), 3);
  EXPECT_EQ(params_of(dinkes_).value("count", 0), 2);
  EXPECT_EQ(count(asked(banyumas_admin_)), 0);

  // The closing deadline reminds those with unanswered innovations.
  auto source = campaign_deadline_source(*db_);
  auto due = source(clock_.now(), 60 * 86400);
  ASSERT_TRUE(due.ok()) << due.error().message();
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->at(0).event, "validation.deadline");
  EXPECT_EQ(due->at(0).due_at, end_of_day("2023-12-31"));
  EXPECT_EQ(due->at(0).recipients, (std::vector<std::int64_t>{purbalingga_.user_id, dinkes_.user_id}));
  // Once Dinkes' two are answered, only the region admin is still reminded.
  ASSERT_TRUE(service_->answer(dinkes_, c.id, sipandu_, answer("berlanjut")).ok());
  ASSERT_TRUE(service_->answer(dinkes_, c.id, posyandu_, answer("berlanjut")).ok());
  due = source(clock_.now(), 60 * 86400);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->at(0).recipients, (std::vector<std::int64_t>{purbalingga_.user_id}));
  // Beyond the horizon: nothing.
  EXPECT_TRUE(source(clock_.now(), 86400)->empty());
}

TEST_P(ValidationContract, AnAnswerUpdatesTheInnovation) {
  auto c = opened({});
  const auto before = *innovations_->get(bank_);
  clock_.advance(3600);
  auto a = service_->answer(purbalingga_, c.id, bank_, answer("berhenti"));
  ASSERT_TRUE(a.ok()) << a.error().message();
  const auto after = *innovations_->get(bank_);
  EXPECT_EQ(after.status, "berhenti");
  EXPECT_EQ(after.last_verified_at, clock_.now());
  EXPECT_EQ(after.results, "Layanan menjangkau 12 kecamatan.\n\n12.400 warga terlayani pada 2023");
  EXPECT_EQ(after.contact_name, "Siti Rahma");
  EXPECT_EQ(after.version, before.version + 1);
  EXPECT_EQ(after.state, "published");
  EXPECT_EQ(after.awards, before.awards);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE entity = 'innovation' AND entity_id = " + std::to_string(bank_)),
            2);
  // "berkembang" keeps it running; a correction replaces the answer.
  ASSERT_TRUE(service_->answer(purbalingga_, c.id, bank_, answer("berkembang")).ok());
  EXPECT_EQ(innovations_->get(bank_)->status, "berlanjut");
  EXPECT_EQ(service_->item(purbalingga_, c.id, bank_)->answer.status, "berkembang");
  // Bad input changes nothing.
  Answer bad = answer("vakum");
  EXPECT_EQ(service_->answer(purbalingga_, c.id, bank_, bad).error().code(), ErrorCode::invalid);
  EXPECT_EQ(service_->item(purbalingga_, c.id, bank_)->answer.status, "berkembang");
}

TEST_P(ValidationContract, NobodyAnswersForAnotherRegion) {
  auto c = opened({});
  // Banyumas' admin tries Purbalingga's innovation by id (IDOR): refused, nothing written.
  EXPECT_EQ(service_->item(banyumas_admin_, c.id, sipandu_).error().code(), ErrorCode::forbidden);
  EXPECT_EQ(service_->answer(banyumas_admin_, c.id, sipandu_, answer("berhenti")).error().code(), ErrorCode::forbidden);
  EXPECT_EQ(innovations_->get(sipandu_)->status, "berlanjut");
  EXPECT_EQ(innovations_->get(sipandu_)->last_verified_at, 0);
  // A unit participant only answers for the unit's innovations.
  EXPECT_EQ(service_->answer(dinkes_, c.id, bank_, answer("berhenti")).error().code(), ErrorCode::forbidden);
  EXPECT_TRUE(service_->answer(dinkes_, c.id, posyandu_, answer("berlanjut")).ok());
  // Unknown pairs are not found; each inbox holds only its own.
  EXPECT_EQ(service_->item(purbalingga_, c.id + 999, sipandu_).error().code(), ErrorCode::not_found);
  EXPECT_EQ(service_->inbox(banyumas_admin_)->size(), 1u);
  EXPECT_EQ(service_->inbox(purbalingga_)->size(), 3u);
  EXPECT_EQ(service_->inbox(dinkes_)->size(), 2u);
  EXPECT_EQ(service_->inbox(curator_)->size(), 4u);
  EXPECT_EQ(service_->dashboard(purbalingga_, c.id).error().code(), ErrorCode::forbidden);
}

TEST_P(ValidationContract, DashboardCountsTheWayMinistriesReport) {
  auto c = opened({});
  ASSERT_TRUE(service_->answer(purbalingga_, c.id, sipandu_, answer("berlanjut")).ok());
  ASSERT_TRUE(service_->answer(purbalingga_, c.id, bank_, answer("berhenti")).ok());
  ASSERT_TRUE(service_->answer(purbalingga_, c.id, posyandu_, answer("berkembang")).ok());
  auto d = service_->dashboard(curator_, c.id);
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_EQ(d->total.total, 4);
  EXPECT_EQ(d->total.answered, 3);
  EXPECT_EQ(d->total.percent(), 75);
  EXPECT_EQ(d->total.continuing, 2);
  EXPECT_EQ(d->total.growing, 1);
  EXPECT_EQ(d->total.stopped, 1);
  ASSERT_EQ(d->by_region.size(), 2u);
  EXPECT_EQ(d->by_region[0].key, "33.03");
  EXPECT_EQ(d->by_region[0].label, "Kabupaten Purbalingga");
  EXPECT_EQ(d->by_region[0].answered, 3);
  EXPECT_EQ(d->by_region[1].answered, 0);
  ASSERT_EQ(d->by_source.size(), 2u);
  EXPECT_EQ(d->by_source[0].total, 2);
  EXPECT_FALSE(d->past_deadline);
  ASSERT_EQ(d->overdue.size(), 1u);
  EXPECT_EQ(d->overdue[0].innovation_id, banyumas_);
  clock_.set(end_of_day("2023-12-31"));
  EXPECT_TRUE(service_->dashboard(curator_, c.id)->past_deadline);
}

TEST_P(ValidationContract, DuplicatesAreFoundAndNotDuplicateIsRemembered) {
  auto copy = add(complete("Sipandu - Sistem Pelayanan Terpadu", "33.03", "Dinas Kesehatan", "iga", "I-9", 2019));
  auto report = duplicates_->scan(nullptr);
  ASSERT_TRUE(report.ok()) << report.error().message();
  EXPECT_EQ(report->records, 5);
  EXPECT_GE(report->added, 1);
  auto queue = duplicates_->queue(10);
  ASSERT_TRUE(queue.ok());
  ASSERT_FALSE(queue->empty());
  EXPECT_EQ(queue->front().left_id, sipandu_);
  EXPECT_EQ(queue->front().right_id, copy);
  EXPECT_EQ(queue->front().score.reasons.front(), "same_name");
  EXPECT_EQ(duplicates_->decide(purbalingga_, sipandu_, copy, "not_duplicate").error().code(), ErrorCode::forbidden);
  ASSERT_TRUE(duplicates_->decide(curator_, copy, sipandu_, "not_duplicate").ok());
  EXPECT_TRUE(duplicates_->queue(10)->empty());
  // A rescan does not bring it back.
  EXPECT_EQ(duplicates_->scan(nullptr)->added, 0);
  EXPECT_TRUE(duplicates_->queue(10)->empty());
  EXPECT_EQ(duplicates_->pair(sipandu_, copy)->decision, "not_duplicate");
}

TEST_P(ValidationContract, MergeKeepsProvenanceRedirectsAndUndoRestoresExactly) {
  auto copy = add(complete("Sipandu - Sistem Pelayanan Terpadu", "33.03", "Dinas Kesehatan", "iga", "I-9", 2019));
  {
    auto d = complete("Sipandu - Sistem Pelayanan Terpadu", "33.03", "Dinas Kesehatan", "iga", "I-9", 2019);
    d.summary = "Ringkasan yang lebih lengkap dari IGA.";
    ASSERT_TRUE(innovations_->update(0, copy, 0, d).ok());
  }
  ASSERT_TRUE(duplicates_->scan(nullptr).ok());
  const auto survivor_before = directory::to_json(*innovations_->get(sipandu_));
  const auto merged_before = directory::to_json(*innovations_->get(copy));
  clock_.advance(60);
  auto m = duplicates_->merge(curator_, sipandu_, copy, {{"summary", "merged"}, {"name", "survivor"}});
  ASSERT_TRUE(m.ok()) << m.error().message();
  auto survivor = *innovations_->get(sipandu_);
  auto merged = *innovations_->get(copy);
  EXPECT_EQ(survivor.summary, "Ringkasan yang lebih lengkap dari IGA.");
  EXPECT_EQ(survivor.name, "SIPANDU: Sistem Pelayanan Terpadu");
  EXPECT_EQ(survivor.awards.size(), 2u);  // KIPP's and IGA's
  EXPECT_EQ(survivor.source_program, "kipp");
  EXPECT_EQ(merged.state, "archived");
  EXPECT_EQ(merged.source_program, "iga");  // its provenance stays on it
  EXPECT_EQ(merged.source_id, "I-9");
  EXPECT_EQ(*innovations_->find_by_source("iga", "I-9"), std::optional<std::int64_t>(copy));
  EXPECT_EQ(*duplicates_->redirect_of(copy), std::optional<std::int64_t>(sipandu_));
  EXPECT_EQ(*duplicates_->redirect_of(sipandu_), std::nullopt);
  EXPECT_TRUE(duplicates_->queue(10)->empty());
  EXPECT_EQ(duplicates_->merge(curator_, sipandu_, copy, {}).error().code(), ErrorCode::conflict);
  EXPECT_EQ(duplicates_->merge(curator_, sipandu_, bank_, {{"colour", "merged"}}).error().code(), ErrorCode::invalid);

  // Undo: both exactly as before, apart from version and update time.
  auto undone = duplicates_->undo(curator_, m->id);
  ASSERT_TRUE(undone.ok()) << undone.error().message();
  auto strip = [](nlohmann::json j) {
    for (const char* k : {"version", "updated_at"}) j.erase(k);
    return j;
  };
  EXPECT_EQ(strip(directory::to_json(*innovations_->get(sipandu_))), strip(survivor_before));
  EXPECT_EQ(strip(directory::to_json(*innovations_->get(copy))), strip(merged_before));
  EXPECT_EQ(*duplicates_->redirect_of(copy), std::nullopt);
  EXPECT_EQ(duplicates_->undo(curator_, m->id).error().code(), ErrorCode::conflict);
  EXPECT_EQ(duplicates_->queue(10)->size(), 1u);  // the pair is back for review
  EXPECT_EQ(duplicates_->recent_merges(5)->at(0).undone_at, clock_.now());
}

INSTANTIATE_TEST_SUITE_P(Engines, ValidationContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::validation
