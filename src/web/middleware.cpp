#include "web/site.hpp"

namespace lumbung::web {

http::Middleware language_middleware(const Site& site) {
  return [&site](const http::Request& req, http::RequestContext& ctx, const http::Handler& next) {
    ctx.get<RequestLang>().code = choose_language(site.catalog, req.cookie("lang"), req.header("Accept-Language"));
    auto response = next(req, ctx);
    response.header("Vary", "Cookie, Accept-Language");
    return response;
  };
}

http::Middleware security_headers_middleware() {
  return [](const http::Request& req, http::RequestContext& ctx, const http::Handler& next) {
    auto response = next(req, ctx);
    response.header("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    response.header("X-Content-Type-Options", "nosniff");
    response.header("Referrer-Policy", "strict-origin-when-cross-origin");
    response.header("X-Frame-Options", "DENY");
    return response;
  };
}

http::Middleware error_middleware(const Site& site) {
  return [&site](const http::Request& req, http::RequestContext& ctx, const http::Handler& next) {
    try {
      auto response = next(req, ctx);
      // Handlers signal plain errors with an empty body; give them the error page.
      if (response.status >= 400 && response.body.empty()) {
        auto page = error_page(site, req, ctx, response.status);
        for (auto& h : response.headers) page.headers.push_back(h);
        return page;
      }
      return response;
    } catch (const std::exception& e) {
      site.log->error("{} {} {}: unhandled exception: {}", ctx.request_id, req.target, ctx.route_name, e.what());
      return error_page(site, req, ctx, 500);
    }
  };
}

}  // namespace lumbung::web
