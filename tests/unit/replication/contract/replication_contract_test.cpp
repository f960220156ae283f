// The replication store contract, written once and run on SQLite and
// PostgreSQL: requests and their transitions, transfer steps and documents,
// adoptions recorded outside Lumbung and confirmed by the origin, the count of
// distinct adopting regions (IID indicator 31) and the directory's order by
// it, hubs with their members and forum events.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "auth/auth_service.hpp"
#include "directory/innovation_service.hpp"
#include "directory/innovation_store.hpp"
#include "replication/hub_service.hpp"
#include "replication/replication_rules.hpp"
#include "replication/replication_service.hpp"
#include "replication/replication_store.hpp"
#include "store/migrate.hpp"
#include "support/innovation_draft.hpp"
#include "support/test_db.hpp"

namespace lumbung::replication {
namespace {

using test::TestDatabase;

constexpr Sides kOwnerSide{true, false};
constexpr Sides kRequesterSide{false, true};
const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

directory::InnovationDraft complete(const std::string& name, const std::string& region) {
  auto d = test::complete_innovation(name, region);
  d.state = "published";
  return d;
}

// What a region admin of `adopter` types to ask.
Request request_draft(const std::string& adopter, const std::string& mode) {
  Request r;
  r.adopter_region_code = adopter;
  r.requester_about = "Kepala Bagian Organisasi";
  r.problem = "Antrean panjang";
  r.adaptation = "Pendaftaran daring";
  r.mode = mode;
  return r;
}

class ReplicationContract : public ::testing::TestWithParam<std::string> {
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
    files_ = target_->dir() / "files";
    std::filesystem::create_directories(files_);
    service_ = std::make_unique<ReplicationService>(*db_, clock_, files_);
    hubs_ = std::make_unique<HubService>(*db_, clock_);
    auth::AccountOptions options;
    options.pwhash = auth::PwhashLimits::minimum();
    accounts_ = std::make_unique<auth::AccountService>(*db_, clock_, options);
    kOwner = user("ra@pareparekota.go.id", "73.72");
    kAdopter = user("ra@makassarkota.go.id", "73.71");
  }

  // A region admin of `region`; its user id.
  std::int64_t user(const std::string& email, const std::string& region) {
    auto created = accounts_->create_user(
        email, "Uji " + email, {{auth::Role::region_admin, auth::Scope::region(region)}}, "", auth::Actor::system());
    EXPECT_TRUE(created.ok()) << email << ": " << (created.ok() ? "" : created.error().message());
    return created.ok() ? created->user.id : 0;
  }

  directory::Innovation published(const std::string& name, const std::string& region = "73.72") {
    auto i = innovations_->create(kOwner, complete(name, region));
    EXPECT_TRUE(i.ok()) << i.error().message();
    return i.ok() ? *i : directory::Innovation{};
  }

  void willing(const directory::Innovation& i) {
    Offer o;
    o.willing = true;
    o.guides = "Panduan operasional";
    o.contact = "Bagian Organisasi";
    auto saved = service_->save_offer(kOwner, i, o);
    ASSERT_TRUE(saved.ok()) << saved.error().message();
  }

  Request ask(const directory::Innovation& i, const std::string& adopter, const std::string& mode = "study_visit") {
    auto asked = service_->ask(kAdopter, i, request_draft(adopter, mode));
    EXPECT_TRUE(asked.ok()) << asked.error().message();
    return asked.ok() ? *asked : Request{};
  }

  Result<Request> move(std::int64_t id, const Sides& sides, const std::string& action, const std::string& reason = "",
                       const std::string& mode = "") {
    Move m;
    m.action = action;
    m.reason = reason;
    m.mode = mode;
    return service_->move(sides.owner ? kOwner : kAdopter, sides, id, m);
  }

