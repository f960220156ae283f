#include "notify/notify.hpp"
#include "web/site.hpp"
#include "web/visitor.hpp"
#include "web/url.hpp"

namespace lumbung::web {

http::Response get_health(const Site& site, const http::Request&, http::RequestContext& ctx) {
  try {
    auto sql = site.db.acquire();
    int one = 0;
    *sql << "SELECT 1", soci::into(one);
    if (one == 1) {
      auto r = http::Response::json(R"({"status":"ok","database":"ok"})");
      r.cacheable = false;
      return r;
    }
  } catch (const std::exception& e) {
    site.log->warn("{} healthz: database: {}", ctx.request_id, e.what());
  }
  auto r = http::Response::json(R"({"status":"unavailable","database":"unreachable"})", 503);
  r.cacheable = false;
  return r;
}

std::string ops_metrics(const Site& site);  // ops_pages.cpp

http::Response get_metrics(const Site& site, const http::Request&, http::RequestContext&) {
  auto r = http::Response::text(site.metrics.render() + ops_metrics(site));
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.cacheable = false;
  return r;
}

// /bahasa/{lang}?next=/path: remembers the language in a cookie for a year and
// goes back to the page the user was on.
http::Response get_language(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = req.path_params.at("lang");
  if (!site.catalog.supports(lang)) return http::Response::html("", 404);
  auto next = req.query.get_or("next", "/");
  if (!is_local_path(next)) next = "/";
  // A logged-in user's mail follows the language they chose last.
  if (const auto& v = visitor(ctx); v.user) {
    if (auto saved = notify::Inbox(site.db).set_language(v.user->id, lang); !saved)
      site.log->warn("language of user {} not saved: {}", v.user->id, saved.error().message());
  }
  auto r = http::Response::redirect(next, 303);
  r.header("Set-Cookie", http::set_cookie_value("lang", lang, 365 * 24 * 3600, false, site.config.secure_cookies));
  r.cacheable = false;
  return r;
}

}  // namespace lumbung::web
