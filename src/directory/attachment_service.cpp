#include "directory/attachment_service.hpp"

#include <fstream>
#include <system_error>

#include "store/outbox.hpp"
#include "store/row.hpp"

namespace lumbung::directory {

namespace {

using store::get_int64;
using store::get_text;

constexpr const char* kSelectInnovationVersion = "SELECT version FROM innovations WHERE id = :id";
constexpr const char* kInsertAttachment =
    "INSERT INTO innovation_attachments (id, innovation_id, kind, media_type, stored_name, thumb_name, "
    "original_name, size_bytes, width, height, created_at, created_by) VALUES (:id, :innovation, :kind, :media, "
    ":stored, :thumb, :original, :size, :width, :height, :now, :actor)";
constexpr const char* kSelectAttachmentColumns =
    "SELECT id, innovation_id, kind, media_type, stored_name, thumb_name, original_name, size_bytes, width, height, "
    "created_at, created_by, deleted_at FROM innovation_attachments ";
constexpr const char* kWhereId = "WHERE id = :id AND deleted_at = 0";
constexpr const char* kWhereInnovation = "WHERE innovation_id = :innovation AND deleted_at = 0 ORDER BY id";
constexpr const char* kMarkDeleted =
    "UPDATE innovation_attachments SET deleted_at = :now, deleted_by = :actor WHERE id = :id AND deleted_at = 0";

Attachment from_row(const soci::row& r) {
  Attachment a;
  a.id = get_int64(r, 0);
  a.innovation_id = get_int64(r, 1);
  a.kind = get_text(r, 2);
  a.media_type = get_text(r, 3);
  a.stored_name = get_text(r, 4);
  a.thumb_name = get_text(r, 5);
  a.original_name = get_text(r, 6);
  a.size_bytes = get_int64(r, 7);
  a.width = static_cast<int>(get_int64(r, 8));
  a.height = static_cast<int>(get_int64(r, 9));
  a.created_at = get_int64(r, 10);
  a.created_by = get_int64(r, 11);
  a.deleted_at = get_int64(r, 12);
  return a;
}

std::optional<Attachment> find(soci::session& sql, std::int64_t id) {
  long long lid = id;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kSelectAttachmentColumns) + kWhereId, soci::use(lid, "id"));
  for (const auto& r : rs) return from_row(r);
  return std::nullopt;
}

std::optional<std::int64_t> innovation_version(soci::session& sql, std::int64_t id) {
  long long lid = id, version = 0;
  soci::indicator ind = soci::i_null;
  sql << kSelectInnovationVersion, soci::use(lid, "id"), soci::into(version, ind);
  if (!sql.got_data() || ind == soci::i_null) return std::nullopt;
  return version;
}

template <class F>
auto read(store::Database& db, const char* op, F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
  auto sql = db.acquire();
  try {
    return fn(*sql);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, op);
  }
}

}  // namespace

Status write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return Error(ErrorCode::unavailable, "add_attachment: cannot create " + path.parent_path().string());
  auto tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::filesystem::remove(tmp, ec);
      return Error(ErrorCode::unavailable, "add_attachment: cannot write " + tmp.string());
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Error(ErrorCode::unavailable, "add_attachment: cannot rename to " + path.string());
  }
  return {};
}

