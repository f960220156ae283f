// The inbox contract, run on SQLite and PostgreSQL: posting inside a
// transaction (a rolled-back change leaves no notice), the unread count,
// newest-first paging, opening marks read only the owner's notification,
// mark all read, and per-category settings with their defaults.
#include <gtest/gtest.h>

#include "notify/notify.hpp"
#include "store/migrate.hpp"
#include "support/test_db.hpp"

namespace lumbung::notify {
namespace {

constexpr std::int64_t kNow = 1'700'000'000;

class InboxContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    LUMBUNG_TEST_DATABASE_OR_SKIP(tdb_, GetParam());
    auto db = tdb_->open(4);
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
    auto report = store::migrate(*db_, test::source_migrations_dir());
    ASSERT_TRUE(report.ok()) << report.error().message();
    add_user(1, "siti@parepare.go.id");
    add_user(2, "andi@makassar.go.id");
  }

  void add_user(std::int64_t id, const std::string& email) {
    auto lease = db_->acquire();
    long long i = id, t = kNow;
    std::string name = "Pengguna " + std::to_string(id);
    *lease << "INSERT INTO users (id, email, name, created_at, updated_at) VALUES (:id, :email, :name, :t, :t2)",
        soci::use(i, "id"), soci::use(email, "email"), soci::use(name, "name"), soci::use(t, "t"), soci::use(t, "t2");
  }

  Notice notice(std::int64_t user, const std::string& idea) {
    Notice n;
    n.user_id = user;
    n.category = Category::lab;
    n.event = "lab.stage_returned";
    n.params = {{"idea", idea}, {"stage", "Diagnose"}};
    n.link = "/lab/1/ide/7";
    n.group = "lab:1";
    n.group_label = "Labinov Parepare";
    return n;
  }

  Status post_one(const Notice& n, std::int64_t at = kNow) {
    return db_->transact("test.post", [&](soci::session& sql) { return post(sql, n, at); });
  }

  std::unique_ptr<test::TestDatabase> tdb_;
  std::unique_ptr<store::Database> db_;
};

TEST_P(InboxContract, PostedNoticesAreCountedAndListedNewestFirst) {
  ASSERT_TRUE(post_one(notice(1, "Antrean daring"), kNow).ok());
  ASSERT_TRUE(post_one(notice(1, "Posyandu digital"), kNow + 10).ok());
  ASSERT_TRUE(post_one(notice(2, "Milik orang lain"), kNow + 20).ok());
  Inbox inbox(*db_);
  EXPECT_EQ(*inbox.unread_count(1), 2);
  EXPECT_EQ(*inbox.unread_count(2), 1);
  auto items = inbox.list(1, 0, 10);
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].params.value("idea", ""), "Posyandu digital");
  EXPECT_EQ((*items)[1].params.value("idea", ""), "Antrean daring");
  EXPECT_EQ((*items)[0].category, Category::lab);
  EXPECT_EQ((*items)[0].group_label, "Labinov Parepare");
  EXPECT_FALSE((*items)[0].read_at.has_value());
  // Paging: the rows older than the first one.
  auto older = inbox.list(1, (*items)[0].id, 10);
  ASSERT_TRUE(older.ok());
  ASSERT_EQ(older->size(), 1u);
  EXPECT_EQ((*older)[0].id, (*items)[1].id);
}

TEST_P(InboxContract, ARolledBackChangeLeavesNoNotice) {
  auto result = db_->transact("test.rollback", [&](soci::session& sql) -> Status {
    if (auto posted = post(sql, notice(1, "Batal"), kNow); !posted) return posted;
    return make_error(ErrorCode::conflict, "the change itself failed");
  });
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(*Inbox(*db_).unread_count(1), 0);
}

TEST_P(InboxContract, BadNoticesAreRefused) {
  auto n = notice(0, "x");
  EXPECT_EQ(post_one(n).error().code(), ErrorCode::invalid);
  n = notice(1, "x");
  n.event.clear();
  EXPECT_EQ(post_one(n).error().code(), ErrorCode::invalid);
  n = notice(1, "x");
  n.params = nlohmann::json::array();
  EXPECT_EQ(post_one(n).error().code(), ErrorCode::invalid);
}

TEST_P(InboxContract, OpeningMarksReadOnlyTheOwnersNotification) {
  ASSERT_TRUE(post_one(notice(1, "Antrean daring")).ok());
  Inbox inbox(*db_);
  const auto id = (*inbox.list(1, 0, 1))[0].id;
  auto stranger = inbox.open(2, id, kNow + 5);
  ASSERT_TRUE(stranger.ok());
  EXPECT_FALSE(stranger->has_value());
  EXPECT_EQ(*inbox.unread_count(1), 1);
  auto opened = inbox.open(1, id, kNow + 5);
  ASSERT_TRUE(opened.ok());
  ASSERT_TRUE(opened->has_value());
  EXPECT_EQ((*opened)->link, "/lab/1/ide/7");
  EXPECT_EQ((*opened)->read_at.value_or(0), kNow + 5);
  EXPECT_EQ(*inbox.unread_count(1), 0);
  // Opening again keeps the first reading time.
  EXPECT_EQ((*inbox.open(1, id, kNow + 99))->read_at.value_or(0), kNow + 5);
}

TEST_P(InboxContract, MarkAllReadTouchesOnlyTheUser) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(post_one(notice(1, "ide " + std::to_string(i))).ok());
  ASSERT_TRUE(post_one(notice(2, "lain")).ok());
  Inbox inbox(*db_);
  EXPECT_EQ(*inbox.mark_all_read(1, kNow + 1), 3);
  EXPECT_EQ(*inbox.unread_count(1), 0);
  EXPECT_EQ(*inbox.unread_count(2), 1);
  EXPECT_EQ(*inbox.mark_all_read(1, kNow + 2), 0);
}

TEST_P(InboxContract, SettingsDefaultToImmediatelyAndRoundTrip) {
  Inbox inbox(*db_);
  auto settings = inbox.settings(1);
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->size(), all_categories().size());
  for (const auto& [c, f] : *settings) EXPECT_EQ(f, Frequency::immediately) << to_string(c);
  (*settings)[Category::lab] = Frequency::daily;
  (*settings)[Category::competition] = Frequency::off;
  ASSERT_TRUE(inbox.save_settings(1, *settings).ok());
  auto again = inbox.settings(1);
  EXPECT_EQ(again->at(Category::lab), Frequency::daily);
  EXPECT_EQ(again->at(Category::competition), Frequency::off);
  EXPECT_EQ(again->at(Category::replication), Frequency::immediately);
  EXPECT_EQ(inbox.settings(2)->at(Category::lab), Frequency::immediately);
}

TEST_P(InboxContract, TextIsRenderedInTheReadersLanguage) {
  auto catalog =
      Catalog::from_maps({{"id", {{"notify.lab.stage_returned", "Tahap {{stage}} ide \"{{idea}}\" dikembalikan"}}},
                          {"en", {{"notify.lab.stage_returned", "Stage {{stage}} of \"{{idea}}\" returned"}}}});
  ASSERT_TRUE(post_one(notice(1, "Antrean daring")).ok());
  auto n = (*Inbox(*db_).list(1, 0, 1))[0];
  EXPECT_EQ(render_text(catalog, "id", n), "Tahap Diagnose ide \"Antrean daring\" dikembalikan");
  EXPECT_EQ(render_text(catalog, "en", n), "Stage Diagnose of \"Antrean daring\" returned");
}

INSTANTIATE_TEST_SUITE_P(Engines, InboxContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::notify
