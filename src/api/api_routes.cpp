#include "api/api_routes.hpp"

#include "api/iid_handlers.hpp"
#include "api/innovation_handlers.hpp"
#include "api/problem.hpp"
#include "api/replication_handlers.hpp"
#include "api/search_handlers.hpp"

namespace lumbung::api {

namespace {

using ApiHandler = http::Response (*)(const web::Site&, const http::Request&, http::RequestContext&);

// Binds a handler to the site; an exception (a bug) becomes a problem+json
// 500 without internals instead of the HTML error page.
http::Handler bind_api(const web::Site& site, ApiHandler fn) {
  return [&site, fn](const http::Request& req, http::RequestContext& ctx) {
    try {
      return fn(site, req, ctx);
    } catch (const std::exception& e) {
      site.log->error("{} {} {}: unhandled exception: {}", ctx.request_id, req.target, ctx.route_name, e.what());
      return problem_response(500, "an unexpected error occurred");
    }
  };
}

http::Route route(boost::beast::http::verb method, std::string pattern, std::string name, std::string access,
                  http::Handler handler) {
  return http::Route{method, std::move(pattern), std::move(name), std::move(access), std::move(handler)};
}

}  // namespace

void register_routes(http::Router& router, const web::Site& site) {
  using boost::beast::http::verb;
  auto bind = [&site](ApiHandler fn) { return bind_api(site, fn); };
  // clang-format off
  //                 method       pattern                       handler             access
  router.add(route(verb::get,  "/api/v1/innovations",         "get_innovations",  "public", bind(get_innovations)));
  router.add(route(verb::get,  "/api/v1/innovations/{id}",    "get_innovation",   "public", bind(get_innovation)));
  router.add(route(verb::post, "/api/v1/innovations",         "post_innovation",  "client", bind(post_innovation)));
  router.add(route(verb::put,  "/api/v1/innovations/{id}",    "put_innovation",   "client", bind(put_innovation)));
  router.add(route(verb::get,  "/api/v1/me",                  "get_me",           "client", bind(get_me)));
  router.add(route(verb::get,  "/api/v1/openapi.json",        "get_openapi",      "public", bind(get_openapi)));
  router.add(route(verb::get,  "/api/v1/search",              "get_search",       "public", bind(get_search)));
  router.add(route(verb::get,  "/api/v1/solutions",           "get_solutions",    "public", bind(get_solutions)));
  router.add(route(verb::get,  "/api/v1/suggest",             "get_suggest",      "public", bind(get_suggest)));
  router.add(route(verb::get,  "/api/v1/iid/{year}/framework",      "get_api_iid_framework", "public", bind(get_iid_framework)));
  router.add(route(verb::get,  "/api/v1/iid/{year}/ranking",        "get_api_iid_ranking",   "public", bind(get_iid_ranking)));
  router.add(route(verb::get,  "/api/v1/iid/{year}/regions/{code}", "get_api_iid_region",    "public", bind(get_iid_region)));
  router.add(route(verb::get,  "/api/v1/replication/adoptions",     "get_api_replication_adoptions", "public", bind(get_replication_adoptions)));
  router.add(route(verb::get,  "/api/v1/innovations/{id}/replication", "get_api_innovation_replication", "public", bind(get_innovation_replication)));
  // clang-format on
}

}  // namespace lumbung::api