  // A transfer from `adopter` taken to completion: one confirmed adoption.
  void complete_transfer(const directory::Innovation& i, const std::string& adopter) {
    auto r = ask(i, adopter);
    ASSERT_TRUE(move(r.id, kOwnerSide, "accept").ok());
    ASSERT_TRUE(move(r.id, kRequesterSide, "start").ok());
    auto done = move(r.id, kOwnerSide, "complete");
    ASSERT_TRUE(done.ok()) << done.error().message();
    EXPECT_EQ(done->state, "completed");
  }

  Adoption record(const directory::Innovation& i, const std::string& adopter, const std::string& on = "2024-05-02") {
    Adoption a;
    a.adopter_region_code = adopter;
    a.adopted_on = on;
    a.evidence = "https://jdih.example.go.id/perbup-12-2024";
    auto recorded = service_->record_adoption(kAdopter, i, a);
    EXPECT_TRUE(recorded.ok()) << recorded.error().message();
    return recorded.ok() ? *recorded : Adoption{};
  }

  Adoption confirmed(const directory::Innovation& i, const std::string& adopter, const std::string& on = "2024-05-02") {
    auto a = record(i, adopter, on);
    auto decided = service_->decide_adoption(kOwner, a.id, true);
    EXPECT_TRUE(decided.ok()) << decided.error().message();
    return decided.ok() ? *decided : Adoption{};
  }

  // The stored figure the directory sorts by.
  std::int64_t stored_count(std::int64_t innovation_id) {
    auto got = innovations_->get(innovation_id);
    EXPECT_TRUE(got.ok());
    return got.ok() ? got->replicated_regions : -1;
  }

  // The figure the innovation page shows ("Direplikasi oleh N daerah").
  std::int64_t shown_count(const directory::Innovation& i) {
    auto adoptions = service_->adoptions_of(i.id);
    EXPECT_TRUE(adoptions.ok());
    auto current = innovations_->get(i.id);
    return count_adopting_regions(*adoptions, current->region_code);
  }

  FakeClock clock_{1'700'000'000};
  std::unique_ptr<TestDatabase> target_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<directory::InnovationService> innovations_;
  std::filesystem::path files_;
  std::unique_ptr<ReplicationService> service_;
  std::unique_ptr<HubService> hubs_;
  std::unique_ptr<auth::AccountService> accounts_;
  std::int64_t kOwner = 0;    // the origin's region admin (73.72)
  std::int64_t kAdopter = 0;  // an adopting region's admin (73.71)
};

TEST_P(ReplicationContract, AskingNeedsAWillingOriginAndOneOpenRequestPerRegion) {
  auto i = published("Sipandu");
  auto r = request_draft("73.71", "mentoring");
  auto refused = service_->ask(kAdopter, i, r);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::conflict);

  willing(i);
  auto first = ask(i, "73.71");
  EXPECT_EQ(first.state, "requested");
  EXPECT_EQ(first.origin_region_code, "73.72");
  auto again = service_->ask(kAdopter, i, r);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::conflict);
  r.adopter_region_code = "73.72";  // the origin itself
  auto own = service_->ask(kAdopter, i, r);
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code(), ErrorCode::invalid);

  RequestQuery q;
  q.innovation_id = i.id;
  q.everyone = true;
  auto listed = service_->requests(q);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().id, first.id);
}

