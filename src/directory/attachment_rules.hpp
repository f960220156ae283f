// Attachments of an innovation: photos (JPEG, PNG, WebP) and PDF documents.
// Pure rules: what a file is (by its first bytes, never by its name or the
// client's Content-Type), how an uploader's file name is shown, and what an
// upload must satisfy. No SQL, no files, no logging.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace lumbung::directory {

struct Attachment {
  std::int64_t id = 0;
  std::int64_t innovation_id = 0;
  std::string kind;           // jpeg | png | webp | pdf
  std::string media_type;     // image/jpeg, image/png, image/webp, application/pdf
  std::string stored_name;    // "<id>.<ext>" under the files directory
  std::string thumb_name;     // "<id>.thumb.jpg", "" for documents
  std::string original_name;  // sanitised uploader's name, for display only
  std::int64_t size_bytes = 0;
  int width = 0;  // images: pixels of the original, else 0
  int height = 0;
  std::int64_t created_at = 0;
  std::int64_t created_by = 0;
  std::int64_t deleted_at = 0;  // 0 = present
  bool image() const { return kind != "pdf"; }
};

struct FileType {
  std::string kind;        // jpeg | png | webp | pdf
  std::string media_type;
  std::string extension;   // ".jpg", ".png", ".webp", ".pdf"
  bool image = false;
};

// The type of `data` by its magic bytes; nullopt for anything else (text,
// HTML, SVG, executables, archives, truncated headers...).
std::optional<FileType> sniff_file_type(std::string_view data);

// An uploader's file name made safe to show: the last path component (after
// '/' or '\\'), control characters and invalid UTF-8 dropped, leading dots
// removed, at most 120 bytes (cut on a character boundary); "berkas" when
// nothing is left. Never used to name a stored file.
std::string display_file_name(std::string_view client_name);

// The per-file limit; uploads are also bounded by Config::max_upload_bytes.
inline constexpr std::size_t kMaxAttachmentBytes = 10 * 1024 * 1024;

// Field errors (field "file") of an upload of `data` with a limit of
// `max_bytes`: editor.file_empty, editor.file_too_large, editor.file_type.
std::vector<FieldError> validate_upload(std::string_view data, std::size_t max_bytes);

}  // namespace lumbung::directory
