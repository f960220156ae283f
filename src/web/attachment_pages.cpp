// Attachments: upload (multipart, type by content), serving (public only when
// the innovation is published), removal; and the view helpers other pages use.
#include <fstream>
#include <sstream>

#include "web/attachment_views.hpp"
#include "web/editor_common.hpp"
#include "web/url.hpp"

namespace lumbung::web {

using namespace editor;

std::vector<AttachmentView> attachments_for(const Site& site, std::int64_t innovation_id, bool include_private) {
  if (!include_private) {
    auto i = site.innovations.get(innovation_id);
    if (!i || i->state != "published") return {};
  }
  auto list = attachments(site).list(innovation_id);
  if (!list) {
    site.log->warn("attachments_for {}: {}", innovation_id, list.error().message());
    return {};
  }
  std::vector<AttachmentView> out;
  for (const auto& a : *list) {
    const auto url = "/lampiran/" + std::to_string(a.id);
    out.push_back({a.id, a.original_name, url, a.thumb_name.empty() ? "" : url + "/thumb", a.media_type, a.image(),
                   a.size_bytes, a.width, a.height});
  }
  return out;
}

nlohmann::json attachment_json(const Site& site, const std::string& lang, const std::vector<AttachmentView>& list,
                               bool removable) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : list) {
    std::ostringstream size;
    if (a.size_bytes >= 1024 * 1024) size << (a.size_bytes * 10 / (1024 * 1024)) / 10 << (lang == "id" ? "," : ".")
                                           << (a.size_bytes * 10 / (1024 * 1024)) % 10 << " MB";
    else size << std::max<std::int64_t>(1, a.size_bytes / 1024) << " KB";
    out.push_back({{"id", a.id},
                   {"name", a.name},
                   {"url", a.url},
                   {"thumb_url", a.thumb_url.empty() ? nlohmann::json(false) : nlohmann::json(a.thumb_url)},
                   {"image", a.image},
                   {"pdf", !a.image},
                   {"size", size.str()},
                   {"width", a.width},
                   {"height", a.height},
                   {"removable", removable}});
  }
  (void)site;
  return out;
}

http::Response post_attachment(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = innovation_for(site, req, ctx, Need::edit);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& i = std::get<directory::Innovation>(found);
  auto show = [&](const char* key, unsigned status) {
    EditPage page{&i};
    page.alert_key = key;
    page.status = status;
    return edit_page(site, req, ctx, page);
  };
  if (i.state == "archived") return show("editor.archived_locked", 409);
  auto parts = req.multipart();
  if (!parts) return show("editor.file_missing", 400);
  const http::Part* file = nullptr;
  for (const auto& p : *parts)
    if (p.name == "file") {
      file = &p;
      break;
    }
  if (!file) return show("editor.file_missing", 400);
  auto added = attachments(site).add(actor_id(ctx), i.id, file->filename, file->data,
                                     site.config.max_upload_bytes);
  if (added) return http::Response::redirect("/inovasi/" + std::to_string(i.id) + "/ubah?pesan=lampiran#lampiran", 303);
  const auto& e = added.error();
  if (e.code() == ErrorCode::invalid && !e.fields().empty()) {
    unsigned status = e.fields().front().key == "editor.file_too_large" ? 413 : 400;
    EditPage page{&i};
    page.alert_key = e.fields().front().key;
    page.status = status;
    return edit_page(site, req, ctx, page);
  }
  site.log->error("{} post_attachment: {}", ctx.request_id, e.message());
  return error_page(site, req, ctx, http_status(e.code()));
}

namespace {

// The attachment of {id} when the visitor may see its innovation, else the 404 page.
std::variant<directory::Attachment, http::Response> visible_attachment(const Site& site, const http::Request& req,
                                                                       http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto a = attachments(site).get(*id);
  if (!a) return error_page(site, req, ctx, http_status(a.error().code()));
  auto i = site.innovations.get(a->innovation_id);
  if (!i) return error_page(site, req, ctx, 404);
  const auto grants = grants_of(visitor(ctx));
  if (!may_see(grants, *i) && !may_publish(grants)) return error_page(site, req, ctx, 404);
  if (i->state != "published") a->deleted_at = -1;  // marks "private" for the caching headers below
  return std::move(*a);
}

http::Response serve_file(const Site& site, const http::Request& req, http::RequestContext& ctx,
                          const directory::Attachment& a, bool thumb) {
  const auto name = thumb ? a.thumb_name : a.stored_name;
  if (name.empty()) return error_page(site, req, ctx, 404);
  std::ifstream in(attachments(site).path_of(name), std::ios::binary);
  if (!in) {
    site.log->error("{} attachment {}: file {} missing", ctx.request_id, a.id, name);
    return error_page(site, req, ctx, 404);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  http::Response r;
  r.status = 200;
  r.content_type = thumb ? "image/jpeg" : a.media_type;
  r.body = bytes.str();
  r.cacheable = false;  // already compressed; drafts must not be cached by shared caches
  const bool is_private = a.deleted_at == -1;
  r.header("Cache-Control", is_private ? "private, no-store" : "public, max-age=3600");
  if (!thumb)
    r.header("Content-Disposition", std::string("inline; filename*=UTF-8''") +
                                        url_encode(a.original_name));
  return r;
}

}  // namespace

http::Response get_attachment(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = visible_attachment(site, req, ctx);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  return serve_file(site, req, ctx, std::get<directory::Attachment>(found), false);
}

http::Response get_attachment_thumb(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = visible_attachment(site, req, ctx);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  return serve_file(site, req, ctx, std::get<directory::Attachment>(found), true);
}

http::Response post_attachment_remove(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto service = attachments(site);
  auto a = service.get(*id);
  if (!a) return error_page(site, req, ctx, http_status(a.error().code()));
  auto i = site.innovations.get(a->innovation_id);
  if (!i) return error_page(site, req, ctx, 404);
  const auto grants = grants_of(visitor(ctx));
  if (!may_edit(grants, *i)) return error_page(site, req, ctx, may_see(grants, *i) ? 403 : 404);
  if (i->state == "archived") return error_page(site, req, ctx, 409, "editor.archived_locked");
  auto removed = service.remove(actor_id(ctx), *id);
  if (!removed) return error_page(site, req, ctx, http_status(removed.error().code()));
  return http::Response::redirect("/inovasi/" + std::to_string(i->id) + "/ubah?pesan=lampiran-dihapus#lampiran", 303);
}

}  // namespace lumbung::web
