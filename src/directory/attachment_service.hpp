// Attachments of innovations: the rows (innovation_attachments) and the bytes
// (<files_dir>/<id>.<ext>, images also <id>.thumb.jpg). Each write is one
// transaction that also appends an outbox row ("innovation", its id, its
// version) so consumers of the profile see the change; the files are written
// before the commit and removed again when it fails. Permissions are checked
// by the caller. Thread-safe: calls share only the Database and the directory.
//
// Errors: invalid (field "file": editor.file_empty, editor.file_too_large,
// editor.file_type, editor.file_damaged), not_found (no such innovation or
// attachment, or a removed one), unavailable/internal (store or disk).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "directory/attachment_rules.hpp"
#include "store/database.hpp"

namespace lumbung::directory {

// A thumbnail of an image, made by the caller's image library.
struct Thumbnail {
  std::string jpeg;  // the thumbnail's bytes
  int width = 0;     // of the original image
  int height = 0;
};
// nullopt when the image cannot be decoded (damaged or not really an image).
using Thumbnailer = std::function<std::optional<Thumbnail>(std::string_view image)>;

// Writes `bytes` to `path` through a temporary file and a rename (the parent
// directory is created); unavailable when the disk refuses.
Status write_file(const std::filesystem::path& path, std::string_view bytes);

class AttachmentService {
 public:
  AttachmentService(store::Database& db, const Clock& clock, std::filesystem::path files_dir,
                    Thumbnailer thumbnailer = {})
      : db_(db), clock_(clock), files_dir_(std::move(files_dir)), thumbnailer_(std::move(thumbnailer)) {}

  // Stores `data` as an attachment of innovation `innovation_id`; the type is
  // read from the bytes, `client_name` is kept only as a display name.
  // `max_bytes` is the caller's limit (kMaxAttachmentBytes applies too).
  Result<Attachment> add(std::int64_t actor, std::int64_t innovation_id, std::string_view client_name,
                         std::string_view data, std::size_t max_bytes);
  // Present attachments of an innovation, oldest first.
  Result<std::vector<Attachment>> list(std::int64_t innovation_id);
  // A present attachment (a removed one is not_found).
  Result<Attachment> get(std::int64_t id);
  // Marks the attachment removed (the row stays for the record) and deletes its files.
  Result<Attachment> remove(std::int64_t actor, std::int64_t id);

  // Where a stored name lives on disk.
  std::filesystem::path path_of(const std::string& stored_name) const { return files_dir_ / stored_name; }

 private:
  store::Database& db_;
  const Clock& clock_;
  std::filesystem::path files_dir_;
  Thumbnailer thumbnailer_;
};

}  // namespace lumbung::directory