TEST_P(ReplicationContract, TransitionsAreStoredWithTheirHistory) {
  auto i = published("Sipandu");
  willing(i);
  // requested -> counter_proposed -> accepted (in the proposed mode).
  auto r = ask(i, "73.71", "study_visit");
  auto same = move(r.id, kOwnerSide, "counter_propose", "", "study_visit");
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().code(), ErrorCode::invalid);
  auto countered = move(r.id, kOwnerSide, "counter_propose", "", "mentoring");
  ASSERT_TRUE(countered.ok()) << countered.error().message();
  EXPECT_EQ(countered->state, "counter_proposed");
  EXPECT_EQ(countered->proposed_mode, "mentoring");
  EXPECT_EQ(countered->version, 2);
  auto wrong_side = move(r.id, kOwnerSide, "accept");
  ASSERT_FALSE(wrong_side.ok());
  EXPECT_EQ(wrong_side.error().code(), ErrorCode::forbidden);
  auto accepted = move(r.id, kRequesterSide, "accept");
  ASSERT_TRUE(accepted.ok()) << accepted.error().message();
  EXPECT_EQ(accepted->state, "accepted");
  EXPECT_EQ(accepted->mode, "mentoring");
  EXPECT_EQ(accepted->proposed_mode, "");

  // A stale version is a conflict and changes nothing.
  Move stale;
  stale.action = "start";
  stale.expected_version = 1;
  auto refused = service_->move(kOwner, kOwnerSide, r.id, stale);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::conflict);

  auto transfer = service_->transfer(r.id);
  ASSERT_TRUE(transfer.ok()) << transfer.error().message();
  EXPECT_EQ(transfer->request.state, "accepted");
  std::vector<std::string> actions;
  for (const auto& e : transfer->events) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"request", "counter_propose", "accept"}));
  EXPECT_EQ(transfer->events[1].note, "mentoring");

  // Declined with a reason; withdrawn; abandoned with a reason.
  auto d = ask(i, "73.73");
  EXPECT_FALSE(move(d.id, kOwnerSide, "decline").ok());  // a reason is required
  auto declined = move(d.id, kOwnerSide, "decline", "Belum siap mendampingi tahun ini");
  ASSERT_TRUE(declined.ok()) << declined.error().message();
  EXPECT_EQ(service_->transfer(d.id)->request.reason, "Belum siap mendampingi tahun ini");
  auto finished = move(d.id, kOwnerSide, "accept");
  ASSERT_FALSE(finished.ok());
  EXPECT_EQ(finished.error().code(), ErrorCode::conflict);

  auto w = ask(i, "73.73");  // a declined request is no longer open
  ASSERT_TRUE(move(w.id, kRequesterSide, "withdraw").ok());
  EXPECT_EQ(service_->transfer(w.id)->request.state, "withdrawn");

  ASSERT_TRUE(move(r.id, kOwnerSide, "start").ok());
  auto abandoned = move(r.id, kRequesterSide, "abandon", "Anggaran dipotong");
  ASSERT_TRUE(abandoned.ok()) << abandoned.error().message();
  EXPECT_EQ(abandoned->state, "abandoned");
  EXPECT_EQ(stored_count(i.id), 0);  // no adoption
}

