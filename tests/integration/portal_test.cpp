// The reading portal against the real binary: a curator writes news in
// Markdown (preview, bad input kept, scheduled and draft hidden), attaches a
// PDF, features it on the home page; readers list by category, read it with
// its metadata (canonical, OpenGraph, JSON-LD) and find it in the site search;
// statistics with SVG charts and CSV; sitemap.xml and robots.txt.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "support/http_session.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

const std::string kPassword = "kata-sandi-uji-panjang";

class PortalPages : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-portal-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    auto seeded = run_lumbung({"seed-demo", "--data", dir_->string(), "--count", "20"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    auto r =
        run_lumbung_with_input({"user", "add", "--data", dir_->string(), "--email", "kurator@lumbung.go.id", "--name",
                                "Uji Kurator", "--role", "curator", "--scope", "national", "--password-stdin"},
                               kPassword + "\n");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    server_ = new ServerProcess({"--data", dir_->string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete dir_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static int port() { return server_->port(); }

  static std::string article_form(const std::string& kind, const std::string& title, const std::string& body,
                                  const std::string& date, const std::string& category,
                                  const std::string& action = "simpan") {
    return "kind=" + kind + "&title=" + form_encode(title) + "&summary=" + form_encode("Ringkasan " + title) +
           "&body_md=" + form_encode(body) + "&category=" + category + "&tags=" + form_encode("jippnas, validasi") +
           "&publish_on=" + date + "&action=" + action;
  }

  static inline fs::path* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST_F(PortalPages, CuratorWritesNewsThatReadersReadFilterAndFind) {
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  const std::string body =
      "## Hasil FGD\n\nDi Makassar, **2.928** inovasi divalidasi.\n\n<script>alert('x')</script>\n\n"
      "[klik](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n| Program | Jumlah |\n|---|--:|\n| KIPP | 1.200 |\n";

  // Preview: the sanitised rendering, nothing saved.
  auto preview =
      send(port(), "POST", "/kurasi/artikel/baru", curator,
           article_form("berita", "FGD Validasi JIPPNas", body, "2023-09-12", "kegiatan", "pratinjau"));
  ASSERT_EQ(preview.status, 200) << preview.body.substr(0, 500);
  // The textarea keeps the source (escaped); the rendering follows it.
  const auto at = preview.body.find("class=\"preview\"");
  ASSERT_NE(at, std::string::npos);
  const auto rendered = preview.body.substr(at);
  EXPECT_TRUE(has(rendered, "<h3>Hasil FGD</h3>")) << "headings shift below the page's h2 preview heading";
  EXPECT_TRUE(has(preview.body, "&lt;script&gt;alert")) << "the source is shown as text in the form";
  EXPECT_TRUE(has(rendered, "<td class=\"al-right\">1.200</td>"));
  EXPECT_FALSE(has(rendered, "<script>alert"));
  EXPECT_FALSE(has(rendered, "onerror=alert"));
  EXPECT_FALSE(has(rendered, "href=\"javascript:"));
  EXPECT_TRUE(has(preview.body, "value=\"FGD Validasi JIPPNas\"")) << "the form keeps what was typed";

  // Bad input: the form again with the messages and the values.
  auto bad = send(port(), "POST", "/kurasi/artikel/baru", curator,
                  article_form("berita", "", body, "2023-02-30", "replikasi"));
  ASSERT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, "Wajib diisi."));
  EXPECT_TRUE(has(bad.body, "Tanggal tidak valid"));
  EXPECT_TRUE(has(bad.body, "Pilih kategori yang sesuai"));
  EXPECT_TRUE(has(bad.body, "1.200")) << "the body typed is kept";

  auto created = send(port(), "POST", "/kurasi/artikel/baru", curator,
                      article_form("berita", "FGD Validasi JIPPNas", body, "2023-09-12", "kegiatan"));
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 1000);
  auto draft = send(port(), "POST", "/kurasi/artikel/baru", curator,
                    article_form("berita", "Draf Rahasia", "isi draf", "", "kegiatan"));
  ASSERT_EQ(draft.status, 303);
  auto later = send(port(), "POST", "/kurasi/artikel/baru", curator,
                    article_form("panduan", "Panduan Masa Depan", "isi", "2099-01-01", "replikasi"));
  ASSERT_EQ(later.status, 303);
  auto guide =
      send(port(), "POST", "/kurasi/artikel/baru", curator,
           article_form("panduan", "Panduan Replikasi Inovasi", "Langkah **replikasi**.", "2024-01-05", "replikasi"));
  ASSERT_EQ(guide.status, 303);

  auto list = send(port(), "GET", "/kurasi/artikel", curator);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list.body, "Draf Rahasia"));
  EXPECT_TRUE(has(list.body, "Terjadwal"));

  // Readers: the list, a category filter, the article.
  auto news = http_get(port(), "/berita");
  ASSERT_EQ(news.status, 200);
  EXPECT_TRUE(has(news.body, "href=\"/berita/fgd-validasi-jippnas\""));
  EXPECT_FALSE(has(news.body, "Draf Rahasia"));
  EXPECT_TRUE(has(news.body, "12 Sep 2023"));
  EXPECT_FALSE(has(http_get(port(), "/berita?kategori=kebijakan").body, "fgd-validasi-jippnas"));
  EXPECT_TRUE(has(http_get(port(), "/berita?kategori=kegiatan").body, "fgd-validasi-jippnas"));
  EXPECT_FALSE(has(http_get(port(), "/panduan").body, "Panduan Masa Depan"));
  EXPECT_EQ(http_get(port(), "/panduan/panduan-masa-depan").status, 404);
  EXPECT_EQ(http_get(port(), "/berita/draf-rahasia").status, 404);

  auto page = http_get(port(), "/berita/fgd-validasi-jippnas");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "<h1 id=\"judul\">FGD Validasi JIPPNas</h1>"));
  EXPECT_TRUE(has(page.body, "<strong>2.928</strong>"));
  EXPECT_FALSE(has(page.body, "<script>alert"));
  EXPECT_FALSE(has(page.body, "onerror"));
  EXPECT_TRUE(has(page.body, "<link rel=\"canonical\" href=\"http://127.0.0.1/berita/fgd-validasi-jippnas\">"));
  EXPECT_TRUE(has(page.body, "<meta property=\"og:title\" content=\"FGD Validasi JIPPNas\">"));
  EXPECT_TRUE(has(page.body, "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\""));
  EXPECT_TRUE(has(page.body, "\"@type\":\"NewsArticle\""));
  EXPECT_TRUE(has(page.body, "\"datePublished\":\"2023-09-12\""));

  // English: dates in English.
  auto en = send(port(), "GET", "/berita", Browser{"lang=en", ""});
  EXPECT_TRUE(has(en.body, "News")) << en.body.substr(0, 300);

  // Site search: the innovation results stay; news and guides in their own block.
  auto search = http_get(port(), "/cari?q=replikasi");
  ASSERT_EQ(search.status, 200);
  EXPECT_TRUE(has(search.body, "data-articles"));
  EXPECT_TRUE(has(search.body, "href=\"/panduan/panduan-replikasi-inovasi\""));
  EXPECT_FALSE(has(search.body, "panduan-masa-depan"));
}

