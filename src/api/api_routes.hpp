// JSON REST API v1 (/api/v1/...) and its OpenAPI document. Machine clients
// authenticate with `Authorization: Bearer <token>`; errors are
// application/problem+json.
#pragma once

#include "http/router.hpp"
#include "web/site.hpp"

namespace lumbung::api {

void register_routes(http::Router& router, const web::Site& site);

}  // namespace lumbung::api
