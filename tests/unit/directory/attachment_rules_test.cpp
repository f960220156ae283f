// What an upload is (by content), how its name is shown, and the upload rules.
#include <gtest/gtest.h>

#include "directory/attachment_rules.hpp"

namespace lumbung::directory {
namespace {

using namespace std::string_literals;

TEST(SniffFileType, ReadsTheMagicBytesNotTheName) {
  struct Case {
    std::string data;
    std::string kind;  // "" = refused
  };
  const std::vector<Case> cases = {
      {"\xFF\xD8\xFF\xE0\x00\x10JFIF"s, "jpeg"},
      {"\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR"s, "png"},
      {"RIFF\x24\x00\x00\x00WEBPVP8 "s, "webp"},
      {"%PDF-1.7\n%\xE2\xE3"s, "pdf"},
      {"RIFF\x24\x00\x00\x00WAVEfmt "s, ""},  // a RIFF that is not WebP
      {"GIF89a\x01\x00\x01\x00"s, ""},
      {"<svg xmlns=\"http://www.w3.org/2000/svg\"/>", ""},
      {"<html><script>alert(1)</script>", ""},
      {"MZ\x90\x00\x03\x00\x00\x00"s, ""},
      {"PK\x03\x04 docx or zip"s, ""},
      {"just text saying %PDF-1.4", ""},
      {"\x89PNG"s, ""},  // truncated header
      {"", ""},
  };
  for (const auto& c : cases) {
    auto t = sniff_file_type(c.data);
    if (c.kind.empty()) EXPECT_FALSE(t.has_value()) << c.data;
    else {
      ASSERT_TRUE(t.has_value()) << c.kind;
      EXPECT_EQ(t->kind, c.kind);
      EXPECT_EQ(t->image, c.kind != "pdf");
    }
  }
  EXPECT_EQ(sniff_file_type("%PDF-1.4\nxx")->media_type, "application/pdf");
  EXPECT_EQ(sniff_file_type("\xFF\xD8\xFF\xDB\x00"s)->extension, ".jpg");
}

TEST(DisplayFileName, StripsPathsControlsAndLength) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"laporan.pdf", "laporan.pdf"},
      {"../../etc/passwd", "passwd"},
      {"a\\b.pdf", "b.pdf"},
      {"C:\\Users\\ani\\Foto Puskesmas.jpg", "Foto Puskesmas.jpg"},
      {"/", "berkas"},
      {"..", "berkas"},
      {".htaccess", "htaccess"},
      {"nama\x01\x1F\x7F.png", "nama.png"},
      {"evil\r\nSet-Cookie: x.png", "evilSet-Cookie: x.png"},
      {"bad\xFF\xFEutf8.pdf"s, "badutf8.pdf"},
      {"Laporan Inovasi — 2024.pdf", "Laporan Inovasi — 2024.pdf"},
      {"", "berkas"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(display_file_name(in), out) << in;
  auto long_name = display_file_name(std::string(300, 'a') + ".pdf");
  EXPECT_EQ(long_name.size(), 120u);
  // Cut on a character boundary: 119 ASCII bytes then a 2-byte character does not fit.
  auto cut = display_file_name(std::string(119, 'a') + "é");
  EXPECT_EQ(cut, std::string(119, 'a'));
}

TEST(ValidateUpload, EmptyTooLargeAndWrongType) {
  const std::string pdf = "%PDF-1.4\n%%EOF\n";
  EXPECT_TRUE(validate_upload(pdf, 1000).empty());
  auto key = [](const std::vector<FieldError>& e) { return e.empty() ? std::string() : e[0].field + ":" + e[0].key; };
  EXPECT_EQ(key(validate_upload("", 1000)), "file:editor.file_empty");
  EXPECT_EQ(key(validate_upload(pdf, 5)), "file:editor.file_too_large");
  EXPECT_EQ(key(validate_upload("plain text", 1000)), "file:editor.file_type");
  EXPECT_EQ(key(validate_upload(pdf + std::string(kMaxAttachmentBytes, ' '), kMaxAttachmentBytes * 4)),
            "file:editor.file_too_large");
}

}  // namespace
}  // namespace lumbung::directory
