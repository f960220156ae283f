// The search API against the real binary: /api/v1/search (results, snippets,
// facets, filters, paging), /api/v1/solutions (the problem finder) and
// /api/v1/suggest, their problem+json answers to bad input, and their
// responses against the OpenAPI document. The data is a small demo repository
// plus five published innovations, made through the API, that share the word
// "wairisal" (in no demo text).
#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/http_session.hpp"
#include "support/json_schema.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace testing_support;

json body_of(const HttpReply& r) { return json::parse(r.body, nullptr, false); }

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// `lumbung token create`'s token (support/server_process.hpp); fails the test without one.
std::string create_token(const fs::path& dir, const std::string& name, const std::string& role, const std::string& scope) {
  auto token = create_api_token(dir.string(), name, role, scope);
  EXPECT_FALSE(token.empty()) << "lumbung token create printed no token";
  return token;
}

struct Seeded {
  std::string name, sector, region;
  bool digital;
  int year;
  std::string problem;
};

// The five "wairisal" innovations: three sectors, both digital values, 2019-2023.
const std::vector<Seeded>& seeded() {
  static const std::vector<Seeded> items = {
      {"Posyandu Wairisal Sehat", "kesehatan", "73.72", true, 2021,
       "Ibu hamil di pulau terpencil sulit menjangkau posyandu karena perahu jarang berlayar."},
      {"Wairisal Pintar Membaca", "pendidikan", "73.71", false, 2019,
       "Anak sekolah dasar di pesisir belum lancar membaca karena buku bacaan langka."},
      {"Wairisal Keliling Adminduk", "kependudukan", "73.72", true, 2023,
       "Warga lanjut usia sulit datang ke kantor Disdukcapil untuk merekam KTP elektronik."},
      {"Wairisal Gizi Balita", "kesehatan", "73.71", false, 2020,
       "Balita kurang gizi tidak terpantau karena kader tidak mencatat penimbangan."},
      {"Kader Wairisal Tanggap", "kesehatan", "73.72", true, 2022,
       "Kasus demam berdarah terlambat dilaporkan ke puskesmas oleh warga desa."},
  };
  return items;
}

json profile(const Seeded& s) {
  return {{"name", s.name},
          {"summary", "Inovasi wairisal: " + s.name + " untuk warga."},
          {"problem", s.problem},
          {"solution", "Petugas dan kader wairisal datang langsung ke warga dengan jadwal tetap."},
          {"results", "Ratusan warga terlayani setiap tahun."},
          {"region_code", s.region},
          {"unit_name", "Dinas Uji Pencarian"},
          {"sector", s.sector},
          {"form", "pelayanan_publik"},
          {"digital", s.digital},
          {"stage", "penerapan"},
          {"status", "berlanjut"},
          {"source_program", "lumbung"},
          {"year_started", s.year},
          {"state", "published"}};
}

void expect_problem(const HttpReply& r, int status, const std::string& what, const std::string& field = "") {
  EXPECT_EQ(r.status, status) << what << ": " << r.body.substr(0, 400);
  EXPECT_EQ(r.header("content-type"), "application/problem+json") << what;
  auto b = body_of(r);
  ASSERT_TRUE(b.is_object()) << what << ": " << r.body.substr(0, 200);
  EXPECT_EQ(b.value("status", 0), status) << what;
  EXPECT_TRUE(b.contains("title") && b["title"].is_string()) << what;
  EXPECT_TRUE(b.contains("detail") && b["detail"].is_string()) << what;
  if (field.empty()) return;
  bool found = false;
  for (const auto& e : b.value("errors", json::array()))
    if (e.value("field", "") == field && e.contains("message") && e["message"].is_string() && e.contains("key") &&
        e["key"].is_string())
      found = true;
  EXPECT_TRUE(found) << what << ": no error for field " << field << " in " << r.body.substr(0, 400);
}

