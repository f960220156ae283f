// The public repository pages of the real server on a seeded demo: the
// directory and its filters and paging, profiles (with slugs, print view,
// hidden drafts), region and unit profiles, and junk input that must never
// cause a 500.
#include <array>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <regex>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

// One directory card, as the page shows it.
struct Card {
  std::string id, region, sector, form, stage, status, source, year, html;
  bool digital = false, award = false;
};

std::string attr(const std::string& tag, const std::string& name) {
  std::smatch m;
  if (std::regex_search(tag, m, std::regex(" " + name + "=\"([^\"]*)\""))) return m[1];
  return "";
}

std::vector<Card> cards_of(const std::string& html) {
  std::vector<Card> out;
  static const std::regex card_re(R"re((<li class="card" data-id="\d+"[^>]*>)([\s\S]*?)</li>)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), card_re); it != std::sregex_iterator(); ++it) {
    const std::string tag = (*it)[1], body = (*it)[2];
    Card c{attr(tag, "data-id"), attr(body, "data-region"), attr(tag, "data-sector"), attr(tag, "data-form"),
           attr(tag, "data-stage"), attr(tag, "data-status"), attr(tag, "data-source"), attr(tag, "data-year"), body};
    c.digital = body.find("data-badge=\"digital\"") != std::string::npos;
    c.award = body.find("data-badge=\"award\"") != std::string::npos;
    out.push_back(std::move(c));
  }
  return out;
}

std::string unescape(std::string s) {
  for (std::size_t at; (at = s.find("&amp;")) != std::string::npos;) s.replace(at, 5, "&");
  return s;
}

