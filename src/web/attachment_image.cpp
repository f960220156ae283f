// Thumbnails with libgd (Debian libgd-dev): decodes JPEG, PNG and WebP from
// memory and writes a small JPEG. Images over kMaxPixels are refused before
// decoding, so a tiny file claiming huge dimensions cannot exhaust memory.
#include <gd.h>

#include <algorithm>
#include <cstdint>
#include <memory>

#include "web/editor_common.hpp"

namespace lumbung::web::editor {

namespace {

constexpr int kThumbSide = 320;
constexpr std::int64_t kMaxPixels = 40'000'000;

std::uint32_t be32(std::string_view d, std::size_t at) {
  return (std::uint32_t(static_cast<unsigned char>(d[at])) << 24) | (std::uint32_t(static_cast<unsigned char>(d[at + 1])) << 16) |
         (std::uint32_t(static_cast<unsigned char>(d[at + 2])) << 8) | std::uint32_t(static_cast<unsigned char>(d[at + 3]));
}
unsigned u8(std::string_view d, std::size_t at) { return static_cast<unsigned char>(d[at]); }

// Width and height from the header, without decoding; nullopt when unreadable.
std::optional<std::pair<std::int64_t, std::int64_t>> peek_size(const std::string& kind, std::string_view d) {
  if (kind == "png") {
    if (d.size() < 24) return std::nullopt;
    return std::pair<std::int64_t, std::int64_t>{be32(d, 16), be32(d, 20)};
  }
  if (kind == "jpeg") {
    std::size_t i = 2;
    while (i + 9 < d.size()) {
      if (u8(d, i) != 0xFF) return std::nullopt;
      unsigned marker = u8(d, i + 1);
      if (marker == 0xFF) { ++i; continue; }
      std::size_t len = (u8(d, i + 2) << 8) | u8(d, i + 3);
      bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (sof) return std::pair<std::int64_t, std::int64_t>{(u8(d, i + 7) << 8) | u8(d, i + 8), (u8(d, i + 5) << 8) | u8(d, i + 6)};
      if (len < 2) return std::nullopt;
      i += 2 + len;
    }
    return std::nullopt;
  }
  if (kind == "webp") {
    if (d.size() < 30) return std::nullopt;
    auto chunk = d.substr(12, 4);
    if (chunk == "VP8X") return std::pair<std::int64_t, std::int64_t>{1 + (u8(d, 24) | (u8(d, 25) << 8) | (u8(d, 26) << 16)),
                                                                       1 + (u8(d, 27) | (u8(d, 28) << 8) | (u8(d, 29) << 16))};
    if (chunk == "VP8 ") return std::pair<std::int64_t, std::int64_t>{(u8(d, 26) | (u8(d, 27) << 8)) & 0x3FFF, (u8(d, 28) | (u8(d, 29) << 8)) & 0x3FFF};
    if (chunk == "VP8L") {
      std::uint32_t bits = u8(d, 21) | (u8(d, 22) << 8) | (u8(d, 23) << 16) | (std::uint32_t(u8(d, 24)) << 24);
      return std::pair<std::int64_t, std::int64_t>{1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)};
    }
  }
  return std::nullopt;
}

struct GdFree {
  void operator()(gdImage* im) const { gdImageDestroy(im); }
};
using GdImage = std::unique_ptr<gdImage, GdFree>;

}  // namespace

std::optional<directory::Thumbnail> make_thumbnail(std::string_view image) {
  auto type = directory::sniff_file_type(image);
  if (!type || !type->image || image.size() > static_cast<std::size_t>(INT32_MAX)) return std::nullopt;
  auto size = peek_size(type->kind, image);
  // Compared by division: a PNG header may claim 2^32 - 1 by 2^32 - 1 pixels,
  // whose product overflows.
  if (!size || size->first <= 0 || size->second <= 0 || size->first > kMaxPixels / size->second) return std::nullopt;
  void* data = const_cast<char*>(image.data());
  const int n = static_cast<int>(image.size());
  GdImage im(type->kind == "jpeg"  ? gdImageCreateFromJpegPtrEx(n, data, 1)
             : type->kind == "png" ? gdImageCreateFromPngPtr(n, data)
                                   : gdImageCreateFromWebpPtr(n, data));
  if (!im) return std::nullopt;
  const int w = gdImageSX(im.get()), h = gdImageSY(im.get());
  if (w <= 0 || h <= 0) return std::nullopt;
  const double scale = std::min(1.0, static_cast<double>(kThumbSide) / std::max(w, h));
  const int tw = std::max(1, static_cast<int>(w * scale + 0.5)), th = std::max(1, static_cast<int>(h * scale + 0.5));
  GdImage thumb(gdImageCreateTrueColor(tw, th));
  if (!thumb) return std::nullopt;
  gdImageFilledRectangle(thumb.get(), 0, 0, tw - 1, th - 1, gdTrueColor(255, 255, 255));  // under transparency
  gdImageCopyResampled(thumb.get(), im.get(), 0, 0, 0, 0, tw, th, w, h);
  int out_size = 0;
  void* out = gdImageJpegPtr(thumb.get(), &out_size, 82);
  if (!out || out_size <= 0) return std::nullopt;
  directory::Thumbnail t{std::string(static_cast<const char*>(out), static_cast<std::size_t>(out_size)), w, h};
  gdFree(out);
  return t;
}

}  // namespace lumbung::web::editor