std::uint64_t facet_sum(const json& body, const std::string& facet) {
  std::uint64_t sum = 0;
  for (const auto& c : body["facets"].value(facet, json::array())) sum += c["count"].get<std::uint64_t>();
  return sum;
}

std::uint64_t facet_count(const json& body, const std::string& facet, const std::string& value) {
  for (const auto& c : body["facets"].value(facet, json::array()))
    if (c["value"] == value) return c["count"].get<std::uint64_t>();
  return 0;
}

class SearchApiTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-search-api-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    auto seeded_demo = run_lumbung({"seed-demo", "--data", dir_->string(), "--count", "60"});
    ASSERT_EQ(seeded_demo.exit_code, 0) << seeded_demo.output;
    const auto token = create_token(*dir_, "kurator-cari", "curator", "national");
    server_ = new ServerProcess({"--data", dir_->string()});
    ids_ = new std::vector<std::int64_t>();
    for (const auto& s : seeded()) {
      std::string body = profile(s).dump();
      auto r = http_raw(server_->port(), "POST /api/v1/innovations HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                         "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                                         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
      ASSERT_EQ(r.status, 201) << s.name << ": " << r.body.substr(0, 400);
      ids_->push_back(body_of(r)["id"].get<std::int64_t>());
    }
    // Published innovations, as the list API counts them.
    published_ = 0;
    std::string cursor;
    for (int n = 0; n < 100; ++n) {
      auto page = body_of(http_get(server_->port(), "/api/v1/innovations?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor)));
      ASSERT_TRUE(page.is_object());
      published_ += page["items"].size();
      if (page["next_cursor"].is_null()) break;
      cursor = page["next_cursor"].get<std::string>();
    }
    // The indexer applies the changes in the background: wait (with a
    // generous deadline, never asserting on time) until all are searchable.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);
    for (;;) {
      auto all = body_of(http_get(server_->port(), "/api/v1/search?limit=1&facets=sector"));
      auto mine = body_of(http_get(server_->port(), "/api/v1/search?q=wairisal&limit=1&facets=sector"));
      if (all.is_object() && mine.is_object() && all.value("total", 0u) == published_ &&
          mine.value("total", 0u) == seeded().size())
        break;
      ASSERT_LT(std::chrono::steady_clock::now(), deadline)
          << "not searchable: " << all.dump().substr(0, 200) << " / " << mine.dump().substr(0, 200);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    delete ids_;
    delete dir_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "the server did not start"; }
  static int port() { return server_->port(); }
  static HttpReply get(const std::string& target) { return http_get(port(), target); }
  // GET that must answer 200 JSON; the body.
  static json ok(const std::string& target) {
    auto r = get(target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body.substr(0, 400);
    EXPECT_EQ(r.header("content-type"), "application/json") << target;
    auto b = body_of(r);
    EXPECT_TRUE(b.is_object()) << target;
    return b.is_object() ? b : json::object();
  }
  static inline fs::path* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline std::vector<std::int64_t>* ids_ = nullptr;
  static inline std::uint64_t published_ = 0;
};

TEST_F(SearchApiTest, ResultsMatchTheQueryWithSnippetScoreAndUrl) {
  auto b = ok("/api/v1/search?q=wairisal");
  EXPECT_EQ(b["total"], seeded().size());
  ASSERT_EQ(b["results"].size(), seeded().size());
  EXPECT_TRUE(b["suggestion"].is_null());
  EXPECT_EQ(b["corrected"], false);
  EXPECT_TRUE(b["ignored_words"].is_array());
  EXPECT_TRUE(b["next_cursor"].is_null());
  std::set<std::int64_t> ids;
  double previous = 2;
  for (const auto& hit : b["results"]) {
    const auto id = hit["id"].get<std::int64_t>();
    ids.insert(id);
    EXPECT_NE(lower(hit["name"].get<std::string>() + " " + hit["summary"].get<std::string>()).find("wairisal"),
              std::string::npos)
        << hit.dump();
    const double score = hit["score"].get<double>();
    EXPECT_GT(score, 0.0);
    EXPECT_LE(score, 1.0);
    EXPECT_LE(score, previous + 1e-9) << "not ranked by relevance";
    previous = score;
    EXPECT_NE(lower(hit["snippet"].get<std::string>()).find("wairisal"), std::string::npos) << hit["snippet"];
    EXPECT_NE(lower(hit["snippet_html"].get<std::string>()).find("<mark>wairisal</mark>"), std::string::npos)
        << hit["snippet_html"];
    EXPECT_EQ(hit["url"], "/inovasi/" + std::to_string(id) + "-" + hit["slug"].get<std::string>());
    EXPECT_FALSE(hit["matched"]["anywhere"].empty()) << hit.dump();
  }
  EXPECT_EQ(ids, std::set<std::int64_t>(ids_->begin(), ids_->end()));
  // The url is the innovation's page.
  const std::string url = b["results"][0]["url"];
  EXPECT_EQ(get(url).status, 200) << url;
  // Other words find other innovations, and none of these.
  auto other = ok("/api/v1/search?q=" + form_encode("\"wairisal\" -wairisal"));
  EXPECT_EQ(other["total"], 0);
}

TEST_F(SearchApiTest, FacetFiltersNarrowAndCountsAddUp) {
  auto all = ok("/api/v1/search?q=wairisal");
  const std::uint64_t total = all["total"];
  for (auto facet : {"sector", "digital", "year", "province", "region_type", "form", "stage", "status", "source"})
    EXPECT_EQ(facet_sum(all, facet), total) << facet << ": " << all["facets"].value(facet, json()).dump();
  EXPECT_EQ(facet_count(all, "sector", "kesehatan"), 3u);
  EXPECT_EQ(facet_count(all, "digital", "1"), 3u);
  EXPECT_EQ(facet_count(all, "province", "73"), total);

  auto health = ok("/api/v1/search?q=wairisal&sector=kesehatan");
  EXPECT_EQ(health["total"], 3);
  for (const auto& hit : health["results"]) EXPECT_EQ(hit["sector"], "kesehatan");
  // The filtered facet keeps its other values; the others count the filtered set.
  EXPECT_EQ(facet_sum(health, "sector"), total);
  EXPECT_EQ(facet_sum(health, "digital"), 3u);
  EXPECT_EQ(facet_sum(health, "year"), 3u);

  auto two = ok("/api/v1/search?q=wairisal&sector=kesehatan,pendidikan&digital=0");
  EXPECT_EQ(two["total"], 2);
  for (const auto& hit : two["results"]) EXPECT_EQ(hit["digital"], false);
  auto repeated = ok("/api/v1/search?q=wairisal&sector=kesehatan&sector=pendidikan&digital=0");
  EXPECT_EQ(repeated["total"], 2);

  auto years = ok("/api/v1/search?q=wairisal&year_from=2020&year_to=2022");
  EXPECT_EQ(years["total"], 3);
  for (const auto& hit : years["results"]) {
    EXPECT_GE(hit["year_started"].get<int>(), 2020);
    EXPECT_LE(hit["year_started"].get<int>(), 2022);
  }
  EXPECT_EQ(ok("/api/v1/search?q=wairisal&sector=tidak-ada")["total"], 0);

  // Only the facets asked for are counted.
  auto some = ok("/api/v1/search?q=wairisal&facets=sector,digital");
  std::set<std::string> names;
  for (const auto& [k, v] : some["facets"].items()) names.insert(k);
  EXPECT_EQ(names, (std::set<std::string>{"sector", "digital"}));

  // The whole repository (no words): every published innovation; counts add up.
  auto everything = ok("/api/v1/search?facets=sector,digital,province");
  EXPECT_EQ(everything["total"], published_);
  EXPECT_EQ(facet_sum(everything, "sector"), published_);
  EXPECT_EQ(facet_sum(everything, "digital"), published_);
  EXPECT_EQ(facet_sum(everything, "province"), published_);
  ASSERT_FALSE(everything["facets"]["sector"].empty());
  const auto& top = everything["facets"]["sector"][0];
  auto narrowed = ok("/api/v1/search?sector=" + top["value"].get<std::string>());
  EXPECT_EQ(narrowed["total"], top["count"]);
  EXPECT_LT(narrowed["total"].get<std::uint64_t>(), published_);
}

TEST_F(SearchApiTest, CursorPagesHaveNoOverlap) {
  std::vector<std::int64_t> paged;
  std::string cursor;
  int pages = 0;
  for (; pages < 10; ++pages) {
    auto b = ok("/api/v1/search?q=wairisal&limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
    EXPECT_EQ(b["total"], seeded().size());
    EXPECT_LE(b["results"].size(), 2u);
    for (const auto& hit : b["results"]) paged.push_back(hit["id"].get<std::int64_t>());
    if (b["next_cursor"].is_null()) break;
    cursor = b["next_cursor"].get<std::string>();
    EXPECT_FALSE(cursor.empty());
  }
  EXPECT_EQ(pages, 2);  // 2 + 2 + 1
  std::set<std::int64_t> unique(paged.begin(), paged.end());
  EXPECT_EQ(unique.size(), paged.size()) << "a hit was on two pages";
  EXPECT_EQ(unique, std::set<std::int64_t>(ids_->begin(), ids_->end()));
  // The pages follow the one-page order.
  std::vector<std::int64_t> single;
  const auto one_page = ok("/api/v1/search?q=wairisal&limit=100");
  for (const auto& hit : one_page["results"]) single.push_back(hit["id"]);
  EXPECT_EQ(paged, single);
  // Over the whole repository too.
  std::set<std::int64_t> seen;
  cursor.clear();
  for (int n = 0; n < 100; ++n) {
    auto b = ok("/api/v1/search?sort=newest&limit=7&facets=sector" + (cursor.empty() ? "" : "&cursor=" + cursor));
    for (const auto& hit : b["results"]) EXPECT_TRUE(seen.insert(hit["id"].get<std::int64_t>()).second) << hit["id"];
    if (b["next_cursor"].is_null()) break;
    cursor = b["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(seen.size(), published_);
}

TEST_F(SearchApiTest, BadParametersAreProblems) {
  for (auto [q, field] : std::vector<std::pair<std::string, std::string>>{
           {"limit=0", "limit"}, {"limit=101", "limit"}, {"limit=abc", "limit"}, {"limit=", "limit"},
           {"sort=popular", "sort"}, {"sort=", "sort"}, {"cursor=bukan-kursor", "cursor"},
           {"cursor=czI6MjA", "cursor"}, {"year_from=abc", "year_from"}, {"year_to=1800", "year_to"},
           {"year_from=2024&year_to=2020", "year_to"}, {"facets=nope", "facets"}, {"sector=kes%20ehatan", "sector"},
           {"q=" + std::string(2001, 'a'), "q"}}) {
    for (std::string path : {"/api/v1/search?q=wairisal&", "/api/v1/solutions?problem=antrean&"}) {
      if (field == "q" && path.find("solutions") != std::string::npos) continue;  // solutions read `problem`
      auto r = get(path + q);
      expect_problem(r, 400, path + q.substr(0, 60), field);
      EXPECT_NE(r.header("cache-control").rfind("public", 0), 0u) << "a problem is cached publicly: " << q;
    }
  }
  EXPECT_EQ(ok("/api/v1/search?q=wairisal&limit=100")["results"].size(), seeded().size());
  EXPECT_EQ(ok("/api/v1/search?q=wairisal&limit=1")["results"].size(), 1u);
  EXPECT_EQ(ok("/api/v1/search?q=wairisal&unknown=1")["total"], seeded().size());
  for (auto sort : {"relevance", "newest", "replicated"})
    EXPECT_EQ(ok(std::string("/api/v1/search?q=wairisal&sort=") + sort)["total"], seeded().size()) << sort;
}

TEST_F(SearchApiTest, SolutionsFindTheProblemAndRejectBlankOnes) {
  const auto& target = seeded()[2];  // the elderly and their identity cards
  auto b = ok("/api/v1/solutions?problem=" +
              form_encode("warga lanjut usia kesulitan datang ke kantor dukcapil untuk rekam ktp elektronik"));
  ASSERT_GT(b["total"].get<std::uint64_t>(), 0u);
  bool found = false;
  for (std::size_t i = 0; i < std::min<std::size_t>(5, b["results"].size()); ++i) {
    const auto& hit = b["results"][i];
    EXPECT_FALSE(hit["url"].get<std::string>().empty());
    if (hit["name"] == target.name) {
      found = true;
      EXPECT_FALSE(hit["matched"]["problem"].empty()) << hit.dump();
    }
  }
  EXPECT_TRUE(found) << target.name << " not in the first 5: " << b["results"].dump().substr(0, 800);
  EXPECT_TRUE(b["facets"].is_object());
  // Filters apply as on /api/v1/search.
  auto filtered = ok("/api/v1/solutions?problem=" + form_encode("balita kurang gizi wairisal") + "&sector=pendidikan");
  for (const auto& hit : filtered["results"]) EXPECT_EQ(hit["sector"], "pendidikan");
  EXPECT_EQ(ok("/api/v1/solutions?problem=antrean&region_type=city&sector=kesehatan&limit=3")["results"].size() <= 3,
            true);

  expect_problem(get("/api/v1/solutions"), 400, "no problem", "problem");
  expect_problem(get("/api/v1/solutions?problem="), 400, "empty problem", "problem");
  expect_problem(get("/api/v1/solutions?problem=+%20%09%0A"), 400, "blank problem", "problem");
  expect_problem(get("/api/v1/solutions?q=wairisal"), 400, "q is not the problem", "problem");
  expect_problem(get("/api/v1/solutions?problem=" + std::string(2001, 'a')), 400, "long problem", "problem");
  EXPECT_EQ(get("/api/v1/solutions?problem=" + std::string(2000, 'a')).status, 200);
}

TEST_F(SearchApiTest, SuggestGivesNamesStartingWithTheTypedWords) {
  auto b = ok("/api/v1/suggest?q=wairis");
  ASSERT_TRUE(b["suggestions"].is_array());
  EXPECT_GE(b["suggestions"].size(), 1u);
  EXPECT_LE(b["suggestions"].size(), 8u);
  for (const auto& s : b["suggestions"]) {
    std::istringstream words(lower(s["name"].get<std::string>()));
    bool starts = false;
    for (std::string w; words >> w;) starts = starts || w.rfind("wairis", 0) == 0;
    EXPECT_TRUE(starts) << s.dump();
    EXPECT_TRUE(std::find(ids_->begin(), ids_->end(), s["id"].get<std::int64_t>()) != ids_->end()) << s.dump();
    EXPECT_EQ(s["url"].get<std::string>().rfind("/inovasi/" + std::to_string(s["id"].get<std::int64_t>()), 0), 0u);
    EXPECT_FALSE(s["region_name"].get<std::string>().empty()) << s.dump();
  }
  // Two words: the first whole, the last partial.
  auto two = ok("/api/v1/suggest?q=" + form_encode("wairisal pint"));
  ASSERT_EQ(two["suggestions"].size(), 1u) << two.dump();
  EXPECT_EQ(two["suggestions"][0]["name"], "Wairisal Pintar Membaca");
  // Fewer than two characters: nothing.
  for (auto q : {"", "w", "%20w%20", "%C3%A9"}) EXPECT_TRUE(ok(std::string("/api/v1/suggest?q=") + q)["suggestions"].empty()) << q;
  EXPECT_TRUE(ok("/api/v1/suggest")["suggestions"].empty());
  expect_problem(get("/api/v1/suggest?q=" + std::string(201, 'a')), 400, "long q", "q");
  auto cached = get("/api/v1/suggest?q=wairis");
  EXPECT_EQ(cached.header("cache-control"), "public, max-age=60");
}

TEST_F(SearchApiTest, HostileTextIsNeverAServerError) {
  const std::vector<std::string> texts = {
      "\"", "\"wairisal", "wairisal\"", "\"\"\"", "((((", "))", "-", "--", "-wairisal", "+", "*", "wai*", "a AND OR NOT",
      "NEAR/3", "title:wairisal", "\\", "'", "%00", "%FF%FE", "%C3%28", "😀 wairisal", "\"unbalanced phrase -x +y",
      std::string(1999, 'x'), std::string(2000, 'z'), std::string(3000, 'a')};
  std::string many;
  for (int i = 0; i < 200; ++i) many += "kata" + std::to_string(i) + "+";
  std::vector<std::string> all = texts;
  all.push_back(many);
  for (const auto& t : all) {
    const std::string encoded = t.find('%') != std::string::npos ? t : form_encode(t);
    for (std::string path : {"/api/v1/search?q=", "/api/v1/solutions?problem=", "/api/v1/suggest?q="}) {
      auto r = get(path + encoded);
      EXPECT_TRUE(r.status == 200 || r.status == 400) << path << t.substr(0, 60) << ": " << r.status << " "
                                                      << r.body.substr(0, 300);
      EXPECT_TRUE(body_of(r).is_object()) << path << t.substr(0, 60) << ": not JSON";
    }
  }
  EXPECT_TRUE(server_->running());
  EXPECT_EQ(ok("/api/v1/search?q=wairisal")["total"], seeded().size());  // still serving
}

TEST_F(SearchApiTest, ResponsesAreCacheableAndConformToTheDocument) {
  auto r = get("/api/v1/search?q=wairisal&limit=2");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("cache-control"), "public, max-age=30");
  auto etag = r.header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(http_get(port(), "/api/v1/search?q=wairisal&limit=2", {{"If-None-Match", etag}}).status, 304);
  EXPECT_EQ(get("/api/v1/solutions?problem=antrean").header("cache-control"), "public, max-age=30");

  auto doc = body_of(get("/api/v1/openapi.json"));
  ASSERT_TRUE(doc.is_object());
  for (auto path : {"/api/v1/search", "/api/v1/solutions", "/api/v1/suggest"})
    EXPECT_TRUE(doc["paths"].contains(path) && doc["paths"][path].contains("get")) << path;
  const json results = {{"$ref", "#/components/schemas/SearchResults"}};
  const json problem = {{"$ref", "#/components/schemas/Problem"}};
  EXPECT_EQ(check_schema(doc, results, body_of(r), "search"), "");
  EXPECT_EQ(check_schema(doc, results, ok("/api/v1/search?q=wairisal"), "search all"), "");
  EXPECT_EQ(check_schema(doc, results, ok("/api/v1/search?limit=100"), "everything"), "");
  EXPECT_EQ(check_schema(doc, results, ok("/api/v1/solutions?problem=antrean+pasien+puskesmas"), "solutions"), "");
  EXPECT_EQ(check_schema(doc, {{"$ref", "#/components/schemas/Suggestions"}}, ok("/api/v1/suggest?q=wairis"), "suggest"),
            "");
  EXPECT_EQ(check_schema(doc, problem, body_of(get("/api/v1/search?limit=0")), "problem"), "");
  EXPECT_EQ(check_schema(doc, problem, body_of(get("/api/v1/solutions")), "problem"), "");
  // The checker itself must be able to fail.
  auto broken = ok("/api/v1/search?q=wairisal");
  broken["results"][0].erase("url");
  broken["facets"]["sector"][0]["count"] = "three";
  EXPECT_NE(check_schema(doc, results, broken, "broken"), "");
}

}  // namespace
}  // namespace lumbung
