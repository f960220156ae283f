// JSON REST API v1 (/api/v1/...) and its OpenAPI document (openapi.json).
// Machine clients authenticate with `Authorization: Bearer <token>`; a
// browser session works too (non-GET requests then need X-CSRF-Token).
//
// Conventions (documented in openapi.json as well):
// - Errors are application/problem+json {type, title, status, detail,
//   errors?: [{field, message (English), key (i18n)}]}, never HTML:
//   400 malformed JSON / non-object body / bad query parameter,
//   415 a body that is not application/json, 422 fields that fail
//   validation (including wrong JSON types), 401/403 from the middleware.
// - Unknown and read-only fields in a body are ignored, so an object read
//   from the API can be sent back as it is.
// - PUT needs the version being replaced: `If-Match: "<version>"` (the ETag
//   of GET /api/v1/innovations/{id}) or the body's `version`; neither is 428,
//   a stale one 409. `state` is ignored by PUT (no transitions in v1).
// - POST with a source_id is an upsert on (source_program, source_id):
//   201 when created, 200 when the existing innovation was updated.
#pragma once

#include "http/router.hpp"
#include "web/site.hpp"

namespace lumbung::api {

// The /api/v1 route table (api_routes.cpp), one line per route.
void register_routes(http::Router& router, const web::Site& site);

}  // namespace lumbung::api