Result<Attachment> AttachmentService::add(std::int64_t actor, std::int64_t innovation_id, std::string_view client_name,
                                          std::string_view data, std::size_t max_bytes) {
  if (auto errors = validate_upload(data, max_bytes); !errors.empty())
    return Error(ErrorCode::invalid, "add_attachment: rejected upload", std::move(errors));
  const auto type = *sniff_file_type(data);
  std::optional<Thumbnail> thumb;
  if (type.image && thumbnailer_) {
    thumb = thumbnailer_(data);
    if (!thumb) return Error(ErrorCode::invalid, "add_attachment: image does not decode", {{"file", "editor.file_damaged"}});
  }
  const auto now = clock_.now();
  std::vector<std::filesystem::path> written;
  auto result = db_.transact("add_attachment", [&](soci::session& sql) -> Result<Attachment> {
    auto version = innovation_version(sql, innovation_id);
    if (!version)
      return Error(ErrorCode::not_found, "add_attachment: no innovation " + std::to_string(innovation_id));
    auto id = store::next_id(sql, "innovation_attachments");
    if (!id) return id.error();
    Attachment a;
    a.id = *id;
    a.innovation_id = innovation_id;
    a.kind = type.kind;
    a.media_type = type.media_type;
    a.stored_name = std::to_string(*id) + type.extension;
    a.original_name = display_file_name(client_name);
    a.size_bytes = static_cast<std::int64_t>(data.size());
    a.created_at = now;
    a.created_by = actor;
    if (thumb) {
      a.thumb_name = std::to_string(*id) + ".thumb.jpg";
      a.width = thumb->width;
      a.height = thumb->height;
    }
    if (auto st = write_file(path_of(a.stored_name), data); !st) return st.error();
    written.push_back(path_of(a.stored_name));
    if (thumb) {
      if (auto st = write_file(path_of(a.thumb_name), thumb->jpeg); !st) return st.error();
      written.push_back(path_of(a.thumb_name));
    }
    long long lid = a.id, linn = a.innovation_id, size = a.size_bytes, lnow = now, lactor = actor;
    int width = a.width, height = a.height;
    sql << kInsertAttachment, soci::use(lid, "id"), soci::use(linn, "innovation"), soci::use(a.kind, "kind"),
        soci::use(a.media_type, "media"), soci::use(a.stored_name, "stored"), soci::use(a.thumb_name, "thumb"),
        soci::use(a.original_name, "original"), soci::use(size, "size"), soci::use(width, "width"),
        soci::use(height, "height"), soci::use(lnow, "now"), soci::use(lactor, "actor");
    if (auto st = store::append_outbox(sql, "innovation", innovation_id, *version, now); !st) return st.error();
    return a;
  });
  if (!result) {
    std::error_code ec;
    for (const auto& p : written) std::filesystem::remove(p, ec);
  }
  return result;
}

Result<std::vector<Attachment>> AttachmentService::list(std::int64_t innovation_id) {
  return read(db_, "list_attachments", [&](soci::session& sql) -> Result<std::vector<Attachment>> {
    long long lid = innovation_id;
    std::vector<Attachment> out;
    soci::rowset<soci::row> rs =
        (sql.prepare << std::string(kSelectAttachmentColumns) + kWhereInnovation, soci::use(lid, "innovation"));
    for (const auto& r : rs) out.push_back(from_row(r));
    return out;
  });
}

Result<Attachment> AttachmentService::get(std::int64_t id) {
  return read(db_, "get_attachment", [&](soci::session& sql) -> Result<Attachment> {
    auto a = find(sql, id);
    if (!a) return Error(ErrorCode::not_found, "get_attachment: no attachment " + std::to_string(id));
    return *a;
  });
}

Result<Attachment> AttachmentService::remove(std::int64_t actor, std::int64_t id) {
  const auto now = clock_.now();
  auto result = db_.transact("remove_attachment", [&](soci::session& sql) -> Result<Attachment> {
    auto a = find(sql, id);
    if (!a) return Error(ErrorCode::not_found, "remove_attachment: no attachment " + std::to_string(id));
    long long lid = id, lnow = now, lactor = actor;
    sql << kMarkDeleted, soci::use(lnow, "now"), soci::use(lactor, "actor"), soci::use(lid, "id");
    auto version = innovation_version(sql, a->innovation_id);
    if (auto st = store::append_outbox(sql, "innovation", a->innovation_id, version.value_or(0), now); !st)
      return st.error();
    a->deleted_at = now;
    return *a;
  });
  if (result) {
    std::error_code ec;
    std::filesystem::remove(path_of(result->stored_name), ec);
    if (!result->thumb_name.empty()) std::filesystem::remove(path_of(result->thumb_name), ec);
  }
  return result;
}

}  // namespace lumbung::directory
