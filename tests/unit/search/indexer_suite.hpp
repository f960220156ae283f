// The outbox -> index suite, written once. unit_search instantiates it on
// SQLite (indexer_test.cpp); search_contract on PostgreSQL
// (contract/indexer_contract_test.cpp). Include from exactly one file per binary.
#pragma once

#include <unistd.h>

#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "search/indexer.hpp"
#include "search/search_index.hpp"
#include "store/migrate.hpp"
#include "store/outbox.hpp"
#include "support/innovation_source.hpp"
#include "support/test_db.hpp"

namespace lumbung::search {

class IndexerSuite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    LUMBUNG_TEST_DATABASE_OR_SKIP(target_, GetParam());
    auto db = target_->open();
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
    auto migrated = store::migrate(*db_, test::source_migrations_dir());
    ASSERT_TRUE(migrated.ok()) << migrated.error().message();
    index_dir_ = test::fresh_dir("index") / "search";
    open_index();
  }

  void open_index() {
    index_.reset();
    auto index = SearchIndex::open(index_dir_);
    ASSERT_TRUE(index.ok()) << index.error().message();
    index_ = std::move(*index);
  }

  EntitySources sources() const { return {{"innovation", test::innovation_source()}}; }

  std::int64_t create(const std::string& name, const std::string& summary = "",
                      const std::string& state = "published") {
    auto id = test::create_innovation(*db_, name, summary, state);
    EXPECT_TRUE(id.ok()) << id.error().message();
    return id.ok() ? *id : 0;
  }

  std::int64_t head() {
    auto lease = db_->acquire();
    auto h = store::outbox_head(*lease);
    EXPECT_TRUE(h.ok());
    return h.ok() ? *h : -1;
  }

  std::set<std::int64_t> ids_for(const std::string& query) {
    auto result = index_->search(query, 0, 1000);
    EXPECT_TRUE(result.ok()) << result.error().message();
    std::set<std::int64_t> ids;
    if (result.ok()) {
      for (const auto& hit : result->hits) ids.insert(hit.id);
    }
    return ids;
  }

  std::size_t run_indexer(const EntitySources& srcs) {
    Indexer indexer(*db_, *index_, srcs, null_logger());
    auto applied = indexer.run_once();
    EXPECT_TRUE(applied.ok()) << applied.error().message();
    return applied.ok() ? *applied : 0;
  }

  std::unique_ptr<test::TestDatabase> target_;
  std::unique_ptr<store::Database> db_;
  std::filesystem::path index_dir_;
  std::unique_ptr<SearchIndex> index_;
};

TEST_P(IndexerSuite, WriteBecomesSearchableAfterRunOnce) {
  const auto id = create("Mal Pelayanan Publik", "perizinan terpadu satu pintu");
  create("Posyandu Digital", "kesehatan ibu dan anak");
  EXPECT_TRUE(ids_for("layanan").empty());  // not yet indexed

  EXPECT_EQ(run_indexer(sources()), 2u);
  EXPECT_EQ(ids_for("layanan"), (std::set<std::int64_t>{id}));
  EXPECT_EQ(ids_for("izin"), (std::set<std::int64_t>{id}));
  EXPECT_EQ(ids_for("pelayanan"), (std::set<std::int64_t>{id}));
  EXPECT_EQ(index_->document_count(), 2u);
  EXPECT_EQ(index_->position(), head());
  EXPECT_EQ(run_indexer(sources()), 0u);  // nothing new
}

TEST_P(IndexerSuite, UnpublishedOrChangedAwayLeavesTheIndex) {
  const auto id = create("Mal Pelayanan Publik");
  create("Draf Rahasia", "", "draft");
  run_indexer(sources());
  EXPECT_EQ(index_->document_count(), 1u);
  EXPECT_TRUE(ids_for("rahasia").empty());

  ASSERT_TRUE(test::update_innovation(*db_, id, "Mal Pelayanan Publik", "", "archived").ok());
  EXPECT_EQ(run_indexer(sources()), 1u);
  EXPECT_EQ(index_->document_count(), 0u);
  EXPECT_TRUE(ids_for("pelayanan").empty());
}

TEST_P(IndexerSuite, UpdateReplacesWithoutDuplicates) {
  const auto id = create("Posyandu Digital", "kesehatan ibu");
  run_indexer(sources());
  ASSERT_TRUE(test::update_innovation(*db_, id, "Mal Pelayanan Publik", "perizinan").ok());
  ASSERT_TRUE(test::update_innovation(*db_, id, "Mal Pelayanan Publik", "perizinan daring").ok());
  EXPECT_EQ(run_indexer(sources()), 2u);
  EXPECT_EQ(index_->document_count(), 1u);
  EXPECT_TRUE(ids_for("posyandu").empty());
  EXPECT_EQ(ids_for("daring"), (std::set<std::int64_t>{id}));
}

