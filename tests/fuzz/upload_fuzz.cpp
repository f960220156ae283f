// Feeds arbitrary bytes to what an upload goes through before it is stored:
// the type sniffer (by content, never by the client's name or type), the
// display name made from the client's file name, and the thumbnailer (libgd
// decoding JPEG, PNG and WebP from memory). None may crash; a sniffed type is
// one of the four allowed; a display name is never empty, never over 120
// bytes and holds no path separator or control character; a thumbnail is
// only made from bytes the sniffer calls an image.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "directory/attachment_rules.hpp"
#include "web/editor_common.hpp"

using namespace lumbung;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto type = directory::sniff_file_type(in);
  if (type && type->kind != "jpeg" && type->kind != "png" && type->kind != "webp" && type->kind != "pdf") std::abort();
  const std::string shown = directory::display_file_name(in.substr(0, 512));
  if (shown.empty() || shown.size() > 120) std::abort();
  for (unsigned char c : shown)
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') std::abort();
  const auto thumb = web::editor::make_thumbnail(in);
  if (thumb && !(type && type->image)) std::abort();
  return 0;
}
