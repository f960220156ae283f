// The site's route table: one line per route, with who may call it.
#include "http/static_files.hpp"
#include "web/site.hpp"

namespace lumbung::web {

http::Response get_home(const Site&, const http::Request&, http::RequestContext&);
http::Response get_health(const Site&, const http::Request&, http::RequestContext&);
http::Response get_metrics(const Site&, const http::Request&, http::RequestContext&);
http::Response get_language(const Site&, const http::Request&, http::RequestContext&);

void register_routes(http::Router& router, Site& site) {
  auto bind = [&site](auto fn) {
    return [&site, fn](const http::Request& req, http::RequestContext& ctx) { return fn(site, req, ctx); };
  };
  router.use(security_headers_middleware());
  router.use(language_middleware(site));
  router.use(error_middleware(site));

  // method  pattern               handler                access
  router.get("/",                  "get_home",            "public", bind(get_home));
  router.get("/healthz",           "get_health",          "public", bind(get_health));
  router.get("/metrics",           "get_metrics",         "public", bind(get_metrics));
  router.get("/bahasa/{lang}",     "get_language",        "public", bind(get_language));
  router.get("/static/{path...}",  "get_static",          "public", http::static_handler(site.static_dir, "/static/"));

  router.set_not_found([&site](const http::Request& req, http::RequestContext& ctx) {
    return error_page(site, req, ctx, 404);
  });
}

}  // namespace lumbung::web
