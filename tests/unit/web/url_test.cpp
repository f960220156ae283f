#include "web/url.hpp"

#include <gtest/gtest.h>

namespace lumbung::web {
namespace {

TEST(Url, EncodeKeepsUnreservedAndSlash) {
  EXPECT_EQ(url_encode("/cari?q=ktp el&x=1"), "/cari%3Fq%3Dktp%20el%26x%3D1");
  EXPECT_EQ(url_encode("a-b_c.d~/e"), "a-b_c.d~/e");
  EXPECT_EQ(url_encode("\xc3\xa9"), "%C3%A9");
}

TEST(Url, LocalPathsOnly) {
  struct Case {
    const char* path;
    bool local;
  };
  const Case cases[] = {
      {"/", true},           {"/cari?q=a", true},         {"", false},
      {"//evil.example", false}, {"/\\evil.example", false}, {"https://evil.example", false},
      {"javascript:alert(1)", false}, {"/a\r\nSet-Cookie: x", false}, {"relative", false},
  };
  for (const auto& c : cases) EXPECT_EQ(is_local_path(c.path), c.local) << c.path;
}

}  // namespace
}  // namespace lumbung::web
