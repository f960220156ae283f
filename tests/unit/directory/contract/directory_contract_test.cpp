// The repository store contract, written once and run on SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <xapian.h>

#include "directory/innovation_rules.hpp"
#include "directory/innovation_service.hpp"
#include "search/indexer.hpp"
#include "store/migrate.hpp"
#include "store/outbox.hpp"
#include "support/innovation_draft.hpp"
#include "support/test_db.hpp"

namespace lumbung::directory {
namespace {

using test::TestDatabase;

InnovationDraft complete(const std::string& name, const std::string& region = "73.72") {
  return test::complete_innovation(name, region);
}

class DirectoryContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    LUMBUNG_TEST_DATABASE_OR_SKIP(target_, GetParam());
    auto db = target_->open();
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
    auto report = store::migrate(*db_, test::source_migrations_dir());
    ASSERT_TRUE(report.ok()) << report.error().message();
    service_ = std::make_unique<InnovationService>(*db_, clock_);
    auto regions = service_->load_reference_regions();
    ASSERT_TRUE(regions.ok()) << regions.error().message();
    ASSERT_GT(*regions, 500);
  }

  long long count(const std::string& sql_text) {
    auto lease = db_->acquire();
    long long n = -1;
    *lease << sql_text, soci::into(n);
    return n;
  }

  Innovation published(const std::string& name, const std::string& region = "73.72") {
    auto d = complete(name, region);
    d.state = "published";
    auto i = service_->create(7, d);
    EXPECT_TRUE(i.ok()) << i.error().message();
    return i.ok() ? *i : Innovation{};
  }

