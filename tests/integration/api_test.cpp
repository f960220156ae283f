// The JSON API v1 against the real binary: reads, paging, filters, ETag,
// writes with scoped API tokens, problem+json for bad input, and the
// contract with the OpenAPI document the server publishes.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/json_schema.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace testing_support;

// One request with any method, headers and body, on a fresh connection.
HttpReply call(int port, const std::string& method, const std::string& target,
               const std::map<std::string, std::string>& headers = {}, const std::string& body = "") {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return http_raw(port, req + "\r\n" + body);
}

std::string cookie_value(const HttpReply& r, const std::string& name) {
  for (auto [it, end] = r.headers.equal_range("set-cookie"); it != end; ++it)
    if (it->second.rfind(name + "=", 0) == 0)
      return it->second.substr(name.size() + 1, it->second.find(';') - name.size() - 1);
  return {};
}

std::string csrf_field(const std::string& html) {
  std::smatch m;
  static const std::regex re(R"re(name="_csrf" value="([^"]+)")re");
  return std::regex_search(html, m, re) ? m[1].str() : std::string();
}

// A form POST with cookies and the CSRF field, as a browser sends it.
HttpReply post_form(int port, const std::string& target, const std::string& cookies, const std::string& csrf,
                    const std::string& fields = "") {
  std::string form = "_csrf=" + csrf + (fields.empty() ? "" : "&" + fields);
  return call(port, "POST", target, {{"Cookie", cookies}, {"Content-Type", "application/x-www-form-urlencoded"}}, form);
}

json body_of(const HttpReply& r) { return json::parse(r.body, nullptr, false); }

// `lumbung token create`'s token (support/server_process.hpp); fails the test without one.
std::string create_token(const fs::path& dir, const std::string& name, const std::string& role, const std::string& scope) {
  auto token = create_api_token(dir.string(), name, role, scope);
  EXPECT_FALSE(token.empty()) << "lumbung token create printed no token";
  return token;
}

// A complete profile in Parepare (73.72), ready for review or publication.
json sample(const std::string& name, const std::string& region = "73.72") {
  return {{"name", name},
          {"summary", "Layanan administrasi kependudukan jemput bola untuk warga lanjut usia."},
          {"problem", "Warga lanjut usia sulit datang ke kantor Disdukcapil."},
          {"solution", "Petugas datang ke rumah dengan perangkat perekaman keliling."},
          {"results", "1.200 warga terlayani pada 2024; waktu tunggu turun 70%."},
          {"region_code", region},
          {"unit_name", "Dinas Kependudukan dan Pencatatan Sipil"},
          {"sector", "administrasi_kependudukan"},
          {"form", "pelayanan_publik"},
          {"digital", true},
          {"stage", "penerapan"},
          {"year_started", 2022}};
}

void expect_problem(const HttpReply& r, int status, const std::string& what) {
  EXPECT_EQ(r.status, status) << what << ": " << r.body.substr(0, 400);
  EXPECT_EQ(r.header("content-type"), "application/problem+json") << what;
  auto b = body_of(r);
  ASSERT_TRUE(b.is_object()) << what << ": " << r.body.substr(0, 200);
  EXPECT_EQ(b.value("status", 0), status) << what;
  EXPECT_TRUE(b.contains("title") && b["title"].is_string()) << what;
  EXPECT_TRUE(b.contains("type") && b["type"].is_string()) << what;
}

bool has_field_error(const HttpReply& r, const std::string& field) {
  auto b = body_of(r);
  if (!b.is_object() || !b.contains("errors")) return false;
  for (const auto& e : b["errors"])
    if (e.value("field", "") == field && e.contains("message") && e["message"].is_string()) return true;
  return false;
}

class ApiTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-api-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    auto seeded = run_lumbung({"seed-demo", "--data", dir_->string(), "--count", "60"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    tokens_ = new std::map<std::string, std::string>();
    (*tokens_)["curator"] = create_token(*dir_, "kurator-api", "curator", "national");
    (*tokens_)["region_admin"] = create_token(*dir_, "parepare-api", "region_admin", "region:73.72");
    (*tokens_)["participant"] = create_token(*dir_, "peserta-api", "participant", "region:73.72");
    (*tokens_)["makassar"] = create_token(*dir_, "makassar-api", "participant", "region:73.71");
    (*tokens_)["to_revoke"] = create_token(*dir_, "dicabut-api", "curator", "national");
    auto admin = run_lumbung_with_input({"user", "add", "--data", dir_->string(), "--email", "admin@lumbung.go.id",
                                         "--name", "Admin API", "--role", "admin", "--scope", "national",
                                         "--password-stdin"},
                                        "kata-sandi-uji-panjang\n");
    ASSERT_EQ(admin.exit_code, 0) << admin.output;
    server_ = new ServerProcess({"--data", dir_->string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete tokens_;
    delete dir_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "the server did not start"; }
  static int port() { return server_->port(); }
  static std::map<std::string, std::string> auth(const std::string& who) {
    return {{"Authorization", "Bearer " + tokens_->at(who)}};
  }
  static std::map<std::string, std::string> json_auth(const std::string& who) {
    auto h = auth(who);
    h["Content-Type"] = "application/json";
    return h;
  }
  static HttpReply post(const std::string& who, const json& body) {
    return call(port(), "POST", "/api/v1/innovations", json_auth(who), body.dump());
  }
  // Every published innovation, page by page.
  static std::vector<json> all_pages(const std::string& query, int limit, int* pages = nullptr) {
    std::vector<json> items;
    std::string cursor;
    for (int n = 1; n < 200; ++n) {
      std::string target = "/api/v1/innovations?limit=" + std::to_string(limit) + query;
      if (!cursor.empty()) target += "&cursor=" + cursor;
      auto r = http_get(port(), target);
      EXPECT_EQ(r.status, 200) << target << ": " << r.body.substr(0, 300);
      auto b = body_of(r);
      if (r.status != 200 || !b.is_object()) break;
      EXPECT_LE(b["items"].size(), static_cast<std::size_t>(limit));
      for (auto& i : b["items"]) items.push_back(i);
      if (pages) *pages = n;
      if (b["next_cursor"].is_null()) break;
      cursor = b["next_cursor"].get<std::string>();
    }
    return items;
  }
  static inline fs::path* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline std::map<std::string, std::string>* tokens_ = nullptr;
};

TEST_F(ApiTest, ListPagesAreDisjointAndTheLastHasNoCursor) {
  auto first = http_get(port(), "/api/v1/innovations");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("content-type"), "application/json");
  EXPECT_EQ(body_of(first)["items"].size(), 20u);  // the default limit
  int pages = 0;
  auto items = all_pages("", 7, &pages);
  std::set<std::int64_t> ids;
  for (const auto& i : items) {
    EXPECT_EQ(i["state"], "published");
    EXPECT_TRUE(ids.insert(i["id"].get<std::int64_t>()).second) << "seen twice: " << i["id"];
  }
  EXPECT_GT(ids.size(), 30u);
  EXPECT_LT(ids.size(), 61u);
  EXPECT_EQ(pages, static_cast<int>((ids.size() + 6) / 7));
  auto one_page = body_of(http_get(port(), "/api/v1/innovations?limit=100"));
  EXPECT_EQ(one_page["items"].size(), ids.size());
  EXPECT_TRUE(one_page["next_cursor"].is_null());
}

TEST_F(ApiTest, FiltersNarrowTheList) {
  const auto all = all_pages("", 100);
  ASSERT_GT(all.size(), 30u);
  const auto& probe = all.front();
  struct Case {
    std::string query;
    std::function<bool(const json&)> holds;
  };
  const std::string sector = probe["sector"], region = probe["region_code"], province = probe["province_code"];
  const int year = probe["year_started"];
  const std::vector<Case> cases = {
      {"&digital=true", [](const json& i) { return i["digital"] == true; }},
      {"&digital=false", [](const json& i) { return i["digital"] == false; }},
      {"&sector=" + sector, [&](const json& i) { return i["sector"] == sector; }},
      {"&region_code=" + region, [&](const json& i) { return i["region_code"] == region; }},
      {"&province_code=" + province, [&](const json& i) { return i["province_code"] == province; }},
      {"&year=" + std::to_string(year), [&](const json& i) { return i["year_started"] == year; }},
      {"&award=true", [](const json& i) { return !i["awards"].empty(); }},
      {"&stage=penerapan", [](const json& i) { return i["stage"] == "penerapan"; }},
      {"&source_program=kipp", [](const json& i) { return i["source_program"] == "kipp"; }},
  };
  for (const auto& c : cases) {
    auto items = all_pages(c.query, 100);
    std::size_t expected = 0;
    for (const auto& i : all) expected += c.holds(i) ? 1 : 0;
    EXPECT_EQ(items.size(), expected) << c.query;
    EXPECT_LT(items.size(), all.size()) << c.query << " did not narrow";
    for (const auto& i : items) EXPECT_TRUE(c.holds(i)) << c.query << ": " << i["id"];
  }
  // The probe matches its own sector + region + year.
  auto combined = all_pages("&sector=" + sector + "&region_code=" + region + "&year=" + std::to_string(year), 100);
  EXPECT_GE(combined.size(), 1u);
}

TEST_F(ApiTest, BadQueryParametersAreProblems) {
  for (auto q : {"limit=0", "limit=101", "limit=abc", "limit=-5", "digital=yes", "year=20x", "stage=bogus",
                 "cursor=not-a-cursor", "award=maybe", "unit_id=0"}) {
    auto r = http_get(port(), std::string("/api/v1/innovations?") + q);
    expect_problem(r, 400, q);
  }
  EXPECT_TRUE(has_field_error(http_get(port(), "/api/v1/innovations?limit=101"), "limit"));
  EXPECT_EQ(http_get(port(), "/api/v1/innovations?limit=100").status, 200);
  EXPECT_EQ(http_get(port(), "/api/v1/innovations?limit=1").status, 200);
  EXPECT_EQ(http_get(port(), "/api/v1/innovations?unknown_param=1").status, 200);
}

TEST_F(ApiTest, EtagGivesNotModified) {
  for (std::string target : {"/api/v1/innovations?limit=5", "/api/v1/openapi.json"}) {
    auto r = http_get(port(), target);
    ASSERT_EQ(r.status, 200);
    auto etag = r.header("etag");
    ASSERT_FALSE(etag.empty()) << target;
    auto again = http_get(port(), target, {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304) << target;
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(http_get(port(), target, {{"If-None-Match", "\"other\""}}).status, 200) << target;
  }
  auto id = body_of(http_get(port(), "/api/v1/innovations?limit=1"))["items"][0]["id"].get<std::int64_t>();
  auto one = http_get(port(), "/api/v1/innovations/" + std::to_string(id));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.header("etag"), "\"" + std::to_string(body_of(one)["version"].get<std::int64_t>()) + "\"");
  EXPECT_EQ(http_get(port(), "/api/v1/innovations/" + std::to_string(id), {{"If-None-Match", one.header("etag")}}).status,
            304);
}

TEST_F(ApiTest, GetByIdOrProblem) {
  auto id = body_of(http_get(port(), "/api/v1/innovations?limit=1"))["items"][0]["id"].get<std::int64_t>();
  auto r = http_get(port(), "/api/v1/innovations/" + std::to_string(id));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body_of(r)["id"], id);
  for (auto target : {"/api/v1/innovations/999999", "/api/v1/innovations/abc", "/api/v1/innovations/0",
                      "/api/v1/innovations/-1", "/api/v1/innovations/99999999999999999999"})
    expect_problem(http_get(port(), target), 404, target);
}

TEST_F(ApiTest, DraftIsHiddenFromThePublicAndShownToWhoMayEdit) {
  auto created = post("region_admin", sample("Draf rahasia Parepare"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto b = body_of(created);
  EXPECT_EQ(b["state"], "draft");
  const std::string target = "/api/v1/innovations/" + std::to_string(b["id"].get<std::int64_t>());
  expect_problem(http_get(port(), target), 404, "public");
  expect_problem(http_get(port(), target, auth("makassar")), 404, "other region");
  EXPECT_EQ(http_get(port(), target, auth("region_admin")).status, 200);
  EXPECT_EQ(http_get(port(), target, auth("participant")).status, 200);
  EXPECT_EQ(http_get(port(), target, auth("curator")).status, 200);
  for (const auto& i : all_pages("", 100)) EXPECT_NE(i["id"], b["id"]) << "a draft is listed";
}

TEST_F(ApiTest, RegionAdminCreatesInOwnRegionOnly) {
  auto r = post("region_admin", sample("SIPANDU Parepare"));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto b = body_of(r);
  EXPECT_EQ(r.header("location"), "/api/v1/innovations/" + std::to_string(b["id"].get<std::int64_t>()));
  EXPECT_EQ(b["region_code"], "73.72");
  EXPECT_EQ(b["version"], 1);
  EXPECT_GT(b["unit_id"].get<std::int64_t>(), 0);
  EXPECT_EQ(http_get(port(), r.header("location"), auth("region_admin")).status, 200);
  expect_problem(post("region_admin", sample("Di luar wilayah", "73.71")), 403, "outside region");
  expect_problem(post("makassar", sample("Di luar wilayah juga")), 403, "participant outside region");
  EXPECT_EQ(post("makassar", sample("Inovasi Makassar", "73.71")).status, 201);
}

TEST_F(ApiTest, OnlyCuratorsCreatePublished) {
  auto s = sample("Langsung terbit");
  s["state"] = "published";
  auto r = post("curator", s);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(body_of(r)["state"], "published");
  EXPECT_EQ(http_get(port(), r.header("location")).status, 200);  // public now
  s["name"] = "Peserta mencoba menerbitkan";
  expect_problem(post("participant", s), 403, "participant publishes");
  expect_problem(post("region_admin", s), 403, "region admin publishes");
}

TEST_F(ApiTest, UpsertBySourceIdIsIdempotent) {
  auto s = sample("Inovasi dari KIPP");
  s["source_program"] = "kipp";
  s["source_id"] = "KIPP-2024-0042";
  auto first = post("region_admin", s);
  ASSERT_EQ(first.status, 201) << first.body;
  auto second = post("region_admin", s);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(body_of(first)["id"], body_of(second)["id"]);
  s["summary"] = "Ringkasan yang diperbarui dari sumber.";
  auto third = post("region_admin", s);
  ASSERT_EQ(third.status, 200) << third.body;
  EXPECT_EQ(body_of(third)["id"], body_of(first)["id"]);
  EXPECT_EQ(body_of(third)["summary"], s["summary"]);
  // Someone from another region may not overwrite it through its source id.
  s["region_code"] = "73.71";
  expect_problem(post("makassar", s), 403, "upsert outside scope");
}

TEST_F(ApiTest, PutNeedsTheCurrentVersion) {
  auto created = post("region_admin", sample("Untuk diubah"));
  ASSERT_EQ(created.status, 201) << created.body;
  auto obj = body_of(created);
  const std::string target = "/api/v1/innovations/" + std::to_string(obj["id"].get<std::int64_t>());
  obj["summary"] = "Ringkasan baru.";
  auto h = json_auth("region_admin");
  auto no_version = obj;
  no_version.erase("version");
  expect_problem(call(port(), "PUT", target, h, no_version.dump()), 428, "no version");
  auto with_header = h;
  with_header["If-Match"] = "\"1\"";
  auto ok = call(port(), "PUT", target, with_header, no_version.dump());
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(body_of(ok)["version"], 2);
  EXPECT_EQ(body_of(ok)["summary"], "Ringkasan baru.");
  EXPECT_EQ(ok.header("etag"), "\"2\"");
  expect_problem(call(port(), "PUT", target, with_header, no_version.dump()), 409, "stale If-Match");
  expect_problem(call(port(), "PUT", target, h, obj.dump()), 409, "stale body version");  // obj has version 1
  obj["version"] = 2;
  EXPECT_EQ(call(port(), "PUT", target, h, obj.dump()).status, 200);  // the whole object read back, as is
  obj["version"] = 3;
  expect_problem(call(port(), "PUT", target, json_auth("makassar"), obj.dump()), 404, "other region, draft");
  expect_problem(call(port(), "PUT", "/api/v1/innovations/999999", h, obj.dump()), 404, "missing");
  auto bad = with_header;
  bad["If-Match"] = "\"abc\"";
  expect_problem(call(port(), "PUT", target, bad, obj.dump()), 400, "bad If-Match");
}

TEST_F(ApiTest, BadBodiesAreProblemsNeverServerErrors) {
  auto h = json_auth("region_admin");
  expect_problem(call(port(), "POST", "/api/v1/innovations", h, "{\"name\": "), 400, "malformed");
  expect_problem(call(port(), "POST", "/api/v1/innovations", h, "[1, 2]"), 400, "array");
  expect_problem(call(port(), "POST", "/api/v1/innovations", h, "\"text\""), 400, "string");
  expect_problem(call(port(), "POST", "/api/v1/innovations", h, ""), 400, "empty");
  auto s = sample("Tipe salah");
  s["digital"] = "yes";
  s["year_started"] = "2020";
  auto wrong = post("region_admin", s);
  expect_problem(wrong, 422, "wrong types");
  EXPECT_TRUE(has_field_error(wrong, "digital")) << wrong.body;
  EXPECT_TRUE(has_field_error(wrong, "year_started")) << wrong.body;
  auto no_name = sample("");
  auto invalid = post("region_admin", no_name);
  expect_problem(invalid, 422, "missing name");
  EXPECT_TRUE(has_field_error(invalid, "name")) << invalid.body;
  auto long_name = sample(std::string(300000, 'x'));
  auto too_long = post("region_admin", long_name);
  expect_problem(too_long, 422, "huge name");
  EXPECT_TRUE(has_field_error(too_long, "name"));
  auto bad_region = sample("Wilayah tak dikenal", "73.99");
  bad_region["unit_name"] = "";
  expect_problem(post("curator", bad_region), 422, "unknown region");
  auto text = auth("region_admin");
  text["Content-Type"] = "text/plain";
  expect_problem(call(port(), "POST", "/api/v1/innovations", text, sample("x").dump()), 415, "text/plain");
  expect_problem(call(port(), "POST", "/api/v1/innovations", auth("region_admin"), sample("x").dump()), 415,
                 "no content type");
  auto form = auth("region_admin");
  form["Content-Type"] = "application/x-www-form-urlencoded";
  expect_problem(call(port(), "POST", "/api/v1/innovations", form, "name=x"), 415, "form");
  // Unknown and read-only fields are ignored.
  auto extra = sample("Dengan kolom tambahan");
  extra["no_such_field"] = {{"a", 1}};
  extra["id"] = 123456;
  extra["slug"] = "palsu";
  auto ok = post("region_admin", extra);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_NE(body_of(ok)["id"], 123456);
  // Invalid UTF-8 in a string is malformed JSON.
  const std::string bad_utf8 = "{\"name\": \"Inovasi \xFF\xFE tidak valid\"}";
  expect_problem(call(port(), "POST", "/api/v1/innovations", h, bad_utf8), 400, "invalid UTF-8");
}

TEST_F(ApiTest, UnknownTokensAndAnonymousWritesAre401) {
  auto h = std::map<std::string, std::string>{{"Authorization", "Bearer lmb_tidak-ada"},
                                              {"Content-Type", "application/json"}};
  expect_problem(call(port(), "POST", "/api/v1/innovations", h, sample("x").dump()), 401, "unknown token");
  expect_problem(call(port(), "GET", "/api/v1/me", h), 401, "unknown token me");
  expect_problem(http_get(port(), "/api/v1/me"), 401, "anonymous me");
  // Without a token or a cookie there is nothing to forge: the answer is the 401 problem.
  expect_problem(call(port(), "POST", "/api/v1/innovations", {{"Content-Type", "application/json"}}, sample("x").dump()),
                 401, "anonymous write");
  // An unknown endpoint under /api/ is a problem too, not the HTML 404 page.
  expect_problem(http_get(port(), "/api/v1/no-such-thing"), 404, "unknown endpoint");
}

TEST_F(ApiTest, RevokedTokenIs401) {
  const auto h = json_auth("to_revoke");
  ASSERT_EQ(http_get(port(), "/api/v1/me", h).status, 200);
  // An admin revokes it on the admin page.
  auto login_page = http_get(port(), "/masuk");
  auto login = post_form(port(), "/masuk", "csrf=" + cookie_value(login_page, "csrf"), csrf_field(login_page.body),
                         "email=admin%40lumbung.go.id&password=kata-sandi-uji-panjang");
  ASSERT_EQ(login.status, 303) << login.body.substr(0, 300);
  const std::string cookies = "sid=" + cookie_value(login, "sid");
  auto tokens = call(port(), "GET", "/admin/token", {{"Cookie", cookies}});
  std::smatch id;
  const std::regex row("dicabut-api[\\s\\S]*?/admin/token/(\\d+)/cabut");
  ASSERT_TRUE(std::regex_search(tokens.body, id, row)) << tokens.body.substr(0, 2000);
  EXPECT_EQ(post_form(port(), "/admin/token/" + id[1].str() + "/cabut", cookies, csrf_field(tokens.body)).status, 303);
  expect_problem(http_get(port(), "/api/v1/me", h), 401, "revoked me");
  expect_problem(call(port(), "POST", "/api/v1/innovations", h, sample("Setelah dicabut").dump()), 401, "revoked post");
}

TEST_F(ApiTest, MeNamesTheToken) {
  auto r = http_get(port(), "/api/v1/me", auth("region_admin"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto b = body_of(r);
  EXPECT_EQ(b["kind"], "token");
  EXPECT_EQ(b["name"], "parepare-api");
  EXPECT_EQ(b["role"], "region_admin");
  EXPECT_EQ(b["scope"], "region:73.72");
}

// ---- Contract: the OpenAPI document against the routes and real responses ----

TEST_F(ApiTest, OpenApiDocumentDescribesEveryRoute) {
  auto r = http_get(port(), "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = body_of(r);
  ASSERT_TRUE(doc.is_object()) << "not JSON";
  ASSERT_TRUE(doc["openapi"].is_string());
  EXPECT_EQ(doc["openapi"].get<std::string>().rfind("3.", 0), 0u);
  EXPECT_TRUE(doc["info"]["title"].is_string());
  EXPECT_TRUE(doc["info"]["version"].is_string());
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
  auto routes = run_lumbung({"routes", "--data", dir_->string()});
  ASSERT_EQ(routes.exit_code, 0) << routes.output;
  std::istringstream lines(routes.output);
  std::string line;
  int api_routes = 0;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string method, pattern;
    if (!(fields >> method >> pattern) || pattern.rfind("/api/v1/", 0) != 0) continue;
    ++api_routes;
    std::string lower = method;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(doc["paths"].contains(pattern)) << "path missing from openapi.json: " << pattern;
    EXPECT_TRUE(doc["paths"][pattern].contains(lower)) << "method missing from openapi.json: " << method << " " << pattern;
    const auto& op = doc["paths"][pattern][lower];
    EXPECT_TRUE(op.contains("responses") && !op["responses"].empty()) << method << " " << pattern;
    for (auto p : op.value("parameters", json::array())) {
      if (p.contains("$ref")) {  // "#/components/parameters/<name>"
        const auto ref = p["$ref"].get<std::string>();
        p = doc["components"]["parameters"].value(ref.substr(ref.rfind('/') + 1), json::object());
        EXPECT_FALSE(p.empty()) << "unresolved parameter " << ref;
      }
      if (p.value("in", "") == "path")
        EXPECT_NE(pattern.find("{" + p.value("name", "") + "}"), std::string::npos);
    }
  }
  EXPECT_GE(api_routes, 6);
  // Every $ref resolves; operation ids are unique.
  std::set<std::string> operation_ids;
  std::function<void(const json&, const std::string&)> walk = [&](const json& node, const std::string& where) {
    if (node.is_object()) {
      if (node.contains("$ref")) {
        const std::string ref = node["$ref"];
        EXPECT_EQ(ref.rfind("#/components/", 0), 0u) << where << ": " << ref;
        json target = doc;
        std::istringstream parts(ref.substr(2));
        for (std::string part; std::getline(parts, part, '/');) target = target.is_object() ? target.value(part, json()) : json();
        EXPECT_FALSE(target.is_null()) << where << ": unresolved " << ref;
      }
      if (node.contains("operationId") && node["operationId"].is_string())
        EXPECT_TRUE(operation_ids.insert(node["operationId"].get<std::string>()).second) << node["operationId"];
      for (const auto& [k, v] : node.items()) walk(v, where + "/" + k);
    } else if (node.is_array()) {
      for (const auto& v : node) walk(v, where);
    }
  };
  walk(doc, "");
  EXPECT_GE(operation_ids.size(), 6u);
  // The interchange field names are a contract.
  const auto& inn = doc["components"]["schemas"]["Innovation"];
  for (auto f : {"id", "name", "summary", "problem", "solution", "results", "region_code", "unit_name", "sector", "form",
                 "digital", "stage", "status", "source_program", "source_id", "year_started", "awards", "state",
                 "updated_at"}) {
    EXPECT_TRUE(inn["properties"].contains(f)) << f;
    EXPECT_NE(std::find(inn["required"].begin(), inn["required"].end(), f), inn["required"].end()) << f;
  }
}

// Optional: the Python openapi-spec-validator, when installed, agrees the
// served document is valid OpenAPI 3.0.
TEST_F(ApiTest, OpenApiDocumentPassesTheSpecValidatorIfInstalled) {
  if (std::system("python3 -c 'import openapi_spec_validator' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3 openapi-spec-validator not installed";
  auto r = http_get(port(), "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  const auto file = *dir_ / "openapi.json";
  std::ofstream(file) << r.body;
  const std::string cmd = "python3 -c 'import json,sys; from openapi_spec_validator import validate; "
                          "validate(json.load(open(sys.argv[1])))' '" + file.string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << "openapi-spec-validator rejected the document";
}

TEST_F(ApiTest, ResponsesConformToTheDocument) {
  auto doc = body_of(http_get(port(), "/api/v1/openapi.json"));
  ASSERT_TRUE(doc.is_object());
  const json page_ref = {{"$ref", "#/components/schemas/InnovationPage"}};
  const json inn_ref = {{"$ref", "#/components/schemas/Innovation"}};
  const json problem_ref = {{"$ref", "#/components/schemas/Problem"}};
  auto list = body_of(http_get(port(), "/api/v1/innovations?limit=100"));
  EXPECT_EQ(check_schema(doc, page_ref, list, "list"), "");
  EXPECT_EQ(check_schema(doc, page_ref, body_of(http_get(port(), "/api/v1/innovations?limit=2")), "page"), "");
  ASSERT_FALSE(list["items"].empty());
  auto one = body_of(http_get(port(), "/api/v1/innovations/" + std::to_string(list["items"][0]["id"].get<std::int64_t>())));
  EXPECT_EQ(check_schema(doc, inn_ref, one, "one"), "");
  auto created = post("region_admin", sample("Kontrak API"));
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(check_schema(doc, inn_ref, body_of(created), "created"), "");
  auto s = sample("Tipe salah");
  s["digital"] = "yes";
  EXPECT_EQ(check_schema(doc, problem_ref, body_of(post("region_admin", s)), "problem"), "");
  EXPECT_EQ(check_schema(doc, {{"$ref", "#/components/schemas/Me"}},
                         body_of(http_get(port(), "/api/v1/me", auth("curator"))), "me"),
            "");
  // The checker itself must be able to fail.
  auto broken = one;
  broken.erase("state");
  broken["digital"] = "yes";
  EXPECT_NE(check_schema(doc, inn_ref, broken, "broken"), "");
}

}  // namespace
}  // namespace lumbung
