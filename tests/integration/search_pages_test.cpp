// The search pages of the real server on a seeded demo: results with
// highlighted words, facets that narrow, paging, spelling, bad parameters that
// must never cause a 500, escaping, the problem finder's "why it matched"
// lines, similar innovations on profiles, and likely duplicates for curators.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include "support/http_session.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

const std::string kPassword = "kata-sandi-uji-panjang";

std::string sqlite(const fs::path& db, const std::string& sql) {
  std::string cmd = "sqlite3 '" + db.string() + "' \"" + sql + "\"";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    std::array<char, 512> buf{};
    while (std::fgets(buf.data(), buf.size(), p)) out += buf.data();
    ::pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string unescape(std::string s) {
  for (std::size_t at; (at = s.find("&amp;")) != std::string::npos;) s.replace(at, 5, "&");
  return s;
}

// The total the page announces; -1 when it shows none.
long total_of(const std::string& html) {
  std::smatch m;
  return std::regex_search(html, m, std::regex(R"re(data-total="(\d+)")re")) ? std::stol(m[1]) : -1;
}

std::vector<std::string> hit_ids(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex re(R"re(<li class="hit" data-id="(\d+)">)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

std::string link_with_rel(const std::string& html, const std::string& rel) {
  std::smatch m;
  return std::regex_search(html, m, std::regex("rel=\"" + rel + "\" href=\"([^\"]+)\"")) ? unescape(m[1]) : "";
}

// The part of the page between `start` and the next `end`.
std::string between(const std::string& html, const std::string& start, const std::string& end) {
  const auto a = html.find(start);
  if (a == std::string::npos) return "";
  const auto b = html.find(end, a);
  return html.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

struct FacetValue {
  std::string href, value;
  long count = 0;
};

std::vector<FacetValue> facet_values(const std::string& html, const std::string& facet) {
  std::vector<FacetValue> out;
  const auto section = between(html, "data-facet=\"" + facet + "\"", "</section>");
  static const std::regex re(
      R"re(<a href="([^"]+)" data-value="([^"]+)"[^>]*>.*?<span class="count">([\d.]+)</span>)re");
  for (auto it = std::sregex_iterator(section.begin(), section.end(), re); it != std::sregex_iterator(); ++it) {
    std::string digits = (*it)[3];
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    out.push_back({unescape((*it)[1]), (*it)[2], std::stol(digits)});
  }
  return out;
}

// A word of `text` of at least `min` letters, lower case ("" if none).
std::string long_word(const std::string& text, std::size_t min) {
  std::string word, best;
  for (char c : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (word.size() >= min && word.size() > best.size()) best = word;
      word.clear();
    }
  }
  return best;
}

class SearchPages : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-it-search-" + std::to_string(::getpid())));
    fs::remove_all(*data_);
    fs::create_directories(*data_);
    auto seeded = run_lumbung({"seed-demo", "--data", data_->string(), "--scale", "200"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    for (const auto& u : std::vector<std::vector<std::string>>{{"kurator@lumbung.go.id", "curator", "national"},
                                                                {"ra@pareparekota.go.id", "region_admin", "region:73.72"}}) {
      auto r = run_lumbung_with_input({"user", "add", "--data", data_->string(), "--email", u[0], "--name",
                                       "Uji " + u[1], "--role", u[1], "--scope", u[2], "--password-stdin"},
                                      kPassword + "\n");
      ASSERT_EQ(r.exit_code, 0) << r.output;
    }
    const auto db = *data_ / "lumbung.db";
    published_ = new long(std::stol(sqlite(db, "SELECT count(*) FROM innovations WHERE state = 'published';")));
    server_ = new ServerProcess({"--data", data_->string()});
    // The index catches up with the seeded database in the background.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
    while (std::chrono::steady_clock::now() < deadline) {
      auto r = http_get(server_->port(), "/cari");
      if (r.status == 200 && total_of(r.body) == *published_) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete published_;
    delete data_;
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr) << "the server did not start";
    ASSERT_EQ(total_of(http_get(port(), "/cari").body), *published_) << "the index never caught up";
  }
  static int port() { return server_->port(); }
  static std::string db_value(const std::string& sql) { return sqlite(*data_ / "lumbung.db", sql); }

  // Polls `target` until `ready` holds for the page (the index updates in the background).
  template <class Ready>
  static HttpReply wait_for(const std::string& target, Ready ready, const Browser* as = nullptr) {
    HttpReply r;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (std::chrono::steady_clock::now() < deadline) {
      r = as ? send(port(), "GET", target, *as) : http_get(port(), target);
      if (ready(r)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return r;
  }

  static inline fs::path* data_ = nullptr;
  static inline long* published_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(SearchPages, FindsInnovationsByANameWordAndHighlightsIt) {
  const auto id = db_value("SELECT id FROM innovations WHERE state = 'published' ORDER BY id LIMIT 1;");
  const auto word = long_word(db_value("SELECT summary FROM innovations WHERE id = " + id + ";"), 6);
  ASSERT_FALSE(word.empty());
  auto r = http_get(port(), "/cari?q=" + form_encode(word));
  ASSERT_EQ(r.status, 200);
  EXPECT_GT(total_of(r.body), 0);
  EXPECT_LT(total_of(r.body), *published_) << word << " matched everything";
  EXPECT_NE(r.body.find("<mark>"), std::string::npos) << "no highlighted word";
  EXPECT_NE(r.body.find("value=\"" + word + "\""), std::string::npos) << "the header box keeps the query";
  const auto ids = hit_ids(r.body);
  ASSERT_FALSE(ids.empty());
  EXPECT_LE(ids.size(), 20u);
  // Each result links to its profile.
  EXPECT_NE(r.body.find("<h3><a href=\"/inovasi/" + ids.front()), std::string::npos);
}

TEST_F(SearchPages, EmptyQueryBrowsesEverythingWithFacets) {
  auto r = http_get(port(), "/cari");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(total_of(r.body), *published_);
  EXPECT_EQ(hit_ids(r.body).size(), 20u);
  for (const char* facet : {"province", "region_type", "sector", "form", "digital", "stage", "status", "source", "year"})
    EXPECT_FALSE(facet_values(r.body, facet).empty()) << facet;
  // Province facet values are named, not codes.
  EXPECT_NE(between(r.body, "data-facet=\"province\"", "</section>").find("Sulawesi"), std::string::npos);
  EXPECT_EQ(r.body.find("data-sort=\"relevance\""), std::string::npos) << "no relevance without words";
}

TEST_F(SearchPages, FacetLinkNarrowsTheTotalAndTheChipRemovesIt) {
  auto all = http_get(port(), "/cari");
  const auto sectors = facet_values(all.body, "sector");
  ASSERT_GE(sectors.size(), 2u);
  const auto& pick = sectors.front();
  ASSERT_LT(pick.count, *published_);
  auto narrowed = http_get(port(), pick.href);
  ASSERT_EQ(narrowed.status, 200) << pick.href;
  EXPECT_EQ(total_of(narrowed.body), pick.count) << "the count beside the link is what it finds";
  // The chosen value is marked, and its chip takes it away again.
  const auto chosen = facet_values(narrowed.body, "sector");
  EXPECT_NE(between(narrowed.body, "data-facet=\"sector\"", "</section>").find("aria-current=\"true\""),
            std::string::npos);
  std::smatch m;
  const std::string chips = between(narrowed.body, "class=\"chips\"", "</ul>");
  ASSERT_TRUE(std::regex_search(chips, m, std::regex(R"re(class="chip" href="([^"]+)")re"))) << "no chip";
  EXPECT_EQ(total_of(http_get(port(), unescape(m[1])).body), *published_);
  // A second facet narrows further (AND across facets).
  const auto stages = facet_values(narrowed.body, "stage");
  ASSERT_FALSE(stages.empty());
  auto both = http_get(port(), stages.front().href);
  EXPECT_EQ(total_of(both.body), stages.front().count);
  EXPECT_LE(stages.front().count, pick.count);
  EXPECT_NE(stages.front().href.find("sector=" + pick.value), std::string::npos) << "the link keeps the first filter";
}

TEST_F(SearchPages, PagesAreDisjointAndLinked) {
  auto first = http_get(port(), "/cari");
  const auto next = link_with_rel(first.body, "next");
  ASSERT_FALSE(next.empty());
  EXPECT_NE(next.find("page=2"), std::string::npos);
  auto second = http_get(port(), next);
  ASSERT_EQ(second.status, 200);
  const auto a = hit_ids(first.body), b = hit_ids(second.body);
  ASSERT_FALSE(b.empty());
  for (const auto& id : b) EXPECT_EQ(std::count(a.begin(), a.end(), id), 0) << "pages overlap at " << id;
  EXPECT_NE(second.body.find("<span aria-current=\"page\">2</span>"), std::string::npos);
  EXPECT_NE(second.body.find("<ol class=\"hits\" start=\"21\">"), std::string::npos);
  EXPECT_FALSE(link_with_rel(second.body, "prev").empty());
  // Past the last page: a way back, not an error.
  auto beyond = http_get(port(), "/cari?page=400");
  EXPECT_EQ(beyond.status, 200);
  EXPECT_TRUE(hit_ids(beyond.body).empty());
  EXPECT_NE(beyond.body.find("href=\"/cari\""), std::string::npos);
}

TEST_F(SearchPages, BadParametersGetAClearMessageNeverA500) {
  for (const std::string target :
       {"/cari?sort=bogus", "/cari?q=x&sort=", "/cari?year_from=abc", "/cari?year_from=2020&year_to=2010",
        "/cari?sector=%3Cx%3E", "/cari?page=0", "/cari?page=abc", "/cari?facets=nope", "/cari?year_to=99999"}) {
    auto r = http_get(port(), target);
    if (target == "/cari?q=x&sort=") {  // an empty field is "not set"
      EXPECT_EQ(r.status, 200) << target;
      continue;
    }
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_NE(r.body.find("data-search-error"), std::string::npos) << target;
    EXPECT_NE(r.body.find("<form class=\"wrap site-search\" action=\"/cari\""), std::string::npos)
        << target << ": the search box is still there";
  }
  // Junk that is not a parameter error is searched or ignored.
  for (const std::string& target : std::vector<std::string>{"/cari?q=%22unclosed", "/cari?q=-", "/cari?q=%E2%80%8B", "/cari?q=((((",
                                   "/cari?q=a&unknown=1", "/cari?q=" + std::string(300, 'a')}) {
    EXPECT_EQ(http_get(port(), target).status, 200) << target;
  }
}

TEST_F(SearchPages, HtmlInTheQueryIsEscapedEverywhere) {
  auto r = http_get(port(), "/cari?q=" + form_encode("<script>alert(1)</script>\"><img src=x onerror=alert(2)>"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(r.body.find("<img src=x"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x"), std::string::npos);
  // In links too: the query is percent-encoded there.
  EXPECT_EQ(r.body.find("href=\"/cari?q=<"), std::string::npos);
  EXPECT_NE(r.headers.find("content-security-policy"), r.headers.end());
}

TEST_F(SearchPages, MisspeltWordsAreCorrectedOrSuggested) {
  const auto id = db_value("SELECT id FROM innovations WHERE state = 'published' ORDER BY id LIMIT 1;");
  auto word = long_word(db_value("SELECT problem FROM innovations WHERE id = " + id + ";"), 7);
  ASSERT_FALSE(word.empty());
  // A typing slip: two neighbouring letters swapped.
  std::size_t at = 2;
  while (at + 1 < word.size() && word[at] == word[at + 1]) ++at;
  ASSERT_LT(at + 1, word.size()) << word;
  std::swap(word[at], word[at + 1]);
  auto r = http_get(port(), "/cari?q=" + form_encode(word));
  ASSERT_EQ(r.status, 200);
  const bool corrected = r.body.find("data-corrected") != std::string::npos;
  const bool suggested = r.body.find("data-suggestion") != std::string::npos;
  EXPECT_TRUE(corrected || suggested) << word;
  if (corrected) {
    EXPECT_GT(total_of(r.body), 0);
    // The words as typed stay one click away, and then a suggestion remains.
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.body, m, std::regex(R"re(data-corrected>.*?<a href="([^"]+)")re")));
    const auto exact = unescape(m[1]);
    EXPECT_NE(exact.find("exact=1"), std::string::npos);
    auto original = http_get(port(), exact);
    EXPECT_EQ(original.status, 200);
    EXPECT_NE(original.body.find("data-suggestion"), std::string::npos);
  }
}

TEST_F(SearchPages, SolutionFinderExplainsWhyEachResultMatched) {
  auto empty = http_get(port(), "/solusi");
  ASSERT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("<textarea id=\"problem\" name=\"problem\""), std::string::npos);
  EXPECT_NE(empty.body.find("placeholder=\"Misalnya: antrean pasien di puskesmas"), std::string::npos);
  EXPECT_EQ(total_of(empty.body), -1) << "no search without a problem";

  const auto problem = db_value(
      "SELECT substr(problem, 1, 300) FROM innovations WHERE state = 'published' AND length(problem) > 80 ORDER BY id "
      "LIMIT 1;");
  ASSERT_FALSE(problem.empty());
  auto r = http_get(port(), "/solusi?problem=" + form_encode(problem));
  ASSERT_EQ(r.status, 200);
  EXPECT_GT(total_of(r.body), 0);
  EXPECT_NE(r.body.find("data-why>Cocok pada masalah"), std::string::npos) << "no why-line on the problem field";
  EXPECT_NE(r.body.find("<mark>"), std::string::npos);

  // Region type and sector narrow the results and stay chosen.
  auto narrowed = http_get(port(), "/solusi?problem=" + form_encode(problem) + "&region_type=city&sector=kesehatan");
  ASSERT_EQ(narrowed.status, 200);
  EXPECT_LE(total_of(narrowed.body), total_of(r.body));
  EXPECT_NE(narrowed.body.find("<option value=\"city\" selected>"), std::string::npos);
  EXPECT_NE(narrowed.body.find("<option value=\"kesehatan\" selected>"), std::string::npos);

  EXPECT_EQ(http_get(port(), "/solusi?problem=" + std::string(2001, 'a')).status, 400);
  EXPECT_EQ(http_get(port(), "/solusi?problem=antrean&sector=%3Cb%3E").status, 400);
  EXPECT_EQ(http_get(port(), "/solusi?problem=antrean&page=x").status, 400);
}

TEST_F(SearchPages, ProfileListsSimilarInnovations) {
  const auto id = db_value("SELECT id FROM innovations WHERE state = 'published' ORDER BY id LIMIT 1;");
  auto r = http_get(port(), "/inovasi/" + id);
  if (r.status == 301) r = http_get(port(), r.header("location"));
  ASSERT_EQ(r.status, 200);
  const auto similar = between(r.body, "id=\"serupa\"", "</section>");
  ASSERT_FALSE(similar.empty()) << "no \"Inovasi serupa\"";
  EXPECT_NE(similar.find("Inovasi serupa"), std::string::npos);
  static const std::regex item(R"re(<li data-id="(\d+)"><a href="/inovasi/\d+)re");
  std::set<std::string> ids;
  for (auto it = std::sregex_iterator(similar.begin(), similar.end(), item); it != std::sregex_iterator(); ++it)
    ids.insert((*it)[1]);
  EXPECT_GE(ids.size(), 1u);
  EXPECT_LE(ids.size(), 5u);
  EXPECT_EQ(ids.count(id), 0u) << "an innovation is not similar to itself";
}

TEST_F(SearchPages, CuratorSeesLikelyDuplicatesOthersDoNot) {
  // A curator enters a copy of a published innovation of Kota Parepare's province and publishes it.
  const auto original = db_value(
      "SELECT id FROM innovations WHERE state = 'published' AND length(problem) > 80 ORDER BY id LIMIT 1;");
  auto field = [&](const char* column) {
    return db_value(std::string("SELECT ") + column + " FROM innovations WHERE id = " + original + ";");
  };
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto created = send(port(), "POST", "/inovasi/baru", curator,
                      "name=" + form_encode(field("name") + " Parepare") + "&region_code=73.72");
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  std::smatch m;
  const auto location = created.header("location");
  ASSERT_TRUE(std::regex_search(location, m, std::regex(R"(^/inovasi/(\d+)/ubah)"))) << location;
  const std::string copy = m[1];
  const auto body = "name=" + form_encode(field("name") + " Parepare") + "&summary=" + form_encode(field("summary")) +
                    "&problem=" + form_encode(field("problem")) + "&solution=" + form_encode(field("solution")) +
                    "&results=" + form_encode(field("results")) + "&region_code=73.72&sector=" + field("sector") +
                    "&form=pelayanan_publik&stage=penerapan&digital=1&status=berlanjut&year_started=2021" +
                    "&budget_amount=150.000.000&trial_date=2021-01-10&implementation_date=2021-06-01";
  auto saved = send(port(), "POST", "/inovasi/" + copy + "/ubah", curator, body + "&version=1");
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 3000);
  ASSERT_EQ(send(port(), "POST", "/inovasi/" + copy + "/ajukan", curator, "version=2").status, 303);
  ASSERT_EQ(send(port(), "POST", "/inovasi/" + copy + "/terbitkan", curator, "version=3").status, 303);

  auto page = wait_for(
      "/inovasi/" + copy + "/ubah",
      [&](const HttpReply& r) { return r.body.find("<li data-id=\"" + original + "\">") != std::string::npos; },
      &curator);
  ASSERT_EQ(page.status, 200);
  const auto duplicates = between(page.body, "class=\"duplicates\"", "</div>");
  ASSERT_FALSE(duplicates.empty()) << "no \"Kemungkinan duplikat\" for the curator";
  EXPECT_NE(duplicates.find("Kemungkinan duplikat"), std::string::npos);
  EXPECT_NE(duplicates.find("<li data-id=\"" + original + "\">"), std::string::npos);

  // The region admin may edit the copy too, but duplicates are the curators' work.
  auto region_admin = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto theirs = send(port(), "GET", "/inovasi/" + copy + "/ubah", region_admin);
  ASSERT_EQ(theirs.status, 200);
  EXPECT_EQ(theirs.body.find("class=\"duplicates\""), std::string::npos);
}

}  // namespace
}  // namespace lumbung
