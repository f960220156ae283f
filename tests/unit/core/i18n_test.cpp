#include "core/i18n.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace lumbung {
namespace {

Catalog two_languages() {
  return Catalog::from_maps({{"id", {{"nav.home", "Beranda"}}}, {"en", {{"nav.home", "Home"}}}});
}

struct LangCase {
  const char* cookie;
  const char* accept;
  const char* want;
};

TEST(ChooseLanguage, CookieThenAcceptLanguageThenIndonesian) {
  const LangCase cases[] = {
      {"", "", "id"},
      {"en", "", "en"},
      {"EN", "id", "en"},
      {"fr", "", "id"},  // unsupported cookie ignored
      {"", "en-US,en;q=0.9", "en"},
      {"", "id-ID,id;q=0.9,en;q=0.8", "id"},
      {"", "fr-FR, en;q=0.5", "en"},
      {"", "en;q=0.2, id;q=0.8", "id"},
      {"", "en;q=0", "id"},  // q=0 means "not acceptable"
      {"", "en;q=abc", "id"},
      {"", ",,,;;;", "id"},
      {"id", "en", "id"},
  };
  auto cat = two_languages();
  for (const auto& c : cases)
    EXPECT_EQ(choose_language(cat, c.cookie, c.accept), c.want) << "cookie=" << c.cookie << " accept=" << c.accept;
}

TEST(Catalog, TextFallsBackToIndonesianThenKey) {
  auto cat = Catalog::from_maps({{"id", {{"a", "A-id"}, {"b", "B-id"}}}, {"en", {{"a", "A-en"}}}});
  EXPECT_EQ(cat.text("en", "a"), "A-en");
  EXPECT_EQ(cat.text("en", "b"), "B-id");
  EXPECT_EQ(cat.text("en", "missing.key"), "missing.key");
  EXPECT_EQ(cat.text("xx", "a"), "A-id");
}

TEST(Catalog, ShippedCataloguesLoadAndHaveTheSameKeys) {
  auto cat = Catalog::load(std::filesystem::path(LUMBUNG_SOURCE_DIR) / "i18n");
  ASSERT_TRUE(cat.ok()) << cat.error().message();
  EXPECT_EQ(cat->all("id").size(), cat->all("en").size());
  EXPECT_NE(cat->text("id", "nav.home"), cat->text("en", "nav.home"));
}

TEST(Catalog, LoadRejectsAKeyMissingInOneLanguage) {
  auto dir = std::filesystem::path(testing::TempDir()) / "i18n_missing";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "id.json") << R"({"a": "A", "b": "B"})";
  std::ofstream(dir / "en.json") << R"({"a": "A"})";
  auto cat = Catalog::load(dir);
  ASSERT_FALSE(cat.ok());
  EXPECT_NE(cat.error().message().find("(b)"), std::string::npos);
}

TEST(Catalog, LoadRejectsBrokenJson) {
  auto dir = std::filesystem::path(testing::TempDir()) / "i18n_broken";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "id.json") << R"({"a": )";
  std::ofstream(dir / "en.json") << R"({"a": "A"})";
  EXPECT_FALSE(Catalog::load(dir).ok());
}

}  // namespace
}  // namespace lumbung

namespace lumbung {
namespace {

TEST(Catalog, AreaFilesAreMergedAndDuplicatesRejected) {
  auto dir = std::filesystem::path(testing::TempDir()) / "i18n_areas";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "id");
  std::filesystem::create_directories(dir / "en");
  std::ofstream(dir / "id.json") << R"({"a": "A"})";
  std::ofstream(dir / "en.json") << R"({"a": "A-en"})";
  std::ofstream(dir / "id" / "akun.json") << R"({"akun.masuk": "Masuk"})";
  std::ofstream(dir / "en" / "akun.json") << R"({"akun.masuk": "Log in"})";
  auto cat = Catalog::load(dir);
  ASSERT_TRUE(cat.ok()) << cat.error().message();
  EXPECT_EQ(cat->text("en", "akun.masuk"), "Log in");
  std::ofstream(dir / "id" / "zz.json") << R"({"a": "again"})";
  auto dup = Catalog::load(dir);
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().message().find("twice"), std::string::npos);
}

}  // namespace
}  // namespace lumbung
