// Handlers of /api/v1: they read the request, check permissions
// (web/permissions.hpp) and call directory::InnovationService; every error
// is application/problem+json (api/problem.hpp).
#pragma once

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site.hpp"

namespace lumbung::api {

http::Response get_innovations(const web::Site& site, const http::Request& req, http::RequestContext& ctx);
http::Response get_innovation(const web::Site& site, const http::Request& req, http::RequestContext& ctx);
http::Response post_innovation(const web::Site& site, const http::Request& req, http::RequestContext& ctx);
http::Response put_innovation(const web::Site& site, const http::Request& req, http::RequestContext& ctx);
http::Response get_me(const web::Site& site, const http::Request& req, http::RequestContext& ctx);
http::Response get_openapi(const web::Site& site, const http::Request& req, http::RequestContext& ctx);

}  // namespace lumbung::api