std::string next_link(const std::string& html) {
  std::smatch m;
  return std::regex_search(html, m, std::regex(R"re(rel="next" href="([^"]+)")re")) ? unescape(m[1]) : "";
}

std::string first_href(const std::string& html, const std::string& prefix) {
  std::smatch m;
  return std::regex_search(html, m, std::regex("href=\"(" + prefix + "[^\"]*)\"")) ? unescape(m[1]) : "";
}

std::string sqlite(const fs::path& db, const std::string& sql) {
  std::string cmd = "sqlite3 '" + db.string() + "' \"" + sql + "\"";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    std::array<char, 256> buf{};
    while (std::fgets(buf.data(), buf.size(), p)) out += buf.data();
    ::pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

class InnovationPages : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-it-pages-" + std::to_string(::getpid())));
    fs::remove_all(*data_);
    fs::create_directories(*data_);
    auto seeded = run_lumbung({"seed-demo", "--data", data_->string(), "--count", "60"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    // A profile nobody outside its editors may see (the demo may already have some).
    const auto db = *data_ / "lumbung.db";
    hidden_ = new std::string(sqlite(db, "SELECT id FROM innovations WHERE state <> 'published' ORDER BY id LIMIT 1;"));
    if (hidden_->empty()) {
      *hidden_ = sqlite(db, "SELECT max(id) FROM innovations;");
      sqlite(db, "UPDATE innovations SET state = 'draft' WHERE id = " + *hidden_ + ";");
    }
    // Awards are rare in a small demo: make sure one published innovation has one.
    if (sqlite(db, "SELECT count(*) FROM innovation_awards;") == "0")
      sqlite(db, "INSERT INTO innovation_awards (innovation_id, program, year, award) SELECT max(id), 'kipp', 2024, "
                 "'Top 45 KIPP' FROM innovations WHERE state = 'published'; UPDATE innovations SET award_count = "
                 "(SELECT count(*) FROM innovation_awards a WHERE a.innovation_id = innovations.id);");
    published_ = new std::string(sqlite(db, "SELECT count(*) FROM innovations WHERE state = 'published';"));
    server_ = new ServerProcess({"--data", data_->string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete hidden_;
    delete published_;
    delete data_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "the server did not start"; }
  static int port() { return server_->port(); }

  // Every card of the directory at `target`, following the "next" links.
  static std::vector<Card> all_cards(std::string target) {
    std::vector<Card> out;
    for (int pages = 0; !target.empty() && pages < 50; ++pages) {
      auto r = http_get(port(), target);
      EXPECT_EQ(r.status, 200) << target;
      if (r.status != 200) break;
      auto cards = cards_of(r.body);
      out.insert(out.end(), cards.begin(), cards.end());
      target = next_link(r.body);
    }
    return out;
  }

  static inline fs::path* data_ = nullptr;
  static inline std::string* hidden_ = nullptr;
  static inline std::string* published_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(InnovationPages, DirectoryListsEveryPublishedInnovationOnceAcrossDisjointPages) {
  auto first = http_get(port(), "/inovasi");
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("<html lang=\"id\">"), std::string::npos);
  EXPECT_FALSE(first.header("etag").empty()) << "public pages are cacheable";
  const auto page1 = cards_of(first.body);
  EXPECT_EQ(page1.size(), 20u);
  ASSERT_FALSE(next_link(first.body).empty());
  const auto page2 = cards_of(http_get(port(), next_link(first.body)).body);
  ASSERT_FALSE(page2.empty());
  for (const auto& a : page1)
    for (const auto& b : page2) EXPECT_NE(a.id, b.id) << "pages overlap";

  auto all = all_cards("/inovasi");
  std::set<std::string> ids;
  for (const auto& c : all) ids.insert(c.id);
  EXPECT_EQ(ids.size(), all.size()) << "an innovation appears on two pages";
  EXPECT_EQ(std::to_string(all.size()), *published_) << "the directory lists exactly the published ones";
  EXPECT_EQ(ids.count(*hidden_), 0u) << "a non-published innovation is listed";
}

TEST_F(InnovationPages, EachFilterNarrowsToInnovationsCarryingItsValue) {
  const auto all = all_cards("/inovasi");
  ASSERT_GT(all.size(), 20u);
  const Card& c = all.front();
  struct Case {
    std::string query;
    std::function<bool(const Card&)> carries;
  };
  const std::vector<Case> cases = {
      {"daerah=" + c.region, [&](const Card& x) { return x.region == c.region; }},
      {"provinsi=" + c.region.substr(0, 2), [&](const Card& x) { return x.region.rfind(c.region.substr(0, 2), 0) == 0; }},
      {"urusan=" + c.sector, [&](const Card& x) { return x.sector == c.sector; }},
      {"bentuk=" + c.form, [&](const Card& x) { return x.form == c.form; }},
      {"tahap=" + c.stage, [&](const Card& x) { return x.stage == c.stage; }},
      {"status=" + c.status, [&](const Card& x) { return x.status == c.status; }},
      {"sumber=" + c.source, [&](const Card& x) { return x.source == c.source; }},
      {"tahun=" + c.year, [&](const Card& x) { return x.year == c.year; }},
      {std::string("digital=") + (c.digital ? "1" : "0"), [&](const Card& x) { return x.digital == c.digital; }},
      {"penghargaan=1", [](const Card& x) { return x.award; }},
  };
  for (const auto& k : cases) {
    auto found = all_cards("/inovasi?" + k.query);
    EXPECT_FALSE(found.empty()) << k.query;
    EXPECT_LT(found.size(), all.size()) << k.query << " did not narrow the directory";
    std::size_t expected = 0;
    for (const auto& x : all) expected += k.carries(x) ? 1 : 0;
    EXPECT_EQ(found.size(), expected) << k.query;
    for (const auto& x : found) EXPECT_TRUE(k.carries(x)) << k.query << ": innovation " << x.id;
  }
  // Filters combine, and the "next" link keeps them.
  auto both = all_cards("/inovasi?provinsi=" + c.region.substr(0, 2) + "&urusan=" + c.sector);
  for (const auto& x : both) EXPECT_TRUE(x.sector == c.sector && x.region.rfind(c.region.substr(0, 2), 0) == 0);
  auto sector_page = http_get(port(), "/inovasi?urusan=" + c.sector);
  if (auto next = next_link(sector_page.body); !next.empty()) EXPECT_NE(next.find("urusan=" + c.sector), std::string::npos);
}

TEST_F(InnovationPages, FilterFormWorksWithoutJavascriptAndLabelsEveryField) {
  auto r = http_get(port(), "/inovasi?provinsi=73");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<form class=\"directory-filters\" method=\"get\" action=\"/inovasi\""), std::string::npos);
  for (const char* name : {"provinsi", "daerah", "urusan", "bentuk", "digital", "tahap", "status", "sumber", "tahun",
                           "penghargaan"}) {
    EXPECT_NE(r.body.find("name=\"" + std::string(name) + "\""), std::string::npos) << name;
    EXPECT_NE(r.body.find("<label for=\"f-" + std::string(name) + "\">"), std::string::npos) << name;
  }
  // A chosen province offers its regencies and cities, by name.
  EXPECT_NE(r.body.find("<option value=\"73.72\">Kota Parepare</option>"), std::string::npos);
  EXPECT_NE(r.body.find("<option value=\"73\" selected>"), std::string::npos);
}

TEST_F(InnovationPages, NoMatchShowsTheEmptyState) {
  auto r = http_get(port(), "/inovasi?tahun=1991");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(cards_of(r.body).empty());
  EXPECT_NE(r.body.find("class=\"empty\""), std::string::npos);
}

TEST_F(InnovationPages, ProfileShowsEverySectionUnderItsSlugAddress) {
  auto list = http_get(port(), "/inovasi?penghargaan=1");
  auto href = first_href(list.body, "/inovasi/\\d+-");
  ASSERT_FALSE(href.empty()) << "cards link to /inovasi/{id}-{slug}";
  auto r = http_get(port(), href);
  ASSERT_EQ(r.status, 200) << href;
  for (const char* section : {"id=\"problem\"", "id=\"solution\"", "id=\"novelty\"", "id=\"beneficiaries\"",
                              "id=\"results\"", "id=\"biaya\"", "id=\"tahap\"", "id=\"instansi\"",
                              "id=\"penghargaan\"", "id=\"status\""})
    EXPECT_NE(r.body.find(section), std::string::npos) << section;
  EXPECT_NE(r.body.find("Terakhir diverifikasi"), std::string::npos);
  EXPECT_NE(r.body.find("class=\"breadcrumbs\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/daerah/"), std::string::npos);
  EXPECT_NE(r.body.find(href + "/cetak"), std::string::npos);
  EXPECT_NE(r.body.find("class=\"site-header\""), std::string::npos);

  const std::string id = href.substr(9, href.find('-') - 9);
  EXPECT_EQ(http_get(port(), "/inovasi/" + id).status, 200);
  auto moved = http_get(port(), "/inovasi/" + id + "-nama-lama");
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.header("location"), href);
  // The same profile in English.
  auto en = http_get(port(), href, {{"Accept-Language", "en"}});
  EXPECT_NE(en.body.find("How it works"), std::string::npos);
  EXPECT_EQ(en.body.find("Cara kerja"), std::string::npos);
}

// Published profiles share their rendered body between visitors for a few
// seconds, per version: a saved edit (a new version) shows on the next view.
TEST_F(InnovationPages, AnEditShowsOnTheNextViewOfACachedProfile) {
  const auto db = *data_ / "lumbung.db";
  const auto id = sqlite(db, "SELECT min(id) FROM innovations WHERE state = 'published';");
  ASSERT_FALSE(id.empty());
  auto view = [&] {
    auto r = http_get(port(), "/inovasi/" + id);
    if (r.status == 301) r = http_get(port(), r.header("location"));
    return r;
  };
  auto first = view();
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(view().body.find("Ringkasan diubah untuk uji"), std::string::npos);
  sqlite(db, "UPDATE innovations SET summary = 'Ringkasan diubah untuk uji', version = version + 1 WHERE id = " + id +
                 ";");
  auto edited = view();
  ASSERT_EQ(edited.status, 200);
  EXPECT_NE(edited.body.find("Ringkasan diubah untuk uji"), std::string::npos);
  // The layout around the shared body is still the visitor's own page.
  EXPECT_NE(edited.body.find("class=\"site-header\""), std::string::npos);
  EXPECT_NE(edited.body.find("application/ld+json"), std::string::npos);
}

TEST_F(InnovationPages, PrintViewIsTheProfileWithoutTheSiteChrome) {
  auto href = first_href(http_get(port(), "/inovasi").body, "/inovasi/\\d+-");
  auto r = http_get(port(), href + "/cetak");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<html lang=\"id\">"), std::string::npos);
  EXPECT_NE(r.body.find("class=\"print-sheet\""), std::string::npos);
  EXPECT_NE(r.body.find("<h1>"), std::string::npos);
  EXPECT_NE(r.body.find("Cara kerja"), std::string::npos);
  EXPECT_EQ(r.body.find("site-header"), std::string::npos);
  EXPECT_EQ(r.body.find("site-footer"), std::string::npos);
  EXPECT_EQ(r.body.find("<nav"), std::string::npos);
  EXPECT_EQ(http_get(port(), "/inovasi/999999/cetak").status, 404);
}

TEST_F(InnovationPages, UnknownAndHiddenProfilesAreNotFoundForVisitors) {
  for (const char* target : {"/inovasi/999999", "/inovasi/0", "/inovasi/abc", "/inovasi/12abc",
                             "/inovasi/99999999999999999999999", "/inovasi/-1"})
    EXPECT_EQ(http_get(port(), target).status, 404) << target;
  ASSERT_FALSE(hidden_->empty());
  EXPECT_EQ(http_get(port(), "/inovasi/" + *hidden_).status, 404);
  EXPECT_EQ(http_get(port(), "/inovasi/" + *hidden_ + "/cetak").status, 404);
}

TEST_F(InnovationPages, RegionProfilesByKemendagriCode) {
  const auto card = all_cards("/inovasi").front();
  auto regency = http_get(port(), "/daerah/" + card.region);
  ASSERT_EQ(regency.status, 200);
  EXPECT_NE(regency.body.find("href=\"/inovasi?daerah=" + card.region + "\""), std::string::npos);
  EXPECT_NE(regency.body.find("href=\"/unit/"), std::string::npos) << "units with their counts";
  EXPECT_NE(regency.body.find("&amp;urusan="), std::string::npos) << "counts by sector";
  EXPECT_NE(regency.body.find("href=\"/inovasi/"), std::string::npos) << "its latest innovations";

  const auto province_code = card.region.substr(0, 2);
  auto province = http_get(port(), "/daerah/" + province_code);
  ASSERT_EQ(province.status, 200);
  EXPECT_NE(province.body.find("href=\"/daerah/" + card.region + "\""), std::string::npos)
      << "a province lists its regencies and cities";
  auto index = http_get(port(), "/daerah");
  ASSERT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("href=\"/daerah/" + province_code + "\""), std::string::npos);

  for (const char* target : {"/daerah/99.99", "/daerah/99", "/daerah/abc", "/daerah/73.72.1", "/daerah/7"})
    EXPECT_EQ(http_get(port(), target).status, 404) << target;
}