TEST_F(PortalPages, PdfAttachmentsAndFeaturedItems) {
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto created = send(port(), "POST", "/kurasi/artikel/baru", curator,
                      article_form("panduan", "Panduan Berkas", "Unduh berkasnya.", "2024-02-01", "umum"));
  ASSERT_EQ(created.status, 303);
  auto list = send(port(), "GET", "/kurasi/artikel", curator);
  std::smatch m;
  const std::regex re(R"re(href="/kurasi/artikel/(\d+)/ubah">Panduan Berkas<)re");
  ASSERT_TRUE(std::regex_search(list.body, m, re)) << list.body.substr(0, 3000);
  const std::string id = m[1];
  auto notpdf = send_file(port(), "/kurasi/artikel/" + id + "/lampiran", curator,
                          {"x.pdf", "application/pdf", "<html>bukan pdf</html>"});
  EXPECT_EQ(notpdf.status, 400);
  EXPECT_TRUE(has(notpdf.body, "Hanya berkas PDF"));
  auto up = send_file(port(), "/kurasi/artikel/" + id + "/lampiran", curator,
                      {"panduan.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n"});
  ASSERT_EQ(up.status, 303) << up.body.substr(0, 500);
  auto page = http_get(port(), "/panduan/panduan-berkas");
  ASSERT_EQ(page.status, 200);
  const std::regex file_re(R"re(href="(/berkas/artikel/\d+)">panduan\.pdf<)re");
  ASSERT_TRUE(std::regex_search(page.body, m, file_re));
  auto pdf = http_get(port(), m[1]);
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body, "%PDF-1.4\n%%EOF\n");

  auto featured = send(port(), "POST", "/kurasi/unggulan", curator, "kind=panduan&ref_id=" + id + "&on=1");
  ASSERT_EQ(featured.status, 303);
  auto missing = send(port(), "POST", "/kurasi/unggulan", curator, "kind=inovasi&ref_id=999999&on=1");
  EXPECT_EQ(missing.header("location"), "/kurasi/unggulan?pesan=tidak-ada");
  auto home = http_get(port(), "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_TRUE(has(home.body, "Pilihan kurator"));
  EXPECT_TRUE(has(home.body, "href=\"/panduan/panduan-berkas\""));
  EXPECT_TRUE(has(home.body, "data-figure=\"labs\""));
}