TEST_P(IndexerSuite, RestartResumesFromTheCommittedPosition) {
  for (int i = 0; i < 3; ++i) create("Inovasi desa " + std::to_string(i));
  EXPECT_EQ(run_indexer(sources()), 3u);
  const auto position = index_->position();
  EXPECT_EQ(position, head());

  open_index();  // close and reopen, as after a restart
  EXPECT_EQ(index_->position(), position);
  EXPECT_EQ(index_->document_count(), 3u);
  create("Inovasi desa baru");
  EXPECT_EQ(run_indexer(sources()), 1u);  // only the new entry
  EXPECT_EQ(index_->document_count(), 4u);
  EXPECT_EQ(ids_for("desa").size(), 4u);
}

TEST_P(IndexerSuite, UnknownEntitiesAreSkipped) {
  auto st = db_->transact("write_widget", [](soci::session& sql) {
    return store::append_outbox(sql, "widget", 1, 1, 100);
  });
  ASSERT_TRUE(st.ok()) << st.error().message();
  create("Mal Pelayanan Publik");
  EXPECT_EQ(run_indexer(sources()), 2u);
  EXPECT_EQ(index_->position(), head());
  EXPECT_EQ(index_->document_count(), 1u);
}

// A load fails at the Nth entry of a batch, like an indexer killed mid-way:
// nothing of the batch is committed, and the next run catches up exactly.
TEST_P(IndexerSuite, FailedLoadAbortsTheBatchThenCatchesUp) {
  constexpr int kEntries = 4;
  for (int i = 0; i < kEntries; ++i) create("Inovasi desa " + std::to_string(i));
  for (int n = 1; n <= kEntries; ++n) {
    SCOPED_TRACE("failing load #" + std::to_string(n));
    test::FlakySource flaky;
    *flaky.fail_at = n;
    Indexer indexer(*db_, *index_, {{"innovation", flaky.source()}}, null_logger());
    auto failed = indexer.run_once();
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code(), ErrorCode::unavailable);
    EXPECT_NE(failed.error().message().find("injected failure"), std::string::npos) << failed.error().message();
    EXPECT_EQ(index_->position(), 0);
    EXPECT_EQ(index_->document_count(), 0u);

    *flaky.fail_at = 0;  // "fixed"; the same indexer carries on
    auto applied = indexer.run_once();
    ASSERT_TRUE(applied.ok()) << applied.error().message();
    EXPECT_EQ(*applied, static_cast<std::size_t>(kEntries));
    EXPECT_EQ(index_->document_count(), static_cast<std::size_t>(kEntries));
    EXPECT_EQ(index_->position(), head());

    // Start over for the next N: an empty index at position 0.
    index_.reset();
    std::filesystem::remove_all(index_dir_);
    open_index();
  }
}

// Batches of 500: a failure in the second batch keeps the first committed.
TEST_P(IndexerSuite, FailureInALaterBatchKeepsEarlierBatches) {
  constexpr int kEntries = 620;
  auto st = db_->transact("bulk", [&](soci::session& sql) -> Status {
    for (int i = 0; i < kEntries; ++i) {
      auto id = store::next_id(sql, "innovations");
      if (!id) return id.error();
      long long id_v = *id;
      const std::string name = "Inovasi desa " + std::to_string(i);
      sql << "INSERT INTO innovations (id, name, state, created_at, updated_at) VALUES (:id, :name, 'published', 1, 1)",
          soci::use(id_v, "id"), soci::use(name, "name");
      if (auto ob = store::append_outbox(sql, "innovation", *id, 1, 1); !ob) return ob.error();
    }
    return {};
  });
  ASSERT_TRUE(st.ok()) << st.error().message();
  test::FlakySource flaky;
  *flaky.fail_at = 550;
  Indexer indexer(*db_, *index_, {{"innovation", flaky.source()}}, null_logger());
  auto failed = indexer.run_once();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(index_->document_count(), 500u);
  {
    auto lease = db_->acquire();
    auto first_batch = store::read_outbox(*lease, 0, 500);
    ASSERT_TRUE(first_batch.ok());
    EXPECT_EQ(index_->position(), first_batch->back().id);
  }
  *flaky.fail_at = 0;
  auto applied = indexer.run_once();
  ASSERT_TRUE(applied.ok()) << applied.error().message();
  EXPECT_EQ(*applied, static_cast<std::size_t>(kEntries - 500));
  EXPECT_EQ(index_->document_count(), static_cast<std::size_t>(kEntries));
  EXPECT_EQ(index_->position(), head());
}