  FakeClock clock_{1'700'000'000};
  std::unique_ptr<TestDatabase> target_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<InnovationService> service_;
};

TEST_P(DirectoryContract, ReferenceRegionsLoadOnce) {
  EXPECT_GE(count("SELECT COUNT(*) FROM regions WHERE kind = 'province'"), 34);
  EXPECT_GE(count("SELECT COUNT(*) FROM regions WHERE kind IN ('regency', 'city')"), 500);
  auto again = service_->load_reference_regions();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  auto parepare = service_->region("73.72");
  ASSERT_TRUE(parepare.ok()) << parepare.error().message();
  EXPECT_EQ(parepare->region.name, "Kota Parepare");
  EXPECT_EQ(parepare->region.kind, "city");
  ASSERT_TRUE(parepare->parent.has_value());
  EXPECT_EQ(parepare->parent->code, "73");
}

TEST_P(DirectoryContract, CreateWritesRevisionAndOutboxAndResolvesTheUnit) {
  auto created = service_->create_draft(7, complete("SIPANDU"));
  ASSERT_TRUE(created.ok()) << created.error().message();
  EXPECT_EQ(created->state, "draft");
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(created->province_code, "73");
  EXPECT_EQ(created->slug, "sipandu");
  EXPECT_GT(created->unit_id, 0);
  auto got = service_->get(created->id);
  ASSERT_TRUE(got.ok()) << got.error().message();
  EXPECT_EQ(got->unit_name, "Dinas Kependudukan dan Pencatatan Sipil");
  EXPECT_EQ(got->region_name, "Kota Parepare");
  EXPECT_TRUE(got->digital);
  EXPECT_EQ(count("SELECT COUNT(*) FROM units WHERE kind = 'opd'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM innovation_revisions"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE entity = 'innovation'"), 1);
  // A second innovation of the same unit name reuses the unit.
  ASSERT_TRUE(service_->create_draft(7, complete("SIGAP")).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM units"), 1);
}

TEST_P(DirectoryContract, InvalidInputIsRejectedWithFieldErrors) {
  auto d = complete("");
  auto r = service_->create_draft(1, d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::invalid);
  ASSERT_EQ(r.error().fields().size(), 1u);
  EXPECT_EQ(r.error().fields()[0].field, "name");
  auto unknown = service_->create_draft(1, complete("X", "99.99"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields().at(0).key, "error.unknown_region");
  InnovationDraft incomplete;
  incomplete.name = "Setengah jadi";
  incomplete.state = "published";
  auto pub = service_->create(1, incomplete);
  ASSERT_FALSE(pub.ok());
  EXPECT_EQ(pub.error().code(), ErrorCode::invalid);
  EXPECT_EQ(count("SELECT COUNT(*) FROM innovations"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 0);
}

TEST_P(DirectoryContract, UpdateBumpsVersionAndStaleVersionIsConflict) {
  auto created = service_->create_draft(7, complete("SIPANDU"));
  ASSERT_TRUE(created.ok());
  auto d = complete("SIPANDU 2.0");
  d.awards = {{"kipp", 2022, "Top 99 KIPP"}};
  clock_.advance(60);
  auto updated = service_->update(8, created->id, 1, d, "nama baru");
  ASSERT_TRUE(updated.ok()) << updated.error().message();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->updated_by, 8);
  EXPECT_EQ(updated->updated_at, 1'700'000'060);
  EXPECT_EQ(updated->state, "draft");
  auto stale = service_->update(8, created->id, 1, complete("Lain"));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), ErrorCode::conflict);
  auto got = service_->get(created->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "SIPANDU 2.0");
  EXPECT_EQ(got->awards, d.awards);

  auto revisions = service_->revisions(created->id);
  ASSERT_TRUE(revisions.ok()) << revisions.error().message();
  ASSERT_EQ(revisions->size(), 2u);
  EXPECT_EQ((*revisions)[0].version, 2);
  EXPECT_EQ((*revisions)[0].author_user_id, 8);
  EXPECT_EQ((*revisions)[0].comment, "nama baru");
  auto changes = diff_revisions((*revisions)[1].snapshot_json, (*revisions)[0].snapshot_json);
  std::vector<std::string> changed;
  for (const auto& c : changes) changed.push_back(c.field);
  EXPECT_EQ(changed, (std::vector<std::string>{"name", "awards", "slug"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 2);
  auto missing = service_->update(8, 999, 0, d);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), ErrorCode::not_found);
}

TEST_P(DirectoryContract, PublicationWorkflow) {
  auto i = service_->create_draft(7, complete("SIPANDU"));
  ASSERT_TRUE(i.ok());
  auto forbidden = service_->publish(9, i->id, i->version);
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().code(), ErrorCode::conflict);
  auto submitted = service_->submit(7, i->id, i->version);
  ASSERT_TRUE(submitted.ok()) << submitted.error().message();
  EXPECT_EQ(submitted->state, "review");
  auto no_comment = service_->send_back(9, i->id, submitted->version, " ");
  ASSERT_FALSE(no_comment.ok());
  EXPECT_EQ(no_comment.error().code(), ErrorCode::invalid);
  auto back = service_->send_back(9, i->id, submitted->version, "Tambahkan angka hasil");
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(back->state, "draft");
  EXPECT_EQ(back->review_comment, "Tambahkan angka hasil");
  auto again = service_->submit(7, i->id, back->version);
  ASSERT_TRUE(again.ok());
  clock_.advance(10);
  auto pub = service_->publish(9, i->id, again->version);
  ASSERT_TRUE(pub.ok()) << pub.error().message();
  EXPECT_EQ(pub->state, "published");
  EXPECT_EQ(pub->published_at, 1'700'000'010);
  EXPECT_EQ(pub->review_comment, "");
  // Editing a published innovation keeps it published.
  auto edited = service_->update(7, i->id, pub->version, complete("SIPANDU Plus"));
  ASSERT_TRUE(edited.ok()) << edited.error().message();
  EXPECT_EQ(edited->state, "published");
  auto archived = service_->archive(9, i->id, edited->version);
  ASSERT_TRUE(archived.ok());
  auto edit_archived = service_->update(7, i->id, archived->version, complete("X"));
  ASSERT_FALSE(edit_archived.ok());
  EXPECT_EQ(edit_archived.error().code(), ErrorCode::conflict);
  auto restored = service_->restore(9, i->id, archived->version);
  ASSERT_TRUE(restored.ok());
  EXPECT_EQ(restored->state, "published");
  EXPECT_EQ(restored->published_at, 1'700'000'010);
  EXPECT_EQ(restored->version, 8);
  auto revisions = service_->revisions(i->id);
  ASSERT_TRUE(revisions.ok());
  std::vector<std::string> actions;
  for (auto it = revisions->rbegin(); it != revisions->rend(); ++it) actions.push_back(it->action);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "submit", "send_back", "submit", "publish", "update",
                                               "archive", "restore"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 8);
}

TEST_P(DirectoryContract, UpsertBySourceCreatesThenUpdates) {
  auto d = complete("Imported");
  d.source_program = "kipp";
  d.source_id = "KIPP-2020-17";
  d.state = "published";
  auto first = service_->upsert(0, d);
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_TRUE(first->created);
  d.name = "Imported, corrected";
  d.state = "draft";  // ignored on update
  auto second = service_->upsert(0, d);
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->innovation.id, first->innovation.id);
  EXPECT_EQ(second->innovation.state, "published");
  EXPECT_EQ(second->innovation.name, "Imported, corrected");
  EXPECT_EQ(count("SELECT COUNT(*) FROM innovations"), 1);
  // The unique (source_program, source_id) index holds even without upsert.
  auto dup = service_->create(0, d);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::conflict);
  // Native innovations (no source id) never collide.
  ASSERT_TRUE(service_->create_draft(0, complete("A")).ok());
  ASSERT_TRUE(service_->create_draft(0, complete("B")).ok());
}

TEST_P(DirectoryContract, ListFiltersAndPaginates) {
  for (int k = 0; k < 7; ++k) {
    auto d = complete("Inovasi " + std::to_string(k), k % 2 == 0 ? "73.72" : "33.02");
    d.state = "published";
    d.sector = k < 3 ? "kesehatan" : "pendidikan";
    d.digital = k % 3 == 0;
    d.year_started = 2015 + k;
    d.status = k == 6 ? "berhenti" : "berlanjut";
    if (k == 4) {
      d.source_program = "iga";
      d.source_id = "IGA-4";
      d.awards = {{"iga", 2022, "Inovasi Terbaik IGA"}};
    }
    clock_.advance(1);
    ASSERT_TRUE(service_->create(0, d).ok());
  }
  ASSERT_TRUE(service_->create_draft(0, complete("Masih draf")).ok());

  auto ids_of = [&](const InnovationFilter& f) {
    std::vector<std::string> names;
    auto page = service_->list(f, PageRequest{50, ""});
    EXPECT_TRUE(page.ok()) << page.error().message();
    if (page.ok())
      for (const auto& i : page->items) names.push_back(i.name);
    return names;
  };
  InnovationFilter all;
  EXPECT_EQ(ids_of(all).size(), 7u);
  EXPECT_EQ(ids_of(all).front(), "Inovasi 6");  // newest first
  InnovationFilter any_state;
  any_state.state = "";
  EXPECT_EQ(ids_of(any_state).size(), 8u);
  InnovationFilter f;
  f.region_code = "33.02";
  EXPECT_EQ(ids_of(f), (std::vector<std::string>{"Inovasi 5", "Inovasi 3", "Inovasi 1"}));
  f = {};
  f.province_code = "73";
  EXPECT_EQ(ids_of(f).size(), 4u);
  f = {};
  f.sector = "kesehatan";
  f.digital = true;
  EXPECT_EQ(ids_of(f), (std::vector<std::string>{"Inovasi 0"}));
  f = {};
  f.digital = false;
  EXPECT_EQ(ids_of(f).size(), 4u);
  f = {};
  f.status = "berhenti";
  EXPECT_EQ(ids_of(f), (std::vector<std::string>{"Inovasi 6"}));
  f = {};
  f.year = 2017;
  EXPECT_EQ(ids_of(f), (std::vector<std::string>{"Inovasi 2"}));
  f = {};
  f.awarded = true;
  EXPECT_EQ(ids_of(f), (std::vector<std::string>{"Inovasi 4"}));
  f = {};
  f.award_program = "iga";
  EXPECT_EQ(ids_of(f), (std::vector<std::string>{"Inovasi 4"}));
  f = {};
  f.source_program = "iga";
  EXPECT_EQ(ids_of(f), (std::vector<std::string>{"Inovasi 4"}));
  f = {};
  f.form = "tata_kelola";
  EXPECT_TRUE(ids_of(f).empty());
  f = {};
  f.stage = "penerapan";
  EXPECT_EQ(ids_of(f).size(), 7u);

  // Keyset pages of 3: 3 + 3 + 1, no duplicates, and the same ties order.
  std::vector<std::string> seen;
  PageRequest page{3, ""};
  for (int round = 0; round < 5; ++round) {
    auto p = service_->list(InnovationFilter{}, page);
    ASSERT_TRUE(p.ok()) << p.error().message();
    for (const auto& i : p->items) seen.push_back(i.name);
    if (p->next_cursor.empty()) break;
    page.cursor = p->next_cursor;
  }
  EXPECT_EQ(seen, ids_of(all));
  auto bad = service_->list(InnovationFilter{}, PageRequest{3, "x"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::invalid);
}

TEST_P(DirectoryContract, RegionAndUnitProfilesCountPublishedOnly) {
  auto a = published("A");
  published("B", "73.71");
  ASSERT_TRUE(service_->create_draft(0, complete("Draft")).ok());
  auto counts = service_->counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->published, 2);
  EXPECT_EQ(counts->regions, 2);
  auto province = service_->region("73");
  ASSERT_TRUE(province.ok()) << province.error().message();
  EXPECT_EQ(province->region.published, 2);
  std::int64_t parepare = -1;
  for (const auto& r : province->children)
    if (r.code == "73.72") parepare = r.published;
  EXPECT_EQ(parepare, 1);
  ASSERT_EQ(province->sectors.size(), 1u);
  EXPECT_EQ(province->sectors[0], (std::pair<std::string, std::int64_t>{"kependudukan", 2}));
  auto provinces = service_->regions();
  ASSERT_TRUE(provinces.ok());
  EXPECT_GE(provinces->size(), 34u);
  auto city = service_->region("73.72");
  ASSERT_TRUE(city.ok());
  ASSERT_EQ(city->units.size(), 1u);
  EXPECT_EQ(city->units[0].published, 1);
  auto unit = service_->unit(a.unit_id);
  ASSERT_TRUE(unit.ok()) << unit.error().message();
  EXPECT_EQ(unit->region.name, "Kota Parepare");
  ASSERT_EQ(unit->innovations.size(), 1u);
  EXPECT_EQ(unit->innovations[0].name, "A");
  EXPECT_EQ(service_->region("00").error().code(), ErrorCode::not_found);
  EXPECT_EQ(service_->unit(424242).error().code(), ErrorCode::not_found);
  auto u = service_->create_unit(0, "73.72", "puskesmas", "Puskesmas Lumpue");
  ASSERT_TRUE(u.ok()) << u.error().message();
  EXPECT_EQ(service_->create_unit(0, "73.72", "puskesmas", "Puskesmas Lumpue").error().code(), ErrorCode::conflict);
  EXPECT_EQ(service_->create_unit(0, "73.72", "kantor", "X").error().code(), ErrorCode::invalid);
}

TEST_P(DirectoryContract, IndexerAddsPublishedAndRemovesArchived) {
  auto dir = test::fresh_dir("index");
  auto index = search::SearchIndex::open(dir / "search");
  ASSERT_TRUE(index.ok()) << index.error().message();
  search::Indexer indexer(*db_, **index, {{"innovation", innovation_source()}}, null_logger());
  auto i = published("SIPANDU Parepare");
  ASSERT_TRUE(service_->create_draft(0, complete("Rahasia draf")).ok());
  auto applied = indexer.run_once();
  ASSERT_TRUE(applied.ok()) << applied.error().message();
  EXPECT_EQ((*index)->document_count(), 1u);
  auto hits = (*index)->search("sipandu", 0, 10);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->hits.size(), 1u);
  EXPECT_EQ(hits->hits[0].id, i.id);
  EXPECT_NE(hits->hits[0].data.find("\"region_name\":\"Kota Parepare\""), std::string::npos) << hits->hits[0].data;
  // Facet terms are there (read the committed index directly).
  const std::vector<std::string> facets = {"XSkependudukan", "XR73.72", "XP73",  "XFpelayanan_publik", "XD1",
                                           "XTpenerapan",    "XUberlanjut", "XOlumbung", "XY2021"};
  {
    Xapian::Database x((dir / "search").string());
    for (const auto& term : facets) EXPECT_EQ(x.get_termfreq(term), 1u) << term;
  }
  auto archived = service_->archive(0, i.id, i.version);
  ASSERT_TRUE(archived.ok());
  ASSERT_TRUE(indexer.run_once().ok());
  EXPECT_EQ((*index)->document_count(), 0u);
  Xapian::Database x((dir / "search").string());
  EXPECT_EQ(x.get_termfreq("XSkependudukan"), 0u);
}

INSTANTIATE_TEST_SUITE_P(Engines, DirectoryContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::directory
