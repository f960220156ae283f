#include "portal/sitemap.hpp"

#include <gtest/gtest.h>

using namespace lumbung::portal;

namespace {

TEST(Sitemap, WritesUrlsetWithEscapedLocationsAndW3cDates) {
  const auto xml = sitemap_xml("https://lumbung.go.id", {{"/", 0}, {"/berita/a&b", 1700000000}, {"/cari?q=a b", 0}});
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u);
  EXPECT_NE(xml.find("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), std::string::npos);
  EXPECT_NE(xml.find("<url><loc>https://lumbung.go.id/</loc></url>"), std::string::npos);
  EXPECT_NE(xml.find("<loc>https://lumbung.go.id/berita/a&amp;b</loc><lastmod>2023-11-14</lastmod>"), std::string::npos)
      << xml;
  EXPECT_NE(xml.find("/cari?q=a%20b"), std::string::npos);
  EXPECT_NE(xml.find("</urlset>"), std::string::npos);
}

TEST(Sitemap, NonAsciiPathsArePercentEncoded) {
  const auto xml = sitemap_xml("http://x", {{"/berita/é", 0}});
  EXPECT_NE(xml.find("/berita/%C3%A9"), std::string::npos);
}

TEST(Sitemap, StopsAtTheProtocolLimit) {
  std::vector<SitemapEntry> many(50010, SitemapEntry{"/a", 0});
  const auto xml = sitemap_xml("http://x", many);
  std::size_t n = 0;
  for (auto at = xml.find("<url>"); at != std::string::npos; at = xml.find("<url>", at + 1)) ++n;
  EXPECT_EQ(n, 50000u);
}

TEST(Robots, KeepsPrivateAreasOutAndNamesTheSitemap) {
  const auto txt = robots_txt("https://lumbung.go.id");
  for (const char* p : {"/akun", "/admin", "/kurasi", "/lab", "/notifikasi", "/api/"})
    EXPECT_NE(txt.find(std::string("Disallow: ") + p + "\n"), std::string::npos) << p;
  EXPECT_NE(txt.find("Sitemap: https://lumbung.go.id/sitemap.xml"), std::string::npos);
}

}  // namespace
