// The OpenAPI 3.0.3 document of /api/v1 (src/api/openapi.json, embedded at
// build time). Keep it in step with the route table in api_routes.cpp: the
// integration test checks every /api/v1 route appears in it.
#pragma once

#include <string_view>

namespace lumbung::api {

std::string_view openapi_document();

}  // namespace lumbung::api
