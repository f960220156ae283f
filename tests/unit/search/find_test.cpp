// SearchIndex::find, similar and complete on a small hand-made collection:
// matching rules, synonyms, spelling, phrases and exclusions, exact facets
// under filters, sorting, paging, snippets, incremental facet updates.
#include <algorithm>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <xapian.h>

#include "search/query_plan.hpp"
#include "search/search_index.hpp"
#include "support/test_dirs.hpp"

namespace lumbung::search {
namespace {

struct Doc {
  std::int64_t id;
  std::string name, summary, problem, solution, sector, province;
  int year = 2020;
};

IndexDocument make(const Doc& d) {
  IndexDocument doc;
  doc.entity = "innovation";
  doc.id = d.id;
  doc.fields = {{"S", d.name, 5}, {"B", d.summary, 3}, {"P", d.problem, 2}, {"L", d.solution, 1}};
  doc.boolean_terms = {"XS" + d.sector, "XP" + d.province, "XY" + std::to_string(d.year)};
  doc.values[1] = Xapian::sortable_serialise(d.year);
  doc.data = "{\"id\":" + std::to_string(d.id) + "}";
  doc.snippet_text = d.summary + "\n" + d.problem + "\n" + d.solution;
  return doc;
}

const std::vector<FacetSpec> kFacets = {{"sector", "XS"}, {"province", "XP"}, {"year", "XY"}};

const std::vector<Doc> kDocs = {
    {1, "Antrean Puskesmas Daring", "Pendaftaran pasien puskesmas lewat aplikasi",
     "Antrean pasien di puskesmas sangat panjang, warga datang subuh", "Pendaftaran daring dengan nomor antrean",
     "kesehatan", "73", 2019},
    {2, "Posyandu Balita Sehat", "Pemantauan tumbuh kembang balita di posyandu",
     "Angka stunting pada balita tinggi", "Kader memantau gizi balita setiap bulan", "kesehatan", "33", 2021},
    {3, "KTP-el Jemput Bola", "Perekaman KTP-el di desa terpencil", "Warga desa jauh dari kantor dukcapil",
     "Petugas dukcapil datang ke desa membawa alat perekaman", "kependudukan", "73", 2020},
    {4, "Perizinan Satu Pintu", "Pelayanan perizinan usaha terpadu", "Perizinan usaha berbelit dan lama",
     "Semua izin diurus di satu loket", "perizinan-investasi", "35", 2022},
    {5, "Bank Sampah Digital", "Sampah ditukar saldo tabungan", "Timbunan sampah plastik di kota",
     "Warga menyetor sampah dan mendapat saldo", "lingkungan", "35", 2018},
    {6, "Kelas Jauh Guru Kunjung", "Guru mengunjungi anak di dusun terpencil", "Akses sekolah yang jauh",
     "Guru kunjung mengajar di balai dusun", "pendidikan", "33", 2021},
};

class FindTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SearchIndex::open(test::fresh_dir(), kFacets);
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    index_ = std::move(*opened);
    for (const auto& d : kDocs) ASSERT_TRUE(index_->replace(make(d)).ok());
    ASSERT_TRUE(index_->commit(1).ok());
    synonyms_.add_group({"pkm", "puskesmas", "pusat kesehatan masyarakat"});
    synonyms_.add_group({"dukcapil", "disdukcapil", "kependudukan dan pencatatan sipil"});
    synonyms_.add_group({"ptsp", "pelayanan terpadu satu pintu"});
  }

  Results find(Query q) {
    if (q.facets.empty()) q.facets = {"sector", "province", "year"};
    q.synonyms = &synonyms_;
    auto r = index_->find(q);
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r.ok() ? *r : Results{};
  }
  Results find(const std::string& text) {
    Query q;
    q.text = text;
    return find(q);
  }
  static std::vector<std::int64_t> ids(const Results& r) {
    std::vector<std::int64_t> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    return out;
  }
  static std::uint64_t count(const Results& r, const std::string& facet, const std::string& value) {
    const auto f = r.facets.find(facet);
    if (f == r.facets.end()) return 0;
    for (const auto& c : f->second)
      if (c.value == value) return c.count;
    return 0;
  }