TEST_P(ReplicationContract, StepsComeFromTheTemplateAndKeepDocuments) {
  auto i = published("Sipandu");
  willing(i);
  auto edited = service_->save_step_template(1, {"Kesepakatan", "Kunjungan", "Adopsi"});
  ASSERT_TRUE(edited.ok()) << edited.error().message();
  auto r = ask(i, "73.71");
  ASSERT_TRUE(move(r.id, kOwnerSide, "accept").ok());
  auto transfer = service_->transfer(r.id);
  ASSERT_TRUE(transfer.ok());
  ASSERT_EQ(transfer->steps.size(), 3u);
  EXPECT_EQ(transfer->steps[1].name, "Kunjungan");
  EXPECT_EQ(transfer->steps[1].position, 2);
  EXPECT_EQ(transfer->steps[1].status, "belum");

  auto step = transfer->steps[0];
  step.status = "selesai";
  step.start_date = "2024-02-01";
  step.end_date = "2024-02-10";
  step.notes = "MoU ditandatangani";
  auto saved = service_->update_step(kAdopter, kRequesterSide, r.id, step);
  ASSERT_TRUE(saved.ok()) << saved.error().message();
  auto bad = step;
  bad.end_date = "2024-01-01";  // before the start
  EXPECT_FALSE(service_->update_step(kAdopter, kRequesterSide, r.id, bad).ok());

  auto doc = service_->add_document(kOwner, kOwnerSide, r.id, step.id, "mou.pdf", kPdf, 1 << 20);
  ASSERT_TRUE(doc.ok()) << doc.error().message();
  EXPECT_EQ(doc->media_type, "application/pdf");
  EXPECT_TRUE(std::filesystem::exists(service_->path_of(*doc)));
  auto not_pdf = service_->add_document(kOwner, kOwnerSide, r.id, step.id, "x.exe", "MZ\x90\x00", 1 << 20);
  ASSERT_FALSE(not_pdf.ok());
  EXPECT_EQ(not_pdf.error().code(), ErrorCode::invalid);
  EXPECT_FALSE(service_->add_document(kOwner, Sides{}, r.id, step.id, "mou.pdf", kPdf, 1 << 20).ok());

  transfer = service_->transfer(r.id);
  ASSERT_TRUE(transfer.ok());
  EXPECT_EQ(transfer->request.state, "in_transfer");  // a step change starts the transfer
  EXPECT_EQ(transfer->steps[0].status, "selesai");
  EXPECT_EQ(transfer->steps[0].notes, "MoU ditandatangani");
  ASSERT_EQ(transfer->documents.size(), 1u);
  EXPECT_EQ(transfer->documents[0].original_name, "mou.pdf");

  auto removed = service_->remove_document(kAdopter, kRequesterSide, r.id, doc->id);
  ASSERT_TRUE(removed.ok()) << removed.error().message();
  EXPECT_FALSE(std::filesystem::exists(service_->path_of(*doc)));
  EXPECT_TRUE(service_->transfer(r.id)->documents.empty());
  auto gone = service_->document(doc->id);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code(), ErrorCode::not_found);

  // Once completed, steps and documents no longer change.
  ASSERT_TRUE(move(r.id, kOwnerSide, "complete").ok());
  auto late = service_->add_document(kOwner, kOwnerSide, r.id, step.id, "late.pdf", kPdf, 1 << 20);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code(), ErrorCode::conflict);
}

TEST_P(ReplicationContract, OutsideAdoptionsCountOnceConfirmedByTheOrigin) {
  auto i = published("Sipandu");
  auto a = record(i, "73.71");
  EXPECT_EQ(a.state, "pending");
  EXPECT_EQ(a.request_id, 0);
  EXPECT_EQ(stored_count(i.id), 0);  // pending does not count

  Adoption no_evidence;
  no_evidence.adopter_region_code = "73.73";
  no_evidence.adopted_on = "2024-05-02";
  auto refused = service_->record_adoption(kAdopter, i, no_evidence);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::invalid);

  auto decided = service_->decide_adoption(kOwner, a.id, true);
  ASSERT_TRUE(decided.ok()) << decided.error().message();
  EXPECT_EQ(decided->state, "confirmed");
  EXPECT_EQ(service_->adoption(a.id)->state, "confirmed");
  EXPECT_EQ(service_->adoption(a.id)->decided_by, kOwner);
  EXPECT_EQ(stored_count(i.id), 1);
  auto twice = service_->decide_adoption(kOwner, a.id, false);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code(), ErrorCode::conflict);

  auto rejected = record(i, "73.73");
  ASSERT_TRUE(service_->decide_adoption(kOwner, rejected.id, false).ok());
  EXPECT_EQ(service_->adoption(rejected.id)->state, "rejected");
  EXPECT_EQ(stored_count(i.id), 1);

  auto pairs = service_->pairs("", 2024);
  ASSERT_TRUE(pairs.ok());
  ASSERT_EQ(pairs->size(), 1u);
  EXPECT_EQ(pairs->front().adoption.adopter_region_code, "73.71");
  EXPECT_TRUE(service_->pairs("", 2023)->empty());
  auto provinces = service_->province_pairs("kependudukan", 0);
  ASSERT_TRUE(provinces.ok());
  ASSERT_EQ(provinces->size(), 1u);
  EXPECT_EQ(provinces->front().origin_province, "73");
  EXPECT_EQ(provinces->front().adopter_province, "73");
}

