// Helpers shared by the editor's handler files (editor_pages.cpp,
// editor_review.cpp, attachment_pages.cpp). Internal to web/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "core/ids.hpp"
#include "directory/attachment_service.hpp"
#include "web/permissions.hpp"
#include "web/site.hpp"
#include "web/visitor.hpp"

namespace lumbung::web::editor {

// The acting user's id for domain calls (an API token's owner is not known here: 0).
inline std::int64_t actor_id(http::RequestContext& ctx) {
  const auto& v = visitor(ctx);
  return v.user ? v.user->id : 0;
}

using ::lumbung::parse_id;  // core/ids.hpp

// The catalogue text of a field-error key; keys the shared catalogue lacks
// (error.invalid_date...) come from the editor's own "editor.<key>".
std::string error_text(const Site& site, const std::string& lang, const std::string& key);

// What a caller may do with an innovation they asked for by id.
enum class Need { edit, publish, edit_or_publish };
// The innovation of path parameter {id} when the visitor may do `need`;
// otherwise the page to answer: 404 when they cannot even see it (or it does
// not exist), 403 when they can see it but not do this.
std::variant<directory::Innovation, http::Response> innovation_for(const Site& site, const http::Request& req,
                                                                    http::RequestContext& ctx, Need need);

// The attachment service over the uploads directory (Site::files_dir) with the image thumbnailer.
directory::AttachmentService attachments(const Site& site);

// The JPEG thumbnail of a JPEG, PNG or WebP image (at most 320 px a side),
// or nullopt when it does not decode or is too large (attachment_image.cpp).
std::optional<directory::Thumbnail> make_thumbnail(std::string_view image);

// The edit page of an innovation (editor_pages.cpp): `form` holds what was
// typed (when re-shown after an error), `error` its field errors, `alert_key`
// a message above the form, `status` the HTTP status.
struct EditPage {
  const directory::Innovation* innovation = nullptr;  // as stored now
  const http::Params* form = nullptr;                  // typed values to show instead
  std::optional<Error> error;
  std::string alert_key;
  std::string notice_key;
  std::string comment_error_key;  // the send-back comment's error
  unsigned status = 200;
};
http::Response edit_page(const Site& site, const http::Request& req, http::RequestContext& ctx, const EditPage& page);

}  // namespace lumbung::web::editor