  std::unique_ptr<SearchIndex> index_;
  Synonyms synonyms_;
};

TEST(QueryPlan, TokenizesPhrasesExclusionsAndHyphenatedWords) {
  const auto tokens = tokenize(R"(ktp-el "mal pelayanan" -sampah -"bank data" antri)");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].words, (std::vector<std::string>{"ktp", "el"}));
  EXPECT_FALSE(tokens[0].quoted);
  EXPECT_TRUE(tokens[1].quoted);
  EXPECT_EQ(tokens[1].words, (std::vector<std::string>{"mal", "pelayanan"}));
  EXPECT_TRUE(tokens[2].excluded);
  EXPECT_TRUE(tokens[3].excluded);
  EXPECT_TRUE(tokens[3].quoted);
  EXPECT_EQ(tokens[4].words, std::vector<std::string>{"antri"});
}

TEST(QueryPlan, UnbalancedQuotesAndSymbolsNeverFail) {
  EXPECT_EQ(tokenize(R"("antrean puskesmas)").size(), 1u);
  EXPECT_TRUE(tokenize(R"(" - -- "" ((( )))").empty());
  EXPECT_EQ(tokenize("a-").size(), 1u);
}

TEST(QueryPlan, MergesDictionaryPhrasesAndDropsStopwords) {
  Synonyms s;
  s.add_group({"pkm", "pusat kesehatan masyarakat"});
  const auto plan = make_plan(tokenize("bagaimana antrean di pusat kesehatan masyarakat"), &s);
  ASSERT_EQ(plan.groups.size(), 2u);
  EXPECT_EQ(plan.groups[0].alternatives[0].text(), "antrean");
  EXPECT_EQ(plan.groups[1].alternatives[0].text(), "pusat kesehatan masyarakat");
  EXPECT_EQ(plan.groups[1].alternatives[1].text(), "pkm");
  EXPECT_EQ(plan.stopwords, (std::vector<std::string>{"bagaimana", "di"}));
  // Only stopwords: they are kept rather than searching for nothing.
  EXPECT_EQ(make_plan(tokenize("yang di"), nullptr).groups.size(), 2u);
}

TEST_F(FindTest, AffixedFormsMatchTheirRoot) {
  const auto r = find("pelayanan perizinan");
  EXPECT_EQ(ids(r), std::vector<std::int64_t>{4});
  EXPECT_EQ(find("izin").total, 1u);
}

TEST_F(FindTest, AbbreviationsMatchLongFormsBothWays) {
  EXPECT_EQ(ids(find("pkm")), std::vector<std::int64_t>{1});
  const auto r = find("kependudukan dan pencatatan sipil");
  EXPECT_EQ(ids(r), std::vector<std::int64_t>{3});
}

TEST_F(FindTest, MisspeltWordIsCorrectedAndSuggested) {
  const auto r = find("puskesmaas");
  ASSERT_TRUE(r.suggestion.has_value());
  EXPECT_EQ(*r.suggestion, "puskesmas");
  EXPECT_TRUE(r.corrected);
  EXPECT_EQ(ids(r), std::vector<std::int64_t>{1});
  Query off;
  off.text = "puskesmaas";
  off.correct_spelling = false;
  EXPECT_EQ(find(off).total, 0u);
  EXPECT_FALSE(find("puskesmas").suggestion.has_value());
}

TEST_F(FindTest, PhrasesAndExclusions) {
  EXPECT_EQ(ids(find("\"bank sampah\"")), std::vector<std::int64_t>{5});
  EXPECT_EQ(find("\"sampah bank\"").total, 0u);
  const auto r = find("guru -kunjung");
  EXPECT_EQ(r.total, 0u);
  EXPECT_EQ(find("balita -stunting").total, 0u);
  EXPECT_EQ(ids(find("desa -perekaman")), std::vector<std::int64_t>{});
  EXPECT_EQ(find("desa").total, 1u);
}

TEST_F(FindTest, TwoWordsNeedBothThreeNeedTwo) {
  EXPECT_EQ(find("balita sampah").total, 2u);  // nothing has both: falls back to either
  EXPECT_EQ(ids(find("balita posyandu")), std::vector<std::int64_t>{2});
  const auto r = find("guru dusun sampah");  // two of three
  EXPECT_EQ(ids(r), std::vector<std::int64_t>{6});
}

TEST_F(FindTest, NoWordInCommonFallsBackToAnyWord) {
  const auto r = find("stunting saldo");
  EXPECT_EQ(r.total, 2u);
}

TEST_F(FindTest, FacetCountsAreExactAndIgnoreTheirOwnFilter) {
  Query q;
  q.filters["province"] = {"73"};
  const auto r = find(q);
  EXPECT_EQ(r.total, 2u);
  EXPECT_EQ(count(r, "sector", "kesehatan"), 1u);
  EXPECT_EQ(count(r, "sector", "kependudukan"), 1u);
  EXPECT_EQ(count(r, "sector", "lingkungan"), 0u);
  // The province facet is counted without the province filter.
  EXPECT_EQ(count(r, "province", "73"), 2u);
  EXPECT_EQ(count(r, "province", "35"), 2u);
  EXPECT_EQ(count(r, "province", "33"), 2u);
  Query two;
  two.filters["province"] = {"73", "35"};
  two.filters["sector"] = {"kesehatan"};
  const auto r2 = find(two);
  EXPECT_EQ(r2.total, 1u);
  EXPECT_EQ(count(r2, "province", "33"), 1u);
  EXPECT_EQ(count(r2, "sector", "lingkungan"), 1u);
}

TEST_F(FindTest, UnknownFacetIsAnError) {
  Query q;
  q.filters["colour"] = {"red"};
  EXPECT_FALSE(index_->find(q).ok());
  Query f;
  f.facets = {"colour"};
  EXPECT_FALSE(index_->find(f).ok());
}

TEST_F(FindTest, SortsByValueAndPages) {
  Query q;
  q.sort_slot = 1;
  q.limit = 2;
  auto page1 = find(q);
  EXPECT_EQ(page1.total, 6u);
  ASSERT_EQ(page1.hits.size(), 2u);
  EXPECT_EQ(page1.hits[0].id, 4);  // 2022
  q.offset = 2;
  auto page2 = find(q);
  ASSERT_EQ(page2.hits.size(), 2u);
  std::set<std::int64_t> seen{page1.hits[0].id, page1.hits[1].id, page2.hits[0].id, page2.hits[1].id};
  EXPECT_EQ(seen.size(), 4u);
  q.offset = 6;
  EXPECT_TRUE(find(q).hits.empty());
}

TEST_F(FindTest, SnippetHighlightsMatchedWordsAndReportsFields) {
  Query q;
  q.text = "antrean pasien";
  q.mode = QueryMode::problem;
  const auto r = find(q);
  ASSERT_FALSE(r.hits.empty());
  const auto& hit = r.hits[0];
  EXPECT_EQ(hit.id, 1);
  EXPECT_TRUE(std::any_of(hit.snippet.begin(), hit.snippet.end(), [](const SnippetPart& p) { return p.hit; }));
  const auto problem = hit.matched_words.find("P");
  ASSERT_NE(problem, hit.matched_words.end());
  EXPECT_EQ(problem->second, (std::vector<std::string>{"antrean", "pasien"}));
  EXPECT_GT(hit.score, 0.0);
  EXPECT_LE(hit.score, 1.0);
}

TEST_F(FindTest, LongProblemSentenceFindsTheRightInnovation) {
  Query q;
  q.text = "antrean pasien di puskesmas sangat panjang dan warga harus datang subuh";
  q.mode = QueryMode::problem;
  const auto r = find(q);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, 1);
  EXPECT_NE(std::find(r.ignored_words.begin(), r.ignored_words.end(), "dan"), r.ignored_words.end());
}

TEST_F(FindTest, RemovedAndReplacedDocumentsUpdateFacetsAtCommit) {
  ASSERT_TRUE(index_->remove("innovation", 5).ok());
  auto moved = kDocs[0];
  moved.province = "35";
  ASSERT_TRUE(index_->replace(make(moved)).ok());
  // Not yet committed: nothing changes for readers.
  EXPECT_EQ(count(find(Query{}), "province", "73"), 2u);
  ASSERT_TRUE(index_->commit(2).ok());
  const auto r = find(Query{});
  EXPECT_EQ(r.total, 5u);
  EXPECT_EQ(count(r, "province", "73"), 1u);
  EXPECT_EQ(count(r, "province", "35"), 2u);
  EXPECT_EQ(count(r, "sector", "lingkungan"), 0u);
  EXPECT_EQ(find("sampah").total, 0u);
}

TEST_F(FindTest, DiscardedChangesLeaveFacetsAlone) {
  ASSERT_TRUE(index_->remove("innovation", 1).ok());
  index_->discard();
  ASSERT_TRUE(index_->commit(2).ok());
  EXPECT_EQ(find(Query{}).total, 6u);
  EXPECT_EQ(count(find(Query{}), "province", "73"), 2u);
}

TEST_F(FindTest, FacetsSurviveReopening) {
  const auto dir = test::fresh_dir();
  {
    auto opened = SearchIndex::open(dir, kFacets);
    ASSERT_TRUE(opened.ok());
    for (const auto& d : kDocs) ASSERT_TRUE((*opened)->replace(make(d)).ok());
    ASSERT_TRUE((*opened)->commit(1).ok());
  }
  auto reopened = SearchIndex::open(dir, kFacets);
  ASSERT_TRUE(reopened.ok());
  Query q;
  q.facets = {"sector"};
  q.filters["year"] = {"2021"};
  auto r = (*reopened)->find(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 2u);
  EXPECT_EQ(SearchIndex::needs_rebuild(dir), false);
}

TEST_F(FindTest, SimilarFindsTheCloseOneAndScoresACopyAsOne) {
  auto copy = kDocs[1];
  copy.id = 7;
  copy.name = "Posyandu Balita Sehat Kabupaten";
  ASSERT_TRUE(index_->replace(make(copy)).ok());
  ASSERT_TRUE(index_->commit(2).ok());
  auto r = index_->similar("innovation", 2, 3);
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_FALSE(r->empty());
  EXPECT_EQ(r->front().id, 7);
  EXPECT_GT(r->front().score, 0.8);
  for (const auto& m : *r) EXPECT_NE(m.id, 2);
  auto missing = index_->similar("innovation", 999, 3);
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->empty());
}

TEST_F(FindTest, SimilarToTextScoresAnIndexedCopyAsOneAndSkipsItself) {
  const auto& d = kDocs[2];
  const std::string text = d.name + " " + d.summary + " " + d.problem + " " + d.solution;
  auto r = index_->similar_to_text("innovation", text, 0, 3);
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_FALSE(r->empty());
  EXPECT_EQ(r->front().id, 3);
  EXPECT_NEAR(r->front().score, 1.0, 1e-9);
  for (std::size_t i = 1; i < r->size(); ++i) EXPECT_LT((*r)[i].score, 0.5);
  auto without = index_->similar_to_text("innovation", text, 3, 3);
  ASSERT_TRUE(without.ok());
  for (const auto& m : *without) EXPECT_NE(m.id, 3);
  auto nothing = index_->similar_to_text("innovation", "zzzz qqqq", 0, 3);
  ASSERT_TRUE(nothing.ok());
  EXPECT_TRUE(nothing->empty());
}

TEST_F(FindTest, CompleteMatchesNamePrefixes) {
  auto r = index_->complete("innovation", "posy", 5);
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->front().id, 2);
  auto two = index_->complete("innovation", "bank sam", 5);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), 1u);
  EXPECT_EQ(two->front().id, 5);
  auto none = index_->complete("innovation", "", 5);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(FindTest, ConcurrentSearchesWhileCommitting) {
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t)
    readers.emplace_back([&] {
      while (!stop) {
        Query q;
        q.text = "balita posyandu";
        q.facets = {"sector"};
        auto r = index_->find(q);
        if (!r.ok() || r->total != 1) ++failures;
      }
    });
  for (int i = 0; i < 30; ++i) {
    auto d = kDocs[5];
    d.id = 100 + i;
    ASSERT_TRUE(index_->replace(make(d)).ok());
    ASSERT_TRUE(index_->commit(2 + i).ok());
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace lumbung::search
