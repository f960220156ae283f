#include "web/views.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <gtest/gtest.h>

namespace lumbung::web {
namespace {

namespace fs = std::filesystem;

fs::path write_templates(const std::string& name, const std::map<std::string, std::string>& files) {
  auto dir = fs::path(testing::TempDir()) / name;
  fs::remove_all(dir);
  for (const auto& [path, text] : files) {
    fs::create_directories((dir / path).parent_path());
    std::ofstream(dir / path) << text;
  }
  return dir;
}

Catalog catalog() {
  return Catalog::from_maps({{"id", {{"nav.home", "Beranda"}}}, {"en", {{"nav.home", "Home"}}}});
}

TEST(Views, RendersCatalogueTextAndEscapesModelValues) {
  auto dir = write_templates("views_basic", {{"page/x.mustache", "<b>{{t.nav.home}}</b> {{name}} {{#items}}[{{.}}]{{/items}}"}});
  auto cat = catalog();
  auto views = Views::load(dir, cat);
  ASSERT_TRUE(views.ok()) << views.error().message();
  nlohmann::json model = {{"name", "<script>alert(1)</script>"}, {"items", {"a", "b"}}};
  auto id = views->render("page/x", "id", model);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, "<b>Beranda</b> &lt;script&gt;alert(1)&lt;/script&gt; [a][b]");
  auto en = views->render("page/x", "en", model);
  ASSERT_TRUE(en.ok());
  EXPECT_NE(en->find("<b>Home</b>"), std::string::npos);
}

TEST(Views, PartialsAndUnknownLanguageFallsBackToIndonesian) {
  auto dir = write_templates("views_partial", {{"partials/hello.mustache", "hi {{who}}"}, {"a.mustache", "{{> partials/hello}}!"}});
  auto cat = catalog();
  auto views = Views::load(dir, cat);
  ASSERT_TRUE(views.ok());
  auto out = views->render("a", "xx", {{"who", "ana"}});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "hi ana!");
}

TEST(Views, BrokenTemplateFailsAtLoadNotAtRequestTime) {
  auto dir = write_templates("views_broken", {{"bad.mustache", "{{#open}} never closed"}});
  auto cat = catalog();
  auto views = Views::load(dir, cat);
  ASSERT_FALSE(views.ok());
  EXPECT_NE(views.error().message().find("bad"), std::string::npos);
}

TEST(Views, UnknownViewIsNotFound) {
  auto dir = write_templates("views_empty", {{"a.mustache", "a"}});
  auto cat = catalog();
  auto views = Views::load(dir, cat);
  ASSERT_TRUE(views.ok());
  auto out = views->render("nope", "id", {});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code(), ErrorCode::not_found);
}

TEST(Views, RendersFromManyThreadsAtOnce) {
  auto dir = write_templates("views_threads", {{"a.mustache", "{{#xs}}{{.}},{{/xs}}"}});
  auto cat = catalog();
  auto views = Views::load(dir, cat);
  ASSERT_TRUE(views.ok());
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        auto out = views->render("a", "id", {{"xs", {t, i}}});
        if (out.ok() && *out == std::to_string(t) + "," + std::to_string(i) + ",") ++good;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(good.load(), 800);
}

// Raw (unescaped) output is allowed only for sanitised Markdown; no shipped
// template may use {{{x}}} or {{& x}} otherwise.
TEST(Views, ShippedTemplatesNeverEmitUnescapedValues) {
  std::regex raw(R"(\{\{\{|\{\{&)");
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(LUMBUNG_SOURCE_DIR) / "templates")) {
    if (e.path().extension() != ".mustache") continue;
    ++files;
    std::ifstream in(e.path());
    std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_FALSE(std::regex_search(text, raw)) << e.path();
  }
  EXPECT_GT(files, 3);
}

TEST(Views, ShippedTemplatesLoadWithShippedCatalogues) {
  auto cat = Catalog::load(fs::path(LUMBUNG_SOURCE_DIR) / "i18n");
  ASSERT_TRUE(cat.ok());
  auto views = Views::load(fs::path(LUMBUNG_SOURCE_DIR) / "templates", *cat);
  ASSERT_TRUE(views.ok()) << views.error().message();
  for (auto name : {"layout/top", "layout/bottom", "home/index", "errors/error"}) EXPECT_TRUE(views->has(name)) << name;
}

}  // namespace
}  // namespace lumbung::web