TEST_P(ReplicationContract, DistinctRegionsCountOnceAndTheOriginNever) {
  auto i = published("Sipandu");
  willing(i);
  complete_transfer(i, "73.71");
  confirmed(i, "73.71", "2025-01-10");  // the same region again, recorded outside
  EXPECT_EQ(stored_count(i.id), 1);
  EXPECT_EQ(shown_count(i), 1);
  confirmed(i, "33.03");
  EXPECT_EQ(stored_count(i.id), 2);
  EXPECT_EQ(shown_count(i), 2);
  auto adoptions = service_->adoptions_of(i.id);
  ASSERT_TRUE(adoptions.ok());
  EXPECT_EQ(adoptions->size(), 3u);

  // The innovation moves into an adopting region: that region is now the
  // origin and no longer counts. Without the region-move hook the stored
  // figure waits until the figures are counted afresh (at start-up).
  directory::set_region_move_hook(nullptr);
  auto moved = innovations_->get(i.id);
  ASSERT_TRUE(moved.ok());
  directory::InnovationDraft d = *moved;
  d.region_code = "33.03";
  d.unit_name = "Dinas Kesehatan";
  d.unit_id = 0;
  ASSERT_TRUE(innovations_->update(kOwner, i.id, moved->version, d).ok());
  EXPECT_EQ(shown_count(i), 1);
  {
    auto lease = db_->acquire();
    EXPECT_EQ(refresh_all_replicated_regions(*lease), 1);
    EXPECT_EQ(refresh_all_replicated_regions(*lease), 0);  // nothing left to change
  }
  EXPECT_EQ(stored_count(i.id), 1);

  // With the hook (what every process registers) the move back to the origin
  // region is recounted in the same transaction, whoever writes it.
  keep_counts_on_region_moves();
  auto back = innovations_->get(i.id);
  ASSERT_TRUE(back.ok());
  d = *back;
  d.region_code = "73.72";
  d.unit_name = "Dinas Kesehatan";
  d.unit_id = 0;
  ASSERT_TRUE(innovations_->update(kOwner, i.id, back->version, d).ok());
  EXPECT_EQ(shown_count(i), 2);
  EXPECT_EQ(stored_count(i.id), 2);
  directory::set_region_move_hook(nullptr);
}

TEST_P(ReplicationContract, TheDirectoryListsTheMostReplicatedFirstPageByPage) {
  auto x = published("Xenia Layanan");
  auto y = published("Yasmin Sehat");
  auto b = published("Bunga Desa");
  auto a = published("Antre Cepat");
  auto c = published("Cakap Digital", "73.71");
  confirmed(x, "73.71");
  confirmed(x, "33.03");
  confirmed(x, "33.03", "2025-02-02");
  confirmed(y, "63.01");
  record(c, "73.73");  // pending: counts nothing
  clock_.advance(60);
  ASSERT_TRUE(innovations_->update(kOwner, a.id, a.version, complete("Antre Cepat", "73.72")).ok());

  directory::InnovationFilter published_only;
  directory::PageRequest page{2, "", directory::ListOrder::replicated};
  std::vector<std::int64_t> order;
  std::vector<std::int64_t> counts;
  int pages = 0;
  for (;;) {
    auto got = innovations_->list(published_only, page);
    ASSERT_TRUE(got.ok()) << got.error().message();
    ++pages;
    for (const auto& i : got->items) order.push_back(i.id), counts.push_back(i.replicated_regions);
    if (got->next_cursor.empty()) break;
    page.cursor = got->next_cursor;
    ASSERT_LT(pages, 10);
  }
  // X (2 regions), Y (1), then the unreplicated ones by name.
  EXPECT_EQ(order, (std::vector<std::int64_t>{x.id, y.id, a.id, b.id, c.id}));
  EXPECT_EQ(counts, (std::vector<std::int64_t>{2, 1, 0, 0, 0}));
  EXPECT_EQ(pages, 3);

  // The default order is untouched: the latest change first.
  auto latest = innovations_->list(published_only, directory::PageRequest{1, ""});
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->items.front().id, a.id);

  // Ties on the count and the name go by id.
  auto twin = published("Antre Cepat");
  page = {1, "", directory::ListOrder::replicated};
  order.clear();
  for (;;) {
    auto got = innovations_->list(published_only, page);
    ASSERT_TRUE(got.ok());
    for (const auto& i : got->items) order.push_back(i.id);
    if (got->next_cursor.empty()) break;
    page.cursor = got->next_cursor;
  }
  EXPECT_EQ(order, (std::vector<std::int64_t>{x.id, y.id, a.id, twin.id, b.id, c.id}));

  // A cursor naming no innovation is refused.
  auto bad =
      innovations_->list(published_only, directory::PageRequest{2, "0.999999", directory::ListOrder::replicated});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::invalid);
}