TEST_F(PortalPages, StatisticsChartsTablesAndCsv) {
  auto stats = http_get(port(), "/statistik");
  ASSERT_EQ(stats.status, 200);
  EXPECT_TRUE(has(stats.body, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\""));
  EXPECT_TRUE(has(stats.body, "class=\"chart tiles\""));
  EXPECT_FALSE(has(stats.body, "<!--portal:chart-->")) << "every chart marker is replaced";
  EXPECT_FALSE(has(stats.body, "<script src=\"/static/js/chart")) << "no chart script";
  EXPECT_TRUE(has(stats.body, "href=\"/statistik/tahun.csv\""));
  auto csv = http_get(port(), "/statistik/provinsi.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.header("content-type"), "text/csv"));
  EXPECT_EQ(csv.body.rfind("provinsi,Inovasi\r\n", 0), 0u) << csv.body.substr(0, 200);
  // The CSV's counts add up to the published innovations with a province.
  long total = 0;
  const std::regex row(R"re(,(\d+)\r\n)re");
  for (std::sregex_iterator it(csv.body.begin(), csv.body.end(), row), end; it != end; ++it)
    total += std::stol((*it)[1]);
  const auto home = http_get(port(), "/").body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(home, m, std::regex(R"re(data-figure="innovations">(\d+)<)re")));
  EXPECT_GT(total, 0);
  EXPECT_LE(total, std::stol(m[1]));
  EXPECT_EQ(http_get(port(), "/statistik/tidak-ada.csv").status, 404);
  EXPECT_EQ(http_get(port(), "/statistik/tahun").status, 404);
}

TEST_F(PortalPages, SitemapAndRobots) {
  auto sitemap = http_get(port(), "/sitemap.xml");
  ASSERT_EQ(sitemap.status, 200);
  EXPECT_TRUE(has(sitemap.header("content-type"), "application/xml"));
  EXPECT_EQ(sitemap.body.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);
  EXPECT_TRUE(has(sitemap.body, "<loc>http://127.0.0.1/inovasi/"));
  EXPECT_TRUE(has(sitemap.body, "<loc>http://127.0.0.1/daerah/"));
  EXPECT_FALSE(has(sitemap.body, "/kurasi"));
  // Every <url> has exactly one <loc>, in W3C date format where dated.
  const std::regex url(R"re(<url><loc>http://127\.0\.0\.1/[^<]*</loc>(<lastmod>\d{4}-\d{2}-\d{2}</lastmod>)?</url>)re");
  std::size_t urls = 0, valid = 0;
  for (auto at = sitemap.body.find("<url>"); at != std::string::npos; at = sitemap.body.find("<url>", at + 1)) ++urls;
  for (std::sregex_iterator it(sitemap.body.begin(), sitemap.body.end(), url), end; it != end; ++it) ++valid;
  EXPECT_GT(urls, 20u);
  EXPECT_EQ(urls, valid);
  auto robots = http_get(port(), "/robots.txt");
  ASSERT_EQ(robots.status, 200);
  for (const char* p : {"/akun", "/admin", "/kurasi", "/lab", "/notifikasi", "/api/"})
    EXPECT_TRUE(has(robots.body, std::string("Disallow: ") + p + "\n")) << p;
  EXPECT_TRUE(has(robots.body, "Sitemap: http://127.0.0.1/sitemap.xml"));
}

}  // namespace
}  // namespace lumbung
