// SearchIndex on its own: documents, stemming, commit visibility, position,
// locking. The outbox-fed indexer is in indexer_suite.hpp.
#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <xapian.h>

#include "search/search_index.hpp"
#include "support/test_dirs.hpp"

namespace lumbung::search {
namespace {

IndexDocument innovation(std::int64_t id, const std::string& name, const std::string& summary = "") {
  IndexDocument doc;
  doc.entity = "innovation";
  doc.id = id;
  doc.fields = {{"S", name, 3}, {"", summary, 1}};
  doc.data = "{\"id\":" + std::to_string(id) + "}";
  return doc;
}

std::unique_ptr<SearchIndex> open_index(const std::filesystem::path& dir) {
  auto index = SearchIndex::open(dir);
  EXPECT_TRUE(index.ok()) << index.error().message();
  return index.ok() ? std::move(*index) : nullptr;
}

std::set<std::int64_t> ids_for(const SearchIndex& index, const std::string& query) {
  auto result = index.search(query, 0, 100);
  EXPECT_TRUE(result.ok()) << result.error().message();
  std::set<std::int64_t> ids;
  if (result.ok()) {
    for (const auto& hit : result->hits) ids.insert(hit.id);
  }
  return ids;
}

// What the tests below rely on: Snowball's Indonesian stemmer strips the
// pe-/per-/-an/-nya affixes of these words.
TEST(IndonesianStemmer, StripsTheAffixesWeRelyOn) {
  const Xapian::Stem stem("indonesian");
  EXPECT_EQ(stem("pelayanan"), "layan");
  EXPECT_EQ(stem("layanan"), "layan");
  EXPECT_EQ(stem("dilayani"), "layan");
  EXPECT_EQ(stem("perizinan"), "izin");
  EXPECT_EQ(stem("izin"), "izin");
  EXPECT_EQ(stem("kesehatan"), "sehat");
  EXPECT_EQ(stem("inovasi"), "inovasi");
}

TEST(SearchIndex, FindsByStemAndReturnsEntityIdAndData) {
  auto index = open_index(test::fresh_dir());
  ASSERT_TRUE(index);
  ASSERT_TRUE(index->replace(innovation(7, "Mal Pelayanan Publik", "perizinan terpadu satu pintu")).ok());
  ASSERT_TRUE(index->replace(innovation(8, "Posyandu Digital", "kesehatan ibu dan anak")).ok());
  ASSERT_TRUE(index->commit(2).ok());

  auto result = index->search("layanan", 0, 10);
  ASSERT_TRUE(result.ok()) << result.error().message();
  ASSERT_EQ(result->hits.size(), 1u);
  EXPECT_EQ(result->hits[0].entity, "innovation");
  EXPECT_EQ(result->hits[0].id, 7);
  EXPECT_EQ(result->hits[0].data, "{\"id\":7}");
  EXPECT_GT(result->hits[0].weight, 0);
  EXPECT_EQ(result->total_estimate, 1u);

  EXPECT_EQ(ids_for(*index, "izin"), (std::set<std::int64_t>{7}));
  EXPECT_EQ(ids_for(*index, "sehat"), (std::set<std::int64_t>{8}));
  EXPECT_EQ(ids_for(*index, "Pelayanan"), (std::set<std::int64_t>{7}));
  EXPECT_EQ(ids_for(*index, "pertanian"), (std::set<std::int64_t>{}));
  EXPECT_EQ(ids_for(*index, "layanan kesehatan"), (std::set<std::int64_t>{7, 8}));  // OR
}

TEST(SearchIndex, NameOutranksSummary) {
  auto index = open_index(test::fresh_dir());
  ASSERT_TRUE(index);
  ASSERT_TRUE(index->replace(innovation(1, "Sistem Arsip", "memakai aplikasi sipandu")).ok());
  ASSERT_TRUE(index->replace(innovation(2, "Sipandu", "sistem arsip")).ok());
  ASSERT_TRUE(index->commit(1).ok());
  auto result = index->search("sipandu", 0, 10);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->hits.size(), 2u);
  EXPECT_EQ(result->hits[0].id, 2);
}

TEST(SearchIndex, PhraseAndExclusion) {
  auto index = open_index(test::fresh_dir());
  ASSERT_TRUE(index);
  ASSERT_TRUE(index->replace(innovation(1, "Satu Pintu", "layanan satu pintu terpadu")).ok());
  ASSERT_TRUE(index->replace(innovation(2, "Pintu Air", "satu desa, pintu air pintar")).ok());
  ASSERT_TRUE(index->commit(1).ok());
  EXPECT_EQ(ids_for(*index, "\"satu pintu\""), (std::set<std::int64_t>{1}));
  EXPECT_EQ(ids_for(*index, "pintu -air"), (std::set<std::int64_t>{1}));
  EXPECT_EQ(ids_for(*index, "pintu +air"), (std::set<std::int64_t>{2}));
}

TEST(SearchIndex, MalformedQueriesStillSearchAndEmptyMatchesAll) {
  auto index = open_index(test::fresh_dir());
  ASSERT_TRUE(index);
  ASSERT_TRUE(index->replace(innovation(1, "Mal Pelayanan Publik")).ok());
  ASSERT_TRUE(index->replace(innovation(2, "Posyandu Digital")).ok());
  ASSERT_TRUE(index->commit(1).ok());
  for (const char* q : {"pelayanan AND", "\"pelayanan", "(pelayanan", "pelayanan OR OR", "NOT", "*", "+-+", "S:"}) {
    auto result = index->search(q, 0, 10);
    EXPECT_TRUE(result.ok()) << q << ": " << result.error().message();
  }
  EXPECT_EQ(ids_for(*index, "pelayanan AND"), (std::set<std::int64_t>{1}));
  EXPECT_EQ(ids_for(*index, ""), (std::set<std::int64_t>{1, 2}));
  EXPECT_EQ(ids_for(*index, "   "), (std::set<std::int64_t>{1, 2}));
}

TEST(SearchIndex, OffsetAndLimitPage) {
  auto index = open_index(test::fresh_dir());
  ASSERT_TRUE(index);
  for (int i = 1; i <= 5; ++i) ASSERT_TRUE(index->replace(innovation(i, "Inovasi desa " + std::to_string(i))).ok());
  ASSERT_TRUE(index->commit(5).ok());
  auto page = index->search("desa", 2, 2);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->hits.size(), 2u);
  EXPECT_EQ(page->total_estimate, 5u);
  auto count_only = index->search("desa", 0, 0);
  ASSERT_TRUE(count_only.ok());
  EXPECT_TRUE(count_only->hits.empty());
}

