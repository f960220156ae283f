#include "directory/attachment_rules.hpp"

namespace lumbung::directory {

namespace {

bool starts_with(std::string_view data, std::string_view magic) { return data.substr(0, magic.size()) == magic; }

// Bytes of the UTF-8 sequence starting at `s[i]`, 0 when invalid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  if (n == 2 && c < 0xC2) return 0;  // overlong
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

}  // namespace

std::optional<FileType> sniff_file_type(std::string_view data) {
  using namespace std::string_view_literals;
  if (starts_with(data, "\xFF\xD8\xFF"sv) && data.size() >= 4) return FileType{"jpeg", "image/jpeg", ".jpg", true};
  if (starts_with(data, "\x89PNG\r\n\x1A\n"sv) && data.size() >= 16) return FileType{"png", "image/png", ".png", true};
  if (data.size() >= 16 && starts_with(data, "RIFF"sv) && data.substr(8, 4) == "WEBP"sv)
    return FileType{"webp", "image/webp", ".webp", true};
  if (starts_with(data, "%PDF-"sv) && data.size() >= 8) return FileType{"pdf", "application/pdf", ".pdf", false};
  return std::nullopt;
}

std::string display_file_name(std::string_view client_name) {
  if (auto slash = client_name.find_last_of("/\\"); slash != std::string_view::npos)
    client_name = client_name.substr(slash + 1);
  std::string out;
  for (std::size_t i = 0; i < client_name.size();) {
    auto n = utf8_length(client_name, i);
    if (n == 0) {
      ++i;
      continue;
    }
    const auto c = static_cast<unsigned char>(client_name[i]);
    bool control = (n == 1 && (c < 0x20 || c == 0x7F)) ||
                   (n == 2 && c == 0xC2 && static_cast<unsigned char>(client_name[i + 1]) < 0xA0);
    if (!control && out.size() + n <= 120) out.append(client_name.substr(i, n));
    if (out.size() + n > 120 && !control) break;
    i += n;
  }
  auto first = out.find_first_not_of(". ");
  out = first == std::string::npos ? std::string() : out.substr(first);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.empty() ? "berkas" : out;
}

std::vector<FieldError> validate_upload(std::string_view data, std::size_t max_bytes) {
  if (data.empty()) return {{"file", "editor.file_empty"}};
  if (data.size() > max_bytes || data.size() > kMaxAttachmentBytes) return {{"file", "editor.file_too_large"}};
  if (!sniff_file_type(data)) return {{"file", "editor.file_type"}};
  return {};
}

}  // namespace lumbung::directory