TEST_P(IndexerSuite, BackgroundThreadIndexesAfterNotify) {
  Indexer indexer(*db_, *index_, sources(), null_logger());
  indexer.start(std::chrono::milliseconds(50));
  const auto id = create("Mal Pelayanan Publik");
  indexer.notify();
  // Liveness, not speed: wait (up to a generous bound) for the thread to apply it.
  for (int i = 0; i < 600 && index_->position() < head(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  indexer.stop();
  EXPECT_EQ(index_->position(), head());
  EXPECT_EQ(ids_for("layanan"), (std::set<std::int64_t>{id}));
  indexer.stop();  // idempotent
}

TEST_P(IndexerSuite, BackgroundThreadSurvivesFailures) {
  test::FlakySource flaky;
  *flaky.fail_at = 1;  // first load fails; the thread retries on the next tick
  Indexer indexer(*db_, *index_, {{"innovation", flaky.source()}}, null_logger());
  create("Mal Pelayanan Publik");
  indexer.start(std::chrono::milliseconds(20));
  for (int i = 0; i < 600 && index_->position() < head(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  indexer.stop();
  EXPECT_GE(flaky.loads->load(), 2);
  EXPECT_EQ(index_->position(), head());
  EXPECT_EQ(index_->document_count(), 1u);
}

TEST_P(IndexerSuite, ReindexRebuildsTheSameDocumentsAndSwaps) {
  for (int i = 0; i < 7; ++i) create("Inovasi desa " + std::to_string(i));
  for (int i = 0; i < 3; ++i) create("Draf " + std::to_string(i), "", "draft");
  run_indexer(sources());
  EXPECT_EQ(index_->document_count(), 7u);
  // A stale document the database knows nothing of: reindex must drop it.
  IndexDocument stale;
  stale.entity = "innovation";
  stale.id = 9999;
  stale.fields = {{"S", "Hantu", 1}};
  ASSERT_TRUE(index_->replace(stale).ok());
  ASSERT_TRUE(index_->commit(index_->position()).ok());
  EXPECT_EQ(index_->document_count(), 8u);
  const auto expected_position = head();

  index_.reset();  // reindex runs with the server stopped
  auto rebuilt = reindex(*db_, index_dir_, sources(), null_logger());
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.error().message();
  EXPECT_EQ(*rebuilt, 7u);

  open_index();
  EXPECT_EQ(index_->document_count(), 7u);
  EXPECT_EQ(index_->position(), expected_position);
  EXPECT_TRUE(ids_for("hantu").empty());
  EXPECT_EQ(ids_for("desa").size(), 7u);
  for (const auto& entry : std::filesystem::directory_iterator(index_dir_.parent_path())) {
    EXPECT_EQ(entry.path().filename(), "search") << "left behind: " << entry.path();
  }
  EXPECT_EQ(run_indexer(sources()), 0u);  // nothing to catch up
}

TEST_P(IndexerSuite, ReindexIntoAMissingDirectory) {
  create("Mal Pelayanan Publik");
  index_.reset();
  std::filesystem::remove_all(index_dir_);
  auto rebuilt = reindex(*db_, index_dir_, sources(), null_logger());
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.error().message();
  EXPECT_EQ(*rebuilt, 1u);
  open_index();
  EXPECT_EQ(index_->document_count(), 1u);
}

TEST_P(IndexerSuite, ReindexRefusesAnIndexInUse) {
  create("Mal Pelayanan Publik");
  auto rebuilt = reindex(*db_, index_dir_, sources(), null_logger());  // index_ still open
  ASSERT_FALSE(rebuilt.ok());
  EXPECT_EQ(rebuilt.error().code(), ErrorCode::unavailable);
  EXPECT_NE(rebuilt.error().message().find("in use"), std::string::npos) << rebuilt.error().message();
  EXPECT_FALSE(std::filesystem::exists(index_dir_.string() + ".new-" + std::to_string(::getpid())));
  EXPECT_EQ(index_->document_count(), 0u);  // untouched
}

TEST_P(IndexerSuite, ReindexFailureLeavesTheOldIndex) {
  create("Mal Pelayanan Publik");
  create("Posyandu Digital");
  run_indexer(sources());
  index_.reset();
  test::FlakySource flaky;
  *flaky.fail_at = 2;
  auto rebuilt = reindex(*db_, index_dir_, {{"innovation", flaky.source()}}, null_logger());
  ASSERT_FALSE(rebuilt.ok());
  EXPECT_FALSE(std::filesystem::exists(index_dir_.string() + ".new-" + std::to_string(::getpid())));
  open_index();
  EXPECT_EQ(index_->document_count(), 2u);
  EXPECT_EQ(index_->position(), head());
}

}  // namespace lumbung::search