TEST(SearchIndex, ReplaceOverwritesAndRemoveDeletes) {
  auto index = open_index(test::fresh_dir());
  ASSERT_TRUE(index);
  ASSERT_TRUE(index->replace(innovation(1, "Posyandu Digital")).ok());
  ASSERT_TRUE(index->replace(innovation(1, "Mal Pelayanan")).ok());
  IndexDocument idea = innovation(1, "Posyandu ide");  // same id, other entity: a separate document
  idea.entity = "idea";
  ASSERT_TRUE(index->replace(idea).ok());
  ASSERT_TRUE(index->commit(3).ok());
  EXPECT_EQ(index->document_count(), 2u);
  auto posyandu = index->search("posyandu", 0, 10);
  ASSERT_TRUE(posyandu.ok());
  ASSERT_EQ(posyandu->hits.size(), 1u);
  EXPECT_EQ(posyandu->hits[0].entity, "idea");

  ASSERT_TRUE(index->remove("innovation", 1).ok());
  ASSERT_TRUE(index->remove("innovation", 999).ok());  // missing: no-op
  ASSERT_TRUE(index->commit(4).ok());
  EXPECT_EQ(index->document_count(), 1u);
  EXPECT_TRUE(ids_for(*index, "pelayanan").empty());
}

TEST(SearchIndex, BooleanTermsAndValuesAreStored) {
  const auto dir = test::fresh_dir();
  {
    auto index = open_index(dir);
    ASSERT_TRUE(index);
    IndexDocument doc = innovation(3, "Posyandu Digital");
    doc.boolean_terms = {"XSkesehatan", "XR7371"};
    doc.values[1] = "kesehatan";
    ASSERT_TRUE(index->replace(doc).ok());
    ASSERT_TRUE(index->commit(1).ok());
  }
  Xapian::Database db(dir.string());
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("XSkesehatan"));
  const auto mset = enquire.get_mset(0, 10);
  ASSERT_EQ(mset.size(), 1u);
  EXPECT_EQ(mset.begin().get_document().get_value(1), "kesehatan");
  EXPECT_EQ(db.get_termfreq("Qinnovation:3"), 1u);
  EXPECT_GT(db.get_termfreq("ZSposyandu"), 0u);  // prefixed, stemmed
  EXPECT_GT(db.get_termfreq("Zposyandu"), 0u);   // unprefixed, stemmed
}

