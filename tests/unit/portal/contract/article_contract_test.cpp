// ArticleService and the figures over the real tables, run on SQLite and
// PostgreSQL: creating and updating news and guides, slugs unique, drafts and
// scheduled articles hidden from readers, filters and text search, PDF
// attachments, featured items, and the statistics' counts.
#include <gtest/gtest.h>

#include <filesystem>

#include "portal/article_service.hpp"
#include "portal/figures.hpp"
#include "store/migrate.hpp"
#include "support/test_db.hpp"

namespace lumbung::portal {
namespace {

using test::TestDatabase;

class ArticleContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    LUMBUNG_TEST_DATABASE_OR_SKIP(target_, GetParam());
    auto db = target_->open();
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
    auto report = store::migrate(*db_, test::source_migrations_dir());
    ASSERT_TRUE(report.ok()) << report.error().message();
    files_ = std::filesystem::path(testing::TempDir()) /
             ("portal-files-" + GetParam() + "-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    std::filesystem::remove_all(files_);
    service_ = std::make_unique<ArticleService>(*db_, clock_, files_);
  }

  ArticleInput input(const std::string& kind, const std::string& title, const std::string& date,
                     const std::string& category = "") {
    return {kind,
            "",
            title,
            "Ringkasan " + title,
            "Isi tentang **" + title + "**",
            category.empty() ? categories(kind).front() : category,
            "uji",
            date};
  }

  std::unique_ptr<TestDatabase> target_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_{1'700'000'000};  // 2023-11-14 22:13 UTC
  std::filesystem::path files_;
  std::unique_ptr<ArticleService> service_;
};

TEST_P(ArticleContract, CreatesReadsAndUpdatesAnArticle) {
  auto a = service_->create(7, input("berita", "FGD Validasi Makassar", "2023-09-12"));
  ASSERT_TRUE(a.ok()) << a.error().message();
  EXPECT_EQ(a->slug, "fgd-validasi-makassar");
  auto read = service_->published("berita", "fgd-validasi-makassar");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->title, "FGD Validasi Makassar");
  EXPECT_EQ(read->tags, std::vector<std::string>{"uji"});
  EXPECT_EQ(read->created_by, 7);
  EXPECT_EQ(service_->published("panduan", "fgd-validasi-makassar").error().code(), ErrorCode::not_found);

  auto in = input("berita", "FGD Validasi Makassar", "2023-09-12", "kebijakan");
  in.slug = "fgd-makassar";
  in.tags = "a, b";
  auto changed = service_->update(8, a->id, in);
  ASSERT_TRUE(changed.ok()) << changed.error().message();
  auto again = service_->get(a->id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->slug, "fgd-makassar");
  EXPECT_EQ(again->category, "kebijakan");
  EXPECT_EQ(again->tags, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(again->updated_by, 8);
  EXPECT_EQ(again->created_by, 7);
  EXPECT_EQ(service_->update(8, 999999, in).error().code(), ErrorCode::not_found);
}

TEST_P(ArticleContract, SlugsAreUnique) {
  ASSERT_TRUE(service_->create(1, input("berita", "Sama", "2023-01-01")).ok());
  auto dup = service_->create(1, input("panduan", "Sama", "2023-01-01"));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::invalid);
  ASSERT_EQ(dup.error().fields().size(), 1u);
  EXPECT_EQ(dup.error().fields()[0].key, "portal.error.slug_taken");
}

TEST_P(ArticleContract, DraftsAndScheduledArticlesAreHiddenUntilTheirDate) {
  ASSERT_TRUE(service_->create(1, input("berita", "Terbit", "2023-11-01")).ok());
  ASSERT_TRUE(service_->create(1, input("berita", "Draf", "")).ok());
  ASSERT_TRUE(service_->create(1, input("berita", "Terjadwal", "2023-11-20")).ok());
  ArticleQuery q;
  q.kind = "berita";
  auto visible = service_->list(q);
  ASSERT_TRUE(visible.ok());
  ASSERT_EQ(visible->size(), 1u);
  EXPECT_EQ(visible->front().title, "Terbit");
  EXPECT_EQ(service_->published("berita", "terjadwal").error().code(), ErrorCode::not_found);
  EXPECT_EQ(service_->published("berita", "draf").error().code(), ErrorCode::not_found);
  q.published_only = false;
  auto all = service_->list(q);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->front().title, "Draf");  // drafts first for curators
  clock_.set(1'700'500'000);              // 2023-11-20 17:06 UTC, past 00:00 WIB on the 20th
  q.published_only = true;
  visible = service_->list(q);
  ASSERT_TRUE(visible.ok());
  ASSERT_EQ(visible->size(), 2u);
  EXPECT_EQ(visible->front().title, "Terjadwal");
  EXPECT_TRUE(service_->published("berita", "terjadwal").ok());
}

TEST_P(ArticleContract, FiltersByKindCategoryAndText) {
  ASSERT_TRUE(service_->create(1, input("berita", "Lab Inovasi Purbalingga", "2023-10-01", "kegiatan")).ok());
  ASSERT_TRUE(service_->create(1, input("berita", "Kebijakan Replikasi", "2023-10-02", "kebijakan")).ok());
  ASSERT_TRUE(service_->create(1, input("panduan", "Panduan Replikasi 100%", "2023-10-03", "replikasi")).ok());
  ArticleQuery q;
  q.kind = "berita";
  q.category = "kebijakan";
  EXPECT_EQ(service_->count(q).value(), 1);
  q = {};
  q.text = "REPLIKASI";
  EXPECT_EQ(service_->count(q).value(), 2);
  q.text = "replikasi panduan";
  auto found = service_->list(q);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().kind, "panduan");
  q.text = "100%";  // LIKE wildcards are literal
  EXPECT_EQ(service_->count(q).value(), 1);
  q.text = "%";
  EXPECT_EQ(service_->count(q).value(), 1);
  q.text = "_";
  EXPECT_EQ(service_->count(q).value(), 0);
}

