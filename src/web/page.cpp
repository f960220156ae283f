#include "notify/notify.hpp"
#include "web/site.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

Result<std::vector<directory::Region>> cached_regions(const Site& site, const std::string& parent_code) {
  return site.caches.regions.get(parent_code, [&] { return site.innovations.regions(parent_code); });
}

unsigned http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid: return 400;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::unauthenticated: return 401;
    case ErrorCode::too_many: return 429;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

namespace {

// The fields every page's model gets: language, path, CSRF token, the
// signed-in visitor and its unread count, the title.
void add_common_fields(const Site& site, const http::Request& req, http::RequestContext& ctx,
                       nlohmann::json& model) {
  const auto& lang = ctx.get<RequestLang>().code;
  model["lang"] = lang;
  model["other_lang"] = lang == "id" ? "en" : "id";
  model["path"] = url_encode(req.target);
  const auto& v = visitor(ctx);
  model["csrf"] = v.csrf;
  if (v.user) {
    model["me"] = {{"name", v.user->name}, {"email", v.user->email}};
    // The bell: a failed count shows no number rather than failing the page.
    const auto counted = notify::Inbox(site.db).unread_count(v.user->id);
    const std::int64_t unread = counted ? *counted : 0;
    if (unread > 0) model["unread"] = unread > 99 ? std::string("99+") : std::to_string(unread);
    model["staff"] = has_role(v, auth::Role::region_admin) || has_role(v, auth::Role::lab_organizer) ||
                     has_role(v, auth::Role::curator);
  }
  if (model.contains("title_key")) model["title"] = site.catalog.text(lang, model["title_key"].get<std::string>());
}

http::Response assemble(const Site& site, http::RequestContext& ctx, const std::string& view,
                        const nlohmann::json& model, const Result<std::string>& body, unsigned status) {
  const auto& lang = ctx.get<RequestLang>().code;
  const auto top = site.views.render("layout/top", lang, model);
  const auto bottom = site.views.render("layout/bottom", lang, model);
  for (const Result<std::string>* part : {&top, &body, &bottom}) {
    if (!part->ok()) {
      site.log->error("{} render {}: {}", ctx.request_id, view, part->error().message());
      return http::Response::text("500 Internal Server Error\n", 500);
    }
  }
  auto response = http::Response::html(*top + *body + *bottom, status);
  response.header("Content-Language", lang);
  return response;
}

}  // namespace

http::Response render_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                           const std::string& view, nlohmann::json model, unsigned status) {
  add_common_fields(site, req, ctx, model);
  const auto body = site.views.render(view, ctx.get<RequestLang>().code, model);
  return assemble(site, ctx, view, model, body, status);
}

http::Response render_around(const Site& site, const http::Request& req, http::RequestContext& ctx,
                             const std::string& body, nlohmann::json model, unsigned status) {
  add_common_fields(site, req, ctx, model);
  return assemble(site, ctx, "(rendered body)", model, Result<std::string>(body), status);
}

http::Response error_page(const Site& site, const http::Request& req, http::RequestContext& ctx, unsigned status,
                          const std::string& message_key, const std::map<std::string, std::string>& values) {
  static constexpr unsigned kKnown[] = {400, 401, 403, 404, 405, 409, 429, 500, 503};
  unsigned shown = status;
  if (std::find(std::begin(kKnown), std::end(kKnown), shown) == std::end(kKnown)) shown = status < 500 ? 400 : 500;
  const auto& lang = ctx.get<RequestLang>().code;
  const auto prefix = "error." + std::to_string(shown);
  nlohmann::json model = {{"status", status},
                          {"title", site.catalog.text(lang, prefix + ".title")},
                          {"error_title", site.catalog.text(lang, prefix + ".title")},
                          {"error_body", message_key.empty() ? site.catalog.text(lang, prefix + ".body")
                                                             : fill(site.catalog.text(lang, message_key), values)}};
  if (status >= 500) model["request_id"] = ctx.request_id;
  auto response = render_page(site, req, ctx, "errors/error", std::move(model), status);
  response.cacheable = false;
  return response;
}

}  // namespace lumbung::web