TEST(SearchIndex, UncommittedChangesAreInvisibleAndDiscardDropsThem) {
  auto index = open_index(test::fresh_dir());
  ASSERT_TRUE(index);
  ASSERT_TRUE(index->replace(innovation(1, "Mal Pelayanan")).ok());
  EXPECT_EQ(index->document_count(), 0u);
  EXPECT_TRUE(ids_for(*index, "pelayanan").empty());
  index->discard();
  ASSERT_TRUE(index->replace(innovation(2, "Posyandu")).ok());
  ASSERT_TRUE(index->commit(1).ok());
  EXPECT_EQ(index->document_count(), 1u);
  EXPECT_TRUE(ids_for(*index, "pelayanan").empty());
  EXPECT_EQ(ids_for(*index, "posyandu"), (std::set<std::int64_t>{2}));
}

TEST(SearchIndex, PositionIsCommittedWithTheDocuments) {
  const auto dir = test::fresh_dir();
  {
    auto index = open_index(dir);
    ASSERT_TRUE(index);
    EXPECT_EQ(index->position(), 0);
    ASSERT_TRUE(index->replace(innovation(1, "Mal Pelayanan")).ok());
    ASSERT_TRUE(index->commit(41).ok());
    EXPECT_EQ(index->position(), 41);
    ASSERT_TRUE(index->replace(innovation(2, "Posyandu")).ok());  // never committed
  }
  auto reopened = open_index(dir);
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->position(), 41);
  EXPECT_EQ(reopened->document_count(), 1u);
}

TEST(SearchIndex, SecondWriterIsUnavailable) {
  const auto dir = test::fresh_dir();
  auto first = open_index(dir);
  ASSERT_TRUE(first);
  auto second = SearchIndex::open(dir);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), ErrorCode::unavailable);
  EXPECT_NE(second.error().message().find("in use by another process"), std::string::npos)
      << second.error().message();
  first.reset();
  auto third = SearchIndex::open(dir);  // the lock goes with the holder
  EXPECT_TRUE(third.ok());
}

TEST(SearchIndex, UnusableDirectoryIsAnError) {
  const auto dir = test::fresh_dir();
  std::ofstream(dir / "file") << "x";
  auto index = SearchIndex::open(dir / "file");
  ASSERT_FALSE(index.ok());
}

TEST(SearchIndex, ReadersAndWriterRunConcurrently) {
  auto index = open_index(test::fresh_dir());
  ASSERT_TRUE(index);
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      while (!done) {
        auto result = index->search("desa", 0, 10);
        if (!result.ok()) ++failures;
        (void)index->document_count();
      }
    });
  }
  for (int i = 1; i <= 60; ++i) {
    ASSERT_TRUE(index->replace(innovation(i, "Inovasi desa " + std::to_string(i))).ok());
    ASSERT_TRUE(index->commit(i).ok());
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(index->document_count(), 60u);
}

}  // namespace
}  // namespace lumbung::search
