#include "http/static_files.hpp"

#include <fstream>

#include <gtest/gtest.h>

namespace lumbung::http {
namespace {

namespace fs = std::filesystem;

class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::path(::testing::TempDir()) /
            ("lumbung_static_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(base_);
    root_ = base_ / "static";
    fs::create_directories(root_ / "css");
    write(root_ / "css" / "site.css", "body{color:red}");
    write(root_ / "logo.svg", "<svg/>");
    write(root_ / ".secret", "hidden");
    write(base_ / "outside.txt", "outside");
    fs::create_symlink(base_ / "outside.txt", root_ / "escape.txt");
    fs::create_symlink(root_ / "logo.svg", root_ / "inside-link.svg");
    root_ = fs::canonical(root_);
  }
  void TearDown() override { fs::remove_all(base_); }
  static void write(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFiles, ResolveTable) {
  struct Case {
    std::string rel;
    bool ok;
  };
  const Case cases[] = {
      {"css/site.css", true},
      {"logo.svg", true},
      {"inside-link.svg", true},   // symlink staying inside root
      {"escape.txt", false},       // symlink leaving root
      {"../outside.txt", false},
      {"css/../logo.svg", false},
      {"./logo.svg", false},
      {"/etc/passwd", false},
      {"css\\site.css", false},
      {std::string("logo.svg\0x", 10), false},
      {".secret", false},
      {"css//site.css", false},
      {"css", false},  // directory
      {"missing.css", false},
      {"", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(resolve_static_path(root_, c.rel).has_value(), c.ok) << c.rel;
  }
}

TEST_F(StaticFiles, HandlerServesWithHeaders) {
  Handler h = static_handler(root_, "/static/");
  Request req;
  req.path = "/static/css/site.css";
  RequestContext ctx;
  Response res = h(req, ctx);
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.body, "body{color:red}");
  EXPECT_EQ(res.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(res.get_header("Cache-Control"), "public, max-age=604800");
  EXPECT_NE(res.get_header("Last-Modified").find("GMT"), std::string::npos);
  EXPECT_TRUE(res.cacheable);

  for (std::string bad : {"/static/../outside.txt", "/static/escape.txt", "/static/nope", "/other/logo.svg"}) {
    req.path = bad;
    EXPECT_EQ(h(req, ctx).status, 404u) << bad;
  }
}

TEST(MimeTypes, Table) {
  const std::pair<std::string, std::string> cases[] = {
      {"a.css", "text/css; charset=utf-8"}, {"a.js", "application/javascript; charset=utf-8"},
      {"a.svg", "image/svg+xml"},          {"a.png", "image/png"},
      {"a.JPG", "image/jpeg"},             {"a.webp", "image/webp"},
      {"a.ico", "image/x-icon"},           {"a.woff2", "font/woff2"},
      {"a.txt", "text/plain; charset=utf-8"}, {"a.json", "application/json"},
      {"a.pdf", "application/pdf"},        {"a.bin", "application/octet-stream"},
      {"noext", "application/octet-stream"},
  };
  for (const auto& [file, want] : cases) EXPECT_EQ(mime_type_for(file), want) << file;
}

}  // namespace
}  // namespace lumbung::http
