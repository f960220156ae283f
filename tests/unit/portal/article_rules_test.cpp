#include <gtest/gtest.h>

#include "portal/article_service.hpp"

using namespace lumbung::portal;

namespace {

bool has_error(const std::vector<lumbung::FieldError>& e, const std::string& field, const std::string& key) {
  for (const auto& f : e)
    if (f.field == field && f.key == key) return true;
  return false;
}

TEST(ArticleRules, ValidInputFillsTheArticle) {
  Article a;
  auto e = check_article({"berita", "", "  FGD Validasi: Makassar 2023! ", "Ringkas", "Isi **penting**", "kegiatan",
                          "JIPPNas, validasi,jippnas", "2023-09-12"},
                         a);
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(a.slug, "fgd-validasi-makassar-2023");
  EXPECT_EQ(a.title, "FGD Validasi: Makassar 2023!");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"jippnas", "validasi"}));
  EXPECT_EQ(a.published_at, 1694451600);  // 2023-09-12 00:00 WIB = 2023-09-11 17:00 UTC
  EXPECT_EQ(wib_date(a.published_at), "2023-09-12");
}

TEST(ArticleRules, EmptyDateIsADraft) {
  Article a;
  EXPECT_TRUE(check_article({"panduan", "cara-replikasi", "Cara", "", "Isi", "replikasi", "", ""}, a).empty());
  EXPECT_EQ(a.published_at, 0);
}

TEST(ArticleRules, ReportsEveryBadField) {
  Article a;
  auto e = check_article({"blog", "Bad Slug!", "", "", "  ", "kegiatan", "", "2023-13-40"}, a);
  EXPECT_TRUE(has_error(e, "kind", "portal.error.kind"));
  EXPECT_TRUE(has_error(e, "title", "portal.error.required"));
  EXPECT_TRUE(has_error(e, "body_md", "portal.error.required"));
  EXPECT_TRUE(has_error(e, "publish_on", "portal.error.date"));
  e = check_article({"berita", "Bad Slug!", "Judul", "", "x", "replikasi", std::string(41, 't'), ""}, a);
  EXPECT_TRUE(has_error(e, "slug", "portal.error.slug"));
  EXPECT_TRUE(has_error(e, "category", "portal.error.category"));  // a guide category on news
  EXPECT_TRUE(has_error(e, "tags", "portal.error.tags"));
}

TEST(ArticleRules, Slugify) {
  EXPECT_EQ(slugify("Berita Baru: Lab 2025!"), "berita-baru-lab-2025");
  EXPECT_EQ(slugify("---"), "");
  EXPECT_EQ(slugify("Évaluasi ÉÉ x"), "valuasi-x");
  EXPECT_EQ(slugify(std::string(100, 'a')).size(), 80u);
}

}  // namespace