TEST_P(ArticleContract, AttachesPdfsOnly) {
  auto a = service_->create(1, input("panduan", "Panduan PDF", "2023-10-03"));
  ASSERT_TRUE(a.ok());
  const std::string pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
  auto att = service_->attach(1, a->id, "../panduan.pdf", pdf);
  ASSERT_TRUE(att.ok()) << att.error().message();
  EXPECT_EQ(att->original_name, "panduan.pdf");
  EXPECT_TRUE(std::filesystem::exists(service_->path_of(att->stored_name)));
  auto bad = service_->attach(1, a->id, "x.pdf", "<html>");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields().at(0).key, "portal.error.file_type");
  EXPECT_EQ(service_->attach(1, a->id, "x.pdf", pdf, 10).error().fields().at(0).key, "portal.error.file_too_large");
  EXPECT_EQ(service_->attach(1, 999999, "x.pdf", pdf).error().code(), ErrorCode::not_found);
  ASSERT_EQ(service_->attachments(a->id)->size(), 1u);
  ASSERT_TRUE(service_->remove_attachment(1, att->id).ok());
  EXPECT_TRUE(service_->attachments(a->id)->empty());
  EXPECT_EQ(service_->attachment(att->id).error().code(), ErrorCode::not_found);
  EXPECT_FALSE(std::filesystem::exists(service_->path_of(att->stored_name)));
}

TEST_P(ArticleContract, FeaturedItemsKeepTheirOrder) {
  ASSERT_TRUE(service_->set_featured(1, "inovasi", 5, true).ok());
  ASSERT_TRUE(service_->set_featured(1, "berita", 3, true).ok());
  ASSERT_TRUE(service_->set_featured(1, "inovasi", 5, true).ok());  // again: moves to the end
  auto f = service_->featured();
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->size(), 2u);
  EXPECT_EQ((*f)[0].kind, "berita");
  EXPECT_EQ((*f)[1].ref_id, 5);
  ASSERT_TRUE(service_->set_featured(1, "berita", 3, false).ok());
  EXPECT_EQ(service_->featured()->size(), 1u);
  EXPECT_EQ(service_->set_featured(1, "lain", 1, true).error().code(), ErrorCode::invalid);
}

TEST_P(ArticleContract, FiguresCountAnEmptyRepository) {
  auto sql = db_->acquire();
  const auto f = count_figures(*sql);
  EXPECT_EQ(f.innovations, 0);
  EXPECT_EQ(f.labs, 0);
  EXPECT_EQ(f.replications, 0);
  EXPECT_TRUE(f.by_year.empty());
  ASSERT_EQ(f.lab_funnel.size(), funnel_stages().size());
  EXPECT_EQ(f.lab_funnel.front().n.front(), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, ArticleContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lumbung::portal