TEST_P(ReplicationContract, HubsKeepMembersAndForumEvents) {
  Hub h;
  h.kind = "province";
  h.name = "Hub JIPP Sulawesi Selatan";
  h.region_code = "73";
  h.members = {"73.72", "73.71", "73.71"};
  auto created = hubs_->create(1, h, {});
  ASSERT_TRUE(created.ok()) << created.error().message();
  EXPECT_EQ(created->members, (std::vector<std::string>{"73.71", "73.72"}));

  Hub unknown = h;
  unknown.members = {"99.99"};
  auto refused = hubs_->create(1, unknown, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::invalid);
  auto no_admin = hubs_->create(1, h, {"nobody@example.go.id"});
  ASSERT_FALSE(no_admin.ok());
  EXPECT_EQ(no_admin.error().code(), ErrorCode::invalid);

  Hub changed = *created;
  changed.members = {"73.73"};
  changed.description = "Pendampingan kabupaten/kota";
  auto updated = hubs_->update(1, created->id, changed, {});
  ASSERT_TRUE(updated.ok()) << updated.error().message();
  auto got = hubs_->get(created->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->members, (std::vector<std::string>{"73.73"}));
  EXPECT_EQ(got->description, "Pendampingan kabupaten/kota");
  ASSERT_EQ(hubs_->list()->size(), 1u);

  HubEvent e;
  e.title = "Forum Replikasi Inovasi 2024";
  e.held_on = "2024-03-05";
  e.mode = "hibrida";
  e.agenda = "Berbagi praktik baik";
  e.attendees = "24 kabupaten/kota";
  e.outcome = "3 daerah menyatakan minat";
  ASSERT_TRUE(hubs_->add_event(2, created->id, e).ok());
  e.title = "Coaching clinic";
  e.held_on = "2024-09-01";
  e.mode = "daring";
  ASSERT_TRUE(hubs_->add_event(2, created->id, e).ok());
  HubEvent bad = e;
  bad.mode = "telepati";
  auto invalid = hubs_->add_event(2, created->id, bad);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().code(), ErrorCode::invalid);
  auto events = hubs_->events(created->id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(events->front().title, "Coaching clinic");  // newest first
  EXPECT_EQ(events->back().outcome, "3 daerah menyatakan minat");
  EXPECT_FALSE(hubs_->add_event(2, created->id + 1000, e).ok());

  // Replication activity touching a member region, and the members' innovations.
  auto origin = published("Sipandu", "73.73");
  confirmed(origin, "33.03");
  auto outside = published("Lain", "33.03");
  confirmed(outside, "63.01");
  auto pairs = service_->hub_pairs(created->id, 0);
  ASSERT_TRUE(pairs.ok());
  ASSERT_EQ(pairs->size(), 1u);
  EXPECT_EQ(pairs->front().adoption.innovation_id, origin.id);
  auto members = hubs_->innovations(*got, 5);
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 1u);
  EXPECT_EQ(members->front().id, origin.id);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReplicationContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::replication
