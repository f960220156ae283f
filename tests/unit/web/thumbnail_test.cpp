// Thumbnails of uploaded images: headers that claim absurd sizes are refused
// before any decoding (and before any arithmetic that could overflow).
#include <gtest/gtest.h>

#include <string>

#include "web/editor_common.hpp"

namespace lumbung::web::editor {
namespace {

// A PNG signature and an IHDR chunk claiming width x height (no pixel data).
std::string png_header(std::uint32_t width, std::uint32_t height) {
  std::string png = "\x89PNG\r\n\x1a\n";
  png += std::string("\0\0\0\x0d", 4) + "IHDR";
  for (auto v : {width, height})
    for (int shift = 24; shift >= 0; shift -= 8) png += static_cast<char>((v >> shift) & 0xFF);
  png += std::string("\x08\x02\0\0\0", 5);
  png += std::string("\0\0\0\0", 4);  // CRC (not checked before the size)
  return png;
}

TEST(Thumbnail, HeaderClaimingMorePixelsThanAllowedIsRefused) {
  EXPECT_FALSE(make_thumbnail(png_header(0xFFFFFFFFu, 0xFFFFFE00u)).has_value());  // product overflows 64 bits
  EXPECT_FALSE(make_thumbnail(png_header(100'000, 100'000)).has_value());
  EXPECT_FALSE(make_thumbnail(png_header(0, 10)).has_value());
}

TEST(Thumbnail, AHeaderWithinTheLimitButNoPixelsDoesNotDecode) {
  EXPECT_FALSE(make_thumbnail(png_header(10, 10)).has_value());
}

}  // namespace
}  // namespace lumbung::web::editor