TEST_F(InnovationPages, UnitProfileListsItsInnovations) {
  auto list = http_get(port(), "/inovasi");
  auto unit = first_href(list.body, "/unit/\\d+");
  ASSERT_FALSE(unit.empty());
  auto r = http_get(port(), unit);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("href=\"/inovasi/"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/daerah/"), std::string::npos);
  EXPECT_EQ(http_get(port(), "/unit/999999").status, 404);
  EXPECT_EQ(http_get(port(), "/unit/abc").status, 404);
}

TEST_F(InnovationPages, HomeCardsShowNamesAndLinkToProfiles) {
  auto r = http_get(port(), "/");
  ASSERT_EQ(r.status, 200);
  EXPECT_FALSE(first_href(r.body, "/inovasi/\\d+-").empty());
  EXPECT_FALSE(std::regex_search(r.body, std::regex(R"(Daerah: \d\d\.\d\d)"))) << "a region shown as its code";
  EXPECT_FALSE(std::regex_search(r.body, std::regex(R"(Urusan: [a-z-]+<)"))) << "a sector shown as its key";
}

TEST_F(InnovationPages, JunkQueriesNeverCauseAServerError) {
  const char* junk[] = {"/inovasi?provinsi=abc",
                        "/inovasi?daerah=%00",
                        "/inovasi?tahun=99999999999999999999",
                        "/inovasi?tahun=-1",
                        "/inovasi?setelah=99999999999999999999999.1",
                        "/inovasi?setelah=abc",
                        "/inovasi?setelah=1.",
                        "/inovasi?digital=mungkin&penghargaan=2",
                        "/inovasi?urusan=%3Cscript%3E",
                        "/inovasi?provinsi=73&provinsi=74",
                        "/inovasi?=&&&=",
                        "/inovasi?%ZZ=1&tahap=%E0%A4",
                        "/inovasi?status=berlanjut%27%20OR%201=1--",
                        "/daerah/%2e%2e",
                        "/unit/0"};
  for (const char* target : junk) {
    auto r = http_get(port(), target);
    EXPECT_GT(r.status, 0) << target;
    EXPECT_LT(r.status, 500) << target;
  }
  // An ignored value says so and keeps the page usable.
  auto r = http_get(port(), "/inovasi?tahap=bulan");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("diabaikan"), std::string::npos);
  // No script but the site's own files (no inline script: the CSP forbids it anyway).
  static const std::regex script_re("<script(?! src=\"/static/js/[a-z_-]+\\.js\" defer></script>)");
  EXPECT_FALSE(std::regex_search(r.body, script_re));
}

}  // namespace
}  // namespace lumbung
